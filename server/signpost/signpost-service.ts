import type { Knex } from 'knex'
import type { DirectoryScope } from '../directory/directory-scope'
import { type AreaSummary, areaLevels } from '../geo/geo-schemas'
import type { GeoService } from '../geo/geo-service'
import type { Config } from '../lib/config'
import type { TaxonomyService } from '../taxonomy/taxonomy-service'
import { type ExcludedRow, type SignpostRow, signpostNearMisses, signpostProviders } from './signpost-queries'
import { createReasonRenderer, isOpenAt, londonDate, type ReasonRenderer } from './signpost-reasons'
import type {
  ExclusionReason,
  SignpostExcluded,
  SignpostFallbackKind,
  SignpostProvider,
  SignpostQuery,
  SignpostReason,
  SignpostResponse,
  WeeklyHours,
} from './signpost-schemas'

/** Canonical codes (taxonomy.md) the rules name. */
const GENERALIST = 'generalist'
const LOCAL = 'local'
const NATIONAL = 'national'
const ACTIVE = 'active'

/** The codes the ranking statement is given (the benchmark's SQL floor passes the same). */
export const ruleCodes = {
  generalistKind: GENERALIST,
  localLevel: LOCAL,
  nationalLevel: NATIONAL,
  activeStatus: ACTIVE,
} as const

export interface SignpostOptions {
  /** SIGNPOST_MAX_RESULTS: providers in the answer, fallbacks included. */
  maxResults: number
  /** SIGNPOST_EXPLAIN_MAX_CANDIDATES: near misses listed by explain mode. */
  explainMaxCandidates: number
  /** Polygon coverage below this share of an area does not count (COVERAGE_MIN_SHARE_PERCENT / 100). */
  minCoverageShare: number
}

/**
 * The codes to look up in the coverage index: the place's most local areas (the ward, else the
 * district, ...). The index lists every descendant of a listed area, so these find every provider.
 */
export function mostLocalAreaCodes(areas: ReadonlyArray<{ code: string; level: string }>): string[] {
  const rank = (a: { level: string }) => areaLevels.indexOf(a.level as AreaSummary['level'])
  const ranks = areas.map(rank).filter((r) => r >= 0)
  if (ranks.length === 0) return []
  const mostLocal = Math.min(...ranks)
  return areas.filter((a) => rank(a) === mostLocal).map((a) => a.code)
}

/** The signpost settings from the configuration. */
export function signpostOptions(
  config: Pick<Config, 'signpostMaxResults' | 'signpostExplainMaxCandidates' | 'coverageMinSharePercent'>,
): SignpostOptions {
  return {
    maxResults: config.signpostMaxResults,
    explainMaxCandidates: config.signpostExplainMaxCandidates,
    minCoverageShare: config.coverageMinSharePercent / 100,
  }
}

export interface SignpostServiceDeps {
  knex: Knex
  geo: Pick<GeoService, 'resolvePlace'>
  taxonomy: TaxonomyService
  options: SignpostOptions
  /** Whether the directory covers the place's nation, and the onward routes when it does not. */
  scope: Pick<DirectoryScope, 'forPlace'>
  /** The clock for "open now" and verification recency (tests fix it). */
  now?: () => Date
}

type Place = SignpostResponse['place']

/**
 * Picks the main list and the fallbacks within `max`: the ranked list is cut short to make room
 * for a fallback that did not make the cut on its own.
 */
export function selectWithFallbacks<T extends { id: string }>(
  ranked: readonly T[],
  fallbacks: ReadonlyArray<T | undefined>,
  max: number,
): T[] {
  const wanted = fallbacks.filter(
    (f, i, all): f is T => f !== undefined && all.findIndex((g) => g?.id === f.id) === i,
  )
  let take = Math.min(max, ranked.length)
  for (;;) {
    const top = ranked.slice(0, take)
    const missing = wanted.filter((f) => !top.some((r) => r.id === f.id))
    if (top.length + missing.length <= max || take === 0)
      return [...top, ...missing].slice(0, Math.max(max, 0))
    take--
  }
}

export function createSignpostService({
  knex,
  geo,
  taxonomy,
  options,
  scope,
  now = () => new Date(),
}: SignpostServiceDeps) {
  let renderer: { taxonomy: unknown; render: ReasonRenderer } | undefined
  async function reasons(): Promise<ReasonRenderer> {
    const current = await taxonomy.getTaxonomy()
    if (renderer?.taxonomy !== current)
      renderer = { taxonomy: current, render: createReasonRenderer(current) }
    return renderer.render
  }

  async function resolvePlace(input: SignpostQuery['place']): Promise<Place> {
    const { kind: _kind, ...place } = await geo.resolvePlace(input)
    return place
  }

  function toProvider(
    row: SignpostRow,
    query: SignpostQuery,
    place: Place,
    render: ReasonRenderer,
    at: Date,
  ) {
    const fallback: SignpostFallbackKind | null = row.is_best_local_generalist
      ? 'local-generalist'
      : row.is_best_national
        ? 'national'
        : null
    const area = { code: row.area_code, name: row.area_name, nameCy: row.area_name_cy, level: row.area_level }
    const codes: SignpostReason[] = []
    if (fallback) {
      const district = place.areas.find((a) => a.level === LOCAL)
      codes.push({
        code: 'fallback',
        fallback,
        area:
          fallback === 'local-generalist' && district
            ? { code: district.code, name: district.name, nameCy: district.nameCy, level: district.level }
            : null,
      })
    }
    codes.push({ code: 'covers', area, viaPolygon: row.via_polygon })
    if (query.strands.length > 0) {
      codes.push(
        row.m_strands.length > 0
          ? { code: 'strands', strands: row.m_strands }
          : { code: 'serves-all-groups' },
      )
    }
    codes.push(
      row.need_fit
        ? { code: 'offers', functions: row.m_functions, topics: row.m_topics }
        : { code: 'need-not-listed', functions: query.functions, topics: query.topics },
    )
    for (const p of row.pathways) {
      codes.push({
        code: 'refers',
        to: { id: p.to_id, name: p.to_name },
        strands: p.strands.filter((s) => query.strands.includes(s)),
        topics: p.topics.filter((t) => query.topics.includes(t)),
      })
    }
    if (row.last_verified_at) codes.push({ code: 'verified', date: row.last_verified_at })
    if (row.distance_metres !== null) codes.push({ code: 'distance', metres: row.distance_metres })

    const hours = (row.opening_hours ?? null) as WeeklyHours | null
    const provider: SignpostProvider = {
      id: row.id,
      slug: row.slug,
      name: row.name,
      kind: row.kind,
      level: row.level,
      summary: row.summary,
      phone: row.phone,
      email: row.email,
      website: row.website,
      address: row.address,
      howToAccess: row.how_to_access,
      openingHours: hours,
      openNow: isOpenAt(hours, at),
      score: row.score,
      scoreParts: {
        strand: row.s_strand,
        fit: row.s_fit,
        verified: row.s_verified,
        distance: row.s_distance,
      },
      matched: { functions: row.m_functions, topics: row.m_topics, strands: row.m_strands },
      matchedArea: { ...area, viaPolygon: row.via_polygon },
      distanceMetres: row.distance_metres,
      lastVerifiedAt: row.last_verified_at,
      referralCriteria: row.referral_criteria,
      limits: row.limits,
      fallback,
      pathways: row.pathways.map((p) => ({
        id: p.id,
        to: { id: p.to_id, slug: p.to_slug, name: p.to_name, kind: p.to_kind, level: p.to_level },
        strands: p.strands,
        topics: p.topics,
        criteria: p.criteria,
        followUp: p.follow_up,
      })),
      reasons: codes.map(render.reason),
      reasonCodes: codes,
    }
    return provider
  }

  function toExcluded(row: ExcludedRow, query: SignpostQuery, render: ReasonRenderer): SignpostExcluded {
    const codes: ExclusionReason[] = []
    if (!row.active) codes.push({ code: 'not-active', status: row.status })
    if (!row.covers) {
      codes.push({
        code: 'not-covering',
        areas: row.listed_areas.map((a) => ({
          code: a.code,
          name: a.name,
          nameCy: a.name_cy,
          level: a.level,
        })),
      })
    }
    if (!row.strand_fit) codes.push({ code: 'wrong-strand', strands: row.strands, requested: query.strands })
    if (!row.need_fit) codes.push({ code: 'lacks-need', functions: query.functions, topics: query.topics })
    return {
      id: row.id,
      slug: row.slug,
      name: row.name,
      kind: row.kind,
      level: row.level,
      status: row.status,
      reasons: codes.map(render.exclusion),
      reasonCodes: codes,
    }
  }

  return {
    async signpost(query: SignpostQuery): Promise<SignpostResponse> {
      const at = now()
      const place = await resolvePlace(query.place)
      const need = { functions: query.functions, topics: query.topics, strands: query.strands }
      const directoryCoverage = await scope.forPlace(place.areas)
      const empty: SignpostResponse = {
        place,
        directoryCoverage,
        need,
        groups: [],
        fallbacks: { localGeneralist: null, national: null },
        matchedTotal: 0,
        shown: 0,
        ...(query.explain ? { explain: { excluded: [] } } : {}),
      }
      const codes = mostLocalAreaCodes(place.areas)
      if (codes.length === 0 || !place.location) return empty

      const base = {
        placeAreaCodes: codes,
        origin: place.location,
        minShare: options.minCoverageShare,
        functions: query.functions,
        topics: query.topics,
        strands: query.strands,
        ...ruleCodes,
      }
      const rows = await signpostProviders(knex, {
        ...base,
        today: londonDate(at),
        limit: options.maxResults,
      })
      const render = await reasons()

      const ranked = rows.filter((r) => r.need_fit).sort((a, b) => a.rn - b.rn)
      const localGeneralist = rows.find((r) => r.is_best_local_generalist)
      const national = rows.find((r) => r.is_best_national)
      const chosen = new Set(
        selectWithFallbacks(ranked, [localGeneralist, national], options.maxResults).map((r) => r.id),
      )
      // Rows arrive level first, qualifying before the unqualified local generalist, then by rank.
      const shown = rows.filter((r) => chosen.has(r.id))

      const groups: SignpostResponse['groups'] = []
      for (const row of shown) {
        const provider = toProvider(row, query, place, render, at)
        const last = groups[groups.length - 1]
        if (last?.level === row.level) last.providers.push(provider)
        else groups.push({ level: row.level, providers: [provider] })
      }

      const response: SignpostResponse = {
        place,
        directoryCoverage,
        need,
        groups,
        fallbacks: {
          localGeneralist: localGeneralist ? { id: localGeneralist.id, name: localGeneralist.name } : null,
          national: national ? { id: national.id, name: national.name } : null,
        },
        matchedTotal: rows[0]?.matched_total ?? 0,
        shown: shown.length,
      }
      if (query.explain) {
        const misses = await signpostNearMisses(knex, { ...base, limit: options.explainMaxCandidates })
        response.explain = { excluded: misses.map((m) => toExcluded(m, query, render)) }
      }
      return response
    },
  }
}

export type SignpostService = ReturnType<typeof createSignpostService>

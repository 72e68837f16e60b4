import type { Knex } from 'knex'
import type { DirectoryScope } from '../directory/directory-scope'
import { type AreaSummary, areaLevels } from '../geo/geo-schemas'
import type { GeoService } from '../geo/geo-service'
import type { Config } from '../lib/config'
import {
  type FreshnessPolicy,
  freshnessCutoffs,
  freshnessOf,
  freshnessSentence,
} from '../providers/freshness'
import type { TaxonomyService } from '../taxonomy/taxonomy-service'
import { type ExcludedRow, signpostNearMisses } from './signpost-near-misses'
import { type SignpostRow, signpostProviders } from './signpost-queries'
import { createReasonRenderer, isOpenAt, londonDate, type ReasonRenderer } from './signpost-reasons'
import type {
  ExclusionReason,
  SignpostExcluded,
  SignpostFallbackKind,
  SignpostFollowUp,
  SignpostPairRole,
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
  /**
   * The freshness policy (docs/decisions/0020): stale rows ranked after the fresh ones of their
   * level, expired and contactless ones listed after the options for follow-up. The app always
   * passes it; without it (the rules' own tests) every record stands.
   */
  freshness?: FreshnessPolicy
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
  freshness,
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
    partnerOf: ReadonlyMap<string, string>,
    today: string,
  ) {
    // A fallback only when the body is there because nothing nearer matched (decision 0004, rule 5).
    const fallback: SignpostFallbackKind | null =
      row.is_best_local_generalist && !row.need_fit
        ? 'local-generalist'
        : row.is_best_national && row.nothing_nearer
          ? 'national'
          : null
    const pair: SignpostPairRole | null = row.pair_generalist
      ? 'generalist'
      : row.pair_specialist
        ? 'specialist'
        : null
    const communityContext = !row.need_fit && row.m_strands.length > 0 && row.pair_specialist
    const missing = {
      languages: query.languages.filter((l) => !row.languages.includes(l)),
      formats: query.formats.filter((f) => !row.formats.includes(f)),
    }
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
    if (pair) codes.push({ code: 'pair', role: pair })
    codes.push({ code: 'covers', area, viaPolygon: row.via_polygon })
    if (query.strands.length > 0) {
      if (row.m_strands.length > 0 && row.kind !== GENERALIST)
        codes.push({ code: 'strands', strands: row.m_strands })
      else if (row.acts_as_generalist) codes.push({ code: 'acts-as-generalist' })
      else if (row.kind === GENERALIST) codes.push({ code: 'serves-all-groups' })
      else if (row.activity_specialist) codes.push({ code: 'activity-specialist' })
    }
    if (row.need_fit) codes.push({ code: 'offers', functions: row.m_functions, topics: row.m_topics })
    else if (communityContext)
      codes.push({
        code: 'community-context',
        strands: row.m_strands,
        functions: query.functions,
        topics: query.topics,
      })
    else codes.push({ code: 'need-not-listed', functions: query.functions, topics: query.topics })
    if (row.m_languages.length > 0 || row.m_formats.length > 0)
      codes.push({ code: 'offers-access', languages: row.m_languages, formats: row.m_formats })
    if (missing.languages.length > 0 || missing.formats.length > 0)
      codes.push({ code: 'does-not-offer', ...missing })
    // Relevant pathways, and any pathway to the other half of this level's pair (rule 7).
    const pathways = row.pathways.filter((p) => p.relevant || partnerOf.get(row.id) === p.to_id)
    for (const p of pathways) {
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
      welshName: row.welsh_name,
      welshSummary: row.welsh_summary,
      welshHowToAccess: row.welsh_how_to_access,
      openingHours: hours,
      openNow: isOpenAt(hours, at),
      score: row.score,
      scoreParts: {
        access: row.s_access,
        strand: row.s_strand,
        fit: row.s_fit,
        verified: row.s_verified,
        distance: row.s_distance,
      },
      matched: {
        functions: row.m_functions,
        topics: row.m_topics,
        strands: row.m_strands,
        strandDetails: row.m_strand_details,
      },
      actsAsGeneralist: row.acts_as_generalist,
      activitySpecialist: row.activity_specialist,
      languages: row.languages,
      formats: row.formats,
      access: { offered: { languages: row.m_languages, formats: row.m_formats }, missing },
      qualityMarks: row.quality_marks,
      qualityMarkOther: row.quality_mark_other,
      pair,
      communityContext,
      matchedArea: { ...area, viaPolygon: row.via_polygon },
      distanceMetres: row.distance_metres,
      lastVerifiedAt: row.last_verified_at,
      referralCriteria: row.referral_criteria,
      limits: row.limits,
      fallback,
      pathways: pathways.map((p) => ({
        id: p.id,
        to: { id: p.to_id, slug: p.to_slug, name: p.to_name, kind: p.to_kind, level: p.to_level },
        strands: p.strands,
        topics: p.topics,
        criteria: p.criteria,
        followUp: p.follow_up,
      })),
      reasons: codes.map(render.reason),
      reasonCodes: codes,
      freshness: freshness ? rowFreshness(row, today, freshness) : null,
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
    if (row.infrastructure_only) codes.push({ code: 'infrastructure-only' })
    if (!row.strand_fit) {
      codes.push(
        row.sibling_detail
          ? { code: 'sibling-detail', strandDetails: row.strand_details, requested: query.strandDetails }
          : { code: 'wrong-strand', strands: row.strands, requested: query.strands },
      )
    }
    if (!row.marks_fit)
      codes.push({
        code: 'lacks-quality-mark',
        qualityMarks: row.quality_marks,
        requested: query.qualityMarks,
      })
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
      const need = {
        functions: query.functions,
        topics: query.topics,
        strands: query.strands,
        strandDetails: query.strandDetails,
        languages: query.languages,
        formats: query.formats,
        qualityMarks: query.qualityMarks,
      }
      const directoryCoverage = await scope.forPlace(place.areas)
      const empty: SignpostResponse = {
        place,
        directoryCoverage,
        need,
        groups: [],
        fallbacks: { localGeneralist: null, national: null },
        matchedTotal: 0,
        shown: 0,
        followUp: [],
        ...(query.explain ? { explain: { excluded: [] } } : {}),
      }
      const codes = mostLocalAreaCodes(place.areas)
      if (codes.length === 0 || !place.location) return empty

      const base = {
        placeAreaCodes: codes,
        origin: place.location,
        minShare: options.minCoverageShare,
        ...need,
        ...ruleCodes,
      }
      const today = londonDate(at)
      const cutoffs = freshness ? freshnessCutoffs(today, freshness) : null
      const all = await signpostProviders(knex, {
        ...base,
        today,
        limit: options.maxResults,
        staleBefore: cutoffs?.staleBefore ?? null,
        expiredBefore: cutoffs?.expiredBefore ?? null,
      })
      const rows = all.filter((r) => !r.follow_up)
      const followUp = freshness
        ? all.filter((r) => r.follow_up).map((r) => toFollowUp(r, today, freshness))
        : []
      const render = await reasons()

      const ranked = rows.filter((r) => r.need_fit).sort((a, b) => a.rn - b.rn)
      const localGeneralist = rows.find((r) => r.is_best_local_generalist)
      const national = rows.find((r) => r.is_best_national)
      // Kept whatever the length: the fallbacks, then each level's pair, nearest level first.
      const pairs = rows.filter((r) => r.pair_generalist || r.pair_specialist)
      const chosen = new Set(
        selectWithFallbacks(ranked, [localGeneralist, national, ...pairs], options.maxResults).map(
          (r) => r.id,
        ),
      )
      // Rows arrive level first, fitting the need before the exceptions, then by rank.
      const shown = rows.filter((r) => chosen.has(r.id))
      const partnerOf = new Map<string, string>()
      for (const g of shown.filter((r) => r.pair_generalist)) {
        const s = shown.find((r) => r.pair_specialist && r.level === g.level && r.id !== g.id)
        if (s) {
          partnerOf.set(g.id, s.id)
          partnerOf.set(s.id, g.id)
        }
      }

      const groups: SignpostResponse['groups'] = []
      for (const row of shown) {
        const provider = toProvider(row, query, place, render, at, partnerOf, today)
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
        followUp,
      }
      if (query.explain) {
        const misses = await signpostNearMisses(knex, {
          ...base,
          limit: options.explainMaxCandidates + shown.length,
        })
        const lapsed = new Set(followUp.map((f) => f.id))
        const excluded = [
          ...followUp.map((f) => lapsedExcluded(f, render)),
          ...misses
            .filter((m) => !chosen.has(m.id) && !lapsed.has(m.id))
            .map((m) => toExcluded(m, query, render)),
        ]
        response.explain = { excluded: excluded.slice(0, options.explainMaxCandidates) }
      }
      return response
    },
  }
}

/** The policy's verdict on one ranked row on `today`. */
function rowFreshness(row: SignpostRow, today: string, policy: FreshnessPolicy) {
  return freshnessOf({ ...row, lastVerifiedAt: row.last_verified_at }, today, policy)
}

/** A record the policy leaves out, listed after the options so staff can follow it up. */
function toFollowUp(row: SignpostRow, today: string, policy: FreshnessPolicy): SignpostFollowUp {
  const freshness = rowFreshness(row, today, policy)
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    level: row.level,
    summary: row.summary,
    matched: { functions: row.m_functions, topics: row.m_topics, strands: row.m_strands },
    lastVerifiedAt: row.last_verified_at,
    freshness,
    reasons: freshness.reasons.map(freshnessSentence),
  }
}

/** Explain's entry for a record the freshness policy left out: its freshness reasons as exclusions. */
function lapsedExcluded(f: SignpostFollowUp, render: ReasonRenderer): SignpostExcluded {
  const codes: ExclusionReason[] = f.freshness.reasons.flatMap((r): ExclusionReason[] =>
    r.code === 'expired' || r.code === 'no-contact' ? [r] : [],
  )
  return {
    id: f.id,
    slug: f.slug,
    name: f.name,
    kind: f.kind,
    level: f.level,
    status: ACTIVE,
    reasons: codes.map(render.exclusion),
    reasonCodes: codes,
  }
}

export type SignpostService = ReturnType<typeof createSignpostService>

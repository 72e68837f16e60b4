import { createHash, randomUUID } from 'node:crypto'
import type { Knex } from 'knex'
import type { GeoService } from '../geo/geo-service'
import { NotFoundError, ValidationError } from '../lib/errors'
import { DISPLAY_PRECISION, type MultiPolygonGeometry } from '../lib/geometry'
import { findProviderRow, providerIdsBySlug } from '../providers/provider-queries'
import { optionalTextsOf } from '../providers/provider-row'
import { type PathwayInput, UUID_PATTERN } from '../providers/provider-schema'
import type { TaxonomyService } from '../taxonomy/taxonomy-service'
import {
  type AreaRow,
  areasByCode,
  coverageAreaCodes,
  coverageGeometry,
  drawnCoverageGeometry,
  insertPathways,
  listedCoverageAreas,
  pathwaysOf,
} from './directory-queries'
import type {
  AreaRef,
  ProviderDetail,
  ProviderSummary,
  SearchPlace,
  SearchQuery,
  SearchResponse,
} from './directory-schemas'
import { createDirectoryScope, DEFAULT_DIRECTORY_NATIONS } from './directory-scope'
import { type ProviderSummaryRow, type SearchRow, searchProviders } from './directory-search-queries'

/** The kind code whose records serve every group (taxonomy.md). */
export const GENERALIST_KIND = 'generalist'

/** What the search needs from the geography feature (wired in createApp): no own point-in-polygon here. */
export type PlaceLookup = Pick<GeoService, 'resolvePlace'>

// ---------- identifiers ----------

/** A name-based (version 5 style) UUID, so re-seeding gives records the same ids and URLs. */
export function stableId(namespace: string, name: string): string {
  const hash = createHash('sha1').update(`${namespace}:${name}`).digest()
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}

// ---------- writes (each takes the caller's transaction) ----------

export async function insertPathwayRecords(
  trx: Knex.Transaction,
  pathways: PathwayInput[],
  idFor: (p: PathwayInput) => string = () => randomUUID(),
): Promise<void> {
  const ids = await providerIdsBySlug(trx, [...new Set(pathways.flatMap((p) => [p.fromSlug, p.toSlug]))])
  const unknown = [...new Set(pathways.flatMap((p) => [p.fromSlug, p.toSlug]).filter((s) => !ids.has(s)))]
  if (unknown.length > 0) {
    throw new ValidationError(`Referral pathways name unknown providers: ${unknown.join(', ')}`)
  }
  await insertPathways(
    trx,
    pathways.map((p) => ({
      id: idFor(p),
      fromId: ids.get(p.fromSlug) as string,
      toId: ids.get(p.toSlug) as string,
      criteria: p.criteria,
      followUp: p.followUp ?? null,
      strands: p.strands,
      topics: p.topics,
    })),
  )
}

// ---------- reads ----------

function areaRef(row: AreaRow): AreaRef {
  return { code: row.code, name: row.name, nameCy: row.name_cy, level: row.level, type: row.type }
}

function summaryFields(row: ProviderSummaryRow) {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    level: row.level,
    orgType: row.org_type,
    status: row.status,
    summary: row.summary,
    welshName: row.welsh_name ?? null,
    welshSummary: row.welsh_summary ?? null,
    functions: row.functions,
    topics: row.topics,
    strands: row.strands,
    office:
      row.office_lng === null || row.office_lat === null
        ? null
        : { lng: row.office_lng, lat: row.office_lat },
    lastVerifiedAt: row.last_verified_at,
  }
}

const intersect = (requested: string[], held: string[]) => requested.filter((code) => held.includes(code))

function toSummary(
  row: SearchRow,
  query: SearchQuery,
  withPlace: boolean,
  areaOf: Map<string, AreaRef>,
): ProviderSummary {
  const item: ProviderSummary = {
    ...summaryFields(row),
    relevance: Number(row.relevance),
    reasons: {
      functions: intersect(query.functions, row.functions),
      topics: intersect(query.topics, row.topics),
      strands: intersect(query.strands, row.strands),
      generalistFallback: query.strands.length > 0 && !row.strand_match,
      languages: intersect(query.languages, row.languages),
      formats: intersect(query.formats, row.formats),
      qualityMarks: intersect(query.qualityMarks, row.quality_marks),
      text: row.text_match,
    },
  }
  if (withPlace) {
    const area = row.matched_code ? areaOf.get(row.matched_code) : undefined
    if (area) {
      item.matchedArea = {
        code: area.code,
        name: area.name,
        nameCy: area.nameCy,
        level: area.level,
        type: area.type,
        viaPolygon: row.via_polygon === true,
        share: Number(row.share),
      }
    }
    item.distanceMetres = row.distance_metres === null ? null : Math.round(Number(row.distance_metres))
  }
  return item
}

export interface DirectoryServiceDeps {
  knex: Knex
  taxonomy: TaxonomyService
  geo: PlaceLookup
  /** Polygon coverage below this share of an area does not count as covering it. */
  minCoverageShare: number
  /** DIRECTORY_NATIONS: the nations the records cover (default England and Wales). */
  directoryNations?: readonly string[]
}

export function createDirectoryService({
  knex,
  taxonomy,
  geo,
  minCoverageShare,
  directoryNations = DEFAULT_DIRECTORY_NATIONS,
}: DirectoryServiceDeps) {
  const scope = createDirectoryScope({ knex, nations: directoryNations })
  /** The searched place, and the codes to look up in the coverage index (undefined: no place). */
  async function resolvePlace(
    query: SearchQuery,
  ): Promise<{ place: SearchPlace; lookupCodes: string[] } | undefined> {
    // A malformed postcode or an unknown area is a 400, as on /api/geo.
    const placeQuery =
      query.area !== undefined
        ? { area: query.area }
        : query.postcode !== undefined
          ? { postcode: query.postcode }
          : query.point
    if (!placeQuery) return undefined
    const found = await geo.resolvePlace(placeQuery)
    const place: SearchPlace = {
      kind: found.kind,
      postcode: found.postcode,
      precision: found.precision,
      lng: found.location?.lng ?? null,
      lat: found.location?.lat ?? null,
      areas: found.areas,
      ...(found.outside ? { outside: found.outside } : {}),
    }
    // The index lists every area a provider covers, so the area's own row is the whole answer.
    if (place.kind === 'area') return { place, lookupCodes: [place.areas[0]?.code as string] }
    // The index lists every descendant of a listed area, so the most local areas containing the
    // place find every provider covering it, each through one index row.
    const levels = (await taxonomy.getTaxonomy()).levels.map((l) => l.code)
    const ranks = place.areas.map((a) => levels.indexOf(a.level)).filter((i) => i >= 0)
    const mostLocal = Math.min(...ranks)
    return {
      place,
      lookupCodes: place.areas.filter((a) => levels.indexOf(a.level) === mostLocal).map((a) => a.code),
    }
  }

  async function findByIdOrSlug(idOrSlug: string) {
    const row = await findProviderRow(
      knex,
      UUID_PATTERN.test(idOrSlug) ? { id: idOrSlug.toLowerCase() } : { slug: idOrSlug },
    )
    if (!row) throw new NotFoundError(`No provider with id or slug "${idOrSlug}"`)
    return row
  }

  return {
    /** A record's status (active, draft, closed): drafts are shown to editors only. */
    async statusOf(idOrSlug: string): Promise<string> {
      return (await findByIdOrSlug(idOrSlug)).status
    },

    async search(query: SearchQuery): Promise<SearchResponse> {
      const resolved = await resolvePlace(query)
      const place = resolved?.place
      const base = { page: query.page, perPage: query.perPage }
      const directoryCoverage = place ? await scope.forPlace(place.areas) : undefined
      if (resolved && resolved.lookupCodes.length === 0)
        return { items: [], ...base, total: 0, place, directoryCoverage }
      const placeAreaCodes = resolved?.lookupCodes
      const { total, rows } = await searchProviders(knex, {
        placeAreaCodes,
        origin:
          place && place.lng !== null && place.lat !== null ? { lng: place.lng, lat: place.lat } : undefined,
        minShare: minCoverageShare,
        q: query.q,
        levels: query.levels,
        kinds: query.kinds,
        functions: query.functions,
        topics: query.topics,
        strands: query.strands,
        languages: query.languages,
        formats: query.formats,
        qualityMarks: query.qualityMarks,
        statuses: query.statuses,
        verifiedSince: query.verifiedSince,
        generalistKind: GENERALIST_KIND,
        limit: query.perPage,
        offset: (query.page - 1) * query.perPage,
      })
      // A matched area contains the place, so it is nearly always among the place's own areas;
      // the rest (boundary data disagreeing at an edge) are read in one query.
      const areaOf = new Map((place?.areas ?? []).map((a) => [a.code, a]))
      const missing = [
        ...new Set(
          rows.flatMap((r) => (r.matched_code && !areaOf.has(r.matched_code) ? [r.matched_code] : [])),
        ),
      ]
      for (const row of await areasByCode(knex, missing)) areaOf.set(row.code, areaRef(row))
      return {
        items: rows.map((row) => toSummary(row, query, place !== undefined, areaOf)),
        ...base,
        total,
        ...(place ? { place, directoryCoverage } : {}),
      }
    },

    async getProvider(idOrSlug: string): Promise<ProviderDetail> {
      const row = await findByIdOrSlug(idOrSlug)
      const areas = await listedCoverageAreas(knex, row.id)
      const pathways = await pathwaysOf(knex, row.id)
      const pathway = (p: (typeof pathways)[number]) => ({
        id: p.id,
        provider: {
          id: p.other_id,
          slug: p.other_slug,
          name: p.other_name,
          kind: p.other_kind,
          level: p.other_level,
        },
        strands: p.strands,
        topics: p.topics,
        criteria: p.criteria,
        followUp: p.follow_up,
      })
      return {
        ...summaryFields(row),
        ...optionalTextsOf(row),
        cost: { type: row.cost_type, text: row.cost_text },
        membershipBased: row.membership_based,
        languages: row.languages,
        formats: row.formats,
        openingHours: (row.opening_hours ?? null) as ProviderDetail['openingHours'],
        website: row.website,
        email: row.email,
        phone: row.phone,
        qualityMarks: row.quality_marks,
        annualReportUrl: row.annual_report_url,
        source: row.source,
        version: row.version,
        createdAt: row.created_at.toISOString(),
        updatedAt: row.updated_at.toISOString(),
        coverage: { areas: areas.map(areaRef), hasPolygon: row.has_polygon },
        referralPathways: {
          outgoing: pathways.filter((p) => p.direction === 'outgoing').map(pathway),
          incoming: pathways.filter((p) => p.direction === 'incoming').map(pathway),
        },
      }
    },

    /**
     * The service area as one display-simplified GeoJSON Feature (geometry null when none is set),
     * with the drawn polygon as stored (always a MultiPolygon) in its properties.
     */
    async getCoverage(idOrSlug: string) {
      const drawnPolygon = async (id: string) => {
        const drawn = await drawnCoverageGeometry(knex, id)
        return drawn ? (JSON.parse(drawn) as MultiPolygonGeometry) : null
      }
      const row = await findByIdOrSlug(idOrSlug)
      const text = await coverageGeometry(knex, row.id, DISPLAY_PRECISION)
      const geometry = text ? (JSON.parse(text) as MultiPolygonGeometry) : null
      return {
        type: 'Feature' as const,
        id: row.id,
        properties: {
          id: row.id,
          slug: row.slug,
          name: row.name,
          level: row.level,
          areaCodes: await coverageAreaCodes(knex, row.id),
          hasPolygon: row.has_polygon,
          drawnPolygon: row.has_polygon ? await drawnPolygon(row.id) : null,
        },
        geometry,
      }
    },
  }
}

export type DirectoryService = ReturnType<typeof createDirectoryService>

import { createHash, randomUUID } from 'node:crypto'
import type { Knex } from 'knex'
import { refreshCoverageCells } from '../coverage/coverage-queries'
import type { GeoService } from '../geo/geo-service'
import { NotFoundError, ValidationError } from '../lib/errors'
import { DISPLAY_PRECISION, geoJsonText, type MultiPolygonGeometry } from '../lib/geometry'
import type { TaxonomyService } from '../taxonomy/taxonomy-service'
import {
  type AreaRow,
  analyzeDirectory,
  areasByCode,
  type CodeField,
  coverageAreaCodes,
  coverageGeometry,
  deleteProvidersWhereSource,
  drawnCoverageGeometry,
  findProvider,
  insertPathways,
  insertProviderCodes,
  insertProviders,
  listedCoverageAreas,
  missingAreaCodes,
  type ProviderRow,
  type ProviderSummaryRow,
  pathwaysOf,
  polygonProblems,
  providerIdsBySlug,
  rebuildCoverageIndex,
  refreshSearchRows,
  replaceCoverageRows,
  type SearchRow,
  searchProviders,
} from './directory-queries'
import {
  type AreaRef,
  type CoverageInput,
  type PathwayInput,
  type ProviderDetail,
  type ProviderInput,
  type ProviderSummary,
  type SearchPlace,
  type SearchQuery,
  type SearchResponse,
  UUID_PATTERN,
} from './directory-schemas'
import { createDirectoryScope, DEFAULT_DIRECTORY_NATIONS } from './directory-scope'

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

/** A provider's columns as stored, apart from its id and status (the editing feature reuses this). */
export function providerColumns(p: Omit<ProviderInput, 'status'>): Omit<ProviderRow, 'id' | 'status'> {
  return {
    slug: p.slug,
    name: p.name,
    kind: p.kind,
    level: p.level,
    org_type: p.orgType,
    summary: p.summary,
    description: p.description ?? null,
    mission: p.mission ?? null,
    remit: p.remit ?? null,
    limits: p.limits ?? null,
    referral_criteria: p.referralCriteria ?? null,
    how_to_access: p.howToAccess ?? null,
    cost_type: p.cost.type,
    cost_text: p.cost.text ?? null,
    membership_based: p.membershipBased,
    opening_hours: p.openingHours ?? null,
    website: p.website ?? null,
    email: p.email ?? null,
    phone: p.phone ?? null,
    address: p.address ?? null,
    office: p.office ?? null,
    charity_number: p.charityNumber ?? null,
    company_number: p.companyNumber ?? null,
    quality_marks: p.qualityMarks,
    annual_report_url: p.annualReportUrl ?? null,
    last_verified_at: p.lastVerifiedAt ?? null,
    source: p.source,
  }
}

function toRow(id: string, p: ProviderInput): ProviderRow {
  return { id, status: p.status, ...providerColumns(p) }
}

/**
 * Checks a batch of service areas before writing: every listed code loaded, every polygon valid.
 * `label` names the record in the error (its slug, or "coverage" for a single edit).
 */
async function checkCoverage(
  trx: Knex.Transaction,
  batch: Array<{ label: string; coverage: CoverageInput }>,
): Promise<void> {
  const missing = new Set(await missingAreaCodes(trx, [...new Set(batch.flatMap((b) => b.coverage.areas))]))
  const withPolygon = batch.filter((b) => b.coverage.polygon)
  const problems = await polygonProblems(
    trx,
    withPolygon.map((b) => geoJsonText(b.coverage.polygon as NonNullable<CoverageInput['polygon']>)),
  )
  const details = [
    ...batch.flatMap((b) =>
      b.coverage.areas
        .filter((code) => missing.has(code))
        .map((code) => ({ field: `${b.label}.coverage.areas`, message: `area ${code} is not loaded` })),
    ),
    ...withPolygon.flatMap((b, i) =>
      problems[i]
        ? [{ field: `${b.label}.coverage.polygon`, message: `invalid polygon: ${problems[i]}` }]
        : [],
    ),
  ]
  if (details.length > 0) {
    throw new ValidationError(
      `Invalid service area: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`,
      details,
    )
  }
}

async function writeCoverage(
  trx: Knex.Transaction,
  batch: Array<{ id: string; coverage: CoverageInput }>,
): Promise<void> {
  const ids = batch.map((b) => b.id)
  await replaceCoverageRows(
    trx,
    ids,
    batch.flatMap((b) => b.coverage.areas.map((areaCode) => ({ providerId: b.id, areaCode }))),
    batch.flatMap((b) =>
      b.coverage.polygon ? [{ providerId: b.id, geojson: geoJsonText(b.coverage.polygon) }] : [],
    ),
  )
  await rebuildCoverageIndex(trx, ids)
}

/**
 * Replaces one provider's service area and its coverage index, in the caller's transaction:
 * the one function every write path (editing, import, the seed) uses for coverage.
 */
export async function replaceCoverage(
  trx: Knex.Transaction,
  providerId: string,
  coverage: CoverageInput,
): Promise<void> {
  await checkCoverage(trx, [{ label: 'coverage', coverage }])
  await writeCoverage(trx, [{ id: providerId, coverage }])
  // One provider's edit: fold it into the coverage cells now, in this transaction, touching only
  // the cells of the areas it covered or covers (bulk loads leave that to the next coverage read).
  await refreshCoverageCells(trx)
}

const codeFields: CodeField[] = ['functions', 'topics', 'strands', 'languages', 'formats']

/**
 * Inserts already-validated providers set-based: records, codes, service areas, coverage index
 * and search documents, all in the caller's transaction. Returns the ids, in input order.
 */
export async function insertProviderRecords(
  trx: Knex.Transaction,
  providers: Array<ProviderInput & { id?: string }>,
): Promise<string[]> {
  const withIds = providers.map((p) => ({ ...p, id: p.id ?? randomUUID() }))
  await checkCoverage(
    trx,
    withIds.map((p) => ({ label: p.slug, coverage: p.coverage })),
  )
  await insertProviders(
    trx,
    withIds.map((p) => toRow(p.id, p)),
  )
  for (const field of codeFields) {
    await insertProviderCodes(
      trx,
      field,
      withIds.flatMap((p) => p[field].map((code) => ({ providerId: p.id, code }))),
    )
  }
  // Search rows first: the coverage index copies each provider's facets from them.
  const ids = withIds.map((p) => p.id)
  await refreshSearchRows(trx, ids)
  await writeCoverage(trx, withIds)
  return ids
}

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

export { analyzeDirectory, deleteProvidersWhereSource, refreshSearchRows }

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
    const row = await findProvider(
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
        description: row.description,
        mission: row.mission,
        remit: row.remit,
        limits: row.limits,
        referralCriteria: row.referral_criteria,
        howToAccess: row.how_to_access,
        cost: { type: row.cost_type, text: row.cost_text },
        membershipBased: row.membership_based,
        languages: row.languages,
        formats: row.formats,
        openingHours: (row.opening_hours ?? null) as ProviderDetail['openingHours'],
        website: row.website,
        email: row.email,
        phone: row.phone,
        address: row.address,
        charityNumber: row.charity_number,
        companyNumber: row.company_number,
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

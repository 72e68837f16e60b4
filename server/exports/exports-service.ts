import type { Knex } from 'knex'
import type { SearchQuery } from '../directory/directory-schemas'
import { type CsvValue, csvLine } from '../lib/csv'
import { orgIdsOf, type ProviderFacts, PUBLISHED_STATUSES, providerUri } from '../oruk/oruk-records'
import { factsOf } from '../oruk/oruk-service'
import { CSV_COLUMNS } from '../providers/provider-csv'
import type { ProviderReadRow } from '../providers/provider-row'
import { selectCoverageSummaries, selectFactsPage, selectPublishedFactsByIds } from './exports-queries'

/**
 * The public downloads: every published provider (active and closed; drafts are unfinished) with
 * its public fields, as CSV or GeoJSON. The CSV uses the bulk import's column names (one place
 * defines them: server/imports/imports-csv.ts), less `source`, which is internal, plus the
 * record's id, page, last change, whether it has a drawn service area and its organisation
 * identifiers (org-ids such as GB-CHC-1234567, from its charity and company numbers).
 */

export interface ExportRecord {
  facts: ProviderFacts
  areaCodes: string[]
  hasPolygon: boolean
}

export interface Licence {
  name: string
  url: string
  attribution: string
}

/** Read in pages, so a large directory streams out instead of sitting in memory. */
export const EXPORT_BATCH_ROWS = 1000

/** The provider as the import takes it, so each CSV column reads its own path. */
function asInput(r: ExportRecord): Record<string, unknown> {
  const f = r.facts
  return {
    slug: f.slug,
    name: f.name,
    kind: f.kind,
    level: f.level,
    orgType: f.orgType,
    status: f.status,
    summary: f.summary,
    description: f.description,
    mission: f.mission,
    remit: f.remit,
    limits: f.limits,
    referralCriteria: f.referralCriteria,
    howToAccess: f.howToAccess,
    cost: { type: f.costType, text: f.costText },
    membershipBased: f.membershipBased,
    actsAsGeneralist: f.actsAsGeneralist,
    activitySpecialist: f.activitySpecialist,
    servesInfrastructureOnly: f.servesInfrastructureOnly,
    functions: f.functions,
    topics: f.topics,
    strands: f.strands,
    strandDetails: f.strandDetails,
    languages: f.languages,
    formats: f.formats,
    openingHours: f.openingHours,
    website: f.website,
    email: f.email,
    phone: f.phone,
    address: f.address,
    office: f.office,
    charityNumber: f.charityNumber,
    companyNumber: f.companyNumber,
    qualityMarks: f.qualityMarks,
    qualityMarkOther: f.qualityMarkOther,
    welshName: f.welshName,
    welshSummary: f.welshSummary,
    welshDescription: f.welshDescription,
    welshHowToAccess: f.welshHowToAccess,
    annualReportUrl: f.annualReportUrl,
    lastVerifiedAt: f.lastVerifiedAt,
    coverage: { areas: r.areaCodes },
  }
}

const valueAt = (object: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | null)?.[key], object)

/** Columns published: the import's, less the internal `source`. */
export const EXPORT_CSV_COLUMNS: Array<readonly [string, string]> = [
  ['id', ''],
  ...CSV_COLUMNS.filter(([column]) => column !== 'source'),
  ['has_drawn_area', ''],
  ['updated_at', ''],
  ['url', ''],
  ['org_ids', ''],
]

/** A cell value: lists as `a;b`, objects (opening hours, cost) as JSON, numbers and booleans as themselves. */
function cellValue(value: unknown): CsvValue {
  if (value === null || value === undefined) return null
  if (Array.isArray(value)) return value.join(';')
  if (typeof value === 'object') return JSON.stringify(value)
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value
  return String(value)
}

/** The header line (CRLF): the column names, as the import reads them. */
export function csvHeader(): string {
  return csvLine(EXPORT_CSV_COLUMNS.map(([column]) => column))
}

/** One provider's line (CRLF), through the server's one CSV writer and its formula guard (server/lib/csv.ts). */
export function csvRow(r: ExportRecord, baseUrl: string): string {
  const input = asInput(r)
  const extra: Record<string, unknown> = {
    id: r.facts.id,
    has_drawn_area: r.hasPolygon,
    updated_at: r.facts.updatedAt,
    url: providerUri(baseUrl, r.facts.slug),
    org_ids: orgIdsOf(r.facts),
  }
  return csvLine(
    EXPORT_CSV_COLUMNS.map(([column, path]) => cellValue(path === '' ? extra[column] : valueAt(input, path))),
  )
}

/** One provider as a GeoJSON Feature: its office as the point (null geometry without one). */
export function geoJsonFeature(r: ExportRecord, baseUrl: string) {
  const { office, ...rest } = asInput(r) as { office: ProviderFacts['office'] } & Record<string, unknown>
  return {
    type: 'Feature' as const,
    id: r.facts.id,
    geometry: office ? { type: 'Point' as const, coordinates: [office.lng, office.lat] } : null,
    properties: {
      id: r.facts.id,
      ...rest,
      hasDrawnArea: r.hasPolygon,
      updatedAt: r.facts.updatedAt,
      url: providerUri(baseUrl, r.facts.slug),
      orgIds: orgIdsOf(r.facts),
    },
  }
}

/** The GeoJSON text before the features: the licence and attribution as foreign members (RFC 7946 §6.1). */
export function geoJsonOpening(licence: Licence, generatedAt: string): string {
  const head = JSON.stringify({
    type: 'FeatureCollection',
    name: 'Support Atlas providers',
    licence: { name: licence.name, url: licence.url },
    attribution: licence.attribution,
    generated: generatedAt,
  })
  return `${head.slice(0, -1)},"features":[`
}

/** What a filtered download needs from the directory: its search, so a download matches it exactly. */
export type ProviderSearch = (query: SearchQuery) => Promise<{ items: Array<{ id: string }> }>

export function createExportsService({ knex, search }: { knex: Knex; search: ProviderSearch }) {
  async function withCoverage(rows: ProviderReadRow[]): Promise<ExportRecord[]> {
    const coverage = await selectCoverageSummaries(
      knex,
      rows.map((r) => r.id),
    )
    return rows.map((row) => ({
      facts: factsOf(row),
      areaCodes: coverage.get(row.id)?.areaCodes ?? [],
      hasPolygon: coverage.get(row.id)?.hasPolygon ?? false,
    }))
  }

  return {
    /** The published providers, a batch at a time, in name order. */
    async *records(batchRows = EXPORT_BATCH_ROWS): AsyncGenerator<ExportRecord[]> {
      for (let offset = 0; ; offset += batchRows) {
        const rows = await selectFactsPage(knex, PUBLISHED_STATUSES, { limit: batchRows, offset })
        if (rows.length === 0) return
        yield await withCoverage(rows)
        if (rows.length < batchRows) return
      }
    },

    /**
     * Every provider a search matches (all its pages, not one), a batch at a time, in the search's
     * own order: the directory's search runs page by page with a batch-sized page, and each page of
     * ids is read whole. Drafts never leave, whatever the query's statuses.
     */
    async *searchRecords(query: SearchQuery, batchRows = EXPORT_BATCH_ROWS): AsyncGenerator<ExportRecord[]> {
      for (let page = 1; ; page++) {
        const { items } = await search({ ...query, page, perPage: batchRows })
        const rows = await selectPublishedFactsByIds(
          knex,
          items.map((i) => i.id),
          PUBLISHED_STATUSES,
        )
        if (rows.length > 0) yield await withCoverage(rows)
        if (items.length < batchRows) return
      }
    },
  }
}

export type ExportsService = ReturnType<typeof createExportsService>

import {
  type CodeField,
  codeFields,
  type OptionalTextField,
  optionalTextFields,
  type ProviderInput,
} from './provider-schema'

/**
 * The one mapping between a provider record (camelCase, as the schema has it) and its row in
 * `providers` (snake_case). A field stored in one column lives under its own name in snake_case,
 * so the lists below name record fields only; the few fields stored otherwise (cost, office,
 * verification date, codes, service area) are mapped by hand, once, here.
 */

/** The multi-valued code fields: vocabulary table, join table, join column. */
export const codeTables = {
  functions: { join: 'provider_functions', column: 'function_code', vocabulary: 'taxonomy_functions' },
  topics: { join: 'provider_topics', column: 'topic_code', vocabulary: 'taxonomy_topics' },
  strands: { join: 'provider_strands', column: 'strand_code', vocabulary: 'taxonomy_strands' },
  strandDetails: {
    join: 'provider_strand_details',
    column: 'strand_detail_code',
    vocabulary: 'taxonomy_strand_details',
  },
  languages: { join: 'provider_languages', column: 'language_code', vocabulary: 'taxonomy_languages' },
  formats: { join: 'provider_formats', column: 'format_code', vocabulary: 'taxonomy_formats' },
} as const satisfies Record<CodeField, { join: string; column: string; vocabulary: string }>

/** The column a one-column field is stored in. */
export const columnOf = (field: string): string => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

/** columnOf, for the types: `referralCriteria` -> `referral_criteria`. */
type ColumnOf<S extends string> = S extends `${infer H}${infer T}`
  ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${ColumnOf<T>}`
  : S

/** Fields stored one column each (status apart: edits change it through close and reopen only). */
const plainFields = [
  'slug',
  'name',
  'kind',
  'level',
  'orgType',
  'summary',
  ...optionalTextFields,
  'membershipBased',
  'actsAsGeneralist',
  'activitySpecialist',
  'servesInfrastructureOnly',
  'openingHours',
  'website',
  'email',
  'phone',
  'qualityMarks',
  'annualReportUrl',
  'source',
] as const

/** Every column a write sets, apart from id, status and office (a point, written from lng/lat). */
export const writtenColumns: readonly string[] = [
  ...plainFields.map(columnOf),
  'cost_type',
  'cost_text',
  'last_verified_at',
]

/** SQL types of the written columns that are not text (for jsonb_to_recordset). */
export const columnTypes: Readonly<Record<string, string>> = {
  membership_based: 'boolean',
  acts_as_generalist: 'boolean',
  activity_specialist: 'boolean',
  serves_infrastructure_only: 'boolean',
  opening_hours: 'jsonb',
  quality_marks: 'jsonb',
}

/** A record's stored columns; `status` only when the write sets it. */
export interface ProviderColumns {
  office: { lng: number; lat: number } | null
  opening_hours: unknown
  status?: string
  [column: string]: unknown
}

export interface ProviderRow extends ProviderColumns {
  id: string
  status: string
}

/** A record's columns as stored, apart from its id and status. */
export function providerColumns(p: Omit<ProviderInput, 'status'>): ProviderColumns {
  const fields = p as Record<string, unknown>
  const row: ProviderColumns = { office: p.office ?? null, opening_hours: null }
  for (const field of plainFields) row[columnOf(field)] = fields[field] ?? null
  row.cost_type = p.cost.type
  row.cost_text = p.cost.text ?? null
  row.last_verified_at = p.lastVerifiedAt ?? null
  return row
}

export function providerRow(id: string, p: ProviderInput): ProviderRow {
  return { ...providerColumns(p), id, status: p.status }
}

const codesSelect = (field: CodeField, alias: string) => {
  const { join, column, vocabulary } = codeTables[field]
  return `ARRAY(SELECT x.${column} FROM ${join} x JOIN ${vocabulary} v ON v.code = x.${column}
                WHERE x.provider_id = ${alias}.id ORDER BY v.position) AS "${field}"`
}

/** The select list of a whole record (codes in taxonomy order); `alias` names `providers`. */
export const providerSelect = (alias = 'p'): string => `
  ${alias}.id, ${alias}.version, ${alias}.status, ${alias}.created_at, ${alias}.updated_at,
  ${[...plainFields.map(columnOf), 'cost_type', 'cost_text'].map((c) => `${alias}.${c}`).join(', ')},
  ST_X(${alias}.office) AS office_lng, ST_Y(${alias}.office) AS office_lat,
  to_char(${alias}.last_verified_at, 'YYYY-MM-DD') AS last_verified_at,
  ${codeFields.map((f) => codesSelect(f, alias)).join(', ')}`

/** A row read with providerSelect. */
export type ProviderReadRow = {
  [F in OptionalTextField as ColumnOf<F>]: string | null
} & {
  id: string
  version: number
  status: string
  created_at: Date
  updated_at: Date
  slug: string
  name: string
  kind: string
  level: string
  org_type: string
  summary: string
  cost_type: string
  cost_text: string | null
  membership_based: boolean
  acts_as_generalist: boolean
  activity_specialist: boolean
  serves_infrastructure_only: boolean
  opening_hours: unknown
  website: string | null
  email: string | null
  phone: string | null
  quality_marks: string[]
  annual_report_url: string | null
  source: string
  office_lng: number | null
  office_lat: number | null
  last_verified_at: string | null
  functions: string[]
  topics: string[]
  strands: string[]
  strandDetails: string[]
  languages: string[]
  formats: string[]
  [column: string]: unknown
}

/** A service area as read back: listed codes, and the drawn polygon as GeoJSON text or null. */
export interface StoredCoverage {
  areas: string[]
  polygon: string | null
}

/**
 * The stored record in the write API's shape: camelCase, a field the record is without left out
 * (not null), codes in taxonomy order, the polygon as GeoJSON. Audit rows and edit diffs hold this.
 */
export function recordOf(row: ProviderReadRow, coverage: StoredCoverage): Record<string, unknown> {
  const record: Record<string, unknown> = {}
  const put = (field: string, value: unknown) => {
    if (value !== null && value !== undefined) record[field] = value
  }
  for (const field of plainFields) put(field, row[columnOf(field)])
  put('status', row.status)
  record.cost =
    row.cost_text === null ? { type: row.cost_type } : { type: row.cost_type, text: row.cost_text }
  for (const field of codeFields) record[field] = row[field]
  put(
    'office',
    row.office_lng === null || row.office_lat === null ? null : { lng: row.office_lng, lat: row.office_lat },
  )
  put('lastVerifiedAt', row.last_verified_at)
  record.coverage =
    coverage.polygon === null
      ? { areas: coverage.areas }
      : { areas: coverage.areas, polygon: JSON.parse(coverage.polygon) }
  return record
}

/** The optional text fields as the API shows them: text, or null when the record is without. */
export function optionalTextsOf(row: ProviderReadRow): Record<OptionalTextField, string | null> {
  return Object.fromEntries(
    optionalTextFields.map((field) => [field, (row[columnOf(field)] as string | null) ?? null]),
  ) as Record<OptionalTextField, string | null>
}

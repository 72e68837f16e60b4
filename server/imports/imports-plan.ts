import type { Knex } from 'knex'
import { diffRecords } from '../audit/audit-diff'
import { boundedPolygonSchema } from '../editing/editing-schemas'
import { ValidationError } from '../lib/errors'
import { loadProviders, providersBySlug } from '../providers/provider-queries'
import { type ProviderInput, providerInputSchema } from '../providers/provider-schema'
import { coverageProblems } from '../providers/provider-writes'
import type { TaxonomyService } from '../taxonomy/taxonomy-service'
import type { ImportRow } from './imports-adapter'
import { type ImportFormat, importAdapterFor } from './imports-registry'
import { IMPORT_WRITE_BATCH, type ImportOptions, type ImportPhase } from './imports-report'

/**
 * The check every import gets in full before anything is written (a dry run stops here): the
 * format's adapter reads the rows, each row is validated as a provider record and matched by slug
 * to the record it updates, and every error is kept with its row and the file's own column.
 */

/** Where a plan reports how far it has got. */
export interface ProgressSink {
  /** `inTransaction`: called inside a commit's transaction (progress is then written only beside it). */
  set(phase: ImportPhase, processed: number, total: number, inTransaction?: boolean): Promise<void>
}

/**
 * Plain messages for what zod would otherwise word for a developer ("Invalid input: expected
 * string, received undefined"). `{column}` is replaced by the file's column; messages a schema
 * words itself (allowed codes, date format, ...) are kept as they are.
 */
export function importIssueMessage(issue: {
  code: string
  input?: unknown
  expected?: string
  origin?: string
  minimum?: unknown
  maximum?: unknown
  keys?: string[]
  values?: unknown[]
}): string | undefined {
  const n = (v: unknown) => String(v)
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return '{column} is required'
      if (issue.expected === 'string') return '{column} must be text'
      if (issue.expected === 'number') return '{column} must be a number'
      if (issue.expected === 'boolean') return '{column} must be yes or no'
      if (issue.expected === 'array') return '{column} must be a list of values separated by ;'
      return '{column} has the wrong form; see the import columns in the README'
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? '{column} must not be empty'
          : `{column} must be at least ${n(issue.minimum)} characters`
      if (issue.origin === 'array') return `{column} needs at least ${n(issue.minimum)} value(s)`
      return `{column} must be at least ${n(issue.minimum)}`
    case 'too_big':
      if (issue.origin === 'string') return `{column} must be at most ${n(issue.maximum)} characters`
      if (issue.origin === 'array') return `{column} takes at most ${n(issue.maximum)} values`
      return `{column} must be at most ${n(issue.maximum)}`
    case 'unrecognized_keys':
      return `{column} has unknown key(s) ${(issue.keys ?? []).join(', ')}`
    case 'invalid_value':
      return `{column} must be one of ${(issue.values ?? []).map(n).join(', ')}`
    case 'invalid_format':
      return '{column} is not written in the expected format'
    default:
      return undefined
  }
}

export async function planImport(
  knex: Knex,
  taxonomy: TaxonomyService,
  options: Pick<ImportOptions, 'maxRows' | 'polygonMaxVertices'>,
  format: ImportFormat,
  text: string,
  track: ProgressSink,
  source?: string,
  /** A harvest into the review queue: the slug of the record each row's service is linked to. */
  candidates?: { slugByRow: Map<number, string> },
) {
  const adapter = importAdapterFor(format)
  await track.set('parsing', 0, 0)
  const vocabulary = await taxonomy.getTaxonomy()
  const { rows, errors, warnings } = adapter.parse(text, {
    taxonomy: vocabulary,
    ...(source ? { source } : {}),
  })
  if (rows.length > options.maxRows) {
    throw new ValidationError(`The file has ${rows.length} rows; at most ${options.maxRows} per import`)
  }
  await track.set('parsing', rows.length, rows.length)
  if (candidates) {
    for (const row of rows) {
      const linked = candidates.slugByRow.get(row.row)
      if (linked) row.input.slug = linked
    }
  }
  const base = providerInputSchema(vocabulary)
  const schema = base.extend({
    coverage: base.shape.coverage.extend({
      polygon: boundedPolygonSchema(options.polygonMaxVertices).optional(),
    }),
  })
  const valid: Array<{ row: ImportRow; input: ProviderInput }> = []
  const bad = new Set<number>()
  const seen = new Map<string, number>()
  await track.set('validating', 0, rows.length)
  // The records the rows name (by slug): an update keeps what its format cannot carry, and a row
  // holding exactly what its record holds is left alone.
  const slugs = [...new Set(rows.map((r) => r.input.slug).filter((v): v is string => typeof v === 'string'))]
  const existing = await providersBySlug(knex, slugs)
  const stored = await loadProviders(
    knex,
    [...existing.values()].map((e) => e.id),
  )
  const storedBySlug = (slug: unknown) => {
    const found = typeof slug === 'string' ? existing.get(slug) : undefined
    return found ? stored.get(found.id) : undefined
  }
  let checked = 0
  for (const row of rows) {
    checked++
    if (checked % IMPORT_WRITE_BATCH === 0) await track.set('validating', checked, rows.length)
    const record = storedBySlug(row.input.slug)
    if (row.id !== undefined && record && record.id !== row.id) {
      bad.add(row.row)
      errors.push({
        row: row.row,
        column: 'id',
        message: `the record with slug "${String(row.input.slug)}" has id ${record.id}, not ${row.id}; records are matched by slug, so leave id as downloaded or empty it`,
      })
      continue
    }
    if (record) inherit(row, record.record)
    // Into the review queue: a new service is a draft, and a draft stays one until an editor accepts it.
    if (candidates && row.input.status === 'active' && (!record || record.status === 'draft'))
      row.input.status = 'draft'
    const result = schema.safeParse(row.input, { error: importIssueMessage })
    if (!result.success) {
      bad.add(row.row)
      for (const issue of result.error.issues) {
        const column = row.columnOf(issue.path.join('.'))
        const message =
          issue.path.join('.') === 'source' && issue.code === 'invalid_type' && !record
            ? '{column} is required for a new record (the slug matches no record)'
            : issue.message
        errors.push({ row: row.row, column, message: message.replaceAll('{column}', column) })
      }
      continue
    }
    const first = seen.get(result.data.slug)
    if (first !== undefined) {
      bad.add(row.row)
      errors.push({
        row: row.row,
        column: row.columnOf('slug'),
        message: `slug "${result.data.slug}" is also on row ${first}`,
      })
      continue
    }
    seen.set(result.data.slug, row.row)
    valid.push({ row, input: result.data })
  }
  // Set-based checks against the database: loaded area codes and valid polygons.
  const problems = await coverageProblems(
    knex,
    valid.map((v) => ({ label: String(v.row.row), coverage: v.input.coverage })),
  )
  const validByLabel = new Map(valid.map((v) => [String(v.row.row), v]))
  for (const p of problems) {
    const row = validByLabel.get(p.label) as (typeof valid)[number]
    bad.add(row.row.row)
    errors.push({ row: row.row.row, column: row.row.columnOf(`coverage.${p.field}`), message: p.message })
  }
  await track.set('validating', rows.length, rows.length)
  errors.sort((a, b) => a.row - b.row)
  const good = valid.filter((v) => !bad.has(v.row.row))
  const unchanged = new Set(
    good
      .filter((g) => {
        const record = storedBySlug(g.input.slug)
        return record !== undefined && sameRecord(record.record, g.input)
      })
      .map((g) => g.row.row),
  )
  return {
    rows,
    errors,
    warnings: warnings ?? [],
    good: good.filter((g) => !unchanged.has(g.row.row)),
    unchanged: unchanged.size,
    existing,
    report: rows.map((r) => {
      const slug = typeof r.input.slug === 'string' ? r.input.slug : null
      const action: 'create' | 'update' | 'unchanged' | 'invalid' = bad.has(r.row)
        ? 'invalid'
        : unchanged.has(r.row)
          ? 'unchanged'
          : existing.has(slug as string)
            ? 'update'
            : 'create'
      return { row: r.row, slug, action }
    }),
  }
}

export type ImportPlan = Awaited<ReturnType<typeof planImport>>

/** Takes from the stored record what the row's format cannot carry or the row left out. */
function inherit(row: ImportRow, record: Record<string, unknown>): void {
  for (const field of row.keeps ?? []) {
    if (field === 'source' && (row.input.source === undefined || row.input.source === '')) {
      if (record.source !== undefined) row.input.source = record.source
    }
    if (field === 'coverage.polygon') {
      const coverage = (row.input.coverage ?? {}) as Record<string, unknown>
      const polygon = (record.coverage as { polygon?: unknown } | undefined)?.polygon
      if (coverage.polygon === undefined && polygon !== undefined)
        row.input.coverage = { ...coverage, polygon }
    }
  }
}

/** Code lists are sets (the stored record lists them in taxonomy order); the rest compares by value. */
const SET_FIELDS = ['functions', 'topics', 'strands', 'languages', 'formats'] as const

function sameRecord(stored: Record<string, unknown>, input: ProviderInput): boolean {
  const comparable = (r: Record<string, unknown>) => {
    const copy: Record<string, unknown> = { ...r }
    for (const f of SET_FIELDS) copy[f] = [...((r[f] as string[] | undefined) ?? [])].sort()
    const coverage = (r.coverage ?? {}) as { areas?: string[]; polygon?: unknown }
    copy.coverage = { areas: [...(coverage.areas ?? [])].sort(), polygon: coverage.polygon ?? null }
    return copy
  }
  return (
    Object.keys(diffRecords(comparable(stored), comparable(input as Record<string, unknown>))).length === 0
  )
}

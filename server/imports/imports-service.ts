import { parse as parseCsv } from 'csv-parse/sync'
import type { Knex } from 'knex'
import { diffRecords } from '../audit/audit-diff'
import type { AuditEntry } from '../audit/audit-schemas'
import { type ProviderInput, providerInputSchema } from '../directory/directory-schemas'
import { insertProviderRecords } from '../directory/directory-service'
import { HttpError, NotFoundError, ServiceUnavailableError, ValidationError } from '../lib/errors'
import { inputProblem } from '../lib/input-guard'
import { orukImportParser } from '../oruk/oruk-import-parser'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import type { TaxonomyService } from '../taxonomy/taxonomy-service'
import {
  findImportJob,
  type ImportJobRow,
  insertAuditRows,
  insertImportJob,
  listImportJobs,
  loadProviders,
  providersBySlug,
  userLabel,
} from './editing-queries'
import { type Actor, boundedPolygonSchema, type ImportFormat } from './editing-schemas'
import { coverageProblems, rewriteProviders } from './editing-service'

/**
 * Bulk import: CSV, GeoJSON and (through the hook below) ORUK JSON. Every import is checked in
 * full first (a dry run reports, per row, create or update and every error with its row and
 * column); a commit applies all rows in one transaction, or none.
 */

/**
 * One record read from a file: where it is (a CSV's line as a spreadsheet numbers it, the header
 * being line 1; a GeoJSON feature's 1-based position), the raw provider object, and how to name a field.
 */
export interface ImportRow {
  row: number
  input: Record<string, unknown>
  /** The file's column (CSV header, GeoJSON property path) for a ProviderInput field path. */
  columnOf: (path: string) => string
  /**
   * Fields the format cannot carry (a CSV has no drawn area) or the row left out (`source` in a
   * download, which publishes no source): an update keeps the record's own value for them.
   */
  keeps?: Array<'source' | 'coverage.polygon'>
  /** The record id a download printed beside the row: checked against the record the slug finds. */
  id?: string
}

/** What a reader may need besides the text: the live taxonomy (ORUK maps its attributes to codes). */
export interface ImportParserContext {
  taxonomy: Taxonomy
}

/**
 * A format's reader: file text -> rows, or per-row/file problems it found while reading, and
 * optionally warnings (facts left out or defaulted) that do not stop an import.
 */
export type ImportParser = (
  text: string,
  context: ImportParserContext,
) => {
  rows: ImportRow[]
  errors: ImportError[]
  warnings?: ImportError[]
}

export interface ImportError {
  /** The row's line as a spreadsheet shows it (header = 1) or feature number (0: the file as a whole). */
  row: number
  column: string
  message: string
}

/** CSV columns: one row per provider; `;` separates the values of list columns. */
export const CSV_COLUMNS = [
  ['slug', 'slug'],
  ['name', 'name'],
  ['kind', 'kind'],
  ['level', 'level'],
  ['org_type', 'orgType'],
  ['status', 'status'],
  ['summary', 'summary'],
  ['description', 'description'],
  ['mission', 'mission'],
  ['remit', 'remit'],
  ['limits', 'limits'],
  ['referral_criteria', 'referralCriteria'],
  ['how_to_access', 'howToAccess'],
  ['cost_type', 'cost.type'],
  ['cost_text', 'cost.text'],
  ['membership_based', 'membershipBased'],
  ['functions', 'functions'],
  ['topics', 'topics'],
  ['strands', 'strands'],
  ['languages', 'languages'],
  ['formats', 'formats'],
  ['opening_hours', 'openingHours'],
  ['website', 'website'],
  ['email', 'email'],
  ['phone', 'phone'],
  ['address', 'address'],
  ['office_lng', 'office.lng'],
  ['office_lat', 'office.lat'],
  ['charity_number', 'charityNumber'],
  ['company_number', 'companyNumber'],
  ['quality_marks', 'qualityMarks'],
  ['annual_report_url', 'annualReportUrl'],
  ['last_verified_at', 'lastVerifiedAt'],
  ['source', 'source'],
  ['coverage_areas', 'coverage.areas'],
] as const

const LIST_FIELDS = new Set([
  'functions',
  'topics',
  'strands',
  'languages',
  'formats',
  'qualityMarks',
  'coverage.areas',
])
/**
 * `source` may be left out (a download does not publish it): an update then keeps the record's
 * source, and a new record without one is refused on its line.
 */
const REQUIRED_CSV = ['slug', 'name', 'kind', 'level', 'org_type', 'summary', 'cost_type', 'functions']

/**
 * Columns a download (`/api/exports/providers.csv`) adds that the import does not write: `id` is
 * checked against the record the slug finds, the others (derived or set by the server) are ignored,
 * so a downloaded file imports again unchanged.
 */
export const READ_ONLY_CSV_COLUMNS = ['id', 'url', 'has_drawn_area', 'updated_at'] as const
const columnByField = new Map<string, string>(CSV_COLUMNS.map(([column, field]) => [field, column]))

function csvColumnOf(path: string): string {
  if (columnByField.has(path)) return columnByField.get(path) as string
  // functions.2 -> functions; coverage.areas.0 -> coverage_areas; openingHours.weekly.0 -> opening_hours
  for (const [field, column] of [...columnByField].sort((a, b) => b[0].length - a[0].length)) {
    if (path.startsWith(`${field}.`)) return column
  }
  if (path === 'office' || path === 'cost') return `${path}_*`
  if (path === 'coverage') return 'coverage_areas'
  return path
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.')
  let node = target
  for (const part of parts.slice(0, -1)) {
    node[part] ??= {}
    node = node[part] as Record<string, unknown>
  }
  node[parts[parts.length - 1] as string] = value
}

/**
 * A download guards cells against spreadsheet formulas with a leading apostrophe (`'=...`,
 * `'-text`); the import takes the apostrophe off again, so the value round-trips.
 */
function unguard(raw: string): string {
  return /^'[=@+\-\t\r＝＋－＠]/.test(raw) ? raw.slice(1) : raw
}

const TRUE = new Set(['true', 'yes', 'y', '1'])
const FALSE = new Set(['false', 'no', 'n', '0', ''])

export const parseCsvImport: ImportParser = (text) => {
  let records: string[][]
  try {
    records = parseCsv(text, { bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][]
  } catch (err) {
    return {
      rows: [],
      errors: [{ row: 0, column: '', message: `not readable as CSV: ${(err as Error).message}` }],
    }
  }
  const [header, ...data] = records
  if (!header) return { rows: [], errors: [{ row: 0, column: '', message: 'the file is empty' }] }
  const names = header.map((h) => h.trim().toLowerCase())
  const known = new Map<string, string>(CSV_COLUMNS)
  const readOnly = new Set<string>(READ_ONLY_CSV_COLUMNS)
  const errors: ImportError[] = []
  for (const name of names) {
    if (!known.has(name) && !readOnly.has(name))
      errors.push({
        row: 0,
        column: name,
        message: `unknown column; columns are ${[...known.keys(), ...readOnly].join(', ')}`,
      })
  }
  for (const required of REQUIRED_CSV) {
    if (!names.includes(required))
      errors.push({ row: 0, column: required, message: 'required column missing' })
  }
  if (errors.length > 0) return { rows: [], errors }
  const rows: ImportRow[] = data.map((cells, i) => {
    const input: Record<string, unknown> = {}
    let id: string | undefined
    names.forEach((name, c) => {
      const raw = unguard((cells[c] ?? '').trim())
      if (readOnly.has(name)) {
        if (name === 'id' && raw !== '') id = raw
        return
      }
      const field = known.get(name) as string
      if (LIST_FIELDS.has(field)) {
        setPath(
          input,
          field,
          raw === ''
            ? []
            : raw
                .split(';')
                .map((v) => v.trim())
                .filter((v) => v !== ''),
        )
      } else if (field === 'membershipBased') {
        const v = raw.toLowerCase()
        setPath(input, field, TRUE.has(v) ? true : FALSE.has(v) ? false : raw)
      } else if (field === 'office.lng' || field === 'office.lat') {
        if (raw !== '') setPath(input, field, /^[-+]?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw)
      } else if (field === 'openingHours') {
        if (raw !== '') {
          try {
            setPath(input, field, JSON.parse(raw))
          } catch {
            // Left as text: validation then says what the column must hold.
            setPath(input, field, raw)
          }
        }
      } else if (raw !== '') {
        setPath(input, field, raw)
      }
    })
    for (const list of ['topics', 'strands', 'languages', 'formats', 'qualityMarks'] as const)
      input[list] ??= []
    input.coverage ??= { areas: [] }
    if (input.membershipBased === undefined) input.membershipBased = false
    // Line i + 2: the header is line 1, as in a spreadsheet.
    return {
      row: i + 2,
      input,
      columnOf: csvColumnOf,
      keeps: ['source', 'coverage.polygon'],
      ...(id ? { id } : {}),
    }
  })
  return { rows, errors }
}

export const parseGeoJsonImport: ImportParser = (text) => {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (err) {
    return {
      rows: [],
      errors: [{ row: 0, column: '', message: `not valid JSON: ${(err as Error).message}` }],
    }
  }
  const unstorable = inputProblem(doc)
  if (unstorable)
    return { rows: [], errors: [{ row: 0, column: unstorable.field, message: unstorable.message }] }
  const features = (doc as { type?: unknown; features?: unknown })?.features
  if ((doc as { type?: unknown })?.type !== 'FeatureCollection' || !Array.isArray(features)) {
    return {
      rows: [],
      errors: [{ row: 0, column: 'type', message: 'a GeoJSON FeatureCollection is expected' }],
    }
  }
  const errors: ImportError[] = []
  const rows: ImportRow[] = []
  features.forEach((feature: unknown, i) => {
    const f = feature as { type?: unknown; properties?: unknown; geometry?: unknown }
    if (f?.type !== 'Feature' || typeof f.properties !== 'object' || f.properties === null) {
      errors.push({ row: i + 1, column: 'properties', message: 'each feature needs an object of properties' })
      return
    }
    const { coverageAreas, ...props } = f.properties as Record<string, unknown>
    const input: Record<string, unknown> = {
      topics: [],
      strands: [],
      languages: [],
      formats: [],
      qualityMarks: [],
      membershipBased: false,
      ...props,
      coverage: {
        areas: coverageAreas ?? [],
        ...(f.geometry === null || f.geometry === undefined ? {} : { polygon: f.geometry }),
      },
    }
    rows.push({
      row: i + 1,
      input,
      columnOf: (path) =>
        path.startsWith('coverage.polygon')
          ? `geometry${path.slice('coverage.polygon'.length)}`
          : path.startsWith('coverage.areas')
            ? `properties.coverageAreas${path.slice('coverage.areas'.length)}`
            : `properties.${path}`,
    })
  })
  return { rows, errors }
}

/** ORUK JSON (server/oruk/ maps services to provider records with the live taxonomy). */
export const parseOrukImport: ImportParser = (text, { taxonomy }) => orukImportParser(taxonomy)(text)

/** The format hook: a reader per format; a format without one is refused with a 400 naming those there are. */
export const importParsers: Partial<Record<ImportFormat, ImportParser>> = {
  csv: parseCsvImport,
  geojson: parseGeoJsonImport,
  oruk: parseOrukImport,
}

export function registerImportFormat(format: ImportFormat, parser: ImportParser): void {
  importParsers[format] = parser
}

export type ImportPhase = 'parsing' | 'validating' | 'writing' | 'indexing' | 'done'

/**
 * How far an import has got. `processed` counts rows within the phase (it starts again at 0 with
 * each phase); `total` is the number of rows that phase goes through (0 while the file is parsed).
 */
export interface ImportProgress {
  phase: ImportPhase
  processed: number
  total: number
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

export const IMPORT_PHASES: readonly ImportPhase[] = ['parsing', 'validating', 'writing', 'indexing', 'done']

export interface ImportReport {
  id: string
  format: ImportFormat
  filename: string | null
  mode: 'dry-run' | 'commit'
  status: 'valid' | 'invalid' | 'committed'
  totalRows: number
  creates: number
  updates: number
  errorCount: number
  /** Up to REPORT_MAX_ERRORS errors, in row order. */
  errors: ImportError[]
  /** Facts a reader left out or defaulted (ORUK); they do not stop an import. */
  warnings?: ImportError[]
  rows: Array<{ row: number; slug: string | null; action: 'create' | 'update' | 'invalid' }>
  progress: ImportProgress
}

/** An import still under way (`?async=true`): poll `GET /api/imports/{id}`. */
export interface RunningImport {
  id: string
  format: ImportFormat
  filename: string | null
  mode: 'dry-run' | 'commit'
  status: 'running'
  progress: ImportProgress
}

/** An import that stopped on an error that was not the file's fault; nothing of it was written. */
export interface FailedImport {
  id: string
  format: ImportFormat
  filename: string | null
  mode: 'dry-run' | 'commit'
  status: 'failed'
  progress: ImportProgress
  error: { name: 'ImportFailed'; message: string }
}

export type ImportState = ImportReport | RunningImport | FailedImport

export const REPORT_MAX_ERRORS = 1000
/** Rows per write batch in a commit (progress moves on after each). */
export const IMPORT_WRITE_BATCH = 500
/** Progress is written to import_jobs at most this often while an import runs. */
export const PROGRESS_PERSIST_MS = 250

/** How often a failure that could not be written (the database was down) is written again. */
export const UNRECORDED_RETRY_MS = 1_000

export interface ImportOptions {
  maxRows: number
  polygonMaxVertices: number
  /**
   * Called (and awaited) whenever progress moves on, outside any transaction except during
   * `writing`/`indexing` of a commit. For tests and the command line.
   */
  onProgress?: (id: string | null, progress: ImportProgress) => void | Promise<void>
}

/** The message a failed import shows: what happened and what to do, never SQL or a stack. */
export function failureMessage(err: unknown): string {
  if (err instanceof HttpError && err.status < 500) return err.message
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown }
  const lost =
    (typeof code === 'string' &&
      (/^08/.test(code) || /^57P0[123]$/.test(code) || /^E(CONNRESET|PIPE|CONNREFUSED)$/.test(code))) ||
    (typeof message === 'string' &&
      /Connection terminated|connection .*closed|Client has encountered a connection error/i.test(message))
  return lost
    ? 'The database connection was lost during the import; nothing was written. Run the import again.'
    : 'The import stopped on an unexpected error; nothing was written. Run the import again, or ask an administrator to look at the server log.'
}

function isConnectionLoss(err: unknown): boolean {
  return failureMessage(err).startsWith('The database connection was lost')
}

interface RunInput {
  format: ImportFormat
  text: string
  commit: boolean
  filename?: string
}

export function createImportService({
  knex,
  taxonomy,
  options,
  logger,
}: {
  knex: Knex
  taxonomy: TaxonomyService
  options: ImportOptions
  logger?: { error: (obj: object, msg: string) => void }
}) {
  /** Imports under way in this process: their live progress (GET reads this before the table). */
  const running = new Map<string, RunningImport>()
  /**
   * Imports that failed while the database was unreachable, so their failure could not be written:
   * GET answers from here, and the write is retried until the database takes it (a `running` row
   * would otherwise stay `running` until the next process start).
   */
  const unrecorded = new Map<string, { state: FailedImport; err: unknown }>()
  let retryTimer: NodeJS.Timeout | undefined
  function retryUnrecorded(): void {
    if (retryTimer) return
    retryTimer = setTimeout(async () => {
      retryTimer = undefined
      for (const [id, { state, err }] of unrecorded) {
        try {
          await recordFailure(id, err, state.progress)
          unrecorded.delete(id)
        } catch {
          // Still unreachable: try again on the next round.
        }
      }
      if (unrecorded.size > 0) retryUnrecorded()
    }, UNRECORDED_RETRY_MS)
    retryTimer.unref()
  }
  // A second connection can record progress while the commit's transaction holds another; with a
  // pool of one (embedded PGlite) it would wait for the transaction, so progress stays in memory then.
  const poolMax = (knex.client.config as { pool?: { max?: number } }).pool?.max ?? 1
  const canWriteBesideTransaction = poolMax > 1

  /** Progress of one run: kept in memory, persisted (throttled) when a connection is free for it. */
  function tracker(id: string | null) {
    let progress: ImportProgress = { phase: 'parsing', processed: 0, total: 0 }
    let persistedAt = 0
    return {
      get current() {
        return progress
      },
      async set(phase: ImportPhase, processed: number, total: number, inTransaction = false) {
        progress = { phase, processed, total }
        if (id) {
          const job = running.get(id)
          if (job) job.progress = progress
          const now = Date.now()
          if (
            phase !== 'done' &&
            now - persistedAt >= PROGRESS_PERSIST_MS &&
            (!inTransaction || canWriteBesideTransaction)
          ) {
            persistedAt = now
            await knex('import_jobs')
              .where({ id, status: 'running' })
              .update({ progress: JSON.stringify(progress), updated_at: knex.fn.now() })
          }
        }
        await options.onProgress?.(id, progress)
      },
    }
  }

  type Tracker = ReturnType<typeof tracker>

  async function plan(format: ImportFormat, text: string, track: Tracker) {
    const parser = importParsers[format]
    if (!parser) {
      throw new ValidationError(
        `Invalid query: format: ${format} import is not available; formats: ${Object.keys(importParsers).join(', ')}`,
        [{ field: 'format', message: `${format} import is not available` }],
      )
    }
    await track.set('parsing', 0, 0)
    const vocabulary = await taxonomy.getTaxonomy()
    const { rows, errors, warnings } = parser(text, { taxonomy: vocabulary })
    if (rows.length > options.maxRows) {
      throw new ValidationError(`The file has ${rows.length} rows; at most ${options.maxRows} per import`)
    }
    await track.set('parsing', rows.length, rows.length)
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
    const slugs = [
      ...new Set(rows.map((r) => r.input.slug).filter((v): v is string => typeof v === 'string')),
    ]
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

  function toState(job: ImportJobRow): ImportState {
    const live = running.get(job.id)
    if (live) return { ...live }
    const progress = (job.progress as ImportProgress | null) ?? {
      phase: 'done' as const,
      processed: job.total_rows,
      total: job.total_rows,
    }
    const head = {
      id: job.id,
      format: job.format as ImportFormat,
      filename: job.filename,
      mode: job.mode,
    }
    if (job.status === 'running') return { ...head, status: 'running', progress }
    if (job.status === 'failed') {
      return {
        ...head,
        status: 'failed',
        progress,
        error: {
          name: 'ImportFailed',
          message: job.error_message ?? 'The import did not finish; nothing was written.',
        },
      }
    }
    return { ...(job.report as Omit<ImportReport, 'id' | 'progress'>), id: job.id, progress }
  }

  /**
   * Plans and (for a commit of a valid file) applies an import. With `jobId` the import_jobs row
   * exists already (`running`) and is completed here; without, the row is inserted at the end.
   */
  async function execute(
    actor: Actor | null,
    { format, text, commit, filename }: RunInput,
    jobId: string | null,
  ): Promise<ImportReport> {
    const track = tracker(jobId)
    const planned = await plan(format, text, track)
    const creates = planned.good.filter((g) => !planned.existing.has(g.input.slug))
    const updates = planned.good.filter((g) => planned.existing.has(g.input.slug))
    const invalid = planned.errors.length > 0
    const summary = {
      format,
      filename: filename ?? null,
      mode: commit ? ('commit' as const) : ('dry-run' as const),
      totalRows: planned.rows.length,
      creates: creates.length,
      updates: updates.length,
      unchanged: planned.unchanged,
      errorCount: planned.errors.length,
      errors: planned.errors.slice(0, REPORT_MAX_ERRORS),
      ...(planned.warnings.length > 0 ? { warnings: planned.warnings.slice(0, REPORT_MAX_ERRORS) } : {}),
      rows: planned.report,
    }
    const done: ImportProgress = { phase: 'done', processed: planned.rows.length, total: planned.rows.length }
    const jobFields = (status: 'valid' | 'invalid' | 'committed', report: object) => ({
      format,
      filename: filename ?? null,
      mode: summary.mode,
      status,
      total_rows: summary.totalRows,
      // The report's own counts (what a dry run would do, what a commit did), so the list of
      // imports and each report agree.
      created_rows: creates.length,
      updated_rows: updates.length,
      error_count: summary.errorCount,
      report,
      created_by: actor?.userId ?? null,
      progress: done,
      finished_at: new Date(),
    })
    const saveJob = async (db: Knex | Knex.Transaction, fields: ReturnType<typeof jobFields>) => {
      if (!jobId) return insertImportJob(db, fields)
      const [row] = await db('import_jobs')
        .where({ id: jobId })
        .update({
          ...fields,
          report: JSON.stringify(fields.report),
          progress: JSON.stringify(fields.progress),
          updated_at: db.fn.now(),
        })
        .returning('*')
      return row as ImportJobRow
    }
    if (!commit || invalid) {
      const status = invalid ? ('invalid' as const) : ('valid' as const)
      const job = await saveJob(knex, jobFields(status, { ...summary, status }))
      running.delete(job.id)
      await track.set('done', done.processed, done.total)
      const report = toState(job) as ImportReport
      if (commit && !jobId) {
        throw new HttpError(
          422,
          'ImportInvalid',
          `Nothing was imported: ${planned.errors.length} error(s), first on row ${planned.errors[0]?.row} column ${planned.errors[0]?.column}: ${planned.errors[0]?.message}`,
          report,
        )
      }
      return report
    }
    const toWrite = creates.length + updates.length
    const job = await knex.transaction(async (trx) => {
      const label = actor ? ((await userLabel(trx, actor.userId)) ?? actor.userId) : 'import'
      const updateIds = updates.map((u) => planned.existing.get(u.input.slug)?.id as string)
      const before = await loadProviders(trx, updateIds)
      await track.set('writing', 0, toWrite, true)
      const createdIds: string[] = []
      for (let i = 0; i < creates.length; i += IMPORT_WRITE_BATCH) {
        const batch = creates.slice(i, i + IMPORT_WRITE_BATCH)
        createdIds.push(
          ...(await insertProviderRecords(
            trx,
            batch.map((c) => c.input),
          )),
        )
        await track.set('writing', createdIds.length, toWrite, true)
      }
      for (let i = 0; i < updates.length; i += IMPORT_WRITE_BATCH) {
        await rewriteProviders(
          trx,
          updates.slice(i, i + IMPORT_WRITE_BATCH).map((u) => {
            const id = planned.existing.get(u.input.slug)?.id as string
            const { status, ...next } = u.input
            return { id, next, coverageChanged: true, status }
          }),
        )
        await track.set(
          'writing',
          creates.length + Math.min(i + IMPORT_WRITE_BATCH, updates.length),
          toWrite,
          true,
        )
      }
      // The audit trail and the import's own record, in the same transaction as the rows.
      await track.set('indexing', 0, toWrite, true)
      const ids = [...createdIds, ...updateIds]
      const after = await loadProviders(trx, ids)
      const actorRef = { userId: actor?.userId ?? null, label }
      const note = (verb: string) => `${verb} by import${filename ? ` of ${filename}` : ''}`
      const entries: AuditEntry[] = [
        ...createdIds.map((id) => ({
          actor: actorRef,
          action: 'import' as const,
          entityType: 'provider',
          entityId: id,
          before: null,
          after: after.get(id)?.record ?? null,
          requestId: actor?.requestId,
          note: note('created'),
        })),
        ...updateIds.map((id) => ({
          actor: actorRef,
          action: 'import' as const,
          entityType: 'provider',
          entityId: id,
          before: before.get(id)?.record ?? null,
          after: after.get(id)?.record ?? null,
          requestId: actor?.requestId,
          note: note('updated'),
        })),
      ]
      await insertAuditRows(trx, entries)
      await track.set('indexing', toWrite, toWrite, true)
      return saveJob(trx, jobFields('committed', { ...summary, status: 'committed' }))
    })
    running.delete(job.id)
    await track.set('done', done.processed, done.total)
    return toState(job) as ImportReport
  }

  async function markFailed(id: string, err: unknown): Promise<void> {
    const progress = running.get(id)?.progress ?? null
    running.delete(id)
    await recordFailure(id, err, progress)
  }

  async function recordFailure(id: string, err: unknown, progress: ImportProgress | null): Promise<void> {
    await knex('import_jobs')
      .where({ id })
      .update({
        status: 'failed',
        error_message: failureMessage(err),
        progress: progress === null ? null : JSON.stringify(progress),
        updated_at: knex.fn.now(),
        finished_at: knex.fn.now(),
      })
  }

  return {
    formatFor(contentType: string): ImportFormat {
      if (/geo\+json/i.test(contentType)) return 'geojson'
      if (/oruk/i.test(contentType)) return 'oruk'
      return 'csv'
    },

    /**
     * Synchronous: dry run (default) or commit; a commit with any error applies nothing and
     * answers 422; a lost database connection answers 503 (and is recorded as a failed import).
     */
    async run(actor: Actor | null, input: RunInput): Promise<ImportReport> {
      try {
        return await execute(actor, input, null)
      } catch (err) {
        if (err instanceof HttpError) throw err
        logger?.error({ err }, 'import failed')
        const message = failureMessage(err)
        await insertImportJob(knex, {
          format: input.format,
          filename: input.filename ?? null,
          mode: input.commit ? 'commit' : 'dry-run',
          status: 'failed',
          total_rows: 0,
          created_rows: 0,
          updated_rows: 0,
          error_count: 0,
          report: {},
          created_by: actor?.userId ?? null,
          finished_at: new Date(),
        })
          .then((job) => knex('import_jobs').where({ id: job.id }).update({ error_message: message }))
          .catch(() => {})
        if (isConnectionLoss(err)) throw new ServiceUnavailableError(message)
        throw err
      }
    },

    /**
     * Asynchronous: records the import as `running` and returns at once; the work goes on in this
     * process and `get` shows its progress, then its report (or `failed` with a message).
     * `finished` settles when the import has (never rejects).
     */
    async start(
      actor: Actor | null,
      input: RunInput,
    ): Promise<{ state: RunningImport; finished: Promise<ImportState> }> {
      if (!importParsers[input.format]) await plan(input.format, '', tracker(null))
      const progress: ImportProgress = { phase: 'parsing', processed: 0, total: 0 }
      const job = await insertImportJob(knex, {
        format: input.format,
        filename: input.filename ?? null,
        mode: input.commit ? 'commit' : 'dry-run',
        status: 'running',
        total_rows: 0,
        created_rows: 0,
        updated_rows: 0,
        error_count: 0,
        report: {},
        created_by: actor?.userId ?? null,
        progress,
        finished_at: null,
      })
      const state: RunningImport = {
        id: job.id,
        format: input.format,
        filename: job.filename,
        mode: job.mode,
        status: 'running',
        progress,
      }
      running.set(job.id, state)
      const finished = (async (): Promise<ImportState> => {
        try {
          return await execute(actor, input, job.id)
        } catch (err) {
          if (!(err instanceof HttpError && err.status < 500))
            logger?.error({ err, importId: job.id }, 'import failed')
          const progress = running.get(job.id)?.progress ?? state.progress
          try {
            await markFailed(job.id, err)
          } catch (markErr) {
            logger?.error({ err: markErr, importId: job.id }, 'could not record the failed import; retrying')
            unrecorded.set(job.id, {
              err,
              state: {
                ...state,
                status: 'failed',
                progress,
                error: { name: 'ImportFailed', message: failureMessage(err) },
              },
            })
            retryUnrecorded()
          }
          running.delete(job.id)
          const row = await findImportJob(knex, job.id).catch(() => undefined)
          return row
            ? toState(row)
            : {
                ...state,
                status: 'failed',
                error: { name: 'ImportFailed', message: failureMessage(err) },
              }
        }
      })()
      return { state: { ...state }, finished }
    },

    async get(id: string): Promise<ImportState> {
      const live = running.get(id)
      if (live) return { ...live }
      const failed = unrecorded.get(id)
      if (failed) return { ...failed.state }
      const job = await findImportJob(knex, id)
      if (!job) throw new NotFoundError(`No import ${id}`)
      return toState(job)
    },

    /**
     * At start-up: an import left `running` by a process that stopped cannot finish (its
     * transaction was rolled back with its connection), so it is marked failed.
     */
    async failAbandoned(): Promise<number> {
      const ids = [...running.keys()]
      return knex('import_jobs')
        .where({ status: 'running' })
        .modify((q) => {
          if (ids.length > 0) q.whereNotIn('id', ids)
        })
        .update({
          status: 'failed',
          error_message:
            'The server stopped while this import was running; nothing was written. Run the import again.',
          updated_at: knex.fn.now(),
          finished_at: knex.fn.now(),
        })
    },

    async list() {
      return (await listImportJobs(knex, 100)).map((j) => ({
        id: j.id,
        format: j.format,
        filename: j.filename,
        mode: j.mode,
        status: j.status,
        totalRows: j.total_rows,
        creates: j.created_rows,
        updates: j.updated_rows,
        errorCount: j.error_count,
        createdBy: j.created_by,
        createdAt: j.created_at.toISOString(),
      }))
    },
  }
}

export type ImportService = ReturnType<typeof createImportService>

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

import { parse as parseCsv } from 'csv-parse/sync'
import type { Knex } from 'knex'
import type { AuditEntry } from '../audit/audit-schemas'
import { type ProviderInput, providerInputSchema } from '../directory/directory-schemas'
import { insertProviderRecords } from '../directory/directory-service'
import { HttpError, NotFoundError, ValidationError } from '../lib/errors'
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

/** One record read from a file: its 1-based row, the raw provider object, and how to name a field. */
export interface ImportRow {
  row: number
  input: Record<string, unknown>
  /** The file's column (CSV header, GeoJSON property path) for a ProviderInput field path. */
  columnOf: (path: string) => string
}

/** A format's reader: file text -> rows, or per-row/file problems it found while reading. */
export type ImportParser = (text: string) => {
  rows: ImportRow[]
  errors: ImportError[]
}

export interface ImportError {
  /** 1-based data row (0: the file as a whole). */
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
const REQUIRED_CSV = [
  'slug',
  'name',
  'kind',
  'level',
  'org_type',
  'summary',
  'cost_type',
  'functions',
  'source',
]
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
  const errors: ImportError[] = []
  for (const name of names) {
    if (!known.has(name))
      errors.push({
        row: 0,
        column: name,
        message: `unknown column; columns are ${[...known.keys()].join(', ')}`,
      })
  }
  for (const required of REQUIRED_CSV) {
    if (!names.includes(required))
      errors.push({ row: 0, column: required, message: 'required column missing' })
  }
  if (errors.length > 0) return { rows: [], errors }
  const rows: ImportRow[] = data.map((cells, i) => {
    const input: Record<string, unknown> = {}
    const rowErrors: string[] = []
    names.forEach((name, c) => {
      const field = known.get(name) as string
      const raw = (cells[c] ?? '').trim()
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
            setPath(input, field, raw)
            rowErrors.push(name)
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
    return { row: i + 1, input, columnOf: csvColumnOf }
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

/**
 * The format hook: the ORUK helper registers `oruk` here (server/oruk/ maps ORUK JSON to
 * provider records); until then an ORUK import is refused with a 400 naming the formats there are.
 */
export const importParsers: Partial<Record<ImportFormat, ImportParser>> = {
  csv: parseCsvImport,
  geojson: parseGeoJsonImport,
}

export function registerImportFormat(format: ImportFormat, parser: ImportParser): void {
  importParsers[format] = parser
}

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
  rows: Array<{ row: number; slug: string | null; action: 'create' | 'update' | 'invalid' }>
}

export const REPORT_MAX_ERRORS = 1000

export interface ImportOptions {
  maxRows: number
  polygonMaxVertices: number
}

export function createImportService({
  knex,
  taxonomy,
  options,
}: {
  knex: Knex
  taxonomy: TaxonomyService
  options: ImportOptions
}) {
  async function plan(format: ImportFormat, text: string) {
    const parser = importParsers[format]
    if (!parser) {
      throw new ValidationError(
        `Invalid query: format: ${format} import is not available; formats: ${Object.keys(importParsers).join(', ')}`,
        [{ field: 'format', message: `${format} import is not available` }],
      )
    }
    const { rows, errors } = parser(text)
    if (rows.length > options.maxRows) {
      throw new ValidationError(`The file has ${rows.length} rows; at most ${options.maxRows} per import`)
    }
    const schema = providerInputSchema(await taxonomy.getTaxonomy()).extend({
      coverage: providerInputSchema(await taxonomy.getTaxonomy()).shape.coverage.extend({
        polygon: boundedPolygonSchema(options.polygonMaxVertices).optional(),
      }),
    })
    const valid: Array<{ row: ImportRow; input: ProviderInput }> = []
    const bad = new Set<number>()
    const seen = new Map<string, number>()
    for (const row of rows) {
      const result = schema.safeParse(row.input)
      if (!result.success) {
        bad.add(row.row)
        for (const issue of result.error.issues) {
          errors.push({ row: row.row, column: row.columnOf(issue.path.join('.')), message: issue.message })
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
    for (const p of problems) {
      const row = valid.find((v) => String(v.row.row) === p.label) as (typeof valid)[number]
      bad.add(row.row.row)
      errors.push({ row: row.row.row, column: row.row.columnOf(`coverage.${p.field}`), message: p.message })
    }
    const existing = await providersBySlug(
      knex,
      valid.map((v) => v.input.slug),
    )
    errors.sort((a, b) => a.row - b.row)
    const good = valid.filter((v) => !bad.has(v.row.row))
    return {
      rows,
      errors,
      good,
      existing,
      report: rows.map((r) => {
        const slug = typeof r.input.slug === 'string' ? r.input.slug : null
        const action: 'create' | 'update' | 'invalid' = bad.has(r.row)
          ? 'invalid'
          : existing.has(slug as string)
            ? 'update'
            : 'create'
        return { row: r.row, slug, action }
      }),
    }
  }

  function toReport(job: ImportJobRow): ImportReport {
    return { ...(job.report as ImportReport), id: job.id }
  }

  return {
    formatFor(contentType: string): ImportFormat {
      if (/geo\+json/i.test(contentType)) return 'geojson'
      if (/oruk/i.test(contentType)) return 'oruk'
      return 'csv'
    },

    /** Dry run (default) or commit; a commit with any error applies nothing and answers 422. */
    async run(
      actor: Actor | null,
      {
        format,
        text,
        commit,
        filename,
      }: { format: ImportFormat; text: string; commit: boolean; filename?: string },
    ): Promise<ImportReport> {
      const planned = await plan(format, text)
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
        errorCount: planned.errors.length,
        errors: planned.errors.slice(0, REPORT_MAX_ERRORS),
        rows: planned.report,
      }
      const jobFields = (status: ImportJobRow['status'], report: object) => ({
        format,
        filename: filename ?? null,
        mode: summary.mode,
        status,
        total_rows: summary.totalRows,
        created_rows: status === 'committed' ? creates.length : 0,
        updated_rows: status === 'committed' ? updates.length : 0,
        error_count: summary.errorCount,
        report,
        created_by: actor?.userId ?? null,
      })
      if (!commit || invalid) {
        const status = invalid ? ('invalid' as const) : ('valid' as const)
        const job = await insertImportJob(knex, jobFields(status, { ...summary, status }))
        const report = toReport(job)
        if (commit) {
          throw new HttpError(
            422,
            'ImportInvalid',
            `Nothing was imported: ${planned.errors.length} error(s), first on row ${planned.errors[0]?.row} column ${planned.errors[0]?.column}: ${planned.errors[0]?.message}`,
            report,
          )
        }
        return report
      }
      const job = await knex.transaction(async (trx) => {
        const label = actor ? ((await userLabel(trx, actor.userId)) ?? actor.userId) : 'import'
        const before = await loadProviders(
          trx,
          updates.map((u) => planned.existing.get(u.input.slug)?.id as string),
        )
        const createdIds = await insertProviderRecords(
          trx,
          creates.map((c) => c.input),
        )
        await rewriteProviders(
          trx,
          updates.map((u) => {
            const id = planned.existing.get(u.input.slug)?.id as string
            const { status, ...next } = u.input
            return { id, next, coverageChanged: true, status }
          }),
        )
        const ids = [...createdIds, ...updates.map((u) => planned.existing.get(u.input.slug)?.id as string)]
        const after = await loadProviders(trx, ids)
        const actorRef = { userId: actor?.userId ?? null, label }
        const entries: AuditEntry[] = [
          ...createdIds.map((id) => ({
            actor: actorRef,
            action: 'import' as const,
            entityType: 'provider',
            entityId: id,
            before: null,
            after: after.get(id)?.record ?? null,
            requestId: actor?.requestId,
            note: `created by import${filename ? ` of ${filename}` : ''}`,
          })),
          ...updates.map((u) => {
            const id = planned.existing.get(u.input.slug)?.id as string
            return {
              actor: actorRef,
              action: 'import' as const,
              entityType: 'provider',
              entityId: id,
              before: before.get(id)?.record ?? null,
              after: after.get(id)?.record ?? null,
              requestId: actor?.requestId,
              note: `updated by import${filename ? ` of ${filename}` : ''}`,
            }
          }),
        ]
        await insertAuditRows(trx, entries)
        return insertImportJob(trx, jobFields('committed', { ...summary, status: 'committed' }))
      })
      return toReport(job)
    },

    async get(id: string): Promise<ImportReport> {
      const job = await findImportJob(knex, id)
      if (!job) throw new NotFoundError(`No import ${id}`)
      return toReport(job)
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

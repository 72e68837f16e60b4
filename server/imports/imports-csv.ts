import { parse as parseCsv } from 'csv-parse/sync'
import { CSV_COLUMNS } from '../providers/provider-csv'
import type { ImportAdapter, ImportError, ImportParser, ImportRow } from './imports-adapter'

/** CSV: one row per provider, a column per field; the header names the columns. */

const LIST_FIELDS = new Set([
  'functions',
  'topics',
  'strands',
  'strandDetails',
  'languages',
  'formats',
  'qualityMarks',
  'coverage.areas',
])
/** Yes/no columns (an empty cell is no). */
const BOOLEAN_FIELDS = new Set([
  'membershipBased',
  'actsAsGeneralist',
  'activitySpecialist',
  'servesInfrastructureOnly',
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
export const READ_ONLY_CSV_COLUMNS = ['id', 'url', 'has_drawn_area', 'updated_at', 'org_ids'] as const
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
      } else if (BOOLEAN_FIELDS.has(field)) {
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
    for (const list of [
      'topics',
      'strands',
      'strandDetails',
      'languages',
      'formats',
      'qualityMarks',
    ] as const)
      input[list] ??= []
    input.coverage ??= { areas: [] }
    for (const flag of BOOLEAN_FIELDS) input[flag] ??= false
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

export const csvImport: ImportAdapter = { label: 'CSV', parse: parseCsvImport }

import { parse as parseCsv } from 'csv-parse/sync'
import type { GrantProblem, GrantStandard, JsonSchema } from './grants-schema'

/**
 * A 360Giving file read into the standard's JSON shape (`{ grants: [...] }`): JSON as it is, CSV
 * unflattened from the standard's column titles (`Recipient Org:Identifier`, `Beneficiary
 * Location:Geographic Code`, a numbered repeat `Beneficiary Location:1:Name`), each cell typed as
 * the schema types its field. Dates written day-first (`09/02/2010`, `7 September 2014`, a month
 * `08/2010`) — common in UK funders' spreadsheets — are rewritten to the standard's forms before
 * validation, each rewrite reported as a warning with its path (decision 0016); any other
 * departure from the schema is an error.
 */

export interface ReadGrants {
  package: { grants: Array<Record<string, unknown>> } | null
  errors: GrantProblem[]
  warnings: GrantProblem[]
  /** CSV: the line (header = 1) each grant came from. */
  lines?: number[]
  /** Per grant: its award date as the file wrote it, when it was rewritten (else null). */
  awardDatesAsPublished?: Array<string | null>
}

export type GrantFileFormat = 'json' | 'csv'

export function formatOfFile(file: string): GrantFileFormat | undefined {
  const lower = file.toLowerCase()
  if (lower.endsWith('.json')) return 'json'
  if (lower.endsWith('.csv')) return 'csv'
  return undefined
}

export function readGrantFile(text: string, format: GrantFileFormat, standard: GrantStandard): ReadGrants {
  const read = format === 'json' ? readJson(text) : readCsv(text, standard.grantSchema)
  if (!read.package) return read
  read.awardDatesAsPublished = normaliseDates(read.package.grants, read.warnings)
  return read
}

function readJson(text: string): ReadGrants {
  let value: unknown
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (err) {
    return {
      package: null,
      errors: [{ path: '', message: `is not JSON: ${(err as Error).message}` }],
      warnings: [],
    }
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    !Array.isArray((value as { grants?: unknown }).grants)
  )
    return {
      package: null,
      errors: [{ path: '', message: 'must be a 360Giving data package: an object with a "grants" array' }],
      warnings: [],
    }
  return { package: value as ReadGrants['package'], errors: [], warnings: [] }
}

// ---------- CSV ----------

interface Column {
  /** JSON path segments; a number is an array index. */
  path: Array<string | number>
  type: 'string' | 'number' | 'integer' | 'boolean'
}

function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  if (schema.$ref?.startsWith('#/$defs/')) return root.$defs?.[schema.$ref.slice(8)] ?? schema
  return schema
}

function scalarType(schema: JsonSchema): Column['type'] {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type]
  if (types.includes('integer')) return 'integer'
  if (types.includes('number')) return 'number'
  if (types.includes('boolean')) return 'boolean'
  return 'string'
}

/** Title path (`Recipient Org:Identifier`) -> JSON path and type, from the schema's titles. */
function titleMap(
  root: JsonSchema,
): Map<string, { path: string[]; arrays: boolean[]; type: Column['type'] }> {
  const map = new Map<string, { path: string[]; arrays: boolean[]; type: Column['type'] }>()
  const walk = (schema: JsonSchema, titles: string[], path: string[], arrays: boolean[], depth: number) => {
    for (const [key, raw] of Object.entries(schema.properties ?? {})) {
      const field = resolve(raw, root)
      const title = raw.title ?? field.title
      if (!title) continue
      const isArray = field.type === 'array' || (Array.isArray(field.type) && field.type.includes('array'))
      const inner = isArray && field.items ? resolve(field.items, root) : field
      if (inner.properties && depth < 3) {
        walk(inner, [...titles, title], [...path, key], [...arrays, isArray], depth + 1)
      } else if (!isArray) {
        map.set([...titles, title].join(':'), { path: [...path, key], arrays, type: scalarType(field) })
      }
    }
  }
  walk(root, [], [], [], 0)
  return map
}

/** A header -> column, reading a numbered repeat (`Beneficiary Location:1:Name`) as that item. */
function columnOf(header: string, titles: ReturnType<typeof titleMap>): Column | undefined {
  const parts = header.split(':').map((p) => p.trim())
  const indexes: number[] = []
  const named = parts.filter((p) => {
    if (/^\d+$/.test(p)) {
      indexes.push(Number(p))
      return false
    }
    return true
  })
  const found = titles.get(named.join(':'))
  if (!found) return undefined
  const path: Array<string | number> = []
  let next = 0
  found.path.forEach((key, i) => {
    path.push(key)
    if (found.arrays[i]) path.push(indexes[next++] ?? 0)
  })
  return { path, type: found.type }
}

function typed(cell: string, type: Column['type']): unknown {
  if (type === 'number' || type === 'integer') {
    const n = Number(cell.replace(/,/g, ''))
    return cell.trim() === '' || Number.isNaN(n) ? cell : n
  }
  if (type === 'boolean') {
    if (/^(true|yes)$/i.test(cell)) return true
    if (/^(false|no)$/i.test(cell)) return false
  }
  return cell
}

function setPath(target: Record<string, unknown>, path: Array<string | number>, value: unknown) {
  let at: Record<string | number, unknown> = target
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      at[key] = value
      return
    }
    const nextIsIndex = typeof path[i + 1] === 'number'
    if (at[key] === undefined) at[key] = nextIsIndex ? [] : {}
    at = at[key] as Record<string | number, unknown>
  })
}

function readCsv(text: string, schema: JsonSchema): ReadGrants {
  let records: string[][]
  try {
    records = parseCsv(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true })
  } catch (err) {
    return {
      package: null,
      errors: [{ path: '', message: `is not CSV: ${(err as Error).message}` }],
      warnings: [],
    }
  }
  const [header, ...rows] = records
  if (!header) return { package: null, errors: [{ path: '', message: 'is empty' }], warnings: [] }
  const titles = titleMap(schema)
  const warnings: GrantProblem[] = []
  const columns = header.map((h) => {
    const column = columnOf(h, titles)
    if (!column)
      warnings.push({ path: '', message: `column "${h}" is not a 360Giving column title: ignored` })
    return column
  })
  const grants = rows.map((cells) => {
    const grant: Record<string, unknown> = {}
    cells.forEach((cell, i) => {
      const column = columns[i]
      if (column && cell.trim() !== '') setPath(grant, column.path, typed(cell.trim(), column.type))
    })
    // An array filled from numbered columns may have holes (only item 1 given): close them.
    for (const [k, v] of Object.entries(grant))
      if (Array.isArray(v)) grant[k] = v.filter((x) => x !== undefined)
    return grant
  })
  return { package: { grants }, errors: [], warnings, lines: rows.map((_, i) => i + 2) }
}

// ---------- dates ----------

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]

const pad = (n: number) => String(n).padStart(2, '0')

/** A day-first date as { y, m, d } (d absent for a month), or undefined when it is not one. */
function dayFirst(text: string): { y: number; m: number; d?: number } | undefined {
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text)
  if (m) return valid({ y: Number(m[3]), m: Number(m[2]), d: Number(m[1]) })
  m = /^(\d{1,2})\/(\d{4})$/.exec(text)
  if (m) return valid({ y: Number(m[2]), m: Number(m[1]) })
  m = /^(\d{1,2}) ([A-Za-z]+) (\d{4})$/.exec(text)
  if (m) {
    const month = MONTHS.indexOf((m[2] as string).toLowerCase()) + 1
    if (month > 0) return valid({ y: Number(m[3]), m: month, d: Number(m[1]) })
  }
  return undefined
}

function valid(date: { y: number; m: number; d?: number }) {
  if (date.m < 1 || date.m > 12) return undefined
  if (date.d !== undefined) {
    const check = new Date(Date.UTC(date.y, date.m - 1, date.d))
    if (check.getUTCDate() !== date.d) return undefined
  }
  return date
}

type DateForm = 'date' | 'date-or-month' | 'date-time'

function rewrite(
  holder: Record<string, unknown> | undefined,
  key: string,
  form: DateForm,
  path: string,
  warnings: GrantProblem[],
): string | null {
  const value = holder?.[key]
  if (!holder || typeof value !== 'string') return null
  const date = dayFirst(value.trim())
  if (!date) return null
  let next: string
  let note = ''
  if (date.d === undefined && form === 'date-or-month') next = `${date.y}-${pad(date.m)}`
  else {
    next = `${date.y}-${pad(date.m)}-${pad(date.d ?? 1)}`
    if (date.d === undefined) note = ' (given to the month only: the 1st is taken)'
    if (form === 'date-time') next += 'T00:00:00+00:00'
  }
  holder[key] = next
  warnings.push({ path: `${path}/${key}`, message: `day-first date "${value}" read as ${next}${note}` })
  return value
}

/**
 * Rewrites the day-first dates of every grant in place, reporting each; returns each grant's award
 * date as written when it was rewritten.
 */
export function normaliseDates(
  grants: Array<Record<string, unknown>>,
  warnings: GrantProblem[],
): Array<string | null> {
  return grants.map((grant, i) => {
    if (typeof grant !== 'object' || grant === null) return null
    const at = `/grants/${i}`
    const awardDate = rewrite(grant, 'awardDate', 'date', at, warnings)
    rewrite(grant, 'dateModified', 'date-time', at, warnings)
    for (const events of ['plannedDates', 'actualDates']) {
      const list = grant[events]
      if (!Array.isArray(list)) continue
      list.forEach((event, j) => {
        const e = event as Record<string, unknown>
        rewrite(e, 'startDate', 'date-or-month', `${at}/${events}/${j}`, warnings)
        rewrite(e, 'endDate', 'date-or-month', `${at}/${events}/${j}`, warnings)
        rewrite(e, 'dateModified', 'date-time', `${at}/${events}/${j}`, warnings)
      })
    }
    return awardDate
  })
}

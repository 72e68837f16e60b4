import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { type JsonArrayItem, readJsonArray } from './ccew-json-stream'
import { type CcewScore, scoreCharity } from './ccew-scoring'

/**
 * The register extract, read table by table with bounded memory: the side tables
 * (classifications, other names, areas of operation) first, into compact maps by organisation
 * number (main charities only), then the charity table, one charity at a time, scored as it
 * passes. Only candidates, and charities the directory already holds (`known`), are kept; the rest
 * are counted by why they were left out. Rows that do not have the register's shape are reported
 * with their file, index and field, and the reading goes on.
 */

export const CCEW_FILES = {
  charity: 'publicextract.charity.json',
  classification: 'publicextract.charity_classification.json',
  areas: 'publicextract.charity_area_of_operation.json',
  otherNames: 'publicextract.charity_other_names.json',
} as const

export interface ExtractProblem {
  file: string
  /** 0-based position in the file's array. */
  index: number
  field: string
  message: string
}

const wholeNumber = z.number().int().nonnegative()
const text = z.string().nullish()
const isoDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}/, { message: 'must be a date written YYYY-MM-DD...' })
  .nullish()

const charityRow = z.object({
  date_of_extract: isoDateTime,
  organisation_number: wholeNumber,
  registered_charity_number: wholeNumber,
  linked_charity_number: wholeNumber,
  charity_name: z.string().trim().min(1, { message: 'must not be empty' }),
  charity_registration_status: z.string(),
  date_of_removal: isoDateTime,
  latest_income: z.number().nullish(),
  charity_contact_address1: text,
  charity_contact_address2: text,
  charity_contact_address3: text,
  charity_contact_address4: text,
  charity_contact_address5: text,
  charity_contact_postcode: text,
  charity_contact_phone: text,
  charity_contact_email: text,
  charity_contact_web: text,
  charity_company_registration_number: z.union([z.string(), z.number()]).nullish(),
  charity_activities: text,
})
const classificationRow = z.object({
  organisation_number: wholeNumber,
  linked_charity_number: wholeNumber,
  classification_code: z.union([wholeNumber, z.string().regex(/^\d+$/).transform(Number)]),
})
const otherNameRow = z.object({
  organisation_number: wholeNumber,
  linked_charity_number: wholeNumber,
  charity_name: z.string().trim().min(1),
})
const areaRow = z.object({
  organisation_number: wholeNumber,
  linked_charity_number: wholeNumber,
  geographic_area_type: z.string().min(1),
  geographic_area_description: z.string().min(1),
})

export type CharityRow = z.infer<typeof charityRow>

/** An area of operation as the register words it. */
export interface AreaOfOperation {
  type: string
  description: string
}

export interface ExtractCharity {
  /** 0-based position in the charity file. */
  index: number
  row: CharityRow
  names: string[]
  classifications: number[]
  areas: AreaOfOperation[]
  score: CcewScore
}

export interface ExtractResult {
  /** Rows of the charity table read (every charity, linked and removed ones too). */
  read: number
  /** The extract's date (`date_of_extract` of its first charity), when the rows carry one. */
  extractDate: string | null
  /** Candidates and known charities still registered, in the file's order. */
  charities: ExtractCharity[]
  /** Known charities (by registered number) removed from the register, with the removal date. */
  removed: Map<number, string | null>
  skipped: Record<string, number>
  problems: ExtractProblem[]
}

export const SKIP = {
  linked: 'linked charity',
  removed: 'removed from the register',
  notCandidate: 'not an infrastructure candidate',
  malformed: 'malformed row',
} as const

export interface ReadExtractOptions {
  /** Registered numbers of charities the directory holds: kept even when no longer candidates. */
  known?: ReadonlySet<number>
  onProgress?: (file: string, rows: number) => void
  /** Report progress every this many rows of a file. */
  progressEvery?: number
}

async function* rowsOf<T>(
  dir: string,
  file: string,
  schema: z.ZodType<T>,
  problems: ExtractProblem[],
  options: ReadExtractOptions,
): AsyncGenerator<{ index: number; row: T } | { index: number; bad: true }> {
  const every = options.progressEvery ?? 50_000
  let count = 0
  for await (const item of readJsonArray(path.join(dir, file)) as AsyncGenerator<JsonArrayItem>) {
    if (++count % every === 0) options.onProgress?.(file, count)
    if ('error' in item) {
      problems.push({ file, index: item.index, field: '', message: item.error })
      yield { index: item.index, bad: true }
      continue
    }
    const parsed = schema.safeParse(item.value)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ file, index: item.index, field: issue.path.join('.'), message: issue.message })
      }
      yield { index: item.index, bad: true }
      continue
    }
    yield { index: item.index, row: parsed.data }
  }
  options.onProgress?.(file, count)
}

/** The side tables must all be there; a missing one is named (the import stops before reading). */
export function missingExtractFiles(dir: string): string[] {
  return Object.values(CCEW_FILES).filter((f) => !fs.existsSync(path.join(dir, f)))
}

export async function readExtract(dir: string, options: ReadExtractOptions = {}): Promise<ExtractResult> {
  const problems: ExtractProblem[] = []
  const skipped: Record<string, number> = {}
  const skip = (reason: string) => {
    skipped[reason] = (skipped[reason] ?? 0) + 1
  }
  const known = options.known ?? new Set<number>()

  const classifications = new Map<number, number[]>()
  for await (const r of rowsOf(dir, CCEW_FILES.classification, classificationRow, problems, options)) {
    if (!('row' in r) || r.row.linked_charity_number !== 0) continue
    const list = classifications.get(r.row.organisation_number)
    if (list) list.push(r.row.classification_code)
    else classifications.set(r.row.organisation_number, [r.row.classification_code])
  }
  const otherNames = new Map<number, string[]>()
  for await (const r of rowsOf(dir, CCEW_FILES.otherNames, otherNameRow, problems, options)) {
    if (!('row' in r) || r.row.linked_charity_number !== 0) continue
    const list = otherNames.get(r.row.organisation_number)
    if (list) list.push(r.row.charity_name)
    else otherNames.set(r.row.organisation_number, [r.row.charity_name])
  }
  // Areas are few distinct values repeated on many rows: each is held once.
  const interned = new Map<string, AreaOfOperation>()
  const areas = new Map<number, AreaOfOperation[]>()
  for await (const r of rowsOf(dir, CCEW_FILES.areas, areaRow, problems, options)) {
    if (!('row' in r) || r.row.linked_charity_number !== 0) continue
    const key = `${r.row.geographic_area_type}\u0000${r.row.geographic_area_description}`
    let area = interned.get(key)
    if (!area) {
      area = { type: r.row.geographic_area_type, description: r.row.geographic_area_description }
      interned.set(key, area)
    }
    const list = areas.get(r.row.organisation_number)
    if (list) list.push(area)
    else areas.set(r.row.organisation_number, [area])
  }

  let read = 0
  let extractDate: string | null = null
  const charities: ExtractCharity[] = []
  const removed = new Map<number, string | null>()
  for await (const r of rowsOf(dir, CCEW_FILES.charity, charityRow, problems, options)) {
    read++
    if (!('row' in r)) {
      skip(SKIP.malformed)
      continue
    }
    const row = r.row
    extractDate ??= row.date_of_extract?.slice(0, 10) ?? null
    if (row.linked_charity_number !== 0) {
      skip(SKIP.linked)
      continue
    }
    if (row.charity_registration_status.toLowerCase() === 'removed' || row.date_of_removal) {
      skip(SKIP.removed)
      if (known.has(row.registered_charity_number)) {
        removed.set(row.registered_charity_number, row.date_of_removal?.slice(0, 10) ?? null)
      }
      continue
    }
    const names = [row.charity_name, ...(otherNames.get(row.organisation_number) ?? [])]
    const codes = classifications.get(row.organisation_number) ?? []
    const score = scoreCharity({ names, classifications: codes, activities: row.charity_activities ?? null })
    if (!score.candidate && !known.has(row.registered_charity_number)) {
      skip(SKIP.notCandidate)
      continue
    }
    charities.push({
      index: r.index,
      row,
      names,
      classifications: codes,
      areas: areas.get(row.organisation_number) ?? [],
      score,
    })
  }
  return { read, extractDate, charities, removed, skipped, problems }
}

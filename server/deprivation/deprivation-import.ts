import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse as parseCsv } from 'csv-parse/sync'
import type { Knex } from 'knex'
import { type DistrictSums, replaceDeprivation } from './deprivation-queries'

/**
 * Loads the English Indices of Deprivation 2019 (../shared/stats, read in place, never copied)
 * at geography import and seed time. The LSOA file is summed per 2013 district in Node (one pass
 * over 32,844 rows) and written in one statement; every higher English area is then summed from
 * its districts in SQL (docs/decisions/0017).
 */

export const IMD_LSOA_FILE = 'imd2019_lsoa_england.csv'

export class DeprivationImportError extends Error {
  override name = 'DeprivationImportError'
}

const COLUMNS = [
  'lsoa11cd',
  'lad13cd',
  'imd_rank',
  'imd_decile',
  'pop_mid2015',
  'pop_0_15',
  'pop_16_59',
  'pop_60_plus',
]
const ENGLISH_DISTRICT = /^E0[6-9]\d{6}$/
const LSOA = /^E01\d{6}$/
/** IMD 2019 ranks 32,844 English LSOAs (1 = most deprived). */
export const LSOA_COUNT_ENGLAND = 32_844

function whole(
  file: string,
  line: number,
  column: string,
  raw: string | undefined,
  min: number,
  max: number,
) {
  const value = Number(raw)
  if (!/^\d+$/.test(raw ?? '') || value < min || value > max) {
    throw new DeprivationImportError(
      `${file}: row ${line}: column "${column}" must be a whole number from ${min} to ${max} (got "${raw ?? ''}")`,
    )
  }
  return value
}

/** The LSOA file, summed per 2013 district; every row checked, the first fault named with its row. */
export function readDistrictSums(statsDir: string): DistrictSums[] {
  const file = IMD_LSOA_FILE
  let raw: string
  try {
    raw = readFileSync(path.join(statsDir, file), 'utf8')
  } catch (err) {
    throw new DeprivationImportError(`${file}: cannot read it in ${statsDir} (${(err as Error).message})`)
  }
  const rows = parseCsv(raw, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Array<
    Record<string, string>
  >
  const header = rows[0] ? Object.keys(rows[0]) : []
  const missing = COLUMNS.filter((c) => !header.includes(c))
  if (missing.length > 0) throw new DeprivationImportError(`${file}: columns missing: ${missing.join(', ')}`)
  const sums = new Map<string, DistrictSums>()
  rows.forEach((row, i) => {
    const line = i + 2
    const lsoa = row.lsoa11cd ?? ''
    const code = row.lad13cd ?? ''
    if (!LSOA.test(lsoa))
      throw new DeprivationImportError(`${file}: row ${line}: "${lsoa}" is not an English LSOA code`)
    if (!ENGLISH_DISTRICT.test(code)) {
      throw new DeprivationImportError(`${file}: row ${line}: "${code}" is not an English 2013 district code`)
    }
    const rank = whole(file, line, 'imd_rank', row.imd_rank, 1, LSOA_COUNT_ENGLAND)
    const decile = whole(file, line, 'imd_decile', row.imd_decile, 1, 10)
    const population = whole(file, line, 'pop_mid2015', row.pop_mid2015, 1, 100_000)
    const bands = (['pop_0_15', 'pop_16_59', 'pop_60_plus'] as const).map((c) =>
      whole(file, line, c, row[c], 0, 100_000),
    )
    const s = sums.get(code) ?? {
      code,
      lsoaCount: 0,
      population: 0,
      pop0to15: 0,
      pop16to59: 0,
      pop60plus: 0,
      popRankSum: 0,
      popDecile1: 0,
      popDecile1to2: 0,
    }
    s.lsoaCount += 1
    s.population += population
    s.pop0to15 += bands[0] ?? 0
    s.pop16to59 += bands[1] ?? 0
    s.pop60plus += bands[2] ?? 0
    s.popRankSum += population * rank
    if (decile === 1) s.popDecile1 += population
    if (decile <= 2) s.popDecile1to2 += population
    sums.set(code, s)
  })
  return [...sums.values()]
}

export interface DeprivationLoadReport {
  districts: number
  rolledUp: number
  /** District codes in the file with no area loaded (a partial geography import). */
  unmatched: string[]
  ms: number
}

/** Replaces every deprivation row: the districts from the file, then their sums upwards. */
export async function loadDeprivation(knex: Knex, statsDir: string): Promise<DeprivationLoadReport> {
  const started = Date.now()
  const districts = readDistrictSums(statsDir)
  const result = await knex.transaction((trx) => replaceDeprivation(trx, districts))
  return { ...result, ms: Date.now() - started }
}

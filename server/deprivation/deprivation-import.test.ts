import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { testConfig } from '../../test/helpers/test-config'
import { IMD_LSOA_FILE, readDistrictSums } from './deprivation-import'

const HEADER =
  'lsoa11cd,lsoa11nm,lad19cd,lad19nm,lad13cd,imd_rank,imd_decile,pop_mid2015,pop_0_15,pop_16_59,pop_60_plus'
const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

function statsDir(lines: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imd-'))
  dirs.push(dir)
  fs.writeFileSync(path.join(dir, IMD_LSOA_FILE), [HEADER, ...lines].join('\n'))
  return dir
}

describe('readDistrictSums', () => {
  test('sums a district’s LSOAs: population × rank, and the people in deciles 1 and 1–2', () => {
    const dir = statsDir([
      'E01000001,A,E06000001,X,E06000001,100,1,1000,200,500,300',
      'E01000002,B,E06000001,X,E06000001,5000,2,2000,400,1000,600',
      'E01000003,C,E06000001,X,E06000001,30000,10,1000,100,600,300',
    ])
    expect(readDistrictSums(dir)).toEqual([
      {
        code: 'E06000001',
        lsoaCount: 3,
        population: 4000,
        pop0to15: 700,
        pop16to59: 2100,
        pop60plus: 1200,
        popRankSum: 1000 * 100 + 2000 * 5000 + 1000 * 30000,
        popDecile1: 1000,
        popDecile1to2: 3000,
      },
    ])
  })

  test.each([
    [
      'E01000001,A,E06000001,X,W06000015,100,1,1000,200,500,300',
      'row 2: "W06000015" is not an English 2013 district code',
    ],
    [
      'E01000001,A,E06000001,X,E06000001,0,1,1000,200,500,300',
      'row 2: column "imd_rank" must be a whole number from 1 to 32844 (got "0")',
    ],
    [
      'E01000001,A,E06000001,X,E06000001,10,11,1000,200,500,300',
      'row 2: column "imd_decile" must be a whole number from 1 to 10 (got "11")',
    ],
    [
      'E01000001,A,E06000001,X,E06000001,10,1,,200,500,300',
      'row 2: column "pop_mid2015" must be a whole number from 1 to 100000 (got "")',
    ],
  ])('a bad row is refused with its row and column: %s', (line, message) => {
    expect(() => readDistrictSums(statsDir([line]))).toThrow(`${IMD_LSOA_FILE}: ${message}`)
  })

  test('the real file: 326 districts, 32,844 LSOAs', () => {
    const sums = readDistrictSums(testConfig().statsDataDir)
    expect(sums).toHaveLength(326)
    expect(sums.reduce((n, s) => n + s.lsoaCount, 0)).toBe(32_844)
  })
})

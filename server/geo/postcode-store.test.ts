import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { parsePostcode } from './postcode'
import {
  buildPostcodeStore,
  isPostcodeStoreCurrent,
  openPostcodeStore,
  POSTCODE_STORE_FILE,
  postcodeKeyNumber,
  postcodeStore,
} from './postcode-store'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'postcode-store-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

function write(name: string, text: string): string {
  const file = path.join(dir, name)
  fs.writeFileSync(file, text)
  return file
}

// Deliberately out of order, with a duplicate and a row the current rules reject.
write(
  'postcodes_uk.csv',
  [
    'Postcode,lat,long',
    'M1 1AA,53.47300,-2.23000',
    'HR1 2PJ,52.05551,-2.71314',
    'AB10 1AA,57.14416,-2.11481',
    'HR1 2PJ,1.00000,1.00000',
    'QQ1 0AA,51.51700,-0.15000',
    'SW1A 0AA,51.49984,-0.12466',
    '',
  ].join('\n'),
)
write('postcode_sectors_uk.csv', 'code,lat,long,count\nHR1 2,52.05,-2.71,300\n')
write('postcode_districts_uk.csv', 'code,lat,long,count\nHR1,52.06,-2.70,1500\n')
write('postcode_areas_uk.csv', 'code,lat,long,count\nHR,52.1,-2.8,9000\n')

const locate = (store: ReturnType<typeof openPostcodeStore>, pc: string) =>
  store.locate(parsePostcode(pc) as NonNullable<ReturnType<typeof parsePostcode>>)

describe('the packed postcode file', () => {
  const csv = path.join(dir, 'postcodes_uk.csv')
  const out = path.join(dir, 'data', POSTCODE_STORE_FILE)
  const report = buildPostcodeStore(csv, out)
  const store = openPostcodeStore(out, dir)

  test('keeps every valid postcode once, sorted, and says what it skipped', () => {
    expect(report).toMatchObject({ rows: 6, postcodes: 4, rejected: 1, duplicates: 1, bytes: 32 + 4 * 16 })
    expect(Array.from({ length: store.size }, (_, i) => store.display(i))).toEqual([
      'AB10 1AA',
      'HR1 2PJ',
      'M1 1AA',
      'SW1A 0AA',
    ])
  })

  test('finds a postcode typed any way, with its 5-decimal point exactly; the first of duplicates wins', () => {
    expect(locate(store, 'hr12pj')).toEqual({ lat: 52.05551, lng: -2.71314, precision: 'postcode' })
    expect(locate(store, ' SW1A 0AA ')).toEqual({ lat: 51.49984, lng: -0.12466, precision: 'postcode' })
    expect(locate(store, 'M1 1AA')).toEqual({ lat: 53.473, lng: -2.23, precision: 'postcode' })
  })

  test('falls back to the sector, then the district, then the area centroid', () => {
    expect(locate(store, 'HR1 2ZZ')).toEqual({ lat: 52.05, lng: -2.71, precision: 'sector' })
    expect(locate(store, 'HR1 5AA')).toEqual({ lat: 52.06, lng: -2.7, precision: 'district' })
    expect(locate(store, 'HR9 5AA')).toEqual({ lat: 52.1, lng: -2.8, precision: 'area' })
    expect(locate(store, 'GY1 1AA')).toBeUndefined()
  })

  test('keys sort apart for every length of outward code', () => {
    const keys = ['M11AA', 'M11AB', 'M111AA', 'M1A1AA', 'SW1A0AA', 'SW1A0AB'].map(postcodeKeyNumber)
    expect(new Set(keys).size).toBe(keys.length)
  })

  test('is rebuilt when the CSV changes, and only then', () => {
    const config = { dataDir: path.join(dir, 'data'), geoDataDir: dir }
    expect(isPostcodeStoreCurrent(csv, out)).toBe(true)
    expect(postcodeStore(config).size).toBe(4)
    fs.appendFileSync(csv, 'LS1 1UR,53.79700,-1.54200\n')
    expect(isPostcodeStoreCurrent(csv, out)).toBe(false)
    expect(isPostcodeStoreCurrent(csv, path.join(dir, 'absent.bin'))).toBe(false)
    // A process that already opened the file keeps it; a new build is picked up by the next open.
    expect(openPostcodeStore(out, dir).size).toBe(4)
    buildPostcodeStore(csv, out)
    expect(isPostcodeStoreCurrent(csv, out)).toBe(true)
    expect(locate(openPostcodeStore(out, dir), 'LS1 1UR')?.precision).toBe('postcode')
  })

  test('a file that is not a packed postcode file is refused', () => {
    const bogus = write('bogus.bin', 'x'.repeat(64))
    expect(() => openPostcodeStore(bogus, dir)).toThrow(/not a postcode file/)
    expect(isPostcodeStoreCurrent(csv, bogus)).toBe(false)
  })
})

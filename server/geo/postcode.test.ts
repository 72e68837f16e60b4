import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { testConfig } from '../../test/helpers/test-config'
import { parsePostcode } from './postcode'

describe('parsePostcode', () => {
  test.each([
    ['BD1 1AA', 'BD11AA', 'BD1 1AA', 'BD1', 'BD1 1'],
    ['bd1 1aa', 'BD11AA', 'BD1 1AA', 'BD1', 'BD1 1'],
    ['  sw1a0aa ', 'SW1A0AA', 'SW1A 0AA', 'SW1A', 'SW1A 0'],
    ['SE1P 5ZZ', 'SE1P5ZZ', 'SE1P 5ZZ', 'SE1P', 'SE1P 5'],
    ['M1 1AD', 'M11AD', 'M1 1AD', 'M1', 'M1 1'],
    ['M11 1AA', 'M111AA', 'M11 1AA', 'M11', 'M11 1'],
    ['CF10\t3ND', 'CF103ND', 'CF10 3ND', 'CF10', 'CF10 3'],
    ['W1A 1AA', 'W1A1AA', 'W1A 1AA', 'W1A', 'W1A 1'],
    ['gir 0aa', 'GIR0AA', 'GIR 0AA', 'GIR', 'GIR 0'],
  ])('%j -> key %s, display %s, district %s, sector %s', (input, key, display, outward, sector) => {
    expect(parsePostcode(input)).toEqual({ key, display, outward, sector })
  })

  test.each([
    [''],
    ['BD1'],
    ['BD1 1'],
    ['BD1 1A'],
    ['BD11AAA'],
    ['1BD 1AA'],
    ['QD1 1AA'],
    ['BJ1 1AA'],
    ['BD1 1AC'],
    ['BD1 1IA'],
    ['BD1 AAA'],
    ['BD1-1AA'],
    ['SW1I 1AA'],
    ['ÄD1 1AA'],
  ])('%j is not a postcode', (input) => {
    expect(parsePostcode(input)).toBeUndefined()
  })

  test('every one of the 2,688,460 postcodes of postcodes_uk.csv passes, terminated W1M/W1X-style ones too', () => {
    const file = path.join(testConfig().geoDataDir, 'postcodes_uk.csv')
    const lines = fs.readFileSync(file, 'utf8').split('\n').slice(1).filter(Boolean)
    expect(lines).toHaveLength(2_688_460)
    const failing = lines.map((l) => l.slice(0, l.indexOf(','))).filter((pc) => !parsePostcode(pc))
    expect(failing).toEqual([])
  }, 120_000)
})

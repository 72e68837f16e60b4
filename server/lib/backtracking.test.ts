import { describe, expect, test } from 'vitest'
import { searchQuerySchema } from '../directory/directory-schemas'
import { areasQuerySchema } from '../geo/geo-schemas'
import { EMAIL as ORUK_EMAIL } from '../imports/imports-oruk-fields'
import { signpostQuerySchema } from '../signpost/signpost-schemas'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'

/**
 * Issue 13 §3 asked for every other pattern applied to user input with the shape that
 * backtracks (overlapping quantifiers): the decimal check of lat/lng query parameters
 * (`\d+\.?\d*` splits a run of digits every way, 30,000 digits took 10 s) and the ORUK import's
 * e-mail check (`[^\s@]+\.[^\s@]+` splits a dotted run every way). Each is given a long
 * adversarial value; the time is printed, not asserted; the answer must be a refusal.
 */
const LONG_DIGITS = `${'1'.repeat(100_000)}x`
const empty = (): Taxonomy => ({
  levels: [],
  kinds: [],
  functionFamilies: [],
  functions: [],
  strandDetails: [],
  qualityMarks: [],
  topics: [],
  strands: [],
  orgTypes: [],
  formats: [],
  languages: [],
  statuses: [],
  costTypes: [],
})

function timed<T>(name: string, run: () => T): T {
  const started = performance.now()
  const result = run()
  console.log(`${name}: ${(performance.now() - started).toFixed(1)} ms`)
  return result
}

describe('patterns on user input answer in linear time', () => {
  test.each<[string, () => { success: boolean; error?: { issues: unknown[] } }]>([
    ['GET /api/geo/areas lat', () => areasQuerySchema.safeParse({ lat: LONG_DIGITS, lng: '0' })],
    ['GET /api/signpost lat', () => signpostQuerySchema(empty()).safeParse({ lat: LONG_DIGITS, lng: '0' })],
    ['GET /api/providers lng', () => searchQuerySchema(empty()).safeParse({ lat: '53', lng: LONG_DIGITS })],
  ])('%s: 100,000 digits and a letter are refused', (name, parse) => {
    const result = timed(name, parse)
    expect(result.success).toBe(false)
    expect(JSON.stringify(result.error?.issues)).toMatch(/must be a number from/)
  })

  test('ORUK import: an e-mail of 100,000 dots is not an e-mail address; real ones still are', () => {
    expect(timed('ORUK import email', () => ORUK_EMAIL.test(`a@${'.'.repeat(100_000)} `))).toBe(false)
    expect(ORUK_EMAIL.test('info@example.org.uk')).toBe(true)
    expect(ORUK_EMAIL.test('info@localhost')).toBe(false)
  })
})

import { expect, test } from 'vitest'
import { isStale } from './verification'

const now = new Date('2026-11-23T12:00:00Z')

test.each([
  ['2026-11-01', false],
  ['2025-11-24', false],
  ['2025-11-22', true],
  ['2008-07-01', true],
  ['2026-06-01T09:00:00.000Z', false],
  ['not a date', true],
  [null, true],
])('verified %s: stale %s', (verified, stale) => {
  expect(isStale(verified, now)).toBe(stale)
})

import { afterEach, describe, expect, it, vi } from 'vitest'
import { testConfig } from '../../test/helpers/test-config'

/**
 * The freshness policy judges a record by the days since it was verified. The demo keeps those ages
 * whatever the day it is seeded, so tests and the README that describe it stay true over time (a demo
 * pinned to fixed days turned records stale one by one from December 2026), and no demo record sits
 * near the 12-month stale line, so a leap year or a run passing midnight changes nothing.
 */

const DAY = 86_400_000
const ageOn = (seedDay: string, date: string | undefined) =>
  date === undefined ? null : Math.round((Date.parse(seedDay) - Date.parse(date)) / DAY)

async function demoAt(now: string) {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date(now))
  vi.resetModules()
  const { buildDemoDirectory } = await import('./demo-directory')
  const { DEMO_SEED_DAY } = await import('./demo-record-helpers')
  const directory = buildDemoDirectory(testConfig().geoDataDir)
  vi.useRealTimers()
  const ages = new Map(
    directory.providers
      .filter((p) => p.source === 'demo')
      .map((p) => [p.slug, ageOn(DEMO_SEED_DAY, p.lastVerifiedAt)] as const),
  )
  return { seedDay: DEMO_SEED_DAY, ages }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('demo verification dates', () => {
  it('are the same number of days before the seed day in 2026, in a leap year and years later', async () => {
    const written = await demoAt('2026-12-07T12:00:00Z')
    expect(written.seedDay).toBe('2026-12-07')
    for (const later of ['2028-03-01T09:00:00Z', '2031-06-30T23:30:00Z']) {
      const seeded = await demoAt(later)
      expect(seeded.ages).toEqual(written.ages)
    }
    // London's day: half past eleven at night in June (BST) is already the next day there.
    expect((await demoAt('2031-06-30T23:30:00Z')).seedDay).toBe('2031-07-01')
  }, 120_000)

  it('leave no record within 8 days of the 12-month stale line, and keep some on each side', async () => {
    const { ages } = await demoAt('2026-12-07T12:00:00Z')
    const near = [...ages].filter(([, age]) => age !== null && age >= 358 && age <= 373)
    expect(near).toEqual([])
    const values = [...ages.values()].filter((a): a is number => a !== null)
    expect(values.filter((a) => a <= 365).length).toBeGreaterThan(100)
    expect(values.filter((a) => a > 365).length).toBeGreaterThan(100)
    expect(Math.min(...values)).toBe(36)
    expect(Math.max(...values)).toBeLessThanOrEqual(766)
  }, 120_000)
})

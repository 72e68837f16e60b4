import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import type { Database } from '../lib/db'
import { ROUNDING_BASE } from './disclosure-control'

/**
 * Issue 13 §6: published enquiry counts could be undone by subtraction ("total 19, advice-only
 * 17, no suitable provider <5" revealed 2; region minus districts revealed a suppressed
 * district). Here an attacker reads only the public figures and works out every value a hidden
 * count could take, exactly (each true figure lies within ±2 of its published multiple of 5, and
 * the parts of a total add up to it). Recovering a count means leaving one possible value; each
 * attack must leave several. The attacker is checked on exact figures too, where it does recover
 * the count, so the test would catch a regression to exact or merely suppressed figures.
 */

const YORKSHIRE = 'E12000003'
const LEEDS = 'E08000035'
const BRADFORD = 'E08000032'
const WAKEFIELD = 'E08000036'
const KIRKLEES = 'E08000034'

/** The true values a published figure can stand for: null is "not listed". */
function candidates(published: number | null, exact: boolean): number[] {
  if (exact && published !== null) return [published]
  const p = published ?? 0
  const half = Math.floor(ROUNDING_BASE / 2)
  const from = Math.max(0, p - half)
  return Array.from({ length: p + half - from + 1 }, (_, i) => from + i)
}

/**
 * Every value the target can take, given the figures of the other parts of a total and the total
 * itself. Sums of ranges of whole numbers are ranges, so the other parts together cover
 * [sum of their lows, sum of their highs].
 */
function feasible(
  target: number | null,
  others: Array<number | null>,
  total: number | null,
  exact = false,
): number[] {
  const parts = others.map((o) => candidates(o, exact))
  const low = parts.reduce((s, c) => s + Math.min(...c), 0)
  const high = parts.reduce((s, c) => s + Math.max(...c), 0)
  const totals = new Set(candidates(total, exact))
  return candidates(target, exact).filter((x) => {
    for (let s = low; s <= high; s++) if (totals.has(x + s)) return true
    return false
  })
}

let db: Database
let app: ReturnType<typeof createApp>
let districtsOfRegion: string[]

async function log(n: number, row: { district: string; fn: string; outcome: string; on: string }) {
  await db.knex('enquiries').insert(
    Array.from({ length: n }, () => ({
      district_code: row.district,
      function_code: row.fn,
      channel: 'phone',
      outcome: row.outcome,
      recorded_on: row.on,
    })),
  )
}

beforeAll(async () => {
  db = await openTestDatabase()
  app = createApp({ db, config: testConfig() })
  // The figures: Leeds 19 in all, 17 advice-only (November), 2 with no suitable provider (October).
  await log(17, { district: LEEDS, fn: 'grants', outcome: 'advice-only', on: '2026-11-10' })
  await log(2, { district: LEEDS, fn: 'training', outcome: 'no-suitable-provider', on: '2026-10-20' })
  // Other districts of the region; Bradford's 2 are the small count the region must not give away.
  await log(2, { district: BRADFORD, fn: 'grants', outcome: 'referred', on: '2026-11-03' })
  await log(6, { district: WAKEFIELD, fn: 'grants', outcome: 'no-suitable-provider', on: '2026-11-04' })
  await log(4, { district: KIRKLEES, fn: 'grants', outcome: 'advice-only', on: '2026-11-05' })
  districtsOfRegion = await db
    .knex('area_closure as c')
    .join('areas as a', 'a.code', 'c.descendant_code')
    .where({ 'c.ancestor_code': YORKSHIRE, 'a.type': 'lad' })
    .pluck('a.code')
})
afterAll(async () => {
  await db?.close()
})

type Area = { code: string; total: number; byOutcome: Record<string, number> }

async function published(query: Record<string, string>): Promise<Map<string, Area>> {
  const res = await request(app).get('/api/enquiries/summary').query(query)
  expect(res.status).toBe(200)
  expect(res.body.roundedTo).toBe(5)
  return new Map((res.body.areas as Area[]).map((a) => [a.code, a]))
}

const figure = (areas: Map<string, Area>, code: string, outcome?: string): number | null => {
  const area = areas.get(code)
  if (!area) return null
  return outcome ? (area.byOutcome[outcome] as number) : area.total
}

describe('published enquiry counts cannot be undone by subtraction', () => {
  test('by outcome: total minus the other outcomes leaves Leeds’ 2 "no suitable provider" open', async () => {
    const local = await published({ level: 'local' })
    const leeds = local.get(LEEDS)
    // Every figure rounded on its own: 19 → 20, 17 → 15, 2 → 0.
    expect(leeds).toMatchObject({
      total: 20,
      byOutcome: { referred: 0, 'advice-only': 15, 'no-suitable-provider': 0 },
    })
    const values = feasible(
      figure(local, LEEDS, 'no-suitable-provider'),
      [figure(local, LEEDS, 'referred'), figure(local, LEEDS, 'advice-only')],
      figure(local, LEEDS),
    )
    expect(values).toContain(2)
    expect(values.length).toBeGreaterThan(1)
    // The same attack on exact figures does recover it: the attacker works.
    expect(feasible(2, [0, 17], 19, true)).toEqual([2])
  })

  test('by area within a region: the region minus its districts leaves Bradford’s 2 open', async () => {
    const regional = await published({ level: 'regional' })
    const local = await published({ level: 'local', within: YORKSHIRE })
    expect(local.has(BRADFORD)).toBe(false) // 2 rounds to 0: not listed, like a district with none
    const others = districtsOfRegion.filter((c) => c !== BRADFORD).map((c) => figure(local, c))
    const values = feasible(figure(local, BRADFORD), others, figure(regional, YORKSHIRE))
    expect(values).toContain(2)
    expect(values.length).toBeGreaterThan(1)
    // A published 0 (or no line) is not a promise of none.
    expect(values).toContain(0)
  })

  test('by filter: all functions minus the others leaves Leeds’ 2 "training" enquiries open', async () => {
    const all = await published({ level: 'local', within: LEEDS })
    const grants = await published({ level: 'local', within: LEEDS, function: 'grants' })
    const training = await published({ level: 'local', within: LEEDS, function: 'training' })
    const values = feasible(figure(training, LEEDS), [figure(grants, LEEDS)], figure(all, LEEDS))
    expect(values).toContain(2)
    expect(values.length).toBeGreaterThan(1)
  })

  test('by date: two months minus one leaves October’s 2 open', async () => {
    const both = await published({ level: 'local', within: LEEDS, from: '2026-10-01', to: '2026-11-30' })
    const november = await published({ level: 'local', within: LEEDS, from: '2026-11-01', to: '2026-11-30' })
    const october = await published({ level: 'local', within: LEEDS, from: '2026-10-01', to: '2026-10-31' })
    const values = feasible(figure(october, LEEDS), [figure(november, LEEDS)], figure(both, LEEDS))
    expect(values).toContain(2)
    expect(values.length).toBeGreaterThan(1)
  })

  test('unmet need on the coverage page and area profiles is rounded the same way', async () => {
    const coverage = await request(app).get('/api/coverage').query({ level: 'local', within: YORKSHIRE })
    expect(coverage.status).toBe(200)
    const unmet = Object.fromEntries(
      (coverage.body.areas as Array<{ code: string; unmetNeed: number }>).map((a) => [a.code, a.unmetNeed]),
    )
    // Exact: Leeds 2, Wakefield 6, Bradford and Kirklees 0.
    expect([unmet[LEEDS], unmet[WAKEFIELD], unmet[BRADFORD], unmet[KIRKLEES]]).toEqual([0, 5, 0, 0])
    const profile = await request(app).get(`/api/areas/${LEEDS}/profile`)
    expect(profile.body.unmetNeed).toEqual({
      total: 20,
      byOutcome: { referred: 0, 'advice-only': 15, 'no-suitable-provider': 0 },
    })
    const region = await request(app).get(`/api/areas/${YORKSHIRE}/profile`)
    // Exact 31 in all: 2 referred, 21 advice-only, 8 no suitable provider.
    expect(region.body.unmetNeed).toEqual({
      total: 30,
      byOutcome: { referred: 0, 'advice-only': 20, 'no-suitable-provider': 10 },
    })
  })

  test('day-by-day windows are refused for the public: published figures cover whole months', async () => {
    const res = await request(app)
      .get('/api/enquiries/summary')
      .query({ from: '2026-10-20', to: '2026-10-20' })
    expect(res.status).toBe(400)
    expect(res.body.error.details).toEqual([
      { field: 'from', message: 'must be the first day of a month, e.g. 2026-11-01' },
      { field: 'to', message: 'must be the last day of a month, e.g. 2026-11-30' },
    ])
  })
})

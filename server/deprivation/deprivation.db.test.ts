import fs from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import type { Database } from '../lib/db'
import { perHeadBase } from './denominators'
import { loadDeprivation } from './deprivation-import'
import type { AreaDeprivationAnswer } from './deprivation-service'

/**
 * Issue 20, acceptance 2 (the data): the IMD 2019 loaded beside the areas. District figures equal
 * the published district summary; a county's equals the hand computation over its LSOAs; Wales,
 * Scotland and Northern Ireland have none, with the reason.
 */

let db: Database
let app: ReturnType<typeof createApp>
const config = testConfig()

beforeAll(async () => {
  db = await openTestDatabase()
  app = createApp({ db, config })
})
afterAll(async () => {
  await db?.close()
})

type Row = Record<string, string>
const csv = (dir: string, file: string): Row[] =>
  parse(fs.readFileSync(path.join(dir, file), 'utf8'), { columns: true, skip_empty_lines: true })
const lsoas = csv(config.statsDataDir, 'imd2019_lsoa_england.csv')
const summary = new Map(csv(config.statsDataDir, 'imd2019_lad13_summary.csv').map((r) => [r.lad13cd, r]))
const hierarchy = csv(config.geoDataDir, 'lad_hierarchy.csv')

/** The population-weighted rank and shares over these LSOAs, computed here by hand. */
function overLsoas(rows: Row[]) {
  const pop = (r: Row) => Number(r.pop_mid2015)
  const total = rows.reduce((s, r) => s + pop(r), 0)
  const inDeciles = (max: number) =>
    rows.filter((r) => Number(r.imd_decile) <= max).reduce((s, r) => s + pop(r), 0) / total
  return {
    lsoaCount: rows.length,
    population: total,
    weightedRank: Number((rows.reduce((s, r) => s + pop(r) * Number(r.imd_rank), 0) / total).toFixed(1)),
    shareMostDeprived10: Number(inDeciles(1).toFixed(4)),
    shareMostDeprived20: Number(inDeciles(2).toFixed(4)),
  }
}

async function deprivationOf(code: string): Promise<AreaDeprivationAnswer> {
  const res = await request(app).get(`/api/areas/${code}/deprivation`)
  expect(res.status).toBe(200)
  return res.body as AreaDeprivationAnswer
}

describe(`IMD 2019 beside the areas on the ${currentEngine()} engine`, () => {
  test.each([
    ['E06000001', 'Hartlepool'],
    ['E06000009', 'Blackpool'],
    ['E08000035', 'Leeds'],
    ['E09000001', 'City of London'],
    ['E07000112', 'Shepway (Folkestone and Hythe)'],
  ])('district %s (%s) equals the published district summary', async (code) => {
    const published = summary.get(code) as Row
    const { deprivation, populationByBand } = await deprivationOf(code)
    expect(deprivation.unavailable).toBeNull()
    expect(deprivation.figures).toMatchObject({
      lsoaCount: Number(published.n_lsoa),
      population: Number(published.pop_mid2015),
      bands: {
        '0-15': Number(published.pop_0_15),
        '16-59': Number(published.pop_16_59),
        '60+': Number(published.pop_60_plus),
      },
      weightedRank: Number(published.pop_weighted_avg_rank),
      shareMostDeprived10: Number(published.share_pop_decile1),
      derivedFrom: 'lsoas',
    })
    expect(populationByBand['60+']).toEqual({
      band: '60+',
      population: Number(published.pop_60_plus),
      source: 'imd2019-mid-2015',
      year: 2015,
    })
  })

  test('Blackpool is the most deprived district, as in the official summary', async () => {
    const { deprivation } = await deprivationOf('E06000009')
    expect(deprivation.figures?.rankAmongType).toEqual({ rank: 1, of: 326, type: 'lad' })
  })

  test("a county's population-weighted rank and shares equal the hand computation over its LSOAs", async () => {
    const districts = hierarchy.filter((r) => r.county_code === 'E10000017').map((r) => r.lad_code)
    expect(districts).toHaveLength(12) // Lancashire's twelve districts
    const expected = overLsoas(lsoas.filter((r) => districts.includes(r.lad13cd as string)))
    const { deprivation } = await deprivationOf('E10000017')
    expect(deprivation.figures).toMatchObject({ ...expected, derivedFrom: 'districts' })
    // A weighted rank, not the mean of the districts' ranks nor of the LSOA ranks.
    const unweighted = lsoas
      .filter((r) => districts.includes(r.lad13cd as string))
      .reduce((s, r, _i, all) => s + Number(r.imd_rank) / all.length, 0)
    expect(deprivation.figures?.weightedRank).not.toBe(Number(unweighted.toFixed(1)))
  })

  test('a combined authority, a region and England are summed over their LSOAs too', async () => {
    const inCombined = hierarchy.filter((r) => r.cauth_code === 'E47000003').map((r) => r.lad_code)
    const inRegion = hierarchy.filter((r) => r.region_code === 'E12000002').map((r) => r.lad_code)
    for (const [code, districts] of [
      ['E47000003', inCombined],
      ['E12000002', inRegion],
    ] as const) {
      const { deprivation } = await deprivationOf(code)
      expect(deprivation.figures).toMatchObject(
        overLsoas(lsoas.filter((r) => districts.includes(r.lad13cd as string))),
      )
    }
    const england = await deprivationOf('E92000001')
    expect(england.deprivation.figures).toMatchObject({ ...overLsoas(lsoas), lsoaCount: 32_844 })
    // Deciles are national: a tenth of England's LSOAs are in its most deprived 10 %.
    expect(england.deprivation.figures?.shareMostDeprived10).toBeCloseTo(0.1, 1)
  })

  test.each([
    ['W06000015', 'a Welsh district (Cardiff)', 'outside-england'],
    ['W92000004', 'Wales', 'outside-england'],
    ['S12000036', 'a Scottish council area (Edinburgh)', 'outside-england'],
    ['N92000002', 'Northern Ireland', 'outside-england'],
    ['E05001341', 'an English ward (Baildon, Bradford)', 'below-districts'],
  ])('%s (%s) has no figures, with the reason, not a zero', async (code, _what, reason) => {
    const { deprivation } = await deprivationOf(code)
    expect(deprivation).toEqual({ figures: null, unavailable: reason })
    const rows = await db.knex('area_deprivation').where({ area_code: code })
    expect(rows).toEqual([])
  })

  test('no Welsh, Scottish or Northern Irish area has a row', async () => {
    const rows = await db.knex('area_deprivation').whereNot('area_code', 'like', 'E%').select('area_code')
    expect(rows).toEqual([])
  })

  test('an unknown area is a 404 and a malformed code a 400, in the one error shape', async () => {
    const missing = await request(app).get('/api/areas/E06999999/deprivation')
    expect(missing.status).toBe(404)
    expect(missing.body.error).toMatchObject({ name: 'NotFound', message: 'No area with code E06999999' })
    const bad = await request(app).get('/api/areas/leeds/deprivation')
    expect(bad.status).toBe(400)
    expect(bad.body.error.name).toBe('ValidationError')
    expect(JSON.stringify(bad.body.error)).toContain('must be a GSS area code')
  })

  test('per-head denominators: older people in England per person aged 60+; in Wales all ages, flagged', async () => {
    const leeds = summary.get('E08000035') as Row
    expect(await perHeadBase(db.knex, 'E08000035', 'older-people')).toEqual({
      band: '60+',
      population: Number(leeds.pop_60_plus),
      source: 'imd2019-mid-2015',
      year: 2015,
      fallback: false,
    })
    expect(await perHeadBase(db.knex, 'E08000035', 'race')).toMatchObject({
      band: 'all',
      population: Number(leeds.pop_mid2015),
      fallback: false,
    })
    const cardiff = await db.knex('areas').where({ code: 'W06000015' }).first('population')
    expect(await perHeadBase(db.knex, 'W06000015', 'children-young-people')).toEqual({
      band: 'all',
      population: cardiff.population,
      source: 'ons-mid-2011',
      year: 2011,
      fallback: true,
    })
  })

  test('the coverage answer carries each area’s figures, and says what per capita divides by', async () => {
    const res = await request(app).get('/api/coverage').query({ level: 'local', within: 'E10000017' })
    expect(res.status).toBe(200)
    expect(res.body.perCapitaDenominator).toEqual({ band: 'all', source: 'ons-mid-2011', year: 2011 })
    const burnley = res.body.areas.find((a: { code: string }) => a.code === 'E07000117')
    const published = summary.get('E07000117') as Row
    expect(burnley.deprivation.figures.weightedRank).toBe(Number(published.pop_weighted_avg_rank))
    const wales = await request(app).get('/api/coverage').query({ level: 'national' })
    const byCode = new Map(wales.body.areas.map((a: { code: string }) => [a.code, a]))
    expect((byCode.get('W92000004') as { deprivation: unknown }).deprivation).toEqual({
      figures: null,
      unavailable: 'outside-england',
    })
  })

  test('reloading replaces the figures (idempotent) and reports what it matched', async () => {
    const before = await db.knex('area_deprivation').count<Array<{ count: string }>>('* as count')
    const report = await loadDeprivation(db.knex, config.statsDataDir)
    expect(report.districts).toBe(326)
    expect(report.unmatched).toEqual([])
    const after = await db.knex('area_deprivation').count<Array<{ count: string }>>('* as count')
    expect(after).toEqual(before)
    expect(Number(after[0]?.count)).toBe(326 + report.rolledUp)
  })
})

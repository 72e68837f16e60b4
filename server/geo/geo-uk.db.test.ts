import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import type { Database } from '../lib/db'
import type { PlaceAreas, PostcodeResult } from './geo-schemas'

/**
 * Scotland and Northern Ireland as real areas (issue 15, docs/decisions/0012): the 32 council
 * areas and 11 districts load as districts (type lad) directly under their nation.
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

const SCOTLAND = 'S92000003'
const NORTHERN_IRELAND = 'N92000002'

async function point(lat: number, lng: number): Promise<PlaceAreas> {
  const res = await request(app).get('/api/geo/areas').query({ lat, lng })
  expect(res.status).toBe(200)
  return res.body as PlaceAreas
}

const codes = (place: Pick<PlaceAreas, 'areas'>) => place.areas.map((a) => a.code)

describe(`Scotland and Northern Ireland on the ${currentEngine()} engine`, () => {
  test('the 32 council areas, 11 districts and 2 nations are loaded, each district directly under its nation', async () => {
    const result = await db.knex.raw<{
      rows: Array<{
        code: string
        type: string
        parents: string[]
        ancestors: string[]
        population: number | null
      }>
    }>(`
      SELECT a.code, a.type, a.population,
             ARRAY(SELECT r.parent_code FROM area_relations r WHERE r.child_code = a.code ORDER BY 1) AS parents,
             ARRAY(SELECT c.ancestor_code FROM area_closure c WHERE c.descendant_code = a.code ORDER BY 1) AS ancestors
      FROM areas a WHERE a.code LIKE 'S%' OR a.code LIKE 'N%' ORDER BY a.code`)
    const rows = result.rows
    const councils = rows.filter((r) => r.code.startsWith('S12'))
    const lgds = rows.filter((r) => r.code.startsWith('N09'))
    expect(councils).toHaveLength(32)
    expect(lgds).toHaveLength(11)
    expect(rows.filter((r) => r.type === 'nation').map((r) => r.code)).toEqual([NORTHERN_IRELAND, SCOTLAND])
    expect(rows).toHaveLength(45)
    for (const c of councils)
      expect(c, c.code).toMatchObject({ type: 'lad', parents: [SCOTLAND], ancestors: [SCOTLAND] })
    for (const d of lgds)
      expect(d, d.code).toMatchObject({
        type: 'lad',
        parents: [NORTHERN_IRELAND],
        ancestors: [NORTHERN_IRELAND],
      })
    // Today's codes (four changed in 2018–19), not the 2013 ones.
    expect(councils.map((c) => c.code)).toEqual(
      expect.arrayContaining(['S12000047', 'S12000048', 'S12000049', 'S12000050']),
    )
    expect(councils.map((c) => c.code)).not.toContain('S12000046')
    // lad_population.csv covers England and Wales only: no figure rather than a guess.
    for (const r of rows) expect(r.population, r.code).toBeNull()
  })

  test('GET /api/geo/areas/{code} gives a council area with its parent and display geometry', async () => {
    const res = await request(app).get('/api/geo/areas/S12000036').query({ geometry: 'display' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      code: 'S12000036',
      name: 'City of Edinburgh',
      level: 'local',
      type: 'lad',
      layers: ['lad'],
      population: null,
      parents: [SCOTLAND],
      children: [],
    })
    expect(res.body.feature.geometry.type).toBe('MultiPolygon')
    const nation = await request(app).get(`/api/geo/areas/${NORTHERN_IRELAND}`)
    expect(nation.body.children).toHaveLength(11)
    expect(nation.body.level).toBe('national')
  })

  test.each([
    { place: 'Edinburgh', lat: 55.9533, lng: -3.1883, expected: ['S12000036', SCOTLAND] },
    { place: 'Glasgow (code since 2018)', lat: 55.8609, lng: -4.2514, expected: ['S12000049', SCOTLAND] },
    { place: 'Lerwick', lat: 60.1546, lng: -1.1494, expected: ['S12000027', SCOTLAND] },
    { place: 'Belfast', lat: 54.5973, lng: -5.9301, expected: ['N09000003', NORTHERN_IRELAND] },
    { place: 'Derry', lat: 54.9966, lng: -7.3086, expected: ['N09000005', NORTHERN_IRELAND] },
    {
      place: 'Berwick-upon-Tweed (TD15, England)',
      lat: 55.77,
      lng: -2.005,
      expected: ['E06000057', 'E92000001'],
    },
    { place: 'Eyemouth (TD14, Scotland)', lat: 55.871, lng: -2.09, expected: ['S12000026', SCOTLAND] },
  ])('a point in $place resolves to its district and nation', async ({ lat, lng, expected }) => {
    const place = await point(lat, lng)
    expect(place.coverage).toBe('inside')
    const [district, nation] = expected
    expect(place.areas.filter((a) => a.level === 'local').map((a) => a.code)).toEqual([district])
    expect(place.areas.filter((a) => a.level === 'national').map((a) => a.code)).toEqual([nation])
    // Scotland and Northern Ireland have no English-style region or county above the district.
    if (nation !== 'E92000001') expect(codes(place)).toEqual(expected)
  })

  test('the England–Scotland overlap goes, deterministically, to the district the point is deeper inside', async () => {
    // Points inside each overlap of an English and a Scottish district, found from the data.
    const overlaps = await db.knex.raw<{
      rows: Array<{ e: string; s: string; lng: number; lat: number; e_depth: number; s_depth: number }>
    }>(`
      WITH overlap AS (
        SELECT e.code AS e, s.code AS s, ST_CollectionExtract(ST_Intersection(e.geom, s.geom), 3) AS g
        FROM areas e JOIN areas s ON e.geom && s.geom AND ST_Intersects(e.geom, s.geom)
        WHERE e.type = 'lad' AND s.type = 'lad' AND e.code LIKE 'E%' AND s.code LIKE 'S%'
      ),
      pairs AS (
        -- A few seeded random points inside each overlap: the middle of a sliver is a tie.
        SELECT e, s, (ST_Dump(ST_GeneratePoints(g, 20, 15))).geom AS p, ST_Area(g::geography) AS m2
        FROM overlap WHERE NOT ST_IsEmpty(g) AND ST_Area(g) > 0
      )
      SELECT p0.e, p0.s, ST_X(p0.p) AS lng, ST_Y(p0.p) AS lat,
             ST_Distance(ST_Boundary(e.geom), p0.p) AS e_depth,
             ST_Distance(ST_Boundary(s.geom), p0.p) AS s_depth
      FROM pairs p0 JOIN areas e ON e.code = p0.e JOIN areas s ON s.code = p0.s
      WHERE p0.m2 > 0 AND ST_Intersects(e.geom, p0.p) AND ST_Intersects(s.geom, p0.p)`)
    const decisive = overlaps.rows.filter((o) => Math.abs(o.e_depth - o.s_depth) > 1e-7)
    expect(decisive.length).toBeGreaterThan(10)
    // Both sides win somewhere: the rule is no fixed precedence.
    expect(decisive.some((o) => o.e_depth > o.s_depth)).toBe(true)
    expect(decisive.some((o) => o.s_depth > o.e_depth)).toBe(true)
    for (const o of decisive) {
      const winner = o.e_depth > o.s_depth ? o.e : o.s
      const first = await point(o.lat, o.lng)
      const again = await point(o.lat, o.lng)
      const districts = first.areas.filter((a) => a.level === 'local').map((a) => a.code)
      expect(districts, `${o.e}/${o.s} at ${o.lat},${o.lng}`).toEqual([winner])
      expect(codes(again)).toEqual(codes(first))
      // Strictly nested: the nation is the winner's, never both.
      const nations = first.areas.filter((a) => a.level === 'national').map((a) => a.code)
      expect(nations).toEqual([winner.startsWith('S') ? SCOTLAND : 'E92000001'])
    }
  })

  test('the district layer draws Scotland and Northern Ireland like England and Wales', async () => {
    const res = await request(app).get('/api/tiles/lad/features?bbox=-6.5,54.4,-5.5,55.0&zoom=8')
    expect(res.status).toBe(200)
    const ids = res.body.features.map((f: { id: string }) => f.id)
    expect(ids).toEqual(expect.arrayContaining(['N09000003', 'N09000007']))
    const listed = await request(app).get('/api/geo/areas').query({ within: SCOTLAND, level: 'local' })
    expect(listed.body.areas).toHaveLength(32)
  })
})

/**
 * EH1 1YZ is in the old postcodes_lookup.csv and runs today; BT1 5GS, TD15 1AA and TD14 5AA need
 * the whole-UK postcode file (the postcode half of issue 15) and are skipped, not passed, until then.
 */
describe(`Scottish and Northern Irish postcodes on the ${currentEngine()} engine`, () => {
  test.for([
    { postcode: 'EH1 1YZ', district: 'S12000036', nation: SCOTLAND },
    { postcode: 'BT1 5GS', district: 'N09000003', nation: NORTHERN_IRELAND },
    { postcode: 'TD15 1AA', district: 'E06000057', nation: 'E92000001' },
    { postcode: 'TD14 5AA', district: 'S12000026', nation: SCOTLAND },
  ])('$postcode resolves to $district in $nation', async ({ postcode, district, nation }, ctx) => {
    const res = await request(app).get(`/api/geo/postcodes/${encodeURIComponent(postcode)}`)
    // Skipped, not passed, while the postcode data lacks it (before the whole-UK file is merged).
    if (res.status === 404) ctx.skip()
    expect(res.status).toBe(200)
    const body = res.body as PostcodeResult
    const local = body.areas.filter((a) => a.level === 'local').map((a) => a.code)
    const national = body.areas.filter((a) => a.level === 'national').map((a) => a.code)
    expect(local).toEqual([district])
    expect(national).toEqual([nation])
  })
})

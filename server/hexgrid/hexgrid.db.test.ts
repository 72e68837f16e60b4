import request from 'supertest'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import { coverageAreas as a, coverageDirectory, coverageSlugs as s } from '../coverage/coverage-fixture'
import { seedDirectory } from '../directory/directory-seed'
import { postcodeStore } from '../geo/postcode-store'
import type { Database } from '../lib/db'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'
import { HexResolutionError } from './hexgrid-grid'
import { selectPostcodePoints } from './hexgrid-queries'
import { buildHexGrid } from './hexgrid-service'

let db: Database
const postcodes = postcodeStore(testConfig())

beforeAll(async () => {
  db = await openTestDatabase()
  await seedDirectory(db.knex, await readTaxonomy(db.knex), coverageDirectory())
  await buildHexGrid(db.knex, { resolution: 7, districts: [a.bradford], postcodes })
}, 120_000)
afterAll(async () => {
  await db?.close()
})

const gridState = async () =>
  (
    await db.knex.raw(
      `SELECT a.code, a.name, a.population, r.parent_code FROM areas a
       JOIN area_relations r ON r.child_code = a.code WHERE a.type = 'hex' ORDER BY a.code`,
    )
  ).rows

test('every Bradford postcode falls in exactly one hexagon', async () => {
  const points = await selectPostcodePoints(db.knex, [a.bradford], postcodes)
  const { rows } = await db.knex.raw(
    `SELECT t.x, t.y, (SELECT count(DISTINCT hp.code) FROM area_parts hp JOIN areas h ON h.code = hp.code AND h.type = 'hex'
                       WHERE ST_Intersects(hp.geom, ST_SetSRID(ST_MakePoint(t.x, t.y), 4326)))::int AS n
     FROM unnest(?::float8[], ?::float8[]) AS t(x, y)`,
    [points.map((p) => p.lng), points.map((p) => p.lat)],
  )
  expect(rows.length).toBeGreaterThan(0)
  expect(rows.filter((r: { n: number }) => r.n !== 1)).toEqual([])
})

test('a hexagon sits under the district holding its centre, with the district ancestors above', async () => {
  const { rows } = await db.knex.raw(
    `SELECT h.code, r.parent_code,
            (SELECT ap.code FROM area_parts ap JOIN areas d ON d.code = ap.code AND d.level = 'local'
             WHERE ST_Intersects(ap.geom, h.label_point) LIMIT 1) AS centre_district,
            (SELECT count(*) FROM area_closure c WHERE c.descendant_code = h.code AND c.ancestor_code IN (?, ?, ?))::int AS ancestors
     FROM areas h JOIN area_relations r ON r.child_code = h.code WHERE h.type = 'hex'`,
    [a.westYorkshire, a.yorkshire, a.england],
  )
  expect(rows.length).toBeGreaterThan(50)
  for (const row of rows) {
    if (row.centre_district) expect(row.parent_code).toBe(row.centre_district)
  }
  const bradford = rows.filter((r: { parent_code: string }) => r.parent_code === a.bradford)
  expect(bradford.length).toBeGreaterThan(50)
  expect(bradford.every((r: { ancestors: number }) => r.ancestors === 3)).toBe(true)
  const { rows: pop } = await db.knex.raw(
    `SELECT sum(h.population)::int AS total FROM areas h JOIN area_relations r ON r.child_code = h.code
     WHERE h.type = 'hex' AND r.parent_code = ?`,
    [a.bradford],
  )
  expect(pop[0].total).toBe(523115)
})

test('coverage at level hex: a district body covers every hexagon, a drawn polygon only those it mostly covers', async () => {
  const app = createApp({ db, config: testConfig() })
  const res = await request(app).get(`/api/coverage?level=hex&within=${a.bradford}&strand=any`)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  expect(res.body.level).toBe('hex')
  const hexes = (await gridState()).filter((h: { parent_code: string }) => h.parent_code === a.bradford)
  expect(res.body.areas.map((x: { code: string }) => x.code).sort()).toEqual(
    hexes.map((h: { code: string }) => h.code).sort(),
  )
  expect(res.body.areas.every((x: { populationEstimated: boolean }) => x.populationEstimated)).toBe(true)
  const local = res.body.areas.map(
    (x: { cells: Array<{ byLevel: Record<string, number> }> }) => x.cells[0]?.byLevel.local,
  )
  // The Bradford CVS (listing the district) counts in every hexagon; three local disability trainers too.
  expect(local.every((n: number) => n >= 1)).toBe(true)
  const { rows: hub } = await db.knex.raw(
    `SELECT h.code FROM areas h JOIN provider_coverage_polygons pp ON ST_Intersects(pp.geom, h.geom)
     JOIN providers p ON p.id = pp.provider_id AND p.slug = ?
     WHERE h.type = 'hex' AND ST_Area(ST_Intersection(pp.geom, h.geom)::geography) / ST_Area(h.geom::geography) >= 0.5`,
    [s.bradfordHub],
  )
  const neighbourhood = new Set(
    res.body.areas
      .filter(
        (x: { cells: Array<{ byLevel: Record<string, number> }> }) =>
          (x.cells[0]?.byLevel.neighbourhood ?? 0) > 0,
      )
      .map((x: { code: string }) => x.code),
  )
  expect(neighbourhood.size).toBeGreaterThan(0)
  expect([...neighbourhood].every((code) => hub.some((h: { code: string }) => h.code === code))).toBe(true)
  const wards = await request(app).get(`/api/coverage?level=neighbourhood&within=${a.bradford}&strand=any`)
  expect(wards.body.areas.some((x: { code: string }) => /^8/.test(x.code))).toBe(false)
})

test('rebuilding is idempotent', async () => {
  const before = await gridState()
  const indexBefore = (await db.knex.raw('SELECT count(*)::int AS n FROM provider_coverage_index')).rows[0].n
  await buildHexGrid(db.knex, { resolution: 7, districts: [a.bradford], postcodes })
  expect(await gridState()).toEqual(before)
  expect((await db.knex.raw('SELECT count(*)::int AS n FROM provider_coverage_index')).rows[0].n).toBe(
    indexBefore,
  )
})

test.each([4, 10, 6.5])('resolution %s is refused with the allowed range', async (resolution) => {
  await expect(buildHexGrid(db.knex, { resolution, postcodes })).rejects.toThrow(HexResolutionError)
  await expect(buildHexGrid(db.knex, { resolution, postcodes })).rejects.toThrow(/from 5 to 9/)
})

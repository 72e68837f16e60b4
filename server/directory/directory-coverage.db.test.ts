import type { Knex } from 'knex'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import { createGeoService } from '../geo/geo-service'
import { defaultGeoOptions } from '../geo/place-resolver'
import { postcodeStore } from '../geo/postcode-store'
import type { Database } from '../lib/db'
import { ValidationError } from '../lib/errors'
import { refreshSearchRows } from '../providers/provider-index-queries'
import { replaceCoverage } from '../providers/provider-writes'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'
import { createTaxonomyService } from '../taxonomy/taxonomy-service'
import {
  fixtureAreas as areas,
  bradfordPoint,
  centralBradfordSquare,
  fixtureDirectory,
  fixtureSlugs as s,
} from './directory-fixture'
import { searchQuerySchema } from './directory-schemas'
import { searchProviders } from './directory-search-queries'
import { seedDirectory } from './directory-seed'
import { createDirectoryService } from './directory-service'

const manninghamWard = 'E05001359'

let db: Database
let app: ReturnType<typeof createApp>

beforeAll(async () => {
  db = await openTestDatabase()
  await seedDirectory(db.knex, await readTaxonomy(db.knex), fixtureDirectory())
  app = createApp({ db, config: testConfig() })
})
afterAll(async () => {
  await db?.close()
})

async function idOf(slug: string): Promise<string> {
  const row = await db.knex('providers').where({ slug }).first('id')
  return row.id
}

/** A directory service bound to `knex` (a transaction, in the consistency tests). */
async function serviceOn(knex: Knex) {
  const taxonomy = createTaxonomyService(knex, { cacheSeconds: 0 })
  const schema = searchQuerySchema(await taxonomy.getTaxonomy())
  const directory = createDirectoryService({
    knex,
    taxonomy,
    geo: createGeoService(
      { ...db, knex },
      { ...defaultGeoOptions, postcodes: () => postcodeStore(testConfig()) },
    ),
    minCoverageShare: 0.5,
  })
  return async (query: Record<string, string>) =>
    (await directory.search(schema.parse(query))).items.map((i) => i.slug).sort()
}

async function searchSlugs(query: string): Promise<string[]> {
  const res = await request(app).get(`/api/providers?perPage=100&${query}`)
  expect(res.status).toBe(200)
  return res.body.items.map((i: { slug: string }) => i.slug).sort()
}

describe(`coverage index on the ${currentEngine()} engine`, () => {
  test('lists exactly the listed areas and all their descendants, via the most local listed area', async () => {
    const { rows } = await db.knex.raw(`
      WITH expected AS (
        SELECT pca.provider_id, pca.area_code FROM provider_coverage_areas pca
        UNION
        SELECT pca.provider_id, c.descendant_code FROM provider_coverage_areas pca
        JOIN area_closure c ON c.ancestor_code = pca.area_code
      ),
      actual AS (SELECT provider_id, area_code FROM provider_coverage_index WHERE via_area_code IS NOT NULL)
      SELECT (SELECT count(*) FROM expected) AS expected,
             (SELECT count(*) FROM (SELECT * FROM expected EXCEPT SELECT * FROM actual) x) AS missing,
             (SELECT count(*) FROM (SELECT * FROM actual EXCEPT SELECT * FROM expected) x) AS extra`)
    expect(Number(rows[0].expected)).toBeGreaterThan(1500)
    expect(Number(rows[0].missing)).toBe(0)
    expect(Number(rows[0].extra)).toBe(0)
    // Bradford (local) covers its 30 sample wards as well as itself.
    const bradford = await db
      .knex('provider_coverage_index')
      .where({ provider_id: await idOf(s.bradfordCvs) })
    expect(bradford).toHaveLength(31)
    expect(
      bradford.every(
        (r: { via_area_code: string; share: number }) => r.via_area_code === areas.bradford && r.share === 1,
      ),
    ).toBe(true)
  })

  test('a provider listing a county and a district in it covers the district wards via the district', async () => {
    const id = await idOf(s.westYorkshireEquality)
    await db.knex.transaction((trx) =>
      replaceCoverage(trx, id, { areas: [areas.westYorkshire, areas.leeds] }),
    )
    try {
      const rows = await db.knex('provider_coverage_index').where({ provider_id: id })
      const via = new Map(
        rows.map((r: { area_code: string; via_area_code: string }) => [r.area_code, r.via_area_code]),
      )
      expect(via.get(areas.leeds)).toBe(areas.leeds)
      expect(via.get('E05001420')).toBe(areas.leeds) // City and Hunslet ward, Leeds
      expect(via.get(areas.bradford)).toBe(areas.westYorkshire)
      expect(via.get(areas.bradfordCityWard)).toBe(areas.westYorkshire)
    } finally {
      await db.knex.transaction((trx) => replaceCoverage(trx, id, { areas: [areas.westYorkshire] }))
    }
  })

  test('a drawn polygon stores the share of each area it overlaps', async () => {
    const id = await idOf(s.drawnArea)
    const { rows } = await db.knex.raw(
      `SELECT ci.area_code, ci.share, ci.via_area_code,
              ST_Area(ST_Intersection(a.geom, ST_SetSRID(ST_GeomFromGeoJSON(?), 4326))::geography)
                / ST_Area(a.geom::geography) AS direct
       FROM provider_coverage_index ci JOIN areas a ON a.code = ci.area_code
       WHERE ci.provider_id = ? ORDER BY ci.share DESC`,
      [JSON.stringify(centralBradfordSquare), id],
    )
    const byCode = new Map<string, { share: number }>(
      rows.map((r: { area_code: string; share: number }) => [r.area_code, r]),
    )
    for (const row of rows) {
      expect(row.via_area_code).toBeNull()
      // The index sums subdivided parts; the direct intersection of the whole area agrees.
      expect(Math.abs(row.share - row.direct)).toBeLessThan(0.001)
    }
    expect(byCode.get(areas.bradfordCityWard)?.share).toBeGreaterThan(0.75)
    expect(byCode.get(areas.bradfordCityWard)?.share).toBeLessThan(0.9)
    expect(byCode.get(manninghamWard)?.share).toBeGreaterThan(0.3)
    expect(byCode.get(manninghamWard)?.share).toBeLessThan(0.5)
    expect(byCode.get(areas.bradford)?.share).toBeLessThan(0.05)
    // Leeds is nowhere near.
    expect(byCode.has(areas.leeds)).toBe(false)
  })

  test('a place in two most-local areas lists each covering provider once, with its best share', async () => {
    const { total, rows } = await searchProviders(db.knex, {
      placeAreaCodes: [areas.bradfordCityWard, manninghamWard],
      minShare: 0.4,
      levels: ['neighbourhood'],
      kinds: [],
      functions: [],
      topics: [],
      strands: [],
      languages: [],
      formats: [],
      qualityMarks: [],
      statuses: ['active'],
      generalistKind: 'generalist',
      limit: 20,
      offset: 0,
    })
    expect(total).toBe(2)
    expect(rows.map((r) => r.slug).sort()).toEqual([s.cityWardForum, s.drawnArea].sort())
    const hub = rows.find((r) => r.slug === s.drawnArea)
    expect(hub).toMatchObject({ matched_code: areas.bradfordCityWard, via_polygon: true })
    expect(hub?.share).toBeGreaterThan(0.75)
  })

  test('polygon coverage counts where it holds at least half an area', async () => {
    expect(await searchSlugs(`area=${areas.bradfordCityWard}&level=neighbourhood`)).toEqual(
      [s.cityWardForum, s.drawnArea].sort(),
    )
    expect(await searchSlugs(`area=${manninghamWard}&level=neighbourhood`)).toEqual([])
    expect(await searchSlugs(`area=${areas.bradford}&level=neighbourhood`)).toEqual([])
    const res = await request(app).get(
      `/api/providers?postcode=BD1+1HY&level=neighbourhood&strand=refugees-migrants`,
    )
    const hub = res.body.items.find((i: { slug: string }) => i.slug === s.drawnArea)
    expect(hub.matchedArea).toMatchObject({ code: areas.bradfordCityWard, type: 'ward', viaPolygon: true })
    expect(hub.matchedArea.share).toBeGreaterThan(0.75)
  })

  test('a change of areas inside a transaction changes search in that transaction, and rolls back whole', async () => {
    const leeds = await idOf(s.leedsCvs)
    const bradfordQuery = { postcode: bradfordPoint.postcode, level: 'local' }
    const before = await (await serviceOn(db.knex))(bradfordQuery)
    expect(before).toEqual([s.bradfordCvs, s.bradfordLgb].sort())

    const rollback = new Error('roll back on purpose')
    await expect(
      db.knex.transaction(async (trx) => {
        await replaceCoverage(trx, leeds, { areas: [areas.leeds, areas.bradford] })
        const search = await serviceOn(trx)
        expect(await search(bradfordQuery)).toEqual([s.bradfordCvs, s.bradfordLgb, s.leedsCvs].sort())
        // Found from a ward too, through the newly listed district.
        expect(await search({ area: areas.bradfordCityWard, kind: 'generalist', level: 'local' })).toContain(
          s.leedsCvs,
        )
        await replaceCoverage(trx, leeds, { areas: [] })
        expect(await search({ area: areas.leeds, level: 'local' })).toEqual([])
        throw rollback
      }),
    ).rejects.toBe(rollback)

    expect(await (await serviceOn(db.knex))(bradfordQuery)).toEqual(before)
    expect(await searchSlugs(`area=${areas.leeds}&level=local`)).toEqual([s.leedsCvs])
  })

  test('a committed change is what the next search sees', async () => {
    const cardiff = await idOf(s.cardiffCvc)
    await db.knex.transaction((trx) => replaceCoverage(trx, cardiff, { areas: [areas.wales] }))
    try {
      expect(await searchSlugs('area=W06000023&kind=generalist')).toEqual([s.cardiffCvc]) // Powys
    } finally {
      await db.knex.transaction((trx) => replaceCoverage(trx, cardiff, { areas: [areas.cardiff] }))
    }
    expect(await searchSlugs('area=W06000023&kind=generalist')).toEqual([])
  })

  test('listed areas and a polygon together: each area once, listed coverage wins', async () => {
    const id = await idOf(s.cityWardForum)
    await db.knex.transaction((trx) =>
      replaceCoverage(trx, id, { areas: [areas.bradfordCityWard], polygon: centralBradfordSquare }),
    )
    try {
      const rows = await db.knex('provider_coverage_index').where({ provider_id: id }).orderBy('area_code')
      const city = rows.find((r: { area_code: string }) => r.area_code === areas.bradfordCityWard)
      expect(city).toMatchObject({ via_area_code: areas.bradfordCityWard, share: 1 })
      expect(rows.find((r: { area_code: string }) => r.area_code === manninghamWard)).toMatchObject({
        via_area_code: null,
      })
      const detail = await request(app).get(`/api/providers/${s.cityWardForum}`)
      expect(detail.body.coverage).toMatchObject({
        hasPolygon: true,
        areas: [{ code: areas.bradfordCityWard }],
      })
    } finally {
      await db.knex.transaction((trx) => replaceCoverage(trx, id, { areas: [areas.bradfordCityWard] }))
    }
  })

  test.each([
    [
      'an area that is not loaded',
      { areas: [areas.bradford, 'E08999999'] },
      /coverage.coverage.areas: area E08999999 is not loaded/,
    ],
    [
      'a self-intersecting polygon',
      {
        areas: [],
        polygon: {
          type: 'Polygon' as const,
          coordinates: [
            [
              [-1.8, 53.7],
              [-1.7, 53.8],
              [-1.7, 53.7],
              [-1.8, 53.8],
              [-1.8, 53.7],
            ] as Array<[number, number]>,
          ],
        },
      },
      /coverage.coverage.polygon: invalid polygon: Self-intersection/,
    ],
  ])('replaceCoverage rejects %s and changes nothing', async (_name, coverage, message) => {
    const id = await idOf(s.bradfordCvs)
    const before = await db.knex('provider_coverage_index').where({ provider_id: id }).count('* as n')
    const attempt = db.knex.transaction((trx) => replaceCoverage(trx, id, coverage))
    await expect(attempt).rejects.toBeInstanceOf(ValidationError)
    await expect(attempt).rejects.toThrow(message)
    const after = await db.knex('provider_coverage_index').where({ provider_id: id }).count('* as n')
    expect(after).toEqual(before)
    expect(await db.knex('provider_coverage_areas').where({ provider_id: id }).pluck('area_code')).toEqual([
      areas.bradford,
    ])
  })

  test("index rows carry their provider's current facets", async () => {
    const { rows } = await db.knex.raw(`
      SELECT count(*) AS stale FROM provider_coverage_index ci JOIN provider_search s ON s.provider_id = ci.provider_id
      WHERE (ci.status, ci.kind, ci.level, ci.functions_mask, ci.strands_mask)
            IS DISTINCT FROM (s.status, s.kind, s.level, s.functions_mask, s.strands_mask)`)
    expect(Number(rows[0].stale)).toBe(0)
    const { rows: masks } = await db.knex.raw(
      `SELECT s.functions_mask, (SELECT bit_or(1::bigint << bit) FROM taxonomy_functions
                                 WHERE code IN ('information-advice', 'training', 'grants')) AS expected
       FROM provider_search s JOIN providers p ON p.id = s.provider_id WHERE p.slug = ?`,
      [s.bradfordCvs],
    )
    expect(masks[0].functions_mask).toBe(masks[0].expected)
  })

  test('a change of codes or status reaches place search in the same transaction', async () => {
    const leeds = await idOf(s.leedsCvs)
    const query = { area: areas.leeds, function: 'grants' }
    const rollback = new Error('roll back on purpose')
    await expect(
      db.knex.transaction(async (trx) => {
        const search = await serviceOn(trx)
        expect(await search(query)).toEqual([])
        await trx('provider_functions').insert({ provider_id: leeds, function_code: 'grants' })
        await refreshSearchRows(trx, [leeds])
        expect(await search(query)).toEqual([s.leedsCvs])
        await trx('providers').where({ id: leeds }).update({ status: 'closed' })
        await refreshSearchRows(trx, [leeds])
        expect(await search(query)).toEqual([])
        expect(await search({ ...query, status: 'closed' })).toEqual([s.leedsCvs])
        throw rollback
      }),
    ).rejects.toBe(rollback)
    expect(await searchSlugs(`area=${areas.leeds}&function=grants`)).toEqual([])
  })

  test('deleting a provider removes its coverage with it', async () => {
    const id = await idOf(s.draftBody)
    await db.knex('providers').where({ id }).delete()
    expect(await db.knex('provider_coverage_index').where({ provider_id: id }).count('* as n')).toEqual([
      { n: 0 },
    ])
    expect(await db.knex('provider_coverage_areas').where({ provider_id: id }).count('* as n')).toEqual([
      { n: 0 },
    ])
  })
})

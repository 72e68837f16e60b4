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
import type { AreaDetail, AreaSummary, PlaceAreas, PostcodeResult } from './geo-schemas'
import { areasForPoint, defaultGeoOptions, lookupPostcode } from './place-resolver'
import { postcodeStore } from './postcode-store'

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

interface SampleRow {
  postcode: string
  lat: string
  lon: string
  lad_code: string
  ward_code: string
  region_code: string
  nation_code: string
}

const sample: SampleRow[] = parse(fs.readFileSync(path.join(config.geoDataDir, 'postcodes_sample.csv')), {
  columns: true,
  skip_empty_lines: true,
})

const levelOrder = ['neighbourhood', 'local', 'subregional', 'regional', 'national']
const codes = (areas: AreaSummary[]) => areas.map((a) => a.code)

function expectMostLocalFirst(areas: AreaSummary[]) {
  const ranks = areas.map((a) => levelOrder.indexOf(a.level))
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
}

describe(`geography API on the ${currentEngine()} engine`, () => {
  test('the sample file has the 35 postcodes the acceptance test is about', () => {
    expect(sample).toHaveLength(35)
  })

  test.each(sample.filter((r) => r.lad_code !== ''))(
    'postcode $postcode resolves to district $lad_code, ward "$ward_code", region $region_code, nation $nation_code',
    async (row) => {
      const res = await request(app).get(`/api/geo/postcodes/${encodeURIComponent(row.postcode)}`)
      expect(res.status).toBe(200)
      const body = res.body as PostcodeResult
      expect(body.postcode).toBe(row.postcode)
      expect(body.precision).toBe('postcode')
      expect(body.coverage).toBe('inside')
      expect(body.location?.lat).toBeCloseTo(Number(row.lat), 4)
      expect(body.location?.lng).toBeCloseTo(Number(row.lon), 4)
      const local = body.areas.filter((a) => a.level === 'local')
      expect(local.map((a) => a.code)).toEqual([row.lad_code])
      const wards = body.areas.filter((a) => a.type === 'ward').map((a) => a.code)
      expect(wards).toEqual(row.ward_code ? [row.ward_code] : [])
      const national = body.areas.filter((a) => a.level === 'national').map((a) => a.code)
      expect(national).toEqual([row.nation_code])
      // Welsh districts have no English-style region: their region_code is the nation.
      expect(codes(body.areas)).toContain(row.region_code)
      if (row.region_code.startsWith('E12')) {
        expect(body.areas.filter((a) => a.level === 'regional').map((a) => a.code)).toEqual([row.region_code])
      } else {
        expect(body.areas.filter((a) => a.level === 'regional')).toEqual([])
      }
      expectMostLocalFirst(body.areas)
      expect(body.nearest).toBe(false)
    },
  )

  test('a Scottish postcode resolves to its council area directly under Scotland (decision 0012)', async () => {
    const res = await request(app).get('/api/geo/postcodes/EH1%201YJ')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      postcode: 'EH1 1YJ',
      precision: 'postcode',
      coverage: 'inside',
      nearest: false,
    })
    expect(codes(res.body.areas)).toEqual(['S12000036', 'S92000003'])
    expect(res.body.location.lat).toBeCloseTo(55.95, 1)
    expect(res.body.location.lng).toBeCloseTo(-3.19, 1)
  })

  test('a full answer names every level, with Welsh names where the data has them', async () => {
    const res = await request(app).get('/api/geo/postcodes/cf103nd')
    expect(res.status).toBe(200)
    expect(res.body.postcode).toBe('CF10 3ND')
    expect(res.body.areas).toEqual([
      { code: 'W05000857', name: 'Cathays', nameCy: 'Cathays', level: 'neighbourhood', type: 'ward' },
      { code: 'W06000015', name: 'Cardiff', nameCy: 'Caerdydd', level: 'local', type: 'lad' },
      { code: 'W92000004', name: 'Wales', nameCy: null, level: 'national', type: 'nation' },
    ])
  })

  test('an English two-tier district lists county, region and nation; a metropolitan one its combined authority', async () => {
    const norwich = (await request(app).get('/api/geo/postcodes/NR2%201NH')).body as PostcodeResult
    expect(codes(norwich.areas)).toEqual(['E05005882', 'E07000148', 'E10000020', 'E12000006', 'E92000001'])
    const leeds = (await request(app).get('/api/geo/postcodes/LS1%201UR')).body as PostcodeResult
    expect(leeds.areas.map((a) => `${a.type}:${a.code}`)).toEqual([
      'ward:E05001420',
      'lad:E08000035',
      'county:E11000006',
      'combined-authority:E47000003',
      'region:E12000003',
      'nation:E92000001',
    ])
  })

  test.each([
    ['BD1 1ZZ', 'sector', 'E08000032'],
    ['BD7 9ZZ', 'district', 'E08000032'],
    ['HR1 9ZY', 'sector', 'E06000019'],
    ['HR1 6AA', 'district', 'E06000019'],
    ['HR0 1AA', 'area', 'E06000019'],
  ])('unknown postcode %s falls back to its %s centroid and says so', async (postcode, precision, lad) => {
    const res = await request(app).get(`/api/geo/postcodes/${encodeURIComponent(postcode)}`)
    expect(res.status).toBe(200)
    expect(res.body.precision).toBe(precision)
    expect(res.body.postcode).toBe(postcode)
    expect(res.body.coverage).toBe('inside')
    expect(codes(res.body.areas)).toContain(lad)
  })

  test('HR1 2PJ is in Herefordshire; HR1 9ZZ, a real postcode of the file, is found itself', async () => {
    for (const postcode of ['HR1 2PJ', 'HR1 9ZZ']) {
      const res = await request(app).get(`/api/geo/postcodes/${encodeURIComponent(postcode)}`)
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ postcode, precision: 'postcode', coverage: 'inside' })
      expect(res.body.areas.filter((a: AreaSummary) => a.level === 'local')).toEqual([
        { code: 'E06000019', name: 'Herefordshire, County of', nameCy: null, level: 'local', type: 'lad' },
      ])
      expect(codes(res.body.areas)).toContain('E92000001')
    }
  })

  test.each([
    ['GY1 1AA', 'crown-dependency', 'Guernsey'],
    ['je2 3ab', 'crown-dependency', 'Jersey'],
    ['IM1 1AA', 'crown-dependency', 'Isle of Man'],
    ['BF1 3AA', 'non-geographic', 'British Forces'],
    ['GIR 0AA', 'non-geographic', 'Girobank'],
    ['YY1 1AA', 'unknown-area', 'no postcode area YY'],
  ])(
    '%s has no UK location: 200, coverage outside, reason %s, said plainly',
    async (typed, reason, words) => {
      const res = await request(app).get(`/api/geo/postcodes/${encodeURIComponent(typed)}`)
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({
        precision: null,
        location: null,
        coverage: 'outside',
        nearest: false,
        areas: [],
        reason,
      })
      expect(res.body.message).toContain(words)
      expect(res.body.message).toContain(res.body.postcode)
    },
  )

  test.each([
    ['BD1'],
    ['12345'],
    ['BD1 1A'],
    ['BD1 1AAA'],
    ['QQ1 1AA'],
    ['BD1 1CI'],
    ['B-1 1AA'],
    ['x'.repeat(40)],
  ])('malformed postcode %j is 400 naming the expected format', async (postcode) => {
    const res = await request(app).get(`/api/geo/postcodes/${encodeURIComponent(postcode)}`)
    expect(res.status).toBe(400)
    expect(res.body.error.name).toBe('ValidationError')
    expect(res.body.error.message).toMatch(/full UK postcode.*BD1 1AA/)
  })

  test('input case and spacing do not matter', async () => {
    for (const typed of ['sw1a0aa', ' SW1A  0AA ', 'Sw1A 0aA']) {
      const res = await request(app).get(`/api/geo/postcodes/${encodeURIComponent(typed)}`)
      expect(res.status).toBe(200)
      expect(res.body.postcode).toBe('SW1A 0AA')
      expect(codes(res.body.areas)).toContain('E09000033')
    }
  })

  test('GET /api/geo/areas?lat&lng gives the same list as the postcode', async () => {
    const res = await request(app).get('/api/geo/areas').query({ lat: '53.79232', lng: '-1.75329' })
    expect(res.status).toBe(200)
    const body = res.body as PlaceAreas
    expect(body).toMatchObject({
      coverage: 'inside',
      nearest: false,
      location: { lat: 53.79232, lng: -1.75329 },
    })
    expect(codes(body.areas)).toEqual([
      'E05001347',
      'E08000032',
      'E11000006',
      'E47000003',
      'E12000003',
      'E92000001',
    ])
  })

  test('a point in a coastal gap within 200 m of a district resolves to it, flagged nearest', async () => {
    // In the Solent off Gosport, about 106 m outside the (quantized) district coastline.
    const res = await request(app).get('/api/geo/areas').query({ lat: '50.798', lng: '-1.118' })
    expect(res.status).toBe(200)
    expect(res.body.nearest).toBe(true)
    expect(res.body.coverage).toBe('inside')
    expect(codes(res.body.areas)).toEqual(['E07000088', 'E10000014', 'E12000008', 'E92000001'])
  })

  test('inside a district but in a gap between its ward polygons: the nearest ward, flagged', async () => {
    const place = await areasForPoint(db.knex, { lng: 1.298563454298053, lat: 52.633536333430925 })
    expect(place.nearest).toBe(true)
    expect(codes(place.areas).slice(0, 2)).toEqual(['E05005882', 'E07000148'])
  })

  test('the fallback distance is respected: 2 km out to sea is outside, and the distance is configurable', async () => {
    const res = await request(app).get('/api/geo/areas').query({ lat: '50.80', lng: '-0.14' })
    expect(res.body).toMatchObject({ coverage: 'outside', nearest: false, areas: [] })
    const near = await areasForPoint(db.knex, { lng: -1.118, lat: 50.798 }, { nearestFallbackMetres: 50 })
    expect(near.coverage).toBe('outside')
    // GEO_NEAREST_FALLBACK_METRES reaches the route.
    const strict = createApp({ db, config: testConfig({ geoNearestFallbackMetres: 50 }) })
    const res50 = await request(strict).get('/api/geo/areas').query({ lat: '50.798', lng: '-1.118' })
    expect(res50.body).toMatchObject({ coverage: 'outside', nearest: false, areas: [] })
  })

  test.each([
    [{ lat: '91', lng: '0' }, 'lat must be from -90 to 90'],
    [{ lat: '-90.5', lng: '0' }, 'lat must be from -90 to 90'],
    [{ lat: '51', lng: '180.01' }, 'lng must be from -180 to 180'],
    [{ lat: 'abc', lng: '0' }, 'lat must be a number'],
    [{ lat: '51', lng: '' }, 'lng must be a number'],
    [{ lat: '51', lng: '1,5' }, 'lng must be a number'],
    [{ lat: '51', lng: 'Infinity' }, 'lng must be a number'],
    [{ lat: '51' }, 'give both lat and lng'],
    [{ lat: '51', lng: '0', level: 'local' }, 'takes no level'],
    [{}, 'give lat and lng for a point'],
    [{ level: 'county' }, 'level must be one of'],
    [{ type: 'parish' }, 'type must be one of'],
    [{ level: 'local', geometry: 'simplified' }, 'geometry must be "full" or "display"'],
    [{ within: 'Bradford' }, 'GSS area code'],
    [{ level: 'local', colour: 'red' }, 'colour'],
  ])('GET /api/geo/areas with %j is 400 (%s)', async (query, message) => {
    const res = await request(app).get('/api/geo/areas').query(query)
    expect(res.status).toBe(400)
    expect(res.body.error.name).toBe('ValidationError')
    expect(res.body.error.message).toContain(message)
  })

  test.each([
    ['E08999999', 404, 'No area with code E08999999'],
    // Glasgow City's 2013 code: the council areas load under today's codes (decision 0012).
    ['S12000046', 404, 'No area with code S12000046'],
    ['E0800003', 400, 'GSS area code'],
    ['bradford', 400, 'GSS area code'],
  ])('GET /api/geo/areas/%s is %i', async (code, status, message) => {
    const res = await request(app).get(`/api/geo/areas/${code}`)
    expect(res.status).toBe(status)
    expect(res.body.error.message).toContain(message)
  })

  test('unknown `within` is 404', async () => {
    const res = await request(app).get('/api/geo/areas').query({ level: 'local', within: 'E12000099' })
    expect(res.status).toBe(404)
    expect(res.body.error.message).toBe('No area with code E12000099')
  })

  test('GET /api/geo/areas/{code}: a district with its parents, children, layers and population', async () => {
    const res = await request(app).get('/api/geo/areas/E08000032')
    expect(res.status).toBe(200)
    const body = res.body as AreaDetail
    expect(body).toMatchObject({
      code: 'E08000032',
      name: 'Bradford',
      level: 'local',
      type: 'lad',
      layers: ['lad', 'upper-tier'],
      population: 523115,
      parents: ['E11000006', 'E47000003', 'E12000003'],
    })
    expect(body.children).toHaveLength(30)
    expect(body.children.every((c) => c.startsWith('E05'))).toBe(true)
    expect(body.feature).toBeUndefined()
    const [west, south, east, north] = body.bbox
    expect(west).toBeLessThan(body.labelPoint.lng)
    expect(east).toBeGreaterThan(body.labelPoint.lng)
    expect(south).toBeLessThan(body.labelPoint.lat)
    expect(north).toBeGreaterThan(body.labelPoint.lat)
    expect(body.areaKm2).toBeGreaterThan(300)
    expect(body.areaKm2).toBeLessThan(400)
  })

  test('a region lists its districts and county-level children; its population is the sum of its districts', async () => {
    const res = await request(app).get('/api/geo/areas/E12000003')
    expect(res.body.parents).toEqual(['E92000001'])
    expect(res.body.children).toEqual(
      expect.arrayContaining(['E08000032', 'E08000035', 'E11000006', 'E47000003']),
    )
    const districts = await request(app).get('/api/geo/areas').query({ level: 'local', within: 'E12000003' })
    const sum = await db
      .knex('areas')
      .whereIn('code', codes(districts.body.areas))
      .sum({ total: 'population' })
    expect(res.body.population).toBe(Number(sum[0]?.total))
  })

  test('?geometry=full|display adds a GeoJSON Feature (lng/lat, MultiPolygon); display has fewer vertices', async () => {
    const full = await request(app).get('/api/geo/areas/E06000043').query({ geometry: 'full' })
    const display = await request(app).get('/api/geo/areas/E06000043').query({ geometry: 'display' })
    for (const res of [full, display]) {
      expect(res.status).toBe(200)
      expect(res.body.feature).toMatchObject({
        type: 'Feature',
        id: 'E06000043',
        properties: { code: 'E06000043', name: 'Brighton and Hove', level: 'local', type: 'lad' },
        geometry: { type: 'MultiPolygon' },
      })
      const [lng, lat] = res.body.feature.geometry.coordinates[0][0][0]
      expect(lng).toBeGreaterThan(-0.3)
      expect(lng).toBeLessThan(0)
      expect(lat).toBeGreaterThan(50.7)
      expect(lat).toBeLessThan(51)
    }
    const vertices = (f: { geometry: { coordinates: number[][][][] } }) =>
      f.geometry.coordinates.flat(2).length
    expect(vertices(display.body.feature)).toBeLessThan(vertices(full.body.feature))
  })

  test('within: Yorkshire and The Humber contains Bradford and Leeds, and 21 districts', async () => {
    const res = await request(app).get('/api/geo/areas').query({ level: 'local', within: 'E12000003' })
    expect(res.status).toBe(200)
    expect(res.body.areas).toHaveLength(21)
    expect(codes(res.body.areas)).toEqual(expect.arrayContaining(['E08000032', 'E08000035']))
    expect(res.body.areas.every((a: AreaSummary) => a.level === 'local')).toBe(true)
  })

  test.each([
    [{ level: 'local', within: 'E12000007' }, 33],
    [{ level: 'local', within: 'W92000004' }, 22],
    [{ level: 'local', within: 'E10000020' }, 7],
    [{ level: 'local', within: 'E47000001' }, 10],
    [{ level: 'neighbourhood', within: 'E08000032' }, 30],
    [{ level: 'neighbourhood', within: 'E12000003' }, 63],
    [{ level: 'subregional', within: 'E12000003' }, 5],
    [{ type: 'upper-tier', within: 'E12000003' }, 15],
    [{ level: 'regional' }, 9],
    [{ type: 'county' }, 35],
    [{ type: 'upper-tier' }, 174],
    [{ level: 'local', within: 'E08000032' }, 1],
  ])('listing %j returns %i areas', async (query, count) => {
    const res = await request(app).get('/api/geo/areas').query(query)
    expect(res.status).toBe(200)
    expect(res.body.areas).toHaveLength(count)
  })

  test('geometry=display turns a listing into a FeatureCollection for the map', async () => {
    const res = await request(app).get('/api/geo/areas').query({ level: 'regional', geometry: 'display' })
    expect(res.status).toBe(200)
    expect(res.body.type).toBe('FeatureCollection')
    expect(res.body.features).toHaveLength(9)
    const yorkshire = res.body.features.find((f: { id: string }) => f.id === 'E12000003')
    expect(yorkshire.properties).toEqual({
      code: 'E12000003',
      name: 'Yorkshire and The Humber',
      nameCy: null,
      level: 'regional',
      type: 'region',
    })
    expect(yorkshire.geometry.type).toBe('MultiPolygon')
  })

  test('GET /api/geo/layers reports each layer and its feature count', async () => {
    const res = await request(app).get('/api/geo/layers')
    expect(res.status).toBe(200)
    const counts = Object.fromEntries(
      res.body.layers.map((l: { name: string; featureCount: number }) => [l.name, l.featureCount]),
    )
    expect(counts).toEqual({
      wards: 226,
      districts: 348,
      counties: 35,
      'upper-tier': 174,
      'combined-authorities': 10,
      regions: 9,
      nations: 2,
      'council-areas-scotland': 32,
      'districts-northern-ireland': 11,
      'nations-scotland-ni': 2,
    })
  })

  test('lookupPostcode and areasForPoint are usable directly by other features', async () => {
    const options = { ...defaultGeoOptions, postcodes: () => postcodeStore(config) }
    const viaPostcode = await lookupPostcode(db.knex, 'le1 7rh', options)
    if (!viaPostcode.location) throw new Error('LE1 7RH has a location')
    const viaPoint = await areasForPoint(db.knex, viaPostcode.location)
    expect(viaPoint.areas).toEqual(viaPostcode.areas)
    expect(codes(viaPoint.areas)).toEqual(['E05001789', 'E06000016', 'E12000004', 'E92000001'])
    await expect(lookupPostcode(db.knex, 'not a postcode', options)).rejects.toMatchObject({ status: 400 })
  })
})

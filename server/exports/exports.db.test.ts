import { parse } from 'csv-parse/sync'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildDemoDirectory } from '../../seeds/demo/demo-directory'
import { demoKeyAreas, demoKeySlugs } from '../../seeds/demo/demo-key-records'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import { seedDirectory } from '../directory/directory-seed'
import { createDirectoryService, stableId } from '../directory/directory-service'
import { createGeoService } from '../geo/geo-service'
import { postcodeStore } from '../geo/postcode-store'
import type { Database } from '../lib/db'
import type { DirectoryContent } from '../providers/provider-schema'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'
import { createTaxonomyService } from '../taxonomy/taxonomy-service'
import { exportQuerySchema } from './exports-schemas'
import { createExportsService, csvHeader } from './exports-service'

let db: Database
let app: ReturnType<typeof createApp>
let demo: DirectoryContent
const config = testConfig()

beforeAll(async () => {
  db = await openTestDatabase()
  demo = buildDemoDirectory(config.geoDataDir)
  await seedDirectory(db.knex, await readTaxonomy(db.knex), demo)
  app = createApp({ db, config })
})
afterAll(async () => {
  await db?.close()
})

const published = () => demo.providers.filter((p) => p.status !== 'draft')
/** The whole-directory download never searches. */
const noSearch = async () => {
  throw new Error('the whole-directory download must not search')
}

/** Every id GET /api/providers returns for these filters, page after page, in its order. */
async function searchIds(filters: string): Promise<string[]> {
  const ids: string[] = []
  for (let page = 1; ; page++) {
    const res = await request(app).get(`/api/providers?${filters}&perPage=100&page=${page}`)
    expect(res.status).toBe(200)
    ids.push(...res.body.items.map((i: { id: string }) => i.id))
    if (ids.length >= res.body.total) return ids
  }
}

const today = () => new Date().toISOString().slice(0, 10)

function expectLicenceHeaders(headers: Record<string, string>, filename: string) {
  expect(headers.link).toBe(`<${config.dataLicenceUrl}>; rel="license"`)
  expect(headers['x-data-licence']).toBe(config.dataLicenceName)
  expect(headers['x-data-attribution']).toBe(config.dataAttribution.replace('©', '(c)'))
  expect(headers['content-disposition']).toBe(`attachment; filename="${filename}"`)
  expect(headers['access-control-allow-origin']).toBe('*')
}

describe(`the public downloads on the ${currentEngine()} engine`, () => {
  test('providers.csv: every published provider, the import columns less source, licence in the headers', async () => {
    const res = await request(app).get('/api/exports/providers.csv').buffer(true)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8; header=present')
    expectLicenceHeaders(res.headers, 'support-atlas-providers.csv')
    expect(res.text.startsWith('\uFEFFid,slug,name,welsh_name,kind,level,org_type,status,summary,')).toBe(
      true,
    )
    const rows = parse(res.text, { bom: true, columns: true }) as Array<Record<string, string>>
    expect(rows).toHaveLength(published().length)
    expect(Object.keys(rows[0] ?? {})).not.toContain('source')
    expect(rows.some((r) => r.status === 'draft')).toBe(false)

    const original = demo.providers.find((p) => p.slug === demoKeySlugs.bradfordGeneralist)
    const row = rows.find((r) => r.slug === demoKeySlugs.bradfordGeneralist)
    expect(original && row).toBeTruthy()
    if (!original || !row) return
    expect(row).toMatchObject({
      id: stableId('provider', original.slug),
      name: original.name,
      level: original.level,
      functions: expect.any(String),
      coverage_areas: [...original.coverage.areas].sort().join(';'),
      office_lng: String(original.office?.lng),
      office_lat: String(original.office?.lat),
      membership_based: String(original.membershipBased),
      last_verified_at: original.lastVerifiedAt,
      has_drawn_area: String(Boolean(original.coverage.polygon)),
    })
    expect(row.functions?.split(';').sort()).toEqual([...original.functions].sort())
    expect(JSON.parse(row.opening_hours ?? 'null')).toEqual(original.openingHours)
    expect(row.url).toMatch(new RegExp(`/providers/${original.slug}$`))
  })

  test('providers.geojson: office points, the licence and attribution in the collection', async () => {
    const res = await request(app).get('/api/exports/providers.geojson').buffer(true)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('application/geo+json; charset=utf-8')
    expectLicenceHeaders(res.headers, 'support-atlas-providers.geojson')
    const body = JSON.parse(res.text)
    expect(body).toMatchObject({
      type: 'FeatureCollection',
      licence: { name: config.dataLicenceName, url: config.dataLicenceUrl },
      attribution: config.dataAttribution,
    })
    expect(new Date(body.generated).toString()).not.toBe('Invalid Date')
    expect(body.features).toHaveLength(published().length)
    const original = demo.providers.find((p) => p.slug === demoKeySlugs.bradfordLgbBody)
    const feature = body.features.find(
      (f: { properties: { slug: string } }) => f.properties.slug === original?.slug,
    )
    expect(feature).toMatchObject({
      type: 'Feature',
      id: stableId('provider', original?.slug ?? ''),
      properties: { name: original?.name, strands: original?.strands, hasDrawnArea: false },
    })
    expect(feature.geometry).toEqual(
      original?.office ? { type: 'Point', coordinates: [original.office.lng, original.office.lat] } : null,
    )
    const withoutOffice = published().filter((p) => !p.office).length
    expect(body.features.filter((f: { geometry: unknown }) => f.geometry === null)).toHaveLength(
      withoutOffice,
    )
  })

  test('the records stream in batches and every published record comes once', async () => {
    const seen: string[] = []
    for await (const batch of createExportsService({ knex: db.knex, search: noSearch }).records(37)) {
      expect(batch.length).toBeLessThanOrEqual(37)
      seen.push(...batch.map((r) => r.facts.slug))
    }
    expect(seen).toHaveLength(published().length)
    expect(new Set(seen).size).toBe(seen.length)
  })

  test.each(['/api/exports/providers.csv?status=draft', '/api/exports/providers.geojson?x=1'])(
    '%s: parameters are refused with a 400',
    async (url) => {
      const res = await request(app).get(url)
      expect(res.status).toBe(400)
      expect(res.body.error).toMatchObject({ name: 'ValidationError' })
    },
  )

  // Several pages of the search (the demo has over 400 active records), a place with its
  // level-first ranking, text, facets, and a closed-records search.
  const searches = [
    'status=active',
    'strand=disability',
    'postcode=BD1+1HY&function=training&strand=sexual-orientation',
    `area=${demoKeyAreas.bradford}&kind=generalist`,
    'q=volunteering&level=local&level=national',
    'status=closed&status=active&topic=governance',
  ]

  test.each(searches)("?%s: the CSV holds exactly the search's matches, in its order", async (filters) => {
    const expected = await searchIds(filters)
    expect(expected.length).toBeGreaterThan(0)
    const res = await request(app).get(`/api/exports/providers.csv?${filters}`).buffer(true)
    expect(res.status).toBe(200)
    expectLicenceHeaders(res.headers, `support-atlas-search-${today()}.csv`)
    const rows = parse(res.text, { bom: true, columns: true }) as Array<Record<string, string>>
    expect(rows.map((r) => r.id)).toEqual(expected)
  })

  test.each(searches)(
    "?%s: the GeoJSON holds exactly the search's matches, in its order",
    async (filters) => {
      const expected = await searchIds(filters)
      const res = await request(app).get(`/api/exports/providers.geojson?${filters}`).buffer(true)
      expect(res.status).toBe(200)
      expectLicenceHeaders(res.headers, `support-atlas-search-${today()}.geojson`)
      const body = JSON.parse(res.text)
      expect(body).toMatchObject({ type: 'FeatureCollection', attribution: config.dataAttribution })
      expect(body.features.map((f: { id: string }) => f.id)).toEqual(expected)
    },
  )

  test('a search with more matches than a batch streams every match once, in the search order', async () => {
    const directory = createDirectoryService({
      knex: db.knex,
      taxonomy: createTaxonomyService(db.knex, { cacheSeconds: 0 }),
      geo: createGeoService(db, {
        nearestFallbackMetres: config.geoNearestFallbackMetres,
        postcodes: () => postcodeStore(config),
      }),
      minCoverageShare: config.coverageMinSharePercent / 100,
    })
    const query = exportQuerySchema(await readTaxonomy(db.knex)).parse({ strand: 'disability' })
    const seen: string[] = []
    for await (const batch of createExportsService({ knex: db.knex, search: directory.search }).searchRecords(
      query,
      7,
    )) {
      expect(batch.length).toBeLessThanOrEqual(7)
      seen.push(...batch.map((r) => r.facts.id))
    }
    expect(seen.length).toBeGreaterThan(7)
    expect(seen).toEqual(await searchIds('strand=disability'))
  })

  test('a search that matches nothing is a download with the header row only', async () => {
    const filters = 'q=xylophonequartz'
    expect(await searchIds(filters)).toEqual([])
    const res = await request(app).get(`/api/exports/providers.csv?${filters}`).buffer(true)
    expect(res.status).toBe(200)
    expect(res.text).toBe(`\uFEFF${csvHeader()}`)
    const geo = await request(app).get(`/api/exports/providers.geojson?${filters}`).buffer(true)
    expect(JSON.parse(geo.text).features).toEqual([])
  })

  test.each([
    ['strand=nope', 'strand', /unknown strand "nope"/],
    ['status=draft', 'status', /"draft" records are not published/],
    ['status=active&status=draft', 'status', /"draft" records are not published/],
    ['verifiedSince=2026-13-01', 'verifiedSince', /calendar date/],
    ['lat=53.79', 'lng', /give both lat and lng/],
    ['page=2', 'query', /page/],
    ['perPage=100', 'query', /perPage/],
  ])('?%s is a 400 naming %s, for both formats', async (filters, field, message) => {
    for (const format of ['csv', 'geojson']) {
      const res = await request(app).get(`/api/exports/providers.${format}?${filters}`)
      expect(res.status).toBe(400)
      expect(res.headers['content-type']).toMatch(/^application\/json/)
      expect(res.body.error.name).toBe('ValidationError')
      expect(res.body.error.message).toMatch(message)
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field)
    }
  })

  test('org-ids: a provider with charity and company numbers lists GB-CHC and GB-COH ids in both downloads', async () => {
    const slug = demoKeySlugs.bradfordGeneralist
    await db
      .knex('providers')
      .where({ slug })
      .update({ charity_number: '1012345', company_number: '02345678' })
    try {
      const csv = await request(app).get('/api/exports/providers.csv').buffer(true)
      const rows = parse(csv.text, { bom: true, columns: true }) as Array<Record<string, string>>
      expect(rows.find((r) => r.slug === slug)?.org_ids).toBe('GB-CHC-1012345;GB-COH-02345678')
      // Records without a registered number have none (the demo's are fictional and unregistered).
      expect(rows.filter((r) => r.org_ids !== '').map((r) => r.slug)).toEqual([slug])
      const geo = JSON.parse((await request(app).get('/api/exports/providers.geojson').buffer(true)).text)
      const feature = geo.features.find((f: { properties: { slug: string } }) => f.properties.slug === slug)
      expect(feature.properties.orgIds).toEqual(['GB-CHC-1012345', 'GB-COH-02345678'])
    } finally {
      await db.knex('providers').where({ slug }).update({ charity_number: null, company_number: null })
    }
  })

  test("an unknown postcode is the search's 404, sent before any of the download", async () => {
    const res = await request(app).get('/api/exports/providers.csv?postcode=ZZ99+9ZZ')
    const search = await request(app).get('/api/providers?postcode=ZZ99+9ZZ')
    expect(res.status).toBe(search.status)
    expect(res.body).toEqual(search.body)
    expect(res.headers['content-disposition']).toBeUndefined()
  })
})

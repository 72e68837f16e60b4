import { parse } from 'csv-parse/sync'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildDemoDirectory } from '../../seeds/demo/demo-directory'
import { demoKeySlugs } from '../../seeds/demo/demo-key-records'
import type { DemoDirectory } from '../../seeds/demo/demo-types'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import { seedDirectory } from '../directory/directory-seed'
import { stableId } from '../directory/directory-service'
import type { Database } from '../lib/db'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'
import { createExportsService } from './exports-service'

let db: Database
let app: ReturnType<typeof createApp>
let demo: DemoDirectory
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
    expect(res.text.startsWith('\uFEFFid,slug,name,kind,level,org_type,status,summary,')).toBe(true)
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
    for await (const batch of createExportsService({ knex: db.knex }).records(37)) {
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
})

import path from 'node:path'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildDemoDirectory } from '../../seeds/demo/demo-directory'
import { demoKeyAreas, demoKeySlugs } from '../../seeds/demo/demo-key-records'
import { currentEngine } from '../../test/helpers/engines'
import { repoRoot, testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import { seedDirectory } from '../directory/directory-seed'
import { stableId } from '../directory/directory-service'
import type { Database } from '../lib/db'
import type { DirectoryContent } from '../providers/provider-schema'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'
import {
  answerProblems,
  createOrukValidator,
  type OrukEndpoint,
  type OrukValidator,
} from './oruk-conformance'
import { gssUri, orukIds } from './oruk-records'
import type { OrukService } from './oruk-schemas'
import { taxonomyId, termId } from './oruk-taxonomy'

let db: Database
let app: ReturnType<typeof createApp>
let demo: DirectoryContent
let validator: OrukValidator

beforeAll(async () => {
  db = await openTestDatabase()
  demo = buildDemoDirectory(testConfig().geoDataDir)
  await seedDirectory(db.knex, await readTaxonomy(db.knex), demo)
  app = createApp({ db, config: testConfig() })
  validator = createOrukValidator(path.join(repoRoot, '../shared/oruk/3.0/schema'))
})
afterAll(async () => {
  await db?.close()
})

/** GET an ORUK path, assert 200, the open-data headers and a body valid for the endpoint. */
async function getValid(url: string, endpoint: OrukEndpoint) {
  const res = await request(app).get(url)
  expect({ url, status: res.status }).toEqual({ url, status: 200 })
  expect(res.headers['access-control-allow-origin']).toBe('*')
  expect({ url, problems: answerProblems(validator, endpoint, res.body) }).toEqual({ url, problems: [] })
  if (endpoint.endsWith('_list')) expect(res.body.size).toBe(res.body.contents.length)
  return res.body
}

/** Great-circle metres between a point and an ORUK location (the tests' own check of PostGIS). */
function distanceMetres(
  a: { lng: number; lat: number },
  b: { latitude?: number; longitude?: number },
): number {
  const rad = Math.PI / 180
  const lat1 = a.lat * rad
  const lat2 = (b.latitude ?? 0) * rad
  const dLat = lat2 - lat1
  const dLng = ((b.longitude ?? 0) - a.lng) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLng / 2) ** 2
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h))
}

const published = () => demo.providers.filter((p) => p.status !== 'draft')
const idOf = (slug: string) => stableId('provider', slug)

describe(`ORUK 3.0 over the demo directory on the ${currentEngine()} engine`, () => {
  test('GET /oruk/ describes the API', async () => {
    const body = await getValid('/oruk/', 'api_details')
    expect(body).toEqual({
      version: 'HSDS-UK-3.0',
      profile: 'https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md',
      openapi_url: 'https://docs.openreferraluk.org/en/latest/openapi30.json',
    })
  })

  test('services: first, middle and last page, every id resolving to a valid full service', async () => {
    const first = await getValid('/oruk/services', 'service_list')
    expect(first).toMatchObject({
      total_items: published().length,
      page_number: 1,
      size: 50,
      first_page: true,
      last_page: false,
      empty: false,
    })
    expect(first.total_pages).toBe(Math.ceil(published().length / 50))
    const middlePage = Math.ceil(first.total_pages / 2)
    const middle = await getValid(`/oruk/services?page=${middlePage}&per_page=50`, 'service_list')
    expect(middle).toMatchObject({ page_number: middlePage, first_page: false, last_page: false })
    const last = await getValid(`/oruk/services?page=${first.total_pages}`, 'service_list')
    expect(last).toMatchObject({ last_page: true, size: published().length - 50 * (first.total_pages - 1) })
    const past = await getValid(`/oruk/services?page=${first.total_pages + 1}`, 'service_list')
    expect(past).toMatchObject({ empty: true, size: 0, contents: [], total_items: published().length })

    // No record on two pages.
    const ids = [...first.contents, ...middle.contents, ...last.contents].map((s: OrukService) => s.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const page of [first, middle, last]) {
      for (const item of page.contents as OrukService[]) {
        const full = await getValid(`/oruk/services/${item.id}`, 'service')
        expect(full).toMatchObject({
          id: item.id,
          name: item.name,
          organization: { id: item.organization_id },
        })
      }
    }
  })

  test('a full service carries the record: areas with GSS codes and extents, location, contact, hours, attributes', async () => {
    const slug = demoKeySlugs.bradfordGeneralist
    const record = demo.providers.find((p) => p.slug === slug)
    expect(record).toBeDefined()
    if (!record) return
    const s = (await getValid(`/oruk/services/${idOf(slug)}`, 'service')) as Required<OrukService>
    expect(s).toMatchObject({ id: idOf(slug), name: record.name, status: 'active', url: record.website })
    expect(s.assured_date).toBe(record.lastVerifiedAt)
    expect(s.description.startsWith(record.summary)).toBe(true)
    const bradford = s.service_areas.find((a) => a.uri === gssUri(demoKeyAreas.bradford))
    expect(bradford).toMatchObject({ name: `Bradford (${demoKeyAreas.bradford})`, extent_type: 'geojson' })
    const extent = JSON.parse(bradford?.extent ?? 'null')
    expect(extent.type).toBe('MultiPolygon')
    expect(s.service_at_locations[0]?.location).toMatchObject({
      location_type: 'physical',
      latitude: record.office?.lat,
      longitude: record.office?.lng,
    })
    expect(s.contacts[0]).toMatchObject({ email: record.email, phones: [{ number: record.phone }] })
    expect(s.schedules.length).toBeGreaterThan(0)
    expect(s.schedules[0]).toMatchObject({ freq: 'WEEKLY', interval: 1 })
    const codesIn = (taxonomy: string) =>
      s.attributes.filter((a) => a.taxonomy_term?.taxonomy === taxonomy).map((a) => a.taxonomy_term?.term)
    expect(codesIn('Support Atlas level')).toEqual([record.level])
    expect(codesIn('Support Atlas kind')).toEqual([record.kind])
    const sorted = (list: unknown[]) => [...list].sort()
    expect(sorted(codesIn('Support Atlas function'))).toEqual(sorted(record.functions))
    expect(sorted(codesIn('Support Atlas topic'))).toEqual(sorted(record.topics))
    expect(s.organization.attributes?.map((a) => a.taxonomy_term?.term)).toEqual([record.orgType])
    expect(sorted(s.languages.map((l) => l.code))).toEqual(sorted(record.languages))
  })

  test('ids are stable: the same ids after the directory is seeded again', async () => {
    const before = await request(app).get('/oruk/services?per_page=100&full=true')
    await seedDirectory(db.knex, await readTaxonomy(db.knex), demo)
    const after = await request(app).get('/oruk/services?per_page=100&full=true')
    const ids = (body: { contents: Required<OrukService>[] }) =>
      body.contents.map((s) => [
        s.id,
        s.organization.id,
        s.service_areas.map((a) => a.id),
        s.attributes.map((a) => a.id),
        s.service_at_locations.map((l) => [l.id, l.location?.id]),
      ])
    expect(ids(after.body)).toEqual(ids(before.body))
    expect(before.body.contents.length).toBe(100)
  })

  test('filters combine with AND: text, taxonomy term, modified_after', async () => {
    const strand = termId('strands', 'sexual-orientation')
    const level = termId('levels', 'local')
    const byStrand = await getValid(`/oruk/services?taxonomy_term_id=${strand}&per_page=100`, 'service_list')
    const expected = published().filter((p) => p.strands.includes('sexual-orientation'))
    expect(byStrand.total_items).toBe(expected.length)
    const both = await getValid(
      `/oruk/services?taxonomy_term_id=${strand}&text=Bradford&per_page=100`,
      'service_list',
    )
    expect(both.contents.map((s: OrukService) => s.id)).toContain(idOf(demoKeySlugs.bradfordLgbBody))
    expect(both.total_items).toBeLessThan(byStrand.total_items)
    expect(both.total_items).toBeGreaterThan(0)
    const spec = await getValid(`/oruk/services?search=Bradford&taxonomy_term_id=${strand}`, 'service_list')
    expect(spec.total_items).toBe(both.total_items)
    const local = await getValid(`/oruk/services?taxonomy_term_id=${level}&per_page=1`, 'service_list')
    expect(local.total_items).toBe(published().filter((p) => p.level === 'local').length)
    const family = termId('functionFamilies', 'representation')
    const represent = await getValid(`/oruk/services?taxonomy_term_id=${family}&per_page=1`, 'service_list')
    expect(represent.total_items).toBeGreaterThan(0)
    const strands = await getValid(
      `/oruk/services?taxonomy_id=${taxonomyId('strands')}&per_page=1`,
      'service_list',
    )
    expect(strands.total_items).toBe(published().filter((p) => p.strands.length > 0).length)

    const future = await getValid('/oruk/services?modified_after=2999-01-01', 'service_list')
    expect(future).toMatchObject({
      total_items: 0,
      total_pages: 0,
      empty: true,
      first_page: true,
      last_page: true,
    })
    const past = await getValid(
      '/oruk/services?modified_after=2000-01-01T00:00:00Z&per_page=1',
      'service_list',
    )
    expect(past.total_items).toBe(published().length)
    const none = await getValid(`/oruk/services?taxonomy_term_id=${stableId('x', 'y')}`, 'service_list')
    expect(none.total_items).toBe(0)
    const org = orukIds.organization(idOf(demoKeySlugs.bradfordGeneralist))
    const byOrg = await getValid(`/oruk/services?organization_id=${org}`, 'service_list')
    expect(byOrg.contents.map((s: OrukService) => s.id)).toEqual([idOf(demoKeySlugs.bradfordGeneralist)])
  })

  test('taxonomies and terms: our vocabularies, functions under their families', async () => {
    const list = await getValid('/oruk/taxonomies', 'taxonomy_list')
    expect(list.contents.map((t: { name: string }) => t.name)).toEqual([
      'Support Atlas level',
      'Support Atlas kind',
      'Support Atlas role',
      'Support Atlas function',
      'Support Atlas topic',
      'Support Atlas strand',
      'Support Atlas strand detail',
      'Support Atlas alternative format',
      'Support Atlas cost type',
      'Support Atlas organisation type',
    ])
    const levels = await getValid(`/oruk/taxonomies/${taxonomyId('levels')}`, 'taxonomy')
    expect(levels.taxonomy_terms.map((t: { term: string }) => t.term)).toEqual([
      'neighbourhood',
      'local',
      'subregional',
      'regional',
      'national',
    ])
    const roles = await getValid(`/oruk/taxonomies/${taxonomyId('roles')}`, 'taxonomy')
    expect(roles.taxonomy_terms.map((t: { term: string }) => t.term)).toEqual([
      'acts-as-generalist',
      'activity-specialist',
      'infrastructure-only',
    ])
    const top = await getValid(
      `/oruk/taxonomy_terms?taxonomy_id=${taxonomyId('functions')}&top_only=true`,
      'taxonomy_term_list',
    )
    expect(top.contents.map((t: { term: string }) => t.term)).toEqual([
      'support',
      'coordination',
      'representation',
      'promotion',
    ])
    const children = await getValid(
      `/oruk/taxonomy_terms?parent_id=${termId('functionFamilies', 'representation')}`,
      'taxonomy_term_list',
    )
    expect(children.contents.map((t: { term: string }) => t.term)).toEqual(['consultation', 'advocacy'])
    const term = await getValid(`/oruk/taxonomy_terms/${termId('strands', 'race')}`, 'taxonomy_term')
    expect(term).toMatchObject({
      term: 'race',
      name: 'Race and ethnicity',
      taxonomy_id: taxonomyId('strands'),
    })
    const paged = await getValid('/oruk/taxonomy_terms?per_page=10&page=2', 'taxonomy_term_list')
    expect(paged).toMatchObject({ page_number: 2, size: 10, first_page: false })
  })

  test('organizations: a list, and one with its services', async () => {
    const list = await getValid('/oruk/organizations?per_page=20', 'organization_list')
    expect(list.total_items).toBe(published().length)
    const orgId = orukIds.organization(idOf(demoKeySlugs.bradfordGeneralist))
    const org = await getValid(`/oruk/organizations/${orgId}`, 'organization')
    expect(org.uri).toMatch(new RegExp(`/providers/${demoKeySlugs.bradfordGeneralist}$`))
    expect(org.services.map((s: OrukService) => s.id)).toEqual([idOf(demoKeySlugs.bradfordGeneralist)])
    const full = await getValid(`/oruk/organizations/${orgId}?full_service=true`, 'organization')
    for (const s of full.services) expect(answerProblems(validator, 'service', s)).toEqual([])
  })

  test('service_at_locations: postcode coverage and proximity in metres, nearest first', async () => {
    const all = await getValid('/oruk/service_at_locations?per_page=5', 'service_at_location_list')
    expect(all.total_items).toBeGreaterThan(0)
    const covering = await getValid(
      '/oruk/service_at_locations?postcode=BD1+1HY&per_page=100',
      'service_at_location_list',
    )
    const near = await getValid(
      '/oruk/service_at_locations?postcode=BD1+1HY&proximity=5000&per_page=100',
      'service_at_location_list',
    )
    expect(near.total_items).toBeGreaterThan(0)
    expect(near.total_items).toBeLessThan(covering.total_items)
    // Within 5 km of the postcode, nearest first; the covering ones left out are further away.
    const place = (await request(app).get('/api/geo/postcodes/BD1%201HY')).body.location
    type Item = { id: string; location: { latitude?: number; longitude?: number } }
    const metres = (c: Item) => distanceMetres(place, c.location)
    const distances = near.contents.map(metres)
    expect(distances).toEqual([...distances].sort((a, b) => a - b))
    for (const d of distances) expect(d).toBeLessThanOrEqual(5000 * 1.005)
    const nearIds = new Set(near.contents.map((c: Item) => c.id))
    for (const c of covering.contents as Item[]) {
      if (!nearIds.has(c.id)) expect(c.location.latitude === undefined || metres(c) > 5000 * 0.995).toBe(true)
    }
    for (const item of covering.contents) {
      const one = await getValid(`/oruk/service_at_locations/${item.id}`, 'service_at_location')
      expect(one.location.id).toBe(item.location.id)
    }
    const tight = await getValid(
      '/oruk/service_at_locations?postcode=BD1+1HY&proximity=1&per_page=100',
      'service_at_location_list',
    )
    expect(tight.total_items).toBeLessThan(near.total_items)
  })

  test('draft records are not published; closed ones are, as defunct', async () => {
    const draft = demo.providers.find((p) => p.status === 'draft')
    const closed = demo.providers.find((p) => p.status === 'closed')
    expect(draft && closed).toBeTruthy()
    const hidden = await request(app).get(`/oruk/services/${idOf(draft?.slug ?? '')}`)
    expect(hidden.status).toBe(404)
    const gone = await getValid(`/oruk/services/${idOf(closed?.slug ?? '')}`, 'service')
    expect(gone.status).toBe('defunct')
  })

  test('open data headers: any origin, the licence, a CORS preflight', async () => {
    const res = await request(app).get('/oruk/taxonomies')
    expect(res.headers['access-control-allow-origin']).toBe('*')
    expect(res.headers.link).toBe(`<${testConfig().dataLicenceUrl}>; rel="license"`)
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin')
    const preflight = await request(app).options('/oruk/services').set('Origin', 'https://example.org')
    expect(preflight.status).toBe(204)
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, OPTIONS')
    // Only /oruk is open to every origin.
    const api = await request(app).get('/api/taxonomy')
    expect(api.headers['access-control-allow-origin']).toBeUndefined()
  })

  const unknownId = stableId('nowhere', 'nothing')
  test.each([
    ['/oruk/services?per_page=0', 400, 'per_page must be a whole number from 1 to 100 (got "0")'],
    ['/oruk/services?per_page=101', 400, 'per_page must be a whole number from 1 to 100 (got "101")'],
    ['/oruk/services?page=-1', 400, 'page must be a whole number from 1 to 100000 (got "-1")'],
    ['/oruk/services?page=0', 400, 'page must be a whole number from 1 to 100000 (got "0")'],
    ['/oruk/services?modified_after=yesterday', 400, 'modified_after must be an ISO 8601 date or date-time'],
    ['/oruk/services?modified_after=2026-02-30', 400, 'modified_after must be an ISO 8601 date or date-time'],
    ['/oruk/services?per_page=10&per_page=20', 400, 'give per_page once'],
    ['/oruk/services?colour=red', 400, 'Unrecognized key: "colour"'],
    ['/oruk/services?search=a&text=b', 400, 'give search or text, not both'],
    ['/oruk/services?format=ndjson', 400, 'format must be json'],
    ['/oruk/services?full=yes', 400, 'full must be true or false'],
    ['/oruk/service_at_locations?proximity=500', 400, 'proximity is measured from a postcode'],
    [
      '/oruk/service_at_locations?postcode=BD1+1HY&proximity=0',
      400,
      'proximity must be a whole number from 1 to 200000',
    ],
    ['/oruk/service_at_locations?postcode=NOT+A+POSTCODE', 400, 'Invalid postcode'],
    [`/oruk/services/${unknownId}`, 404, `No service with id "${unknownId}"`],
    ['/oruk/services/not-a-uuid', 404, 'No service with id "not-a-uuid"'],
    [`/oruk/organizations/${unknownId}`, 404, `No organization with id "${unknownId}"`],
    [`/oruk/taxonomies/${unknownId}`, 404, `No taxonomy with id "${unknownId}"`],
    [`/oruk/taxonomy_terms/${unknownId}`, 404, `No taxonomy term with id "${unknownId}"`],
    [`/oruk/service_at_locations/${unknownId}`, 404, `No service at location with id "${unknownId}"`],
    ['/oruk/nothing-here', 404, 'No route for GET /oruk/nothing-here'],
  ])('%s -> %i in the one error shape', async (url, status, message) => {
    const res = await request(app).get(url)
    expect(res.status).toBe(status)
    expect(res.headers['access-control-allow-origin']).toBe('*')
    expect(res.body).toEqual({
      error: {
        name: status === 400 ? 'ValidationError' : 'NotFound',
        message: expect.stringContaining(message),
        ...(res.body.error?.details ? { details: expect.any(Array) } : {}),
      },
    })
  })
})

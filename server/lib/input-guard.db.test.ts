import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { anonymous, type SignedIn, signIn } from '../../test/helpers/auth'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import { fixtureDirectory, fixtureSlugs as s } from '../directory/directory-fixture'
import { seedDirectory } from '../directory/directory-seed'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'
import type { Database } from './db'
import { errorBodySchema } from './errors'

/**
 * Issue 13, section 4: input that reached PostgreSQL (or a recursive walk) and came back as a 500.
 * Each must be a 400 in the one error shape, naming the field, before any handler runs.
 */

let db: Database
let app: ReturnType<typeof createApp>
let editor: SignedIn

beforeAll(async () => {
  db = await openTestDatabase()
  await seedDirectory(db.knex, await readTaxonomy(db.knex), fixtureDirectory())
  app = createApp({
    db,
    config: testConfig({ suggestionMinFillSeconds: 0, suggestionRateLimitPerHour: 100_000 }),
  })
  editor = await signIn(app, db, 'editor')
})
afterAll(async () => {
  await db?.close()
})

function expectBadRequest(res: request.Response, field?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(400)
  expect(errorBodySchema.safeParse(res.body).success).toBe(true)
  if (field !== undefined) {
    expect(res.body.error.details).toEqual([expect.objectContaining({ field })])
  }
}

/** `depth` arrays inside each other around a string: `[[[…"x"…]]]`. */
const nested = (depth: number) => `${'['.repeat(depth)}"x"${']'.repeat(depth)}`

describe(`bad input answers 400, never 500, on the ${currentEngine()} engine`, () => {
  test.each([
    '/api/providers?q=a%00b',
    '/api/exports/providers.csv?q=a%00b',
    '/api/exports/providers.geojson?q=a%00b',
    '/oruk/services?search=a%00b',
    '/oruk/services?text=a%00b',
    '/api/signpost?postcode=BD1%001HY',
  ])('anonymous GET %s', async (url) => {
    const res = await request(app).get(url)
    expectBadRequest(res)
    expect(res.body.error.message).toMatch(/NUL/)
  })

  test('a NUL in a path parameter', async () => {
    expectBadRequest(await request(app).get('/api/providers/a%00b'), 'path')
    expectBadRequest(await request(app).get('/api/geo/postcodes/BD1%001HY'), 'path')
  })

  test('a path that is not valid percent-encoding', async () => {
    expectBadRequest(await request(app).get('/api/providers/%E0%A4%A'), 'path')
    expectBadRequest(await request(app).get('/api/geo/areas/%ff'), 'path')
  })

  test('a suggestion nested 20,000 levels deep is refused before the form token is read', async () => {
    const { agent, csrfToken } = await anonymous(app)
    const body = `{"formToken":"x","proposed":{"name":${nested(20_000)}}}`
    const res = await agent
      .post(`/api/providers/${s.leedsCvs}/suggestions`)
      .set('X-CSRF-Token', csrfToken)
      .set('Content-Type', 'application/json')
      .send(body)
    expectBadRequest(res)
    expect(res.body.error.details[0].field).toMatch(/^proposed\.name(\.0)+$/)
    expect(res.body.error.message).toMatch(/64 levels/)
  })

  test('64 levels of nesting are still read (and refused by the schema, not the guard)', async () => {
    const res = await editor.agent
      .post('/api/providers')
      .set('X-CSRF-Token', editor.csrfToken)
      .set('Content-Type', 'application/json')
      .send(`{"name":${nested(62)}}`)
    expectBadRequest(res)
    expect(res.body.error.message).not.toMatch(/levels/)
  })

  test('a lone surrogate in a suggestion', async () => {
    const { agent, csrfToken } = await anonymous(app)
    const form = await agent.get(`/api/providers/${s.leedsCvs}/suggestions/form`)
    const res = await agent
      .post(`/api/providers/${s.leedsCvs}/suggestions`)
      .set('X-CSRF-Token', csrfToken)
      .set('Content-Type', 'application/json')
      .send(`{"formToken":"${form.body.formToken}","proposed":{"summary":"a\\ud800b"}}`)
    expectBadRequest(res, 'proposed.summary')
    expect(res.body.error.message).toMatch(/surrogate/)
  })

  test('a well-formed surrogate pair (an emoji) is fine', async () => {
    const { agent, csrfToken } = await anonymous(app)
    const form = await agent.get(`/api/providers/${s.leedsCvs}/suggestions/form`)
    const res = await agent
      .post(`/api/providers/${s.leedsCvs}/suggestions`)
      .set('X-CSRF-Token', csrfToken)
      .send({ formToken: form.body.formToken, proposed: { summary: 'Support \u{1F600} for groups' } })
    expect(res.status, JSON.stringify(res.body)).toBe(202)
  })

  test.each([
    ['a NUL', 'a\u0000b', 'name', /NUL/],
    ['a lone surrogate', 'a\ud800b', 'name', /surrogate/],
    ['a lone low surrogate', '\udc00', 'name', /surrogate/],
  ])('editor POST and PATCH /api/providers with %s', async (_label, text, field, message) => {
    const post = await editor.agent
      .post('/api/providers')
      .set('X-CSRF-Token', editor.csrfToken)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ [field]: text }))
    expectBadRequest(post, field)
    expect(post.body.error.message).toMatch(message)
    const patch = await editor.agent
      .patch(`/api/providers/${s.bradfordLgb}`)
      .set('X-CSRF-Token', editor.csrfToken)
      .set('If-Match', '"1"')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ [field]: text }))
    expectBadRequest(patch, field)
  })

  test('a NUL in a field name', async () => {
    const res = await editor.agent
      .patch(`/api/providers/${s.bradfordLgb}`)
      .set('X-CSRF-Token', editor.csrfToken)
      .set('If-Match', '"1"')
      .set('Content-Type', 'application/json')
      .send('{"address":{"li\\u0000ne1":"x"}}')
    expectBadRequest(res, 'address')
  })

  test.each([
    ['3D', [0, 0, 12]],
    ['4D', [0, 0, 12, 1]],
  ])('a %s polygon in PUT …/coverage names the position', async (_label, extra) => {
    const ring = [
      [-1.78, 53.78],
      [-1.737, 53.78],
      [-1.737, 53.805],
      [-1.78, 53.78],
    ].map(([lng, lat]) => [lng, lat, ...extra.slice(2)])
    const res = await editor.agent
      .put(`/api/providers/${s.bradfordLgb}/coverage`)
      .set('X-CSRF-Token', editor.csrfToken)
      .set('If-Match', '"1"')
      .send({ areas: [], polygon: { type: 'Polygon', coordinates: [ring] } })
    expectBadRequest(res)
    expect(res.body.error.message).toMatch(/coordinates\[0\]\[0\].*\[longitude, latitude\]/)
  })

  test.each([
    [
      'application/geo+json',
      '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"slug":"x","name":"a\\u0000b"},"geometry":null}]}',
      /NUL/,
    ],
    ['application/vnd.oruk+json', '{"id":"x","name":"a\\ud800b","organization":{"id":"y"}}', /surrogate/],
    ['application/geo+json', `{"type":"FeatureCollection","features":${nested(100)}}`, /64 levels/],
  ])(
    'an import (%s) holding text that cannot be stored, or nested too deep: 422 naming it',
    async (type, text, message) => {
      const res = await editor.agent
        .post('/api/imports?commit=true')
        .set('X-CSRF-Token', editor.csrfToken)
        .set('Content-Type', type)
        .send(text)
      expect(res.status, JSON.stringify(res.body)).toBe(422)
      expect(errorBodySchema.safeParse(res.body).success).toBe(true)
      expect(JSON.stringify(res.body.error.details)).toMatch(message)
    },
  )
})

import { Validator } from '@seriousme/openapi-schema-validator'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp, routeTableOf } from '../app'
import type { Database } from '../lib/db'
import { routeKey } from '../lib/route-table'

let db: Database
let app: ReturnType<typeof createApp>
let doc: {
  openapi: string
  paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>>
}

beforeAll(async () => {
  db = await openTestDatabase()
  app = createApp({ db, config: testConfig() })
  doc = (await request(app).get('/api/openapi.json')).body
})
afterAll(async () => {
  await db?.close()
})

const operationsOf = (d: typeof doc) =>
  Object.entries(d.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
  )

describe(`the API description on the ${currentEngine()} engine`, () => {
  test('/api/openapi.json validates as OpenAPI 3.1', async () => {
    const validator = new Validator()
    const result = await validator.validate(structuredClone(doc))
    expect({ valid: result.valid, errors: result.errors }).toEqual({ valid: true, errors: undefined })
    expect(validator.version).toBe('3.1')
    expect(doc.openapi).toBe('3.1.0')
  })

  test('the document and the route table list the same operations: every table route is described, and nothing else', () => {
    const table = routeTableOf(app).api.map(routeKey)
    expect(table.length).toBeGreaterThan(50)
    expect(table).toContain('GET /api/openapi.json')
    expect(table).toContain('GET /api/exports/providers.csv')
    expect(table).toContain('GET /api/config')
    expect(new Set(table).size).toBe(table.length)
    const described = operationsOf(doc)
    expect(table.filter((r) => !described.includes(r))).toEqual([])
    expect(described.filter((d) => !table.includes(d))).toEqual([])
    // The ORUK feed is its own standard's API: in the table (mounted, fuzzed), not in this document.
    const oruk = routeTableOf(app).oruk.map(routeKey)
    expect(oruk).toContain('GET /oruk/services')
    expect(described.filter((d) => d.includes(' /oruk'))).toEqual([])
  })

  test('every table route is mounted: none answers "No route", and a method the table lacks does', async () => {
    const { api, oruk } = routeTableOf(app)
    // Anonymous, with the CSRF token, so a change reaches routing (and stops at its role check).
    const agent = request.agent(app)
    const csrfToken = (await agent.get('/api/auth/session')).body.csrfToken as string
    for (const route of [...api, ...oruk]) {
      // Placeholder path values: the route may refuse them (400, 401, 404), but it must be the route answering.
      const url = route.path.replace(/\{(\w+)\}/g, 'x')
      const res = await agent[route.method](url).set('X-CSRF-Token', csrfToken)
      expect(`${route.method.toUpperCase()} ${url}: ${res.body?.error?.message ?? res.status}`).not.toMatch(
        /No route for/,
      )
    }
    const missing = await agent.put('/api/geo/layers').set('X-CSRF-Token', csrfToken)
    expect(missing.status).toBe(404)
    expect(missing.body.error.message).toBe('No route for PUT /api/geo/layers')
  })

  test('parameters come from the zod schemas, with the live vocabulary for code filters', () => {
    const search = doc.paths['/api/providers']?.get as unknown as {
      parameters: Array<{ name: string; in: string; schema: { anyOf?: Array<{ enum?: string[] }> } }>
    }
    expect(search.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'q',
        'postcode',
        'lat',
        'lng',
        'area',
        'function',
        'strand',
        'page',
        'perPage',
      ]),
    )
    const strand = search.parameters.find((p) => p.name === 'strand')
    expect(strand?.schema.anyOf?.[0]?.enum).toEqual(expect.arrayContaining(['race', 'sexual-orientation']))
    const write = doc.paths['/api/providers/{id}']?.patch?.parameters?.map((p) => `${p.in}:${p.name}`)
    expect(write).toEqual(['path:id', 'header:X-CSRF-Token'])
    const login = doc.paths['/api/auth/login']?.post as unknown as {
      requestBody: { content: { 'application/json': { schema: { properties: Record<string, unknown> } } } }
    }
    expect(Object.keys(login.requestBody.content['application/json'].schema.properties)).toEqual([
      'email',
      'password',
    ])
  })

  test('/api/docs is a readable page that needs no script, and its stylesheet is served', async () => {
    const res = await request(app).get('/api/docs')
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
    const csp = res.headers['content-security-policy'] as string
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(res.text).not.toMatch(/<script|\son\w+=|style=/i)
    expect(res.text).toContain('<link rel="stylesheet" href="/api/docs/docs.css">')
    for (const op of operationsOf(doc)) {
      const [method, path] = op.split(' ')
      expect(res.text).toContain(`${method} ${(path ?? '').replace(/&/g, '&amp;')}`)
    }
    const css = await request(app).get('/api/docs/docs.css')
    expect(css.status).toBe(200)
    expect(css.headers['content-type']).toMatch(/^text\/css/)
    expect(css.text).toContain('.method')
  })

  test.each(['/api/openapi.json?x=1', '/api/docs?x=1'])('%s: unknown parameters are a 400', async (url) => {
    const res = await request(app).get(url)
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ name: 'ValidationError' })
  })
})

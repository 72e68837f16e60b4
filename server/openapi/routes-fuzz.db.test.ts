import http from 'node:http'
import fc from 'fast-check'
import request from 'supertest'
import type TestAgent from 'supertest/lib/agent'
import { afterAll, describe, expect, test } from 'vitest'
import {
  nastyString,
  percentEncode,
  queryKeysOrukExtra,
  queryString,
  queryValue,
  requestBody,
} from '../../test/helpers/bad-input'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp, routeTableOf } from '../app'
import { createAuthQueries } from '../auth/auth-queries'
import type { Role } from '../auth/auth-schemas'
import { createAuthService } from '../auth/auth-service'
import { fixtureAreas as a, fixtureDirectory, fixtureSlugs as s } from '../directory/directory-fixture'
import { seedDirectory } from '../directory/directory-seed'
import { stableId } from '../directory/directory-service'
import { answerClientErrors } from '../lib/client-errors'
import { errorBodySchema } from '../lib/errors'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'

/**
 * Acceptance 2 of issue 13: generated hostile input against EVERY route the app registers (under
 * /api and /oruk, read from the app's route table, which is what Express and the OpenAPI document
 * are made from, so a new route is fuzzed without being listed here), as anonymous and as each role: path parameters, query strings
 * and bodies with NUL, lone surrogates, invalid percent-encoding, huge values, deep nesting, 3D/4D
 * coordinates and wrong types. No answer may be a 5xx; every 4xx is in the one error shape.
 * Requests go through a real listening server with the production clientError handler, so an
 * over-long URL is answered (431) as in production. FAST_CHECK_RUNS sets the runs per route.
 */
const RUNS = Number(process.env.FAST_CHECK_RUNS ?? 20)

type Who = Role | 'anonymous'
const everyone: Who[] = ['anonymous', 'admin', 'editor', 'helpline', 'provider']
const missing = '00000000-0000-4000-8000-000000000000'
const engine = currentEngine()

// Top-level await: the route list comes from the live app, and vitest needs it to name the tests.
const db = await openTestDatabase()
await seedDirectory(db.knex, await readTaxonomy(db.knex), fixtureDirectory())
const config = testConfig({ suggestionMinFillSeconds: 0, suggestionRateLimitPerHour: 1_000_000 })
const app = createApp({ db, config })
const server = http.createServer(app)
answerClientErrors(server)
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  await db?.close()
})

interface Session {
  agent: TestAgent
  csrfToken: string
}
async function session(role?: Role): Promise<Session> {
  const agent = request.agent(server)
  const csrfToken = (await agent.get('/api/auth/session')).body.csrfToken as string
  if (!role) return { agent, csrfToken }
  const email = `fuzz-${role}-${process.pid}@example.org`
  const password = 'a long test password'
  await createAuthService(createAuthQueries(db.knex), config).createUser({ email, role, password })
  const login = await agent.post('/api/auth/login').set('X-CSRF-Token', csrfToken).send({ email, password })
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${JSON.stringify(login.body)}`)
  return { agent, csrfToken: login.body.csrfToken }
}
const sessions = {} as Record<Who, Session>
sessions.anonymous = await session()
for (const role of ['admin', 'editor', 'helpline', 'provider'] as const) sessions[role] = await session(role)

const table = routeTableOf(app)
const routes = [...table.api, ...table.oruk].map((r) => ({ method: r.method, path: r.path }))
const doc = (await request(server).get('/api/openapi.json')).body as {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Array<{ name: string; in: string }>
        requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }
      }
    >
  >
}

/** Real values for a path parameter, by route: reads get real records; destructive writes never do. */
function pathSamples(method: string, path: string, name: string): string[] | undefined {
  const destructive = method === 'delete' || path.startsWith('/api/users/')
  const providers = destructive ? [missing] : [s.bradfordLgb, s.leedsCvs, s.draftBody, s.closedBody, missing]
  if (path.startsWith('/oruk/')) return [stableId('provider', s.leedsCvs), 'functions', missing]
  switch (name) {
    case 'postcode':
      return ['BD1 1HY', 'ZZ99 9ZZ', 'BD11HY']
    case 'code':
      return path.startsWith('/api/taxonomy')
        ? ['local', 'funding', 'race']
        : [a.bradford, a.bradfordCityWard, a.cardiff]
    case 'vocabulary':
      return ['levels', 'functions', 'strands']
    case 'idOrSlug':
      return providers
    case 'id':
      return path.startsWith('/api/providers') ? providers : [missing, '1']
    case 'pathwayId':
    case 'userId':
      return [missing]
    case 'token':
      return ['A'.repeat(43), 'not-a-token']
    case 'layer':
      return ['lad', 'region', 'ward', 'coverage']
    case 'z':
      return ['8', '0', '30']
    case 'x':
      return ['127', '-1']
    case 'y':
      return ['82', '99999999']
    default:
      return undefined
  }
}
const paramNames = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string)

function queryKeys(method: string, path: string): string[] {
  const documented = (doc.paths[path]?.[method]?.parameters ?? [])
    .filter((p) => p.in === 'query')
    .map((p) => p.name)
  return [...documented, ...(path.startsWith('/oruk') ? queryKeysOrukExtra : []), 'q', 'page', 'x']
}
function bodyFields(method: string, path: string): string[] {
  const content = doc.paths[path]?.[method]?.requestBody?.content ?? {}
  return Object.values(content).flatMap((c) => Object.keys(c.schema?.properties ?? {}))
}

/** The one 5xx a route documents as normal: vector tiles need the server engine (501 on embedded). */
const expected5xx = (path: string) => (engine === 'embedded' && path.endsWith('.mvt') ? [501] : [])

describe('the route list', () => {
  test('covers every route of the table and every documented operation, with samples for every path parameter', () => {
    expect(routes.length).toBeGreaterThan(60)
    const fuzzed = routes.map((r) => `${r.method.toUpperCase()} ${r.path}`)
    expect(fuzzed).toContain('GET /oruk/services')
    expect(fuzzed).toContain('POST /api/providers/{id}/suggestions')
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    )
    expect(documented.filter((d) => !fuzzed.includes(d))).toEqual([])
    const unsampled = routes.flatMap((r) =>
      paramNames(r.path)
        .filter((n) => pathSamples(r.method, r.path, n) === undefined)
        .map((n) => `${r.path} {${n}}`),
    )
    expect(unsampled).toEqual([])
  })
})

describe(`generated hostile input to every route on the ${engine} engine (${RUNS} runs per route)`, () => {
  test.each(routes.map((r) => [r.method.toUpperCase(), r.path, r] as const))(
    '%s %s: no 5xx, every 4xx in the one error shape',
    async (_m, path, route) => {
      const params = paramNames(path).map((name) =>
        fc.oneof(
          { weight: 2, arbitrary: fc.constantFrom(...(pathSamples(route.method, path, name) ?? ['x'])) },
          { weight: 1, arbitrary: nastyString.filter((v) => v !== '') },
        ),
      )
      const keys = queryKeys(route.method, path)
      const isGet = route.method === 'get'
      const query = fc
        .uniqueArray(fc.oneof(fc.constantFrom(...keys), nastyString), { maxLength: 4 })
        .chain((names) =>
          fc
            .tuple(...names.map((k) => queryValue(k, isGet)))
            .map((values) => Object.fromEntries(names.map((k, j) => [k, values[j] as string | string[]]))),
        )
      const hasBody = route.method !== 'get' && route.method !== 'delete'
      // Logging in or out changes the session itself: those run on a fresh anonymous session.
      const ownSession = path === '/api/auth/login' || path === '/api/auth/logout'
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...everyone),
          fc.tuple(...params),
          query,
          hasBody ? fc.option(requestBody(bodyFields(route.method, path)), { freq: 6 }) : fc.constant(null),
          fc.boolean(),
          async (who, values, q, body, withCsrf) => {
            let i = 0
            const url = path.replace(/\{(\w+)\}/g, () => percentEncode(String(values[i++]))) + queryString(q)
            const { agent, csrfToken } = ownSession ? await session() : sessions[who]
            const req = agent[route.method](url)
            if (withCsrf || ownSession) req.set('X-CSRF-Token', csrfToken)
            if (body) req.set('Content-Type', body.type).send(body.text)
            const res = await req
            const context = `${route.method.toUpperCase()} ${url.slice(0, 300)} as ${who}: ${res.status} ${res.text.slice(0, 300)}`
            if (res.status >= 500) expect(expected5xx(path), context).toContain(res.status)
            if (res.status >= 400) {
              expect(res.headers['content-type'], context).toMatch(/^application\/json/)
              expect(errorBodySchema.safeParse(res.body).success, context).toBe(true)
            }
          },
        ),
        { numRuns: RUNS },
      )
    },
    1_800_000,
  )
})

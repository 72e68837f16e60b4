import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import { fixtureDirectory, fixtureSlugs } from '../directory/directory-fixture'
import { seedDirectory } from '../directory/directory-seed'
import type { Config } from '../lib/config'
import type { Database } from '../lib/db'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'
import { createAuthQueries } from './auth-queries'
import { createAuthService } from './auth-service'

/**
 * Issue 13, §5 and §7: sign-in throttling that counts parallel attempts, does not let an attacker
 * lock the owner out, and cannot be dodged with X-Forwarded-For; no stored session for visitors.
 */
let db: Database
const password = 'a long test password'
let counter = 0

beforeAll(async () => {
  db = await openTestDatabase()
  await seedDirectory(db.knex, await readTaxonomy(db.knex), fixtureDirectory())
})
afterAll(async () => {
  await db?.close()
})

function appWith(overrides: Partial<Config> = {}) {
  return createApp({ db, config: testConfig(overrides) })
}
/** Behind a proxy on this host: X-Forwarded-For stands in for the client's address. */
const behindProxy = (overrides: Partial<Config> = {}) => appWith({ trustProxy: ['loopback'], ...overrides })

async function account(): Promise<string> {
  const email = `throttle-${++counter}@example.org`
  await createAuthService(createAuthQueries(db.knex), testConfig()).createUser({
    email,
    role: 'helpline',
    password,
  })
  return email
}

/** A visitor's CSRF token and the cookie that goes with it. */
async function visitor(app: ReturnType<typeof createApp>) {
  const res = await request(app).get('/api/auth/session')
  return { token: res.body.csrfToken as string, cookie: res.headers['set-cookie'] as unknown as string[] }
}

async function login(app: ReturnType<typeof createApp>, email: string, pw: string, from?: string) {
  const v = await visitor(app)
  const req = request(app).post('/api/auth/login').set('Cookie', v.cookie).set('X-CSRF-Token', v.token)
  if (from) req.set('X-Forwarded-For', from)
  return req.send({ email, password: pw })
}

async function sessionRows(): Promise<number> {
  const [row] = await db.knex('sessions').count({ n: '*' })
  return Number(row?.n)
}

describe(`sign-in throttling on the ${currentEngine()} engine`, () => {
  test('30 wrong passwords at once: at most LOGIN_MAX_FAILURES are checked (401), the rest get 429', async () => {
    const app = appWith()
    const email = await account()
    const v = await visitor(app)
    const attempts = Array.from({ length: 30 }, () =>
      request(app)
        .post('/api/auth/login')
        .set('Cookie', v.cookie)
        .set('X-CSRF-Token', v.token)
        .send({ email, password: 'not the password at all' }),
    )
    const statuses = (await Promise.all(attempts)).map((r) => r.status)
    const count = (status: number) => statuses.filter((s) => s === status).length
    expect(count(401)).toBe(testConfig().loginMaxFailures)
    expect(count(429)).toBe(30 - testConfig().loginMaxFailures)
  })

  test("an attacker's failures from one address do not lock the owner out: the owner signs in from another", async () => {
    const app = behindProxy()
    const email = await account()
    for (let i = 0; i < 5; i++) {
      const res = await login(app, email, 'wrong guess number one', '203.0.113.9')
      expect(res.status).toBe(401)
      expect(res.headers['ratelimit-remaining']).toBe(String(4 - i))
    }
    const blocked = await login(app, email, password, '203.0.113.9')
    expect(blocked.status).toBe(429)
    expect(blocked.body.error.name).toBe('TooManyRequests')
    expect(blocked.headers['ratelimit-limit']).toBe('5')
    expect(blocked.headers['ratelimit-policy']).toBe('5;w=900')
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0)

    const owner = await login(app, email, password, '198.51.100.20')
    expect(owner.status).toBe(200)
    expect(owner.body.user.email).toBe(email)
  })

  test('refused (429) attempts are not counted: hammering from one address does not reach the per-account ceiling', async () => {
    const app = behindProxy({ loginMaxFailuresPerAccount: 8 })
    const email = await account()
    const statuses: number[] = []
    for (let i = 0; i < 15; i++)
      statuses.push((await login(app, email, 'wrong guess', '203.0.113.10')).status)
    expect(statuses.filter((s) => s === 401)).toHaveLength(5)
    expect((await login(app, email, password, '198.51.100.21')).status).toBe(200)
  })

  test('one address trying many accounts is stopped at LOGIN_MAX_FAILURES_PER_ADDRESS; other addresses are not', async () => {
    const app = behindProxy({ loginMaxFailuresPerAddress: 3 })
    const target = await account()
    for (let i = 0; i < 3; i++) {
      expect((await login(app, `nobody-${counter}-${i}@example.org`, 'wrong', '203.0.113.11')).status).toBe(
        401,
      )
    }
    expect((await login(app, target, password, '203.0.113.11')).status).toBe(429)
    expect((await login(app, target, password, '198.51.100.22')).status).toBe(200)
  })

  test('a guessing attack spread over many addresses meets the per-account ceiling', async () => {
    const app = behindProxy({ loginMaxFailuresPerAccount: 4 })
    const email = await account()
    for (let i = 0; i < 4; i++)
      expect((await login(app, email, 'wrong', `203.0.113.${20 + i}`)).status).toBe(401)
    const res = await login(app, email, password, '203.0.113.30')
    expect(res.status).toBe(429)
    expect(res.headers['ratelimit-limit']).toBe('4')
  })

  test('a successful sign-in starts the count for that address again', async () => {
    const app = behindProxy()
    const email = await account()
    for (let i = 0; i < 4; i++) await login(app, email, 'wrong', '203.0.113.40')
    expect((await login(app, email, password, '203.0.113.40')).status).toBe(200)
    const next = await login(app, email, 'wrong', '203.0.113.40')
    expect(next.status).toBe(401)
    expect(next.headers['ratelimit-remaining']).toBe('4')
  })

  test('by default X-Forwarded-For is ignored: a new forged address per attempt gains nothing', async () => {
    const app = appWith()
    const email = await account()
    for (let i = 0; i < 5; i++)
      expect((await login(app, email, 'wrong', `192.0.2.${i + 1}`)).status).toBe(401)
    expect((await login(app, email, password, '192.0.2.99')).status).toBe(429)
  })

  test('by default X-Forwarded-For does not reset the per-address suggestion limit either', async () => {
    const app = appWith({ suggestionRateLimitPerHour: 2, suggestionMinFillSeconds: 0 })
    const agent = request.agent(app)
    const { csrfToken } = (await agent.get('/api/auth/session')).body
    const statuses: number[] = []
    for (let i = 0; i < 3; i++) {
      const form = await agent.get(`/api/providers/${fixtureSlugs.leedsCvs}/suggestions/form`)
      const res = await agent
        .post(`/api/providers/${fixtureSlugs.leedsCvs}/suggestions`)
        .set('X-CSRF-Token', csrfToken)
        .set('X-Forwarded-For', `192.0.2.${50 + i}`)
        .send({ proposed: {}, message: 'The phone number has changed.', formToken: form.body.formToken })
      statuses.push(res.status)
    }
    expect(statuses).toEqual([202, 202, 429])
  })
})

describe(`no session stored for visitors on the ${currentEngine()} engine`, () => {
  test('50 anonymous session reads store no session; signing in with the token they gave does', async () => {
    const app = appWith()
    const email = await account()
    const before = await sessionRows()
    for (let i = 0; i < 25; i++) expect((await request(app).get('/api/auth/session')).status).toBe(200)
    const agent = request.agent(app)
    let token = ''
    for (let i = 0; i < 25; i++) {
      const res = await agent.get('/api/auth/session')
      expect(res.body.user).toBeNull()
      token = res.body.csrfToken
    }
    expect(await sessionRows()).toBe(before)

    const signedIn = await agent.post('/api/auth/login').set('X-CSRF-Token', token).send({ email, password })
    expect(signedIn.status).toBe(200)
    expect(signedIn.body.csrfToken).not.toBe(token)
    expect(await sessionRows()).toBe(before + 1)
    expect((await agent.get('/api/auth/session')).body.user.email).toBe(email)
  })

  test("a visitor's token works only with its own cookie", async () => {
    const app = appWith()
    const email = await account()
    const mine = await visitor(app)
    const theirs = await visitor(app)
    const res = await request(app)
      .post('/api/auth/login')
      .set('Cookie', theirs.cookie)
      .set('X-CSRF-Token', mine.token)
      .send({ email, password })
    expect(res.status).toBe(403)
    expect(res.body.error.name).toBe('CsrfTokenInvalid')
    const none = await request(app)
      .post('/api/auth/login')
      .set('X-CSRF-Token', mine.token)
      .send({ email, password })
    expect(none.status).toBe(403)
  })
})

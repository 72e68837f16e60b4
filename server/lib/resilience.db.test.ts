import express from 'express'
import knexFactory, { type Knex } from 'knex'
import { pino } from 'pino'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type SignedIn, signIn } from '../../test/helpers/auth'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import { fixtureAreas as areas, fixtureDirectory, fixtureSlugs as s } from '../directory/directory-fixture'
import { seedDirectory } from '../directory/directory-seed'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'
import type { Database } from './db'
import { errorBodySchema, errorHandler } from './errors'
import { PRIMARY_COOKIE } from './read-routing'

// Both features exist only with a PostgreSQL server: PGlite has no other backends to terminate and
// no second database to replicate to. On the embedded engine this file reports them as skipped.
const server = currentEngine() === 'server'

/** An admin connection to the test server, for pg_terminate_backend. */
function adminKnex(): Knex {
  return knexFactory({ client: 'pg', connection: process.env.TEST_DATABASE_URL, pool: { min: 0, max: 1 } })
}

/** Terminates every backend of `database` but the admin's own; returns their pids. */
async function terminateBackends(admin: Knex, database: string): Promise<number[]> {
  const { rows } = await admin.raw<{ rows: Array<{ pid: number }> }>(
    // MATERIALIZED: the filter must run before pg_terminate_backend, never interleaved with it by
    // the planner (which would kill every backend on the shared cluster).
    `with victims as materialized (
       select pid from pg_stat_activity where datname = ? and pid <> pg_backend_pid()
     )
     select pid from victims where pg_terminate_backend(pid)`,
    [database],
  )
  return rows.map((r) => r.pid)
}

/**
 * Waits until the terminated backends have exited. pg_terminate_backend only signals them; each
 * sends its FATAL message and leaves a moment later. Until that message arrives, an idle
 * connection looks alive and the next query may be sent on it (it fails: a 503, the documented
 * answer while a fault is under way). A backend drops out of pg_stat_activity only after sending
 * it, so once they are all gone every connection has been told, and none may be handed out again.
 */
async function waitUntilGone(admin: Knex, pids: number[]): Promise<void> {
  for (;;) {
    const { rows } = await admin.raw<{ rows: Array<{ n: number }> }>(
      'select count(*)::int as n from pg_stat_activity where pid = any(?)',
      [pids],
    )
    if (rows[0]?.n === 0) return
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe.skipIf(!server)(
  'database faults (server engine): terminated backends answer 503, the pool recovers',
  () => {
    let db: Database
    let admin: Knex
    let database: string
    let app: ReturnType<typeof createApp>

    beforeAll(async () => {
      db = await openTestDatabase()
      await seedDirectory(db.knex, await readTaxonomy(db.knex), fixtureDirectory())
      admin = adminKnex()
      database = (await db.knex.raw('select current_database() as name')).rows[0].name
      app = createApp({ db, config: testConfig() })
    })
    afterAll(async () => {
      await admin?.destroy()
      await db?.close()
    })

    const search = () => request(app).get(`/api/providers?area=${areas.leeds}`)

    /** Every answer is a 200 or a 503 in the error shape with Retry-After; returns the count of 503s. */
    function expectOkOrUnavailable(responses: request.Response[]): number {
      let unavailable = 0
      for (const res of responses) {
        if (res.status === 200) continue
        expect(res.status).toBe(503)
        expect(res.headers['retry-after']).toBe('2')
        expect(errorBodySchema.strict().parse(res.body)).toEqual({
          error: { name: 'ServiceUnavailable', message: 'The database is unavailable; try again shortly' },
        })
        unavailable++
      }
      return unavailable
    }

    test('idle connections killed between requests: the process keeps answering, within 2 s all succeed', async () => {
      // Fill the pool with several connections, then kill every one of them.
      const warm = await Promise.all(Array.from({ length: 5 }, search))
      expect(warm.map((r) => r.status)).toEqual([200, 200, 200, 200, 200])
      expect((await terminateBackends(admin, database)).length).toBeGreaterThan(0)

      const started = Date.now()
      let last: request.Response | undefined
      const seen: request.Response[] = []
      while (Date.now() - started < 2000) {
        last = await search()
        seen.push(last)
        if (last.status === 200) break
      }
      expectOkOrUnavailable(seen)
      expect(last?.status).toBe(200)
      // And the ones after it too: no dead client is handed out again.
      const after = await Promise.all(Array.from({ length: 5 }, search))
      expect(after.map((r) => r.status)).toEqual([200, 200, 200, 200, 200])
    })

    test('a query running when its backend is terminated fails with 503 in the error shape; the next request succeeds', async () => {
      // A route of the test's own that holds its connection, behind the app's real error handler.
      const sleepy = express()
      sleepy.get('/sleep', async (_req, res, next) => {
        try {
          await db.knex.raw('select pg_sleep(30)')
          res.json({ slept: true })
        } catch (err) {
          next(err)
        }
      })
      sleepy.use(errorHandler(pino({ level: 'silent' })))
      const pending = request(sleepy)
        .get('/sleep')
        .then((r) => r)
      // Until the sleep is running (the test's timeout bounds the wait): killing the backends before
      // it starts would let it sleep its 30 s and answer 200.
      for (;;) {
        const { rows } = await admin.raw(
          `select count(*)::int as n from pg_stat_activity
           where datname = ? and state = 'active' and query like 'select pg_sleep(30)%'`,
          [database],
        )
        if (rows[0].n > 0) break
        await new Promise((r) => setTimeout(r, 50))
      }
      const victims = await terminateBackends(admin, database)
      expect(victims.length).toBeGreaterThan(0)
      const res = await pending
      expect(expectOkOrUnavailable([res])).toBe(1)
      // Nothing internal leaks: no SQL, no driver message.
      expect(JSON.stringify(res.body)).not.toMatch(/pg_sleep|terminat|57P01/i)
      // The pool's idle connections were killed too: once they are gone, none is handed out again.
      await waitUntilGone(admin, victims)
      expect((await search()).status).toBe(200)
    })

    test('killing every backend while a burst of signposting and search requests runs: 200s and 503s only, then all 200', async () => {
      const burst = Array.from({ length: 30 }, (_, i) =>
        i % 2
          ? search()
          : request(app)
              .get(`/api/signpost?area=${areas.leeds}&function=training`)
              .then((r) => r),
      )
      await new Promise((r) => setTimeout(r, 20))
      await terminateBackends(admin, database)
      const answers = await Promise.all(burst)
      expectOkOrUnavailable(answers)
      let ok = false
      for (const started = Date.now(); !ok && Date.now() - started < 2000; )
        ok = (await search()).status === 200
      expect(ok).toBe(true)
    })
  },
)

describe.skipIf(!server)('read replica routing (server engine, two databases)', () => {
  let primary: Database
  let replica: Database
  let app: ReturnType<typeof createApp>
  let editor: SignedIn
  const replicaName = 'Fixture Voluntary Action Leeds (replica copy)'

  beforeAll(async () => {
    primary = await openTestDatabase()
    replica = await openTestDatabase()
    for (const db of [primary, replica]) {
      await seedDirectory(db.knex, await readTaxonomy(db.knex), fixtureDirectory())
    }
    // A record that differs between the two: renamed on the replica only, through its own API.
    const replicaApp = createApp({ db: replica, config: testConfig() })
    const replicaEditor = await signIn(replicaApp, replica, 'editor')
    const current = await request(replicaApp).get(`/api/providers/${s.leedsCvs}`)
    const renamed = await replicaEditor.agent
      .patch(`/api/providers/${s.leedsCvs}`)
      .set('X-CSRF-Token', replicaEditor.csrfToken)
      .set('If-Match', `"${current.body.version}"`)
      .send({ name: replicaName })
    expect(renamed.status).toBe(200)

    app = createApp({
      db: { ...primary, read: replica.knex, replica: { location: 'replica' } },
      config: testConfig(),
    })
    editor = await signIn(app, primary, 'editor')
  })
  afterAll(async () => {
    await replica?.close()
    await primary?.close()
  })

  const nameIn = async (db: Database) =>
    (await db.knex('providers').where({ slug: s.leedsCvs }).first('name')).name as string

  test('public search, provider pages and signposting read from the replica', async () => {
    const page = await request(app).get(`/api/providers/${s.leedsCvs}`)
    expect(page.status).toBe(200)
    expect(page.body.name).toBe(replicaName)

    const search = await request(app).get(`/api/providers?area=${areas.leeds}&perPage=100`)
    expect(search.status).toBe(200)
    const names = search.body.items.map((i: { name: string }) => i.name)
    expect(names).toContain(replicaName)
    expect(names).not.toContain('Fixture Voluntary Action Leeds')

    const signpost = await request(app).get(`/api/signpost?area=${areas.leeds}&function=training`)
    expect(signpost.status).toBe(200)
    // The fixture's records have no contact route, so the freshness policy (decision 0020) lists
    // them for follow-up rather than as options: either way, the names come from the replica.
    const signposted = [
      ...signpost.body.groups.flatMap((g: { providers: Array<{ name: string }> }) =>
        g.providers.map((p) => p.name),
      ),
      ...signpost.body.followUp.map((p: { name: string }) => p.name),
    ]
    expect(signposted).toContain(replicaName)
    expect(signposted).not.toContain('Fixture Voluntary Action Leeds')
  })

  test('/api/ready reports the replica; it is unready when the replica is unreachable', async () => {
    const ready = await request(app).get('/api/ready')
    expect(ready.status).toBe(200)
    expect(ready.body).toMatchObject({ status: 'ready', replica: { status: 'ready' } })

    const broken = knexFactory({
      client: 'pg',
      connection: { connectionString: 'postgres://atlas@127.0.0.1:1/none', connectionTimeoutMillis: 500 },
      pool: { min: 0, max: 1 },
      acquireConnectionTimeout: 1000,
    })
    try {
      const unready = createApp({
        db: { ...primary, read: broken, replica: { location: 'unreachable' } },
        config: testConfig(),
      })
      const res = await request(unready).get('/api/ready')
      expect(res.status).toBe(503)
      expect(res.body).toMatchObject({ status: 'unavailable', replica: { status: 'unavailable' } })
      expect(res.body.reason).toMatch(/^read replica unreachable/)
      // Public reads on a dead replica are 503 in the error shape, not 500.
      const search = await request(unready).get(`/api/providers?area=${areas.leeds}`)
      expect(search.status).toBe(503)
      expect(errorBodySchema.parse(search.body).error.name).toBe('ServiceUnavailable')
    } finally {
      await broken.destroy()
    }
  })

  test('writes go to the primary, and the editor who wrote reads the primary right after', async () => {
    const before = await editor.agent.get(`/api/providers/${s.leedsCvs}`)
    // The editor signed in (a write): the sticky cookie keeps their reads on the primary.
    expect(before.body.name).toBe('Fixture Voluntary Action Leeds')
    const put = await editor.agent
      .patch(`/api/providers/${s.leedsCvs}`)
      .set('X-CSRF-Token', editor.csrfToken)
      .set('If-Match', `"${before.body.version}"`)
      .send({ name: 'Voluntary Action Leeds (edited on the primary)' })
    expect(put.status).toBe(200)
    expect(String(put.headers['set-cookie'])).toContain(`${PRIMARY_COOKIE}=1`)
    expect(await nameIn(primary)).toBe('Voluntary Action Leeds (edited on the primary)')
    expect(await nameIn(replica)).toBe(replicaName)

    const after = await editor.agent.get(`/api/providers/${s.leedsCvs}`)
    expect(after.body.name).toBe('Voluntary Action Leeds (edited on the primary)')
    const editorSearch = await editor.agent.get(`/api/providers?area=${areas.leeds}&perPage=100`)
    expect(editorSearch.body.items.map((i: { name: string }) => i.name)).toContain(
      'Voluntary Action Leeds (edited on the primary)',
    )
    // Everyone else still reads the replica (which has not replayed the change).
    expect((await request(app).get(`/api/providers/${s.leedsCvs}`)).body.name).toBe(replicaName)
  })
})

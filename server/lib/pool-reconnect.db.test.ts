import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import { fixtureAreas, fixtureDirectory, fixtureSlugs } from '../directory/directory-fixture'
import { seedDirectory } from '../directory/directory-seed'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'
import type { Database } from './db'

/** A pool this quick to close an idle connection lets the test idle past it in a moment. */
const IDLE_TIMEOUT_MS = 200

let db: Database
let app: ReturnType<typeof createApp>

beforeAll(async () => {
  db = await openTestDatabase({ databaseIdleTimeoutMs: IDLE_TIMEOUT_MS })
  await seedDirectory(db.knex, await readTaxonomy(db.knex), fixtureDirectory())
  app = createApp({ db, config: testConfig({ databaseIdleTimeoutMs: IDLE_TIMEOUT_MS }) })
})
afterAll(async () => {
  await db?.close()
})

interface PoolStats {
  numUsed(): number
  numFree(): number
  numPendingCreates(): number
}

/** Waits until the pool has closed every connection (idle past its timeout; tarn reaps each second). */
async function untilPoolIsEmpty(): Promise<void> {
  const pool = (db.knex.client as { pool: PoolStats }).pool
  const deadline = Date.now() + 30_000
  while (pool.numUsed() + pool.numFree() + pool.numPendingCreates() > 0) {
    if (Date.now() > deadline) throw new Error('the pool kept its connection for 30 s')
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** Every hot read that runs as a named prepared statement, through the HTTP API, with its answer checked. */
async function everyHotRead(): Promise<void> {
  const postcode = await request(app).get('/api/geo/postcodes/BD1%201HY')
  expect(postcode.status, JSON.stringify(postcode.body)).toBe(200)
  expect(postcode.body.postcode).toBe('BD1 1HY')
  expect(postcode.body.areas.map((a: { code: string }) => a.code)).toContain(fixtureAreas.bradford)

  const point = await request(app).get('/api/geo/areas').query({ lat: '53.79232', lng: '-1.75329' })
  expect(point.status, JSON.stringify(point.body)).toBe(200)
  expect(point.body.areas.map((a: { code: string }) => a.code)).toEqual([
    fixtureAreas.bradfordCityWard,
    fixtureAreas.bradford,
    fixtureAreas.westYorkshire,
    'E47000003',
    fixtureAreas.yorkshire,
    fixtureAreas.england,
  ])

  const signpost = await request(app)
    .get('/api/signpost')
    .query({ postcode: 'BD1 1HY', function: 'training' })
  expect(signpost.status, JSON.stringify(signpost.body)).toBe(200)
  const signposted = JSON.stringify(signpost.body)
  expect(signposted).toContain(fixtureSlugs.bradfordLgb)
  expect(signposted).not.toContain(fixtureSlugs.cardiffCvc)

  const search = await request(app).get('/api/providers').query({ postcode: 'BD1 1HY' })
  expect(search.status, JSON.stringify(search.body)).toBe(200)
  const found = search.body.items.map((i: { slug: string }) => i.slug)
  expect(found).toContain(fixtureSlugs.bradfordCvs)
  expect(found).not.toContain(fixtureSlugs.cardiffCvc)

  const ready = await request(app).get('/api/ready')
  expect(ready.status, JSON.stringify(ready.body)).toBe(200)
}

describe(`named prepared statements across reconnects on the ${currentEngine()} engine`, () => {
  test('every hot read answers before and after the pool closes its idle connection', async () => {
    await everyHotRead()
    await untilPoolIsEmpty()
    await everyHotRead()
    // And once more: the second connection's statements are as usable as the first's.
    await untilPoolIsEmpty()
    await everyHotRead()
  })

  test.runIf(currentEngine() === 'embedded')(
    'a connection dropped mid-transaction leaves no open transaction and no statements behind',
    async () => {
      await everyHotRead()
      const dropped = db.knex.transaction(async (trx) => {
        await trx('providers').where({ slug: fixtureSlugs.bradfordCvs }).update({ name: 'never committed' })
        const client = trx.client as unknown as {
          acquireConnection(): Promise<{ connection: { stream: { destroy(): void } } }>
        }
        // The socket goes away with the transaction open, as when a client process dies.
        ;(await client.acquireConnection()).connection.stream.destroy()
        await trx.raw('select 1')
      })
      await expect(dropped).rejects.toThrow()
      await everyHotRead()
      const row = await db.knex('providers').where({ slug: fixtureSlugs.bradfordCvs }).first('name')
      expect(row.name).not.toBe('never committed')
    },
  )
})

import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import type { Database } from '../lib/db'

let db: Database
let app: ReturnType<typeof createApp>

beforeAll(async () => {
  db = await openTestDatabase()
  app = createApp({ db, config: testConfig() })
})
afterAll(async () => {
  await db?.close()
})

describe(`foundation on the ${currentEngine()} engine`, () => {
  test('PostGIS answers spatial questions: a point in a polygon, the area of a geography', async () => {
    const { rows } = await db.knex.raw(
      `select ST_Contains(ST_GeomFromText('POLYGON((-1.8 53.7,-1.7 53.7,-1.7 53.8,-1.8 53.8,-1.8 53.7))', 4326),
                          ST_SetSRID(ST_MakePoint(?, ?), 4326)) as inside,
              ST_Contains(ST_GeomFromText('POLYGON((-1.8 53.7,-1.7 53.7,-1.7 53.8,-1.8 53.8,-1.8 53.7))', 4326),
                          ST_SetSRID(ST_MakePoint(?, ?), 4326)) as outside,
              ST_Area(ST_GeomFromText('POLYGON((-1.8 53.7,-1.7 53.7,-1.7 53.8,-1.8 53.8,-1.8 53.7))', 4326)::geography) as m2`,
      [-1.75, 53.79, -1.6, 53.79],
    )
    expect(rows[0].inside).toBe(true)
    expect(rows[0].outside).toBe(false)
    // 0.1° x 0.1° at 53.75°N: about 6.59 km x 11.13 km.
    expect(rows[0].m2 / 1e6).toBeGreaterThan(72.5)
    expect(rows[0].m2 / 1e6).toBeLessThan(74.5)
  })

  test('GET /api/health reports the process alive', async () => {
    const res = await request(app).get('/api/health')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'ok' })
    expect(res.headers['x-request-id']).toMatch(/\S+/)
  })

  test('GET /api/ready names the engine, the PostGIS version and current migrations', async () => {
    const res = await request(app).get('/api/ready')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ status: 'ready', engine: currentEngine(), migrations: 'current' })
    expect(res.body.postgis).toMatch(/^3\.\d+\.\d+/)
  })

  test('GET /api/ready is 503 with the reason when a migration is pending', async () => {
    const last = await db.knex('knex_migrations').orderBy('id', 'desc').first()
    await db.knex('knex_migrations').where({ id: last.id }).delete()
    try {
      const res = await request(app).get('/api/ready')
      expect(res.status).toBe(503)
      expect(res.body).toMatchObject({
        status: 'unavailable',
        migrations: 'pending',
        engine: currentEngine(),
      })
      expect(res.body.reason).toContain(last.name)
    } finally {
      await db.knex('knex_migrations').insert(last)
    }
  })

  test('GET /api/ready runs a real hot read: when it fails (its table gone) the node is unready (503)', async () => {
    await db.knex.raw('ALTER TABLE area_parts RENAME TO area_parts_moved')
    try {
      const res = await request(app).get('/api/ready')
      expect(res.status).toBe(503)
      expect(res.body).toMatchObject({
        status: 'unavailable',
        engine: currentEngine(),
        migrations: 'current',
      })
      expect(res.body.reason).toMatch(/^hot read failed: .*area_parts/)
    } finally {
      await db.knex.raw('ALTER TABLE area_parts_moved RENAME TO area_parts')
    }
    expect((await request(app).get('/api/ready')).status).toBe(200)
  })

  test.runIf(currentEngine() === 'embedded')(
    'GET /api/ready is 503 when the session and the client disagree about named statements (issue 13)',
    async () => {
      // The readiness probe has prepared its statement on the pooled client; the one PGlite session
      // then loses it behind the client's back (the mirror image of the reconnect fault, where the
      // session kept statements a new client did not know about).
      expect((await request(app).get('/api/ready')).status).toBe(200)
      await db.knex.raw('DEALLOCATE ALL')
      try {
        const res = await request(app).get('/api/ready')
        expect(res.status).toBe(503)
        expect(res.body).toMatchObject({ status: 'unavailable', engine: 'embedded', migrations: 'current' })
        expect(res.body.reason).toMatch(/^hot read failed: .*geo_areas_for_point_area_parts/)
      } finally {
        // A new pool, a new client, a clean session.
        await db.knex.destroy()
        db.knex.initialize()
      }
      expect((await request(app).get('/api/ready')).status).toBe(200)
    },
  )

  test('unknown API routes get a JSON 404 in the one error shape', async () => {
    const res = await request(app).get('/api/no-such-thing')
    expect(res.status).toBe(404)
    expect(res.body).toEqual({ error: { name: 'NotFound', message: 'No route for GET /api/no-such-thing' } })
  })

  test('malformed and oversized JSON bodies are 4xx in the error shape', async () => {
    const bad = await request(app).post('/api/health').set('content-type', 'application/json').send('{"a":')
    expect(bad.status).toBe(400)
    expect(bad.body.error).toMatchObject({
      name: 'ValidationError',
      message: 'Request body is not valid JSON',
    })
    const big = await request(app)
      .post('/api/health')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }))
    expect(big.status).toBe(413)
    expect(big.body.error.name).toBe('PayloadTooLarge')
  })

  test('security headers are set', async () => {
    const res = await request(app).get('/api/health')
    expect(res.headers['content-security-policy']).toContain("default-src 'self'")
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['x-powered-by']).toBeUndefined()
  })
})

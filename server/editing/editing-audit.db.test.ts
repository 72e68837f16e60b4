import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type SignedIn, signIn } from '../../test/helpers/auth'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import { fixtureAreas as areas, fixtureDirectory, fixtureSlugs as s } from '../directory/directory-fixture'
import { seedDirectory } from '../directory/directory-seed'
import type { Database } from '../lib/db'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'

/** Saving without a change writes nothing; editors browse the trail of provider records by name. */

let db: Database
let app: ReturnType<typeof createApp>
let editor: SignedIn
let helpline: SignedIn

beforeAll(async () => {
  db = await openTestDatabase()
  await seedDirectory(db.knex, await readTaxonomy(db.knex), fixtureDirectory())
  app = createApp({ db, config: testConfig() })
  editor = await signIn(app, db, 'editor')
  helpline = await signIn(app, db, 'helpline')
})
afterAll(async () => {
  await db?.close()
})

const auditFor = (entityId: string) => db.knex('audit_log').where({ entity_id: entityId }).orderBy('id')

describe('no empty audit rows', () => {
  test('saving the same service area again: 200, same version, no audit row', async () => {
    const current = await request(app).get(`/api/providers/${s.cardiffCvc}`)
    const coverage = await request(app).get(`/api/providers/${s.cardiffCvc}/coverage`)
    const before = await auditFor(current.body.id)
    const res = await editor.agent
      .put(`/api/providers/${s.cardiffCvc}/coverage`)
      .set('X-CSRF-Token', editor.csrfToken)
      .set('If-Match', `"${current.body.version}"`)
      .send({ areas: coverage.body.properties.areaCodes })
    expect(res.status).toBe(200)
    expect(res.body.version).toBe(current.body.version)
    expect(await auditFor(current.body.id)).toEqual(before)
    expect(before.every((row) => Object.keys(row.diff ?? {}).length > 0 || row.action !== 'update')).toBe(
      true,
    )
  })

  test('a PATCH that sends the values the record already has: no new version, no audit row', async () => {
    const current = await request(app).get(`/api/providers/${s.leedsCvs}`)
    const before = await auditFor(current.body.id)
    const res = await editor.agent
      .patch(`/api/providers/${s.leedsCvs}`)
      .set('X-CSRF-Token', editor.csrfToken)
      .set('If-Match', `"${current.body.version}"`)
      .send({ name: current.body.name, summary: current.body.summary })
    expect(res.status).toBe(200)
    expect(res.body.version).toBe(current.body.version)
    expect(await auditFor(current.body.id)).toEqual(before)
  })

  test('a real change still writes one audit row naming the field', async () => {
    const current = await request(app).get(`/api/providers/${s.leedsCvs}`)
    const res = await editor.agent
      .put(`/api/providers/${s.leedsCvs}/coverage`)
      .set('X-CSRF-Token', editor.csrfToken)
      .set('If-Match', `"${current.body.version}"`)
      .send({ areas: [areas.leeds, areas.bradford] })
    expect(res.status).toBe(200)
    expect(res.body.version).toBe(current.body.version + 1)
    const last = (await auditFor(current.body.id)).at(-1)
    expect(Object.keys(last.diff)).toEqual(['coverage'])
  })
})

describe('editors browse the trail of provider records by name', () => {
  test('?name= finds the changes of records whose name holds it; each item names its record', async () => {
    const leeds = await request(app).get(`/api/providers/${s.leedsCvs}`)
    const res = await editor.agent
      .get('/api/audit')
      .query({ name: leeds.body.name.slice(0, 8).toLowerCase() })
    expect(res.status).toBe(200)
    expect(res.body.total).toBeGreaterThan(0)
    for (const item of res.body.items) {
      expect(item.entityType).toBe('provider')
      expect(item.recordName.toLowerCase()).toContain(leeds.body.name.slice(0, 8).toLowerCase())
    }
    expect(res.body.items.map((i: { entityId: string }) => i.entityId)).toContain(leeds.body.id)
    const none = await editor.agent.get('/api/audit').query({ name: 'no record is called this' })
    expect(none.body).toMatchObject({ total: 0, items: [] })
    // % and _ are matched as typed, not as wildcards.
    expect((await editor.agent.get('/api/audit').query({ name: '%%' })).body.total).toBe(0)
  })

  test("editors may list every provider record's trail, not other kinds; helpline may not read it", async () => {
    const all = await editor.agent.get('/api/audit').query({ entityType: 'provider' })
    expect(all.status).toBe(200)
    expect(all.body.items.every((i: { entityType: string }) => i.entityType === 'provider')).toBe(true)
    expect((await editor.agent.get('/api/audit').query({ entityType: 'user' })).status).toBe(403)
    expect((await helpline.agent.get('/api/audit').query({ name: 'Leeds' })).status).toBe(403)
  })

  test.each([
    [{ name: 'x' }, 'name must be at least 2 characters'],
    [{ name: 'Leeds', entityType: 'user' }, 'name: searches provider records'],
  ])('bad query %j is a 400: %s', async (query, message) => {
    const res = await editor.agent.get('/api/audit').query(query)
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain(message)
  })
})

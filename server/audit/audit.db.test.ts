import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { signIn } from '../../test/helpers/auth'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import type { Database } from '../lib/db'
import { recordAudit } from './audit-trail'

let db: Database
let app: ReturnType<typeof createApp>
const actor = { userId: null, label: 'test' }

beforeAll(async () => {
  db = await openTestDatabase()
  app = createApp({ db, config: testConfig() })
})
afterAll(async () => {
  await db?.close()
})

describe('audit log', () => {
  test('a rolled-back change leaves no audit row; a committed one always has one', async () => {
    await db.knex.schema.createTable('audited_thing', (t) => {
      t.text('id').primary()
      t.text('name')
    })
    await expect(
      db.knex.transaction(async (trx) => {
        await trx('audited_thing').insert({ id: 't1', name: 'First' })
        await recordAudit(trx, {
          actor,
          action: 'create',
          entityType: 'thing',
          entityId: 't1',
          before: null,
          after: { name: 'First' },
        })
        throw new Error('fail after writing')
      }),
    ).rejects.toThrow('fail after writing')
    expect(await db.knex('audit_log').where({ entity_id: 't1' })).toEqual([])
    expect(await db.knex('audited_thing')).toEqual([])

    await db.knex.transaction(async (trx) => {
      await trx('audited_thing').insert({ id: 't1', name: 'First' })
      await recordAudit(trx, {
        actor,
        action: 'create',
        entityType: 'thing',
        entityId: 't1',
        before: null,
        after: { name: 'First' },
      })
    })
    await db.knex.transaction(async (trx) => {
      await trx('audited_thing').where({ id: 't1' }).update({ name: 'Second' })
      await recordAudit(trx, {
        actor,
        action: 'update',
        entityType: 'thing',
        entityId: 't1',
        before: { name: 'First' },
        after: { name: 'Second' },
      })
    })
    const rows = await db.knex('audit_log').where({ entity_id: 't1' }).orderBy('id')
    expect(rows.map((r) => [r.action, r.diff])).toEqual([
      ['create', { name: { from: null, to: 'First' } }],
      ['update', { name: { from: 'First', to: 'Second' } }],
    ])
  })

  test('admins filter the trail; editors read one record; others are refused', async () => {
    const admin = await signIn(app, db, 'admin')
    const all = await admin.agent.get('/api/audit').query({ entityType: 'thing', action: 'update' })
    expect(all.status).toBe(200)
    expect(all.body.total).toBe(1)
    expect(all.body.items[0]).toMatchObject({
      action: 'update',
      entityType: 'thing',
      entityId: 't1',
      actor: { userId: null, label: 'test' },
      diff: { name: { from: 'First', to: 'Second' } },
    })

    const editor = await signIn(app, db, 'editor')
    expect((await editor.agent.get('/api/audit')).status).toBe(403)
    const one = await editor.agent.get('/api/audit').query({ entityType: 'thing', entityId: 't1' })
    expect(one.status).toBe(200)
    expect(one.body.items).toHaveLength(2)

    const helpline = await signIn(app, db, 'helpline')
    expect(
      (await helpline.agent.get('/api/audit').query({ entityType: 'thing', entityId: 't1' })).status,
    ).toBe(403)
    expect((await request(app).get('/api/audit')).status).toBe(401)
  })

  test.each([
    [{ action: 'delete' }, 'action must be one of'],
    [{ perPage: '0' }, 'perPage must be from 1 to 100'],
    [{ perPage: '101' }, 'perPage must be from 1 to 100'],
    [{ from: 'yesterday' }, 'must be an ISO 8601 date-time'],
    [{ actor: 'bob' }, 'actor must be a user id'],
    [{ colour: 'red' }, 'colour'],
  ])('bad filter %j is a 400: %s', async (query, message) => {
    const admin = await signIn(app, db, 'admin')
    const res = await admin.agent.get('/api/audit').query(query)
    expect(res.status).toBe(400)
    expect(res.body.error.name).toBe('ValidationError')
    expect(res.body.error.message).toContain(message)
  })
})

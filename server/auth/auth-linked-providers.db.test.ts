import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { signIn } from '../../test/helpers/auth'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import { fixtureDirectory, fixtureSlugs } from '../directory/directory-fixture'
import { seedDirectory } from '../directory/directory-seed'
import type { Database } from '../lib/db'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'

let db: Database
let app: ReturnType<typeof createApp>

beforeAll(async () => {
  db = await openTestDatabase()
  await seedDirectory(db.knex, await readTaxonomy(db.knex), fixtureDirectory())
  app = createApp({ db, config: testConfig() })
})
afterAll(async () => {
  await db?.close()
})

// The admin screens list a provider-role account's own records from the session answer.
describe(`linked records in the session on the ${currentEngine()} engine`, () => {
  test('a provider account learns the records an admin linked it to; other accounts get none', async () => {
    const admin = await signIn(app, db, 'admin')
    const provider = await signIn(app, db, 'provider')
    const helpline = await signIn(app, db, 'helpline')

    const before = await provider.agent.get('/api/auth/session')
    expect(before.body.providers).toEqual([])

    const link = await admin.agent
      .post(`/api/providers/${fixtureSlugs.bradfordLgb}/users`)
      .set('X-CSRF-Token', admin.csrfToken)
      .send({ userId: provider.userId })
    expect(link.status).toBe(204)

    const after = await provider.agent.get('/api/auth/session')
    expect(after.status).toBe(200)
    expect(after.body.user).toMatchObject({ role: 'provider' })
    expect(after.body.providers).toEqual([
      { id: expect.any(String), slug: fixtureSlugs.bradfordLgb, name: expect.any(String) },
    ])
    expect((await helpline.agent.get('/api/auth/session')).body.providers).toEqual([])

    const unlink = await admin.agent
      .delete(`/api/providers/${fixtureSlugs.bradfordLgb}/users/${provider.userId}`)
      .set('X-CSRF-Token', admin.csrfToken)
    expect(unlink.status).toBe(204)
    expect((await provider.agent.get('/api/auth/session')).body.providers).toEqual([])
  })
})

import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type SignedIn, signIn } from '../../test/helpers/auth'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import { fixtureDirectory, fixtureSlugs as s } from '../directory/directory-fixture'
import { seedDirectory } from '../directory/directory-seed'
import type { Database } from '../lib/db'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'

/**
 * Issue 13, §2 and §7: rights taken away end on the very next request of a session that is
 * already signed in (the role is not trusted from sign-in time); a provider account cannot tell a
 * draft exists.
 */
let db: Database
let app: ReturnType<typeof createApp>
let admin: SignedIn

beforeAll(async () => {
  db = await openTestDatabase()
  await seedDirectory(db.knex, await readTaxonomy(db.knex), fixtureDirectory())
  app = createApp({ db, config: testConfig({ suggestionMinFillSeconds: 0 }) })
  admin = await signIn(app, db, 'admin')
})
afterAll(async () => {
  await db?.close()
})

const asAdmin = {
  patchUser: (id: string, body: object) =>
    admin.agent.patch(`/api/users/${id}`).set('X-CSRF-Token', admin.csrfToken).send(body),
  link: (slug: string, userId: string) =>
    admin.agent.post(`/api/providers/${slug}/users`).set('X-CSRF-Token', admin.csrfToken).send({ userId }),
  unlink: (slug: string, userId: string) =>
    admin.agent.delete(`/api/providers/${slug}/users/${userId}`).set('X-CSRF-Token', admin.csrfToken),
}

async function versionOf(slug: string): Promise<number> {
  const row = await db.knex('providers').where({ slug }).first('version')
  return Number(row.version)
}

const post = (who: SignedIn, path: string) => who.agent.post(path).set('X-CSRF-Token', who.csrfToken)

describe(`rights taken away end at once on the ${currentEngine()} engine`, () => {
  test('a disabled editor: the next verify, close and reopen of the live session get 401, and its session rows are gone', async () => {
    const editor = await signIn(app, db, 'editor')
    const verified = await post(editor, `/api/providers/${s.leedsCvs}/verify`)
    expect(verified.status).toBe(200)

    expect((await asAdmin.patchUser(editor.userId, { disabled: true })).status).toBe(200)
    // Revoked in the same transaction as the change: no stored session names the account.
    const rows = await db.knex('sessions').whereRaw("sess->>'userId' = ?", [editor.userId])
    expect(rows).toEqual([])

    // The session is gone, and its CSRF token with it: the next change is refused outright ...
    const stale = await post(editor, `/api/providers/${s.leedsCvs}/verify`)
    expect(stale.status).toBe(403)
    expect(stale.body.error.name).toBe('CsrfTokenInvalid')
    // ... and with a fresh token (what the client does next) it is not signed in.
    const fresh = (await editor.agent.get('/api/auth/session')).body
    expect(fresh.user).toBeNull()
    for (const action of ['verify', 'close', 'reopen']) {
      const res = await editor.agent
        .post(`/api/providers/${s.leedsCvs}/${action}`)
        .set('X-CSRF-Token', fresh.csrfToken)
      expect(res.status, action).toBe(401)
      expect(res.body.error.name).toBe('Unauthenticated')
    }
    expect((await editor.agent.get('/api/auth/session')).body.user).toBeNull()
    // Nothing was done in its name after the change.
    const audit = await db.knex('audit_log').where({ actor_user_id: editor.userId }).select('action')
    expect(audit.map((r) => r.action)).toEqual(['verify'])
  })

  test('a disabled editor whose session row survives (another node, a restored backup) is still refused', async () => {
    const editor = await signIn(app, db, 'editor')
    const kept = await db.knex('sessions').whereRaw("sess->>'userId' = ?", [editor.userId])
    await db.knex('users').where({ id: editor.userId }).update({ disabled_at: new Date() })
    expect(await db.knex('sessions').whereRaw("sess->>'userId' = ?", [editor.userId])).toEqual(kept)
    const res = await post(editor, `/api/providers/${s.leedsCvs}/verify`)
    expect(res.status).toBe(401)
  })

  test('an editor demoted to helpline: the next moderation read is 403 and the session shows the new role', async () => {
    const editor = await signIn(app, db, 'editor')
    expect((await editor.agent.get('/api/moderation')).status).toBe(200)

    const demoted = await asAdmin.patchUser(editor.userId, { role: 'helpline' })
    expect(demoted.status).toBe(200)
    expect(demoted.body.role).toBe('helpline')

    const queue = await editor.agent.get('/api/moderation')
    expect(queue.status).toBe(403)
    expect(queue.body.error).toEqual({
      name: 'Forbidden',
      message: 'This needs one of these roles: admin, editor',
    })
    expect((await post(editor, `/api/providers/${s.leedsCvs}/verify`)).status).toBe(403)
    expect((await editor.agent.get('/api/auth/session')).body.user).toMatchObject({ role: 'helpline' })
  })

  test('a promoted helpline account gets the new rights on its next request too', async () => {
    const helpline = await signIn(app, db, 'helpline')
    expect((await helpline.agent.get('/api/moderation')).status).toBe(403)
    expect((await asAdmin.patchUser(helpline.userId, { role: 'editor' })).status).toBe(200)
    expect((await helpline.agent.get('/api/moderation')).status).toBe(200)
  })

  test('a provider account unlinked from a record: its next proposed change to it is refused', async () => {
    const provider = await signIn(app, db, 'provider')
    expect((await asAdmin.link(s.bradfordLgb, provider.userId)).status).toBe(204)
    const propose = () =>
      provider.agent
        .patch(`/api/providers/${s.bradfordLgb}`)
        .set('X-CSRF-Token', provider.csrfToken)
        .send({ summary: 'Supports LGB community groups across the Bradford district.' })
    const version = await versionOf(s.bradfordLgb)
    const queued = await propose().set('If-Match', `"${version}"`)
    expect(queued.status).toBe(202)

    expect((await asAdmin.unlink(s.bradfordLgb, provider.userId)).status).toBe(204)
    const refused = await propose().set('If-Match', `"${version}"`)
    expect(refused.status).toBe(403)
    expect(refused.body.error.message).toBe('Your account is not linked to this provider record')
    expect((await provider.agent.get('/api/auth/session')).body.providers).toEqual([])
  })
})

describe(`a provider account cannot tell a draft exists on the ${currentEngine()} engine`, () => {
  const change = { summary: 'A proposed summary for this record.' }

  test('an unlinked draft answers exactly as a record that does not exist (404), for changes and coverage', async () => {
    const provider = await signIn(app, db, 'provider')
    const version = await versionOf(s.draftBody)
    for (const [slug, label] of [
      [s.draftBody, 'draft'],
      ['fx-no-such-record', 'missing'],
    ] as const) {
      const patch = await provider.agent
        .patch(`/api/providers/${slug}`)
        .set('X-CSRF-Token', provider.csrfToken)
        .set('If-Match', `"${version}"`)
        .send(change)
      expect(patch.status, label).toBe(404)
      expect(patch.body, label).toEqual({
        error: { name: 'NotFound', message: `No provider with id or slug "${slug}"` },
      })
      const coverage = await provider.agent
        .put(`/api/providers/${slug}/coverage`)
        .set('X-CSRF-Token', provider.csrfToken)
        .set('If-Match', `"${version}"`)
        .send({ areas: [] })
      expect(coverage.status, label).toBe(404)
      expect(coverage.body.error.name, label).toBe('NotFound')
    }
    // A published record it is not linked to still says why.
    const published = await provider.agent
      .patch(`/api/providers/${s.leedsCvs}`)
      .set('X-CSRF-Token', provider.csrfToken)
      .set('If-Match', '"1"')
      .send(change)
    expect(published.status).toBe(403)
  })

  test('a draft it is linked to takes its proposals; unlinked again, the draft is 404 at once', async () => {
    const provider = await signIn(app, db, 'provider')
    expect((await asAdmin.link(s.draftBody, provider.userId)).status).toBe(204)
    const version = await versionOf(s.draftBody)
    const propose = () =>
      provider.agent
        .patch(`/api/providers/${s.draftBody}`)
        .set('X-CSRF-Token', provider.csrfToken)
        .set('If-Match', `"${version}"`)
        .send(change)
    expect((await propose()).status).toBe(202)
    expect((await asAdmin.unlink(s.draftBody, provider.userId)).status).toBe(204)
    expect((await propose()).status).toBe(404)
  })

  test('the public cannot suggest a change to a draft either (404, as for a missing record)', async () => {
    const agent = request.agent(app)
    const { csrfToken } = (await agent.get('/api/auth/session')).body
    for (const slug of [s.draftBody, 'fx-no-such-record']) {
      const form = await agent.get(`/api/providers/${slug}/suggestions/form`)
      const res = await agent
        .post(`/api/providers/${slug}/suggestions`)
        .set('X-CSRF-Token', csrfToken)
        .send({ proposed: {}, message: 'Their phone number has changed.', formToken: form.body.formToken })
      expect(res.status, slug).toBe(404)
      expect(res.body.error).toEqual({ name: 'NotFound', message: `No provider with id or slug "${slug}"` })
    }
  })
})

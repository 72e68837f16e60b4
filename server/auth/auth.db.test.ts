import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { anonymous, signIn } from '../../test/helpers/auth'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import type { Database } from '../lib/db'
import { createAuthQueries } from './auth-queries'
import { createAuthService } from './auth-service'

let db: Database
let app: ReturnType<typeof createApp>
const password = 'correct horse battery staple'

beforeAll(async () => {
  db = await openTestDatabase()
  // Behind a proxy on this host: each test signs in from its own X-Forwarded-For address.
  app = createApp({ db, config: testConfig({ trustProxy: ['loopback'] }) })
  const service = createAuthService(createAuthQueries(db.knex), testConfig())
  await service.createUser({ email: 'Editor@Example.org', role: 'editor', password })
})
afterAll(async () => {
  await db?.close()
})

async function login(
  agentCsrf: Awaited<ReturnType<typeof anonymous>>,
  email: string,
  pw: string,
  ip = '10.0.0.1',
) {
  return agentCsrf.agent
    .post('/api/auth/login')
    .set('X-CSRF-Token', agentCsrf.csrfToken)
    .set('X-Forwarded-For', ip)
    .send({ email, password: pw })
}

describe('accounts and sessions', () => {
  test('signing in sets an HttpOnly SameSite cookie, rotates the session and returns the user', async () => {
    const anon = await anonymous(app)
    const before = await anon.agent.get('/api/auth/session')
    expect(before.body.user).toBeNull()
    const res = await login(anon, 'editor@example.org', password)
    expect(res.status).toBe(200)
    expect(res.body.user).toMatchObject({ email: 'Editor@Example.org', role: 'editor', disabled: false })
    expect(res.body.user.passwordHash).toBeUndefined()
    expect(res.body.csrfToken).not.toBe(anon.csrfToken)
    const cookie = String(res.headers['set-cookie'])
    expect(cookie).toMatch(/atlas\.sid=/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    const after = await anon.agent.get('/api/auth/session')
    expect(after.body.user.email).toBe('Editor@Example.org')
    const rows = await db.knex('sessions').count({ n: '*' })
    expect(rows[0]?.n).toBeGreaterThan(0)
  })

  test('wrong password and unknown account get the same generic 401', async () => {
    const anon = await anonymous(app)
    const wrong = await login(anon, 'editor@example.org', 'nope', '10.0.0.2')
    const unknown = await login(anon, 'nobody@example.org', 'nope', '10.0.0.3')
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(wrong.body).toEqual(unknown.body)
    expect(wrong.body).toEqual({
      error: { name: 'InvalidCredentials', message: 'Email or password is incorrect' },
    })
  })

  test('state-changing requests without the CSRF token are refused', async () => {
    const editor = await signIn(app, db, 'editor')
    const res = await editor.agent.post('/api/auth/logout')
    expect(res.status).toBe(403)
    expect(res.body.error.name).toBe('CsrfTokenInvalid')
    const wrong = await editor.agent.post('/api/auth/logout').set('X-CSRF-Token', 'x'.repeat(43))
    expect(wrong.status).toBe(403)
    const ok = await editor.agent.post('/api/auth/logout').set('X-CSRF-Token', editor.csrfToken)
    expect(ok.status).toBe(204)
    expect((await editor.agent.get('/api/auth/session')).body.user).toBeNull()
  })

  test('a disabled account cannot sign in and its live session stops working', async () => {
    const helpline = await signIn(app, db, 'helpline')
    const admin = await signIn(app, db, 'admin')
    const disabled = await admin.agent
      .patch(`/api/users/${helpline.userId}`)
      .set('X-CSRF-Token', admin.csrfToken)
      .send({ disabled: true })
    expect(disabled.status).toBe(200)
    expect(disabled.body.disabled).toBe(true)
    expect((await helpline.agent.get('/api/auth/session')).body.user).toBeNull()
  })

  test('only admins manage users; a created account without a password gets a generated one, shown once', async () => {
    const editor = await signIn(app, db, 'editor')
    const refused = await editor.agent.get('/api/users')
    expect(refused.status).toBe(403)
    expect((await request(app).get('/api/users')).status).toBe(401)

    const admin = await signIn(app, db, 'admin')
    const created = await admin.agent
      .post('/api/users')
      .set('X-CSRF-Token', admin.csrfToken)
      .send({ email: 'new.helpline@example.org', role: 'helpline' })
    expect(created.status).toBe(201)
    expect(created.body.generatedPassword).toMatch(/^[\w-]{20,}$/)
    const list = await admin.agent.get('/api/users')
    expect(list.body.items.map((u: { email: string }) => u.email)).toContain('new.helpline@example.org')
    expect(JSON.stringify(list.body)).not.toContain(created.body.generatedPassword)
    const again = await admin.agent
      .post('/api/users')
      .set('X-CSRF-Token', admin.csrfToken)
      .send({ email: 'NEW.helpline@example.org', role: 'helpline' })
    expect(again.status).toBe(409)
  })

  test.each([
    ['password1234', 'it is a commonly used password with small changes'],
    ['qwertyuiop123', 'it is a commonly used password with small changes'],
    ['aaaaaaaaaaaaaaaa', 'it repeats characters'],
    ['pw.owner@example.org', 'it contains the email address'],
  ])('an admin cannot give an account the guessable password %j: 400 saying why', async (pw, why) => {
    const admin = await signIn(app, db, 'admin')
    const res = await admin.agent
      .post('/api/users')
      .set('X-CSRF-Token', admin.csrfToken)
      .send({ email: 'pw.owner@example.org', role: 'editor', password: pw })
    expect(res.status).toBe(400)
    expect(res.body.error.name).toBe('ValidationError')
    expect(res.body.error.message).toContain('password: is too easy to guess')
    expect(res.body.error.message).toContain(why)
    expect(res.body.error.details).toEqual([{ field: 'password', message: expect.stringContaining(why) }])
    const stored = await db.knex('users').whereRaw('lower(email) = ?', ['pw.owner@example.org'])
    expect(stored).toEqual([])
  })

  test.each([
    [{}, 'email'],
    [{ email: 'not-an-email', password: 'x' }, 'email'],
    [{ email: 'a@example.org' }, 'password'],
    [{ email: 'a@example.org', password: 'x', extra: 1 }, 'extra'],
  ])('bad login body %j is a 400 naming %s', async (body, field) => {
    const anon = await anonymous(app)
    const res = await anon.agent.post('/api/auth/login').set('X-CSRF-Token', anon.csrfToken).send(body)
    expect(res.status).toBe(400)
    expect(res.body.error.name).toBe('ValidationError')
    expect(res.body.error.message).toContain(field)
  })

  test.each([
    [{ email: 'x@example.org', role: 'superuser' }, 'role must be one of admin, editor, helpline, provider'],
    [
      { email: 'x@example.org', role: 'editor', password: 'short' },
      'password must be at least 12 characters',
    ],
  ])('bad user body %j is a 400: %s', async (body, message) => {
    const admin = await signIn(app, db, 'admin')
    const res = await admin.agent.post('/api/users').set('X-CSRF-Token', admin.csrfToken).send(body)
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain(message)
  })
})

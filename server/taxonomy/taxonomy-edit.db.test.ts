import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type SignedIn, signIn } from '../../test/helpers/auth'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import type { Database } from '../lib/db'
import { errorBodySchema } from '../lib/errors'

let db: Database
let app: ReturnType<typeof createApp>
let editor: SignedIn
let helpline: SignedIn

beforeAll(async () => {
  db = await openTestDatabase()
  app = createApp({ db, config: testConfig() })
  editor = await signIn(app, db, 'editor')
  helpline = await signIn(app, db, 'helpline')
})
afterAll(async () => {
  await db?.close()
})

const path = '/api/taxonomy/functions/brokerage'

async function read() {
  const res = await request(app).get(path)
  expect(res.status).toBe(200)
  return { term: res.body, etag: res.headers.etag as string }
}

function patch(who: SignedIn, body: unknown, ifMatch?: string) {
  const req = who.agent.patch(path).set('X-CSRF-Token', who.csrfToken)
  if (ifMatch !== undefined) req.set('If-Match', ifMatch)
  return req.send(body as object)
}

describe(`editing taxonomy wording on the ${currentEngine()} engine`, () => {
  test('an editor changes a label in both languages: saved, audited in the same write, visible in GET /api/taxonomy', async () => {
    const { term, etag } = await read()
    expect(term.code).toBe('brokerage')
    const res = await patch(
      editor,
      {
        label: 'Funding and fundraising advice',
        labelCy: 'Cyngor ar gyllid a chodi arian',
        synonyms: ['grants'],
      },
      etag,
    )
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      code: 'brokerage',
      label: 'Funding and fundraising advice',
      labelCy: 'Cyngor ar gyllid a chodi arian',
      synonyms: ['grants'],
      description: term.description,
    })
    expect(res.headers.etag).not.toBe(etag)

    const all = await request(app).get('/api/taxonomy')
    const fn = all.body.functions.find((f: { code: string }) => f.code === 'brokerage')
    expect(fn.label).toBe('Funding and fundraising advice')
    expect(fn.family).toBe(term.family ?? fn.family)

    const audit = await db
      .knex('audit_log')
      .where({ entity_type: 'taxonomy_term', entity_id: 'functions/brokerage' })
      .orderBy('id', 'desc')
      .first()
    expect(audit).toMatchObject({ action: 'update', actor_user_id: editor.userId, actor_label: editor.email })
    expect(audit.before.label).toBe(term.label)
    expect(audit.after.label).toBe('Funding and fundraising advice')
  })

  test('a stale ETag gets 409 and changes nothing; no If-Match gets 428', async () => {
    const { etag } = await read()
    expect((await patch(editor, { label: 'First edit' }, etag)).status).toBe(200)
    const stale = await patch(editor, { label: 'Second edit from the old read' }, etag)
    expect(stale.status).toBe(409)
    expect(errorBodySchema.parse(stale.body).error.name).toBe('Conflict')
    expect((await read()).term.label).toBe('First edit')

    const missing = await patch(editor, { label: 'No precondition' })
    expect(missing.status).toBe(428)
    expect(missing.body.error.message).toContain('If-Match')
  })

  test.each([
    [{}, 'body', 'at least one'],
    [{ label: '' }, 'label', 'must not be empty'],
    [{ label: 'x'.repeat(201) }, 'label', '200'],
    [{ code: 'renamed' }, 'body', ''],
    [{ synonyms: ['a', 'A'] }, 'synonyms', 'repeat'],
    [{ labelCy: 42 }, 'labelCy', ''],
  ])('bad body %j is a 400 naming %s', async (body, field, text) => {
    const { etag } = await read()
    const res = await patch(editor, body, etag)
    expect(res.status).toBe(400)
    expect(errorBodySchema.safeParse(res.body).success).toBe(true)
    expect(res.body.error.message).toContain(text)
    if (field !== 'body') expect(JSON.stringify(res.body.error.details)).toContain(field)
  })

  test('unknown vocabulary is a 400 listing the vocabularies; unknown code a 404', async () => {
    const { etag } = await read()
    const vocab = await editor.agent
      .patch('/api/taxonomy/colours/red')
      .set('X-CSRF-Token', editor.csrfToken)
      .set('If-Match', etag)
      .send({ label: 'Red' })
    expect(vocab.status).toBe(400)
    expect(vocab.body.error.message).toContain('functions')
    const code = await request(app).get('/api/taxonomy/functions/no-such-code')
    expect(code.status).toBe(404)
  })

  test('other roles and anonymous callers cannot edit; a missing CSRF token is refused', async () => {
    const { etag } = await read()
    expect((await patch(helpline, { label: 'Helpline edit' }, etag)).status).toBe(403)
    expect((await request(app).patch(path).set('If-Match', etag).send({ label: 'Anon' })).status).toBe(403)
    const noToken = await editor.agent.patch(path).set('If-Match', etag).send({ label: 'No token' })
    expect(noToken.status).toBe(403)
    expect((await read()).etag).toBe(etag)
  })
})

import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { anonymous, type SignedIn, signIn } from '../../test/helpers/auth'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import {
  fixtureAreas as areas,
  bradfordPoint,
  centralBradfordSquare,
  fixtureDirectory,
  fixtureSlugs as s,
} from '../directory/directory-fixture'
import { seedDirectory } from '../directory/directory-seed'
import type { Database } from '../lib/db'
import { errorBodySchema } from '../lib/errors'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'

let db: Database
let app: ReturnType<typeof createApp>
let admin: SignedIn
let editor: SignedIn
let providerUser: SignedIn

beforeAll(async () => {
  db = await openTestDatabase()
  await seedDirectory(db.knex, await readTaxonomy(db.knex), fixtureDirectory())
  // No minimum fill time here (a separate app below checks it); a generous suggestion limit.
  app = createApp({
    db,
    config: testConfig({ suggestionMinFillSeconds: 0, suggestionRateLimitPerHour: 1000 }),
  })
  admin = await signIn(app, db, 'admin')
  editor = await signIn(app, db, 'editor')
  providerUser = await signIn(app, db, 'provider')
})
afterAll(async () => {
  await db?.close()
})

const newProvider = (slug: string) => ({
  slug,
  name: `Test ${slug}`,
  kind: 'generalist',
  level: 'local',
  orgType: 'infrastructure',
  summary: 'A test record created through the write API.',
  cost: { type: 'free' },
  membershipBased: false,
  functions: ['training'],
  topics: [],
  strands: [],
  languages: ['en'],
  formats: [],
  qualityMarks: [],
  source: 'editor',
  coverage: { areas: [areas.leeds] },
})

async function auditFor(entityId: string) {
  return db.knex('audit_log').where({ entity_id: entityId }).orderBy('id')
}

async function searchSlugs(query: string): Promise<string[]> {
  const res = await request(app).get(`/api/providers?perPage=100&${query}`)
  expect(res.status).toBe(200)
  return res.body.items.map((i: { slug: string }) => i.slug)
}

describe('create and update', () => {
  test('an editor creates a record: 201, ETag, Location, audit row, searchable', async () => {
    const res = await editor.agent
      .post('/api/providers')
      .set('X-CSRF-Token', editor.csrfToken)
      .send(newProvider('ed-created'))
    expect(res.status).toBe(201)
    expect(res.headers.etag).toBe('"1"')
    expect(res.headers.location).toBe(`/api/providers/${res.body.id}`)
    expect(res.body).toMatchObject({ slug: 'ed-created', version: 1, status: 'active' })
    const audit = await auditFor(res.body.id)
    expect(audit.map((a) => a.action)).toEqual(['create'])
    expect(audit[0].actor_label).toBe(editor.email)
    expect(await searchSlugs(`area=${areas.leeds}&q=test`)).toContain('ed-created')
  })

  test('a taken slug is 409 and writes nothing', async () => {
    const before = await db.knex('audit_log').count<{ n: number }[]>({ n: '*' })
    const res = await editor.agent
      .post('/api/providers')
      .set('X-CSRF-Token', editor.csrfToken)
      .send(newProvider(s.leedsCvs))
    expect(res.status).toBe(409)
    expect(errorBodySchema.parse(res.body).error.name).toBe('Conflict')
    const after = await db.knex('audit_log').count<{ n: number }[]>({ n: '*' })
    expect(after).toEqual(before)
  })

  test('PATCH needs the version (428), refuses a stale one (409), applies a current one', async () => {
    const missing = await editor.agent
      .patch(`/api/providers/${s.leedsCvs}`)
      .set('X-CSRF-Token', editor.csrfToken)
      .send({ summary: 'New summary' })
    expect(missing.status).toBe(428)
    expect(missing.body.error.name).toBe('PreconditionRequired')

    const current = await request(app).get(`/api/providers/${s.leedsCvs}`)
    const stale = await editor.agent
      .patch(`/api/providers/${s.leedsCvs}`)
      .set('X-CSRF-Token', editor.csrfToken)
      .set('If-Match', `"${current.body.version + 5}"`)
      .send({ summary: 'New summary' })
    expect(stale.status).toBe(409)
    expect(stale.body.error.details).toEqual({ currentVersion: current.body.version })

    const ok = await editor.agent
      .patch(`/api/providers/${s.leedsCvs}`)
      .set('X-CSRF-Token', editor.csrfToken)
      .set('If-Match', `"${current.body.version}"`)
      .send({ summary: 'Generic support to voluntary groups across Leeds, updated.' })
    expect(ok.status).toBe(200)
    expect(ok.body.version).toBe(current.body.version + 1)
    expect(ok.headers.etag).toBe(`"${current.body.version + 1}"`)
    // Untouched fields survive a PATCH, status included.
    expect(ok.body).toMatchObject({
      name: current.body.name,
      status: 'active',
      functions: current.body.functions,
    })
    const audit = await auditFor(current.body.id)
    const last = audit.at(-1)
    expect(last.action).toBe('update')
    expect(Object.keys(last.diff)).toEqual(['summary'])
  })

  test('PATCH with null clears an optional field; null for a required one is refused naming it', async () => {
    const set = async (body: Record<string, unknown>) => {
      const current = await request(app).get(`/api/providers/${s.leedsCvs}`)
      return editor.agent
        .patch(`/api/providers/${s.leedsCvs}`)
        .set('X-CSRF-Token', editor.csrfToken)
        .set('If-Match', `"${current.body.version}"`)
        .send(body)
    }
    const withPhone = await set({ phone: '0113 000 0000', website: 'https://example.org/leeds' })
    expect(withPhone.status).toBe(200)
    expect(withPhone.body).toMatchObject({ phone: '0113 000 0000', website: 'https://example.org/leeds' })

    const cleared = await set({ phone: null })
    expect(cleared.status).toBe(200)
    expect(cleared.body.phone).toBeNull()
    expect(cleared.body.website).toBe('https://example.org/leeds')
    const last = (await auditFor(cleared.body.id)).at(-1)
    expect(Object.keys(last.diff)).toEqual(['phone'])

    const refused = await set({ name: null })
    expect(refused.status).toBe(400)
    expect(refused.body.error.details.map((d: { field: string }) => d.field)).toContain('name')
    expect((await request(app).get(`/api/providers/${s.leedsCvs}`)).body.name).toBe(cleared.body.name)
  })

  test('concurrent edits of one version: one wins, the other gets 409, nothing lost', async () => {
    const current = await request(app).get(`/api/providers/${s.bradfordCvs}`)
    const v = current.body.version
    const [a, b] = await Promise.all([
      editor.agent
        .patch(`/api/providers/${s.bradfordCvs}`)
        .set('X-CSRF-Token', editor.csrfToken)
        .set('If-Match', `"${v}"`)
        .send({ phone: '01274 000001' }),
      admin.agent
        .patch(`/api/providers/${s.bradfordCvs}`)
        .set('X-CSRF-Token', admin.csrfToken)
        .set('If-Match', `"${v}"`)
        .send({ address: '1 Test Street, Bradford' }),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    const winner = a.status === 200 ? a : b
    const after = await request(app).get(`/api/providers/${s.bradfordCvs}`)
    expect(after.body.version).toBe(v + 1)
    expect(after.body.phone).toBe(winner === a ? '01274 000001' : current.body.phone)
    expect(after.body.address).toBe(winner === b ? '1 Test Street, Bradford' : current.body.address)
    // The loser retries on the new version and both changes are kept.
    const loserBody = winner === a ? { address: '1 Test Street, Bradford' } : { phone: '01274 000001' }
    const agent = winner === a ? admin : editor
    const retry = await agent.agent
      .patch(`/api/providers/${s.bradfordCvs}`)
      .set('X-CSRF-Token', agent.csrfToken)
      .set('If-Match', `"${v + 1}"`)
      .send(loserBody)
    expect(retry.status).toBe(200)
    expect(retry.body).toMatchObject({
      phone: '01274 000001',
      address: '1 Test Street, Bradford',
      version: v + 2,
    })
    const updates = (await auditFor(current.body.id)).filter((r) => r.action === 'update')
    expect(updates).toHaveLength(2)
  })

  test('PUT replaces the record (status kept); body version works like If-Match', async () => {
    const current = await request(app).get('/api/providers/ed-created')
    const res = await editor.agent
      .put('/api/providers/ed-created')
      .set('X-CSRF-Token', editor.csrfToken)
      .send({ ...newProvider('ed-created'), name: 'Renamed by PUT', version: current.body.version })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      name: 'Renamed by PUT',
      status: 'active',
      version: current.body.version + 1,
    })
  })
})

describe('coverage', () => {
  test('PUT coverage changes the search result in the same transaction, with an audit row', async () => {
    const current = await request(app).get(`/api/providers/${s.leedsCvs}`)
    expect(await searchSlugs(`postcode=${encodeURIComponent(bradfordPoint.postcode)}`)).not.toContain(
      s.leedsCvs,
    )
    const res = await editor.agent
      .put(`/api/providers/${s.leedsCvs}/coverage`)
      .set('X-CSRF-Token', editor.csrfToken)
      .set('If-Match', `"${current.body.version}"`)
      .send({ areas: [areas.leeds], polygon: centralBradfordSquare })
    expect(res.status).toBe(200)
    expect(res.body.coverage.hasPolygon).toBe(true)
    expect(await searchSlugs(`postcode=${encodeURIComponent(bradfordPoint.postcode)}`)).toContain(s.leedsCvs)
    const last = (await auditFor(current.body.id)).at(-1)
    expect(Object.keys(last.diff)).toEqual(['coverage'])
    // The coverage feature gives the drawn polygon back as stored, for the editor to reopen.
    const feature = await request(app).get(`/api/providers/${s.leedsCvs}/coverage`)
    expect(feature.body.properties.drawnPolygon).toEqual({
      type: 'MultiPolygon',
      coordinates: [centralBradfordSquare.coordinates],
    })
    expect(feature.body.properties.areaCodes).toEqual([areas.leeds])
  })

  const outside = {
    type: 'Polygon',
    coordinates: [
      [
        [2.3, 48.8],
        [2.4, 48.8],
        [2.4, 48.9],
        [2.3, 48.8],
      ],
    ],
  }
  const bowtie = {
    type: 'Polygon',
    coordinates: [
      [
        [-1.8, 53.78],
        [-1.7, 53.8],
        [-1.7, 53.78],
        [-1.8, 53.8],
        [-1.8, 53.78],
      ],
    ],
  }
  const tooMany = {
    type: 'Polygon',
    coordinates: [
      [
        ...Array.from({ length: 5001 }, (_, i) => [
          -1.75 + 0.01 * Math.cos((2 * Math.PI * i) / 5001),
          53.79 + 0.01 * Math.sin((2 * Math.PI * i) / 5001),
        ]),
        [-1.74, 53.79],
      ],
    ],
  }
  test.each([
    ['outside the UK', { areas: [], polygon: outside }, 'within the UK'],
    ['self-intersecting', { areas: [], polygon: bowtie }, 'invalid polygon'],
    ['over the vertex limit', { areas: [], polygon: tooMany }, 'at most 5000 vertices'],
    ['an unloaded area', { areas: ['E08999999'] }, 'not loaded'],
    ['a malformed code', { areas: ['leeds'] }, 'GSS area code'],
  ])('coverage %s is a 400 naming the problem, nothing written', async (_label, body, message) => {
    const current = await request(app).get(`/api/providers/${s.cardiffCvc}`)
    const res = await editor.agent
      .put(`/api/providers/${s.cardiffCvc}/coverage`)
      .set('X-CSRF-Token', editor.csrfToken)
      .set('If-Match', `"${current.body.version}"`)
      .send(body)
    expect(res.status).toBe(400)
    expect(errorBodySchema.parse(res.body).error.message).toContain(message)
    const after = await request(app).get(`/api/providers/${s.cardiffCvc}`)
    expect(after.body.version).toBe(current.body.version)
  })
})

describe('close, reopen, verify, purge, pathways', () => {
  test('close hides the record from search; reopen brings it back; both audited', async () => {
    const closed = await editor.agent
      .post(`/api/providers/${s.cardiffCvc}/close`)
      .set('X-CSRF-Token', editor.csrfToken)
    expect(closed.status).toBe(200)
    expect(closed.body.status).toBe('closed')
    expect(await searchSlugs(`area=${areas.cardiff}`)).not.toContain(s.cardiffCvc)
    const again = await editor.agent
      .post(`/api/providers/${s.cardiffCvc}/close`)
      .set('X-CSRF-Token', editor.csrfToken)
    expect(again.status).toBe(409)
    const reopened = await editor.agent
      .post(`/api/providers/${s.cardiffCvc}/reopen`)
      .set('X-CSRF-Token', editor.csrfToken)
      .send({ version: closed.body.version })
    expect(reopened.status).toBe(200)
    expect(reopened.body.status).toBe('active')
    expect(await searchSlugs(`area=${areas.cardiff}`)).toContain(s.cardiffCvc)
    const actions = (await auditFor(closed.body.id)).map((r) => r.action)
    expect(actions).toEqual(['close', 'reopen'])
  })

  test('verify stamps today; the stale list drops the record', async () => {
    const staleBefore = await editor.agent.get(`/api/providers/stale?area=${areas.bradford}&months=12`)
    expect(staleBefore.status).toBe(200)
    const slugs = staleBefore.body.items.map((i: { slug: string }) => i.slug)
    expect(slugs).toContain(s.westYorkshireEquality)
    expect(staleBefore.body.months).toBe(12)
    const res = await editor.agent
      .post(`/api/providers/${s.westYorkshireEquality}/verify`)
      .set('X-CSRF-Token', editor.csrfToken)
    expect(res.status).toBe(200)
    expect(res.body.lastVerifiedAt).toBe(new Date().toISOString().slice(0, 10))
    const staleAfter = await editor.agent.get(`/api/providers/stale?area=${areas.bradford}&months=12`)
    expect(staleAfter.body.items.map((i: { slug: string }) => i.slug)).not.toContain(s.westYorkshireEquality)
    expect(staleAfter.body.total).toBe(staleBefore.body.total - 1)
    // Records that do not cover Bradford are not in its list.
    expect(slugs).not.toContain(s.cardiffCvc)
    expect(slugs).not.toContain(s.norfolkRural)
  })

  test('the stale list rejects unknown areas and out-of-range months', async () => {
    const a = await editor.agent.get('/api/providers/stale?area=E08999999')
    expect(a.status).toBe(400)
    const m = await editor.agent.get('/api/providers/stale?months=0')
    expect(m.status).toBe(400)
    expect(m.body.error.message).toContain('months must be a whole number from 1 to 120')
  })

  test('pathways: create (201, audited), duplicate 409, delete 204', async () => {
    const res = await editor.agent
      .post(`/api/providers/${s.bradfordCvs}/pathways`)
      .set('X-CSRF-Token', editor.csrfToken)
      .send({ to: s.cardiffCvc, criteria: 'Groups moving to Cardiff', strands: [], topics: ['governance'] })
    expect(res.status).toBe(201)
    const detail = await request(app).get(`/api/providers/${s.bradfordCvs}`)
    expect(detail.body.referralPathways.outgoing.map((p: { id: string }) => p.id)).toContain(res.body.id)
    const dup = await editor.agent
      .post(`/api/providers/${s.bradfordCvs}/pathways`)
      .set('X-CSRF-Token', editor.csrfToken)
      .send({ to: s.cardiffCvc, criteria: 'again' })
    expect(dup.status).toBe(409)
    const del = await editor.agent
      .delete(`/api/providers/${s.bradfordCvs}/pathways/${res.body.id}`)
      .set('X-CSRF-Token', editor.csrfToken)
    expect(del.status).toBe(204)
    expect((await auditFor(res.body.id)).map((r) => r.action)).toEqual(['create', 'purge'])
  })

  test('purge is admin-only and keeps the record in the audit row', async () => {
    const created = await editor.agent
      .post('/api/providers')
      .set('X-CSRF-Token', editor.csrfToken)
      .send(newProvider('to-purge'))
    const denied = await editor.agent.delete('/api/providers/to-purge').set('X-CSRF-Token', editor.csrfToken)
    expect(denied.status).toBe(403)
    const res = await admin.agent.delete('/api/providers/to-purge').set('X-CSRF-Token', admin.csrfToken)
    expect(res.status).toBe(204)
    expect((await request(app).get('/api/providers/to-purge')).status).toBe(404)
    const audit = await auditFor(created.body.id)
    expect(audit.map((r) => r.action)).toEqual(['create', 'purge'])
    expect(audit[1].before.slug).toBe('to-purge')
  })
})

describe('provider-role edits and moderation', () => {
  test('an unlinked provider account is refused; a linked one queues its edit', async () => {
    const current = await request(app).get(`/api/providers/${s.norfolkRural}`)
    const refused = await providerUser.agent
      .patch(`/api/providers/${s.norfolkRural}`)
      .set('X-CSRF-Token', providerUser.csrfToken)
      .set('If-Match', `"${current.body.version}"`)
      .send({ phone: '01603 000000' })
    expect(refused.status).toBe(403)
    const link = await admin.agent
      .post(`/api/providers/${s.norfolkRural}/users`)
      .set('X-CSRF-Token', admin.csrfToken)
      .send({ userId: providerUser.userId })
    expect(link.status).toBe(204)
    const queued = await providerUser.agent
      .patch(`/api/providers/${s.norfolkRural}`)
      .set('X-CSRF-Token', providerUser.csrfToken)
      .set('If-Match', `"${current.body.version}"`)
      .send({ phone: '01603 000000' })
    expect(queued.status).toBe(202)
    expect(queued.body.suggestion).toMatchObject({
      origin: 'provider',
      status: 'pending',
      proposed: { phone: '01603 000000' },
    })
    // Not applied yet.
    const unchanged = await request(app).get(`/api/providers/${s.norfolkRural}`)
    expect(unchanged.body.version).toBe(current.body.version)
    expect(unchanged.body.phone).toBe(current.body.phone)

    const queue = await editor.agent.get('/api/moderation')
    expect(queue.status).toBe(200)
    const item = queue.body.items.find((i: { id: string }) => i.id === queued.body.suggestion.id)
    expect(item.changes).toEqual([
      { field: 'phone', current: current.body.phone, proposed: '01603 000000', changed: true },
    ])

    const approved = await editor.agent
      .post(`/api/moderation/${item.id}/approve`)
      .set('X-CSRF-Token', editor.csrfToken)
      .send({})
    expect(approved.status).toBe(200)
    expect(approved.body.version).toBe(current.body.version + 1)
    const applied = await request(app).get(`/api/providers/${s.norfolkRural}`)
    expect(applied.body.phone).toBe('01603 000000')
    const twice = await editor.agent
      .post(`/api/moderation/${item.id}/approve`)
      .set('X-CSRF-Token', editor.csrfToken)
    expect(twice.status).toBe(409)
    const audit = await auditFor(current.body.id)
    expect(audit.at(-1).note).toBe(`approved suggestion ${item.id}`)
    expect((await auditFor(item.id)).map((r) => r.action)).toEqual(['create', 'approve'])
  })
})

describe('suggest an edit', () => {
  async function form(agent: SignedIn['agent'], slug: string) {
    const res = await agent.get(`/api/providers/${slug}/suggestions/form`)
    expect(res.status).toBe(200)
    return res.body.formToken as string
  }

  test('a visitor suggests a correction; rejecting it records why and changes nothing', async () => {
    const visitor = await anonymous(app)
    const formToken = await form(visitor.agent, s.leedsCvs)
    const res = await visitor.agent
      .post(`/api/providers/${s.leedsCvs}/suggestions`)
      .set('X-CSRF-Token', visitor.csrfToken)
      .send({
        proposed: { website: 'https://leeds.example.org' },
        message: 'New website',
        formToken,
        homepage: '',
      })
    expect(res.status).toBe(202)
    expect(res.body.suggestion).toMatchObject({ origin: 'public', status: 'pending', message: 'New website' })
    const replay = await visitor.agent
      .post(`/api/providers/${s.leedsCvs}/suggestions`)
      .set('X-CSRF-Token', visitor.csrfToken)
      .send({ proposed: { website: 'https://leeds.example.org' }, formToken })
    expect(replay.status).toBe(400)
    expect(replay.body.error.message).toContain('formToken')

    const detail = await editor.agent.get(`/api/moderation/${res.body.suggestion.id}`)
    expect(detail.body.changes[0]).toMatchObject({ field: 'website', proposed: 'https://leeds.example.org' })
    const noReason = await editor.agent
      .post(`/api/moderation/${res.body.suggestion.id}/reject`)
      .set('X-CSRF-Token', editor.csrfToken)
      .send({})
    expect(noReason.status).toBe(400)
    const rejected = await editor.agent
      .post(`/api/moderation/${res.body.suggestion.id}/reject`)
      .set('X-CSRF-Token', editor.csrfToken)
      .send({ reason: 'The old website is still live' })
    expect(rejected.status).toBe(200)
    expect(rejected.body.suggestion).toMatchObject({
      status: 'rejected',
      decisionReason: 'The old website is still live',
    })
    expect((await request(app).get(`/api/providers/${s.leedsCvs}`)).body.website).not.toBe(
      'https://leeds.example.org',
    )
  })

  test.each([
    ['a filled honeypot', { homepage: 'http://spam.example' }, 'SuggestionRejected'],
    ['a bad proposed field', { proposed: { email: 'not-an-email' } }, 'ValidationError'],
    ['an unknown proposed field', { proposed: { slug: 'renamed' } }, 'ValidationError'],
    ['nothing proposed', { proposed: {} }, 'ValidationError'],
  ])('%s is refused', async (_label, extra, name) => {
    const visitor = await anonymous(app)
    const formToken = await form(visitor.agent, s.leedsCvs)
    const res = await visitor.agent
      .post(`/api/providers/${s.leedsCvs}/suggestions`)
      .set('X-CSRF-Token', visitor.csrfToken)
      .send({ proposed: { phone: '0113 000 0000' }, formToken, ...extra })
    expect(res.status).toBe(400)
    expect(res.body.error.name).toBe(name)
  })

  test('a form sent faster than the minimum fill time is refused; the limit answers 429 with RateLimit headers', async () => {
    const strict = createApp({
      db,
      config: testConfig({ suggestionMinFillSeconds: 3600, suggestionRateLimitPerHour: 2 }),
    })
    const visitor = await anonymous(strict)
    const send = async () => {
      const formToken = await form(visitor.agent, s.leedsCvs)
      return visitor.agent
        .post(`/api/providers/${s.leedsCvs}/suggestions`)
        .set('X-CSRF-Token', visitor.csrfToken)
        .send({ proposed: { phone: '0113 000 0000' }, formToken })
    }
    const first = await send()
    expect(first.status).toBe(400)
    expect(first.body.error).toMatchObject({ name: 'SuggestionRejected' })
    expect(first.headers['ratelimit-limit']).toBe('2')
    expect(first.headers['ratelimit-remaining']).toBe('1')
    await send()
    const third = await send()
    expect(third.status).toBe(429)
    expect(errorBodySchema.parse(third.body).error.name).toBe('TooManyRequests')
    expect(third.headers['ratelimit-remaining']).toBe('0')
  })
})

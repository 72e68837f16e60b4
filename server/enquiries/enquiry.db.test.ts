import { randomUUID } from 'node:crypto'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type SignedIn, signIn } from '../../test/helpers/auth'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import type { Database } from '../lib/db'

let db: Database
let app: ReturnType<typeof createApp>
let helpline: SignedIn
let admin: SignedIn
let providerId: string

const BRADFORD = 'E08000032'
const BRADFORD_CITY_WARD = 'E05001347'
const LEEDS = 'E08000035'

beforeAll(async () => {
  db = await openTestDatabase()
  app = createApp({ db, config: testConfig() })
  const [row] = await db
    .knex('providers')
    .insert({
      slug: 'enquiry-test-cvs',
      name: 'Enquiry Test CVS',
      kind: 'generalist',
      level: 'local',
      org_type: 'infrastructure',
      status: 'active',
      summary: 'A provider to refer to',
      cost_type: 'free',
      source: 'test',
    })
    .returning('id')
  providerId = row.id
  helpline = await signIn(app, db, 'helpline')
  admin = await signIn(app, db, 'admin')
})
afterAll(async () => {
  await db?.close()
})

const post = (who: SignedIn, body: unknown) =>
  who.agent
    .post('/api/enquiries')
    .set('X-CSRF-Token', who.csrfToken)
    .send(body as object)

describe('enquiry log', () => {
  test('a postcode is reduced to its district and the day; the postcode, ward and time are never stored', async () => {
    const res = await post(helpline, {
      postcode: 'bd11hy',
      function: 'training',
      strands: ['sexual-orientation', 'race'],
      channel: 'phone',
      outcome: 'referred',
      referredTo: [providerId],
      reason: 'no-specialist-for-group',
      note: 'Group of 12 volunteers, wants governance training',
    })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({
      id: expect.any(String),
      recordedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      districtCode: BRADFORD,
      function: 'training',
      topic: null,
      strands: ['race', 'sexual-orientation'],
      channel: 'phone',
      outcome: 'referred',
      reason: 'no-specialist-for-group',
      referredTo: [providerId],
      note: 'Group of 12 volunteers, wants governance training',
    })
    const stored = await db.knex('enquiries').where({ id: res.body.id }).first()
    expect(stored.district_code).toBe(BRADFORD)
    expect(stored.reason_code).toBe('no-specialist-for-group')
    expect(JSON.stringify(stored).toUpperCase()).not.toMatch(/BD1\s?1HY/)
    expect(stored.recorded_by).toBe(helpline.userId)
    const columns = Object.keys(await db.knex('enquiries').columnInfo())
    expect(columns.filter((c) => /postcode|ward|recorded_at/.test(c))).toEqual([])
  })

  test('an area code: a ward is stored as its district; a district as itself', async () => {
    const ward = await post(helpline, {
      areaCode: BRADFORD_CITY_WARD,
      topic: 'fundraising',
      channel: 'email',
      outcome: 'advice-only',
    })
    expect(ward.status).toBe(201)
    expect(ward.body).toMatchObject({ districtCode: BRADFORD })
    expect(ward.body).not.toHaveProperty('wardCode')
    const district = await post(helpline, {
      areaCode: LEEDS,
      function: 'grants',
      channel: 'web',
      outcome: 'no-suitable-provider',
    })
    expect(district.status).toBe(201)
    expect(district.body).toMatchObject({ districtCode: LEEDS })
  })

  test.each([
    [{ postcode: 'BD1 1HY', areaCode: BRADFORD }, 'give exactly one of areaCode or postcode'],
    [{}, 'give exactly one of areaCode or postcode'],
    [{ areaCode: 'E12000003' }, 'is not a district or ward'],
    [{ areaCode: 'E08999999' }, 'is not a known area'],
    [{ postcode: 'not a postcode' }, 'postcode'],
    [{ areaCode: LEEDS, function: 'juggling' }, 'unknown code juggling'],
    [{ areaCode: LEEDS, strands: ['martians'] }, 'unknown code martians'],
    [{ areaCode: LEEDS, function: undefined, topic: undefined }, 'give a function or a topic'],
    [{ areaCode: LEEDS, channel: 'fax' }, 'channel must be one of phone, email, web, in-person'],
    [
      { areaCode: LEEDS, outcome: 'sorted' },
      'outcome must be one of referred, advice-only, no-suitable-provider',
    ],
    [{ areaCode: LEEDS, outcome: 'referred' }, 'a referred enquiry lists the providers referred to'],
    [
      { areaCode: LEEDS, referredTo: ['00000000-0000-4000-8000-000000000000'], outcome: 'referred' },
      'no provider with id',
    ],
    [{ areaCode: LEEDS, callerName: 'Jo Bloggs' }, 'callerName'],
    [
      { areaCode: LEEDS, note: 'call her back on 07700 900123' },
      'it contains what looks like a phone number',
    ],
    [{ areaCode: LEEDS, note: 'jo@example.org' }, 'email address'],
    [{ areaCode: LEEDS, note: 'lives in LS6 3AB' }, 'postcode'],
    [{ areaCode: LEEDS, note: 'x'.repeat(501) }, 'note must be at most 500 characters'],
    [{ areaCode: LEEDS, reason: 'bored' }, 'reason must be one of service-not-listed, outside-area'],
    [{ areaCode: LEEDS, idempotencyKey: 'call-1' }, 'idempotencyKey must be a UUID'],
  ])('%j is refused with a 400 saying %s, and nothing is stored', async (patch, message) => {
    const before = await db.knex('enquiries').count({ n: '*' })
    const body = { function: 'training', channel: 'phone', outcome: 'advice-only', ...patch }
    const res = await post(helpline, body)
    expect(res.status).toBe(400)
    expect(res.body.error.name).toBe('ValidationError')
    expect(res.body.error.message).toContain(message)
    expect(await db.knex('enquiries').count({ n: '*' })).toEqual(before)
  })

  // Issue 13 §6: each of these was accepted and stored in enquiries.note.
  test.each([
    ['jo at gmail dot com', 'an email address'],
    ['jo[at]gmail[dot]com', 'an email address'],
    ['jo @ gmail.com', 'an email address'],
    ['jo＠gmail.com', 'an email address'],
    ['jo\u200b@gmail.com', 'an email address'],
    ['jо@gmаil.com', 'an email address'],
    ['QQ 12 34 56 C', 'a National Insurance number'],
    ['QQ123456C', 'a National Insurance number'],
    ['+1 415 555 0100', 'a phone number'],
    ['BD1-1HY', 'a full postcode'],
    ['BD1\u200b1HY', 'a full postcode'],
    ['born 03/04/1987', 'a date of birth'],
    ['lives at 14 Manningham Lane', 'a street address'],
    ['Caller was Jane Smith', 'a person’s name'],
  ])(
    'note %j is refused: 400 naming the note and what not to type, without echoing it',
    async (note, kind) => {
      const before = await db.knex('enquiries').count({ n: '*' })
      const res = await post(helpline, {
        areaCode: LEEDS,
        function: 'training',
        channel: 'phone',
        outcome: 'advice-only',
        note,
      })
      expect(res.status).toBe(400)
      expect(res.body.error.name).toBe('ValidationError')
      expect(res.body.error.details).toEqual([{ field: 'note', message: expect.stringContaining(kind) }])
      expect(res.body.error.message).toContain('Do not type names, phone numbers, email addresses')
      for (const word of note
        .split(/[\s[\]@＠]+/)
        .filter((w) => w.length >= 3 && !['was', 'lives'].includes(w))) {
        expect(JSON.stringify(res.body)).not.toContain(word)
      }
      expect(await db.knex('enquiries').count({ n: '*' })).toEqual(before)
    },
  )

  test('a 1 MB note of adversarial text is refused for its length, before any pattern runs', async () => {
    // Issue 13 §3: an 80 KB note held the server for 29 s. The time is printed, not asserted.
    for (const note of ['a'.repeat(1_000_000), '1 '.repeat(500_000), `+44${' 0'.repeat(499_990)}`]) {
      const started = performance.now()
      const res = await post(helpline, {
        areaCode: LEEDS,
        function: 'training',
        channel: 'phone',
        outcome: 'advice-only',
        note,
      })
      console.log(
        `POST /api/enquiries with a ${note.length}-character note: ${(performance.now() - started).toFixed(0)} ms`,
      )
      expect(res.status).toBe(400)
      expect(res.body.error.details).toEqual([
        { field: 'note', message: 'note must be at most 500 characters' },
      ])
    }
  })

  test('only signed-in helpline, editor and admin accounts may log enquiries', async () => {
    const body = { areaCode: LEEDS, function: 'training', channel: 'phone', outcome: 'advice-only' }
    const anon = await request(app).post('/api/enquiries').send(body)
    expect(anon.status).toBe(403) // no session, so no CSRF token either
    const provider = await signIn(app, db, 'provider')
    expect((await post(provider, body)).status).toBe(403)
    const editor = await signIn(app, db, 'editor')
    expect((await post(editor, body)).status).toBe(201)
  })

  test('the summary counts by area and outcome, each figure rounded to 5 for everyone but admins', async () => {
    // Leeds: 6 no-suitable-provider enquiries (plus the one above) and the editor's advice-only one.
    for (let i = 0; i < 6; i++) {
      const res = await post(helpline, {
        areaCode: LEEDS,
        function: 'grants',
        channel: 'phone',
        outcome: 'no-suitable-provider',
      })
      expect(res.status).toBe(201)
    }
    const pub = await request(app).get('/api/enquiries/summary').query({ level: 'local' })
    expect(pub.status).toBe(200)
    expect(pub.body.suppressed).toBe(true)
    expect(pub.body.roundedTo).toBe(5)
    const leeds = pub.body.areas.find((a: { code: string }) => a.code === LEEDS)
    // Exact: 8 in all, 1 advice-only, 7 no suitable provider.
    expect(leeds).toEqual({
      code: LEEDS,
      name: 'Leeds',
      nameCy: null,
      total: 10,
      byOutcome: { referred: 0, 'advice-only': 0, 'no-suitable-provider': 5 },
    })
    // Bradford's 2 round to 0: it is left out, as a district with none is.
    expect(pub.body.areas.map((a: { code: string }) => a.code)).toEqual([LEEDS])

    const exact = await admin.agent.get('/api/enquiries/summary').query({ level: 'local' })
    expect(exact.body.suppressed).toBe(false)
    expect(exact.body.roundedTo).toBeNull()
    expect(exact.body.areas.find((a: { code: string }) => a.code === BRADFORD)).toMatchObject({
      total: 2,
      byOutcome: { referred: 1, 'advice-only': 1, 'no-suitable-provider': 0 },
    })
  })

  test('the summary rolls up to regions, filters by need and strand, and limits to an area', async () => {
    const region = await admin.agent.get('/api/enquiries/summary').query({ level: 'regional' })
    expect(region.body.areas).toEqual([
      expect.objectContaining({ code: 'E12000003', name: 'Yorkshire and The Humber', total: 10 }),
    ])
    const districts = await admin.agent
      .get('/api/enquiries/summary')
      .query({ level: 'local', within: BRADFORD })
    expect(districts.body.areas.map((a: { code: string; total: number }) => [a.code, a.total])).toEqual([
      [BRADFORD, 2],
    ])
    const strand = await admin.agent.get('/api/enquiries/summary').query({ strand: 'race' })
    expect(strand.body.areas.map((a: { code: string }) => a.code)).toEqual([BRADFORD])
    const grants = await admin.agent
      .get('/api/enquiries/summary')
      .query({ function: ['grants'], within: 'E12000003' })
    expect(grants.body.areas).toEqual([expect.objectContaining({ code: LEEDS, total: 7 })])
  })

  test.each([
    [{ level: 'street' }, 'level must be one of'],
    [{ level: 'neighbourhood' }, 'level must be one of local, subregional, regional, national'],
    [
      { from: '2026-11-02' },
      'published enquiry counts cover whole months: from must be the first day of a month',
    ],
    [{ to: '2026-11-29' }, 'to must be the last day of a month'],
    [{ from: '23/11/2026' }, 'must be a date, YYYY-MM-DD'],
    [{ from: '2026-11-02', to: '2026-11-01' }, 'from must not be after to'],
    [{ strand: 'martians' }, 'unknown code martians'],
    [{ colour: 'red' }, 'colour'],
  ])('summary query %j is a 400: %s', async (query, message) => {
    const res = await request(app).get('/api/enquiries/summary').query(query)
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain(message)
  })

  // Issue 13 §8: pressing the log key three times on one call stored two enquiries.
  test('one call logs once: the same idempotency key, sent twice at once, makes one row and one answer', async () => {
    const key = randomUUID()
    const body = {
      areaCode: LEEDS,
      topic: 'fundraising',
      strands: ['race'],
      channel: 'phone',
      outcome: 'advice-only',
      reason: 'information-only',
      idempotencyKey: key,
    }
    const [a, b] = await Promise.all([post(helpline, body), post(helpline, body)])
    expect([a.status, b.status].sort()).toEqual([200, 201])
    expect(a.body).toEqual(b.body)
    const again = await post(helpline, { ...body, outcome: 'no-suitable-provider' })
    expect(again.status).toBe(200)
    expect(again.body).toEqual(a.body)
    expect(again.body.outcome).toBe('advice-only')
    const rows = await db.knex('enquiries').where({ idempotency_key: key })
    expect(rows).toHaveLength(1)
    expect(await db.knex('enquiry_strands').where({ enquiry_id: rows[0].id }).pluck('strand_code')).toEqual([
      'race',
    ])
  })

  test('an idempotency key used by another member of staff is a 409, and nothing of theirs is shown', async () => {
    const key = randomUUID()
    const body = {
      areaCode: LEEDS,
      topic: 'fundraising',
      channel: 'phone',
      outcome: 'advice-only',
      idempotencyKey: key,
    }
    expect((await post(helpline, body)).status).toBe(201)
    const other = await signIn(app, db, 'helpline')
    const res = await post(other, body)
    expect(res.status).toBe(409)
    expect(res.body.error.details).toEqual([
      { field: 'idempotencyKey', message: 'already used for another call' },
    ])
    expect(res.body).not.toHaveProperty('id')
    expect(Number((await db.knex('enquiries').where({ idempotency_key: key }).count({ n: '*' }))[0]?.n)).toBe(
      1,
    )
  })

  test('undo last log: the enquiry this session logged last is removed, once; nothing else can be', async () => {
    const del = (who: SignedIn, id: string) =>
      who.agent.delete(`/api/enquiries/${id}`).set('X-CSRF-Token', who.csrfToken)
    const body = {
      areaCode: LEEDS,
      topic: 'fundraising',
      strands: ['race'],
      channel: 'phone',
      outcome: 'advice-only',
    }
    const first = await post(helpline, { ...body, idempotencyKey: randomUUID() })
    const last = await post(helpline, { ...body, idempotencyKey: randomUUID() })
    expect([first.status, last.status]).toEqual([201, 201])

    // Not the last one logged, nor someone else's, nor anonymously.
    expect((await del(helpline, first.body.id)).status).toBe(404)
    const other = await signIn(app, db, 'helpline')
    const notTheirs = await del(other, last.body.id)
    expect(notTheirs.status).toBe(404)
    expect(notTheirs.body.error.message).toContain('logged in this session')
    expect((await request(app).delete(`/api/enquiries/${last.body.id}`)).status).toBe(403)
    expect(await db.knex('enquiries').whereIn('id', [first.body.id, last.body.id]).pluck('id')).toHaveLength(
      2,
    )

    const undone = await del(helpline, last.body.id)
    expect(undone.status).toBe(200)
    expect(undone.body).toEqual(last.body)
    expect(await db.knex('enquiries').where({ id: last.body.id }).first()).toBeUndefined()
    expect(await db.knex('enquiry_strands').where({ enquiry_id: last.body.id })).toEqual([])
    expect((await del(helpline, last.body.id)).status).toBe(404)
    expect(await db.knex('enquiries').where({ id: first.body.id }).first()).toBeDefined()
    expect((await del(helpline, 'not-a-uuid')).status).toBe(400)
  })
})

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
  test('a postcode is reduced to its district and ward; the postcode itself is never stored', async () => {
    const res = await post(helpline, {
      postcode: 'bd11hy',
      function: 'training',
      strands: ['sexual-orientation', 'race'],
      channel: 'phone',
      outcome: 'referred',
      referredTo: [providerId],
      note: 'Group of 12 volunteers, wants governance training',
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      districtCode: BRADFORD,
      wardCode: BRADFORD_CITY_WARD,
      function: 'training',
      outcome: 'referred',
      referredTo: [providerId],
    })
    expect(res.body.strands.sort()).toEqual(['race', 'sexual-orientation'])
    const stored = await db.knex('enquiries').where({ id: res.body.id }).first()
    expect(stored.district_code).toBe(BRADFORD)
    expect(stored.ward_code).toBe(BRADFORD_CITY_WARD)
    expect(JSON.stringify(stored).toUpperCase()).not.toMatch(/BD1\s?1HY/)
    expect(stored.recorded_by).toBe(helpline.userId)
  })

  test('an area code: a ward is stored with its district; a district alone', async () => {
    const ward = await post(helpline, {
      areaCode: BRADFORD_CITY_WARD,
      topic: 'fundraising',
      channel: 'email',
      outcome: 'advice-only',
    })
    expect(ward.status).toBe(201)
    expect(ward.body).toMatchObject({ districtCode: BRADFORD, wardCode: BRADFORD_CITY_WARD })
    const district = await post(helpline, {
      areaCode: LEEDS,
      function: 'grants',
      channel: 'web',
      outcome: 'no-suitable-provider',
    })
    expect(district.status).toBe(201)
    expect(district.body).toMatchObject({ districtCode: LEEDS, wardCode: null })
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
    [{ areaCode: LEEDS, note: 'call her back on 07700 900123' }, 'it contains what looks like phone number'],
    [{ areaCode: LEEDS, note: 'jo@example.org' }, 'email address'],
    [{ areaCode: LEEDS, note: 'lives in LS6 3AB' }, 'postcode'],
    [{ areaCode: LEEDS, note: 'x'.repeat(501) }, 'note must be at most 500 characters'],
  ])('%j is refused with a 400 saying %s, and nothing is stored', async (patch, message) => {
    const before = await db.knex('enquiries').count({ n: '*' })
    const body = { function: 'training', channel: 'phone', outcome: 'advice-only', ...patch }
    const res = await post(helpline, body)
    expect(res.status).toBe(400)
    expect(res.body.error.name).toBe('ValidationError')
    expect(res.body.error.message).toContain(message)
    expect(await db.knex('enquiries').count({ n: '*' })).toEqual(before)
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

  test('the summary counts by area and outcome, suppressing 1-4 for everyone but admins', async () => {
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
    const leeds = pub.body.areas.find((a: { code: string }) => a.code === LEEDS)
    expect(leeds).toEqual({
      code: LEEDS,
      name: 'Leeds',
      nameCy: null,
      total: 8,
      byOutcome: { referred: 0, 'advice-only': '<5', 'no-suitable-provider': 7 },
    })
    const bradford = pub.body.areas.find((a: { code: string }) => a.code === BRADFORD)
    expect(bradford.total).toBe('<5')

    const exact = await admin.agent.get('/api/enquiries/summary').query({ level: 'local' })
    expect(exact.body.suppressed).toBe(false)
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
    const wards = await admin.agent
      .get('/api/enquiries/summary')
      .query({ level: 'neighbourhood', within: BRADFORD })
    expect(wards.body.areas.map((a: { code: string; total: number }) => [a.code, a.total])).toEqual([
      [BRADFORD_CITY_WARD, 2],
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
    [{ from: '23/11/2026' }, 'must be a date, YYYY-MM-DD'],
    [{ from: '2026-11-02', to: '2026-11-01' }, 'from must not be after to'],
    [{ strand: 'martians' }, 'unknown code martians'],
    [{ colour: 'red' }, 'colour'],
  ])('summary query %j is a 400: %s', async (query, message) => {
    const res = await request(app).get('/api/enquiries/summary').query(query)
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain(message)
  })
})

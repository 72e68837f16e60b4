import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { anonymous, type SignedIn, signIn } from '../../test/helpers/auth'
import { reviewLinkIn, type SmtpSink, startSmtpSink } from '../../test/helpers/smtp-sink'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import { fixtureAreas, fixtureDirectory, fixtureSlugs as s } from '../directory/directory-fixture'
import { seedDirectory } from '../directory/directory-seed'
import type { Database } from '../lib/db'
import { hasContactRoute } from '../providers/contact-route'
import { freshnessCutoffs, freshnessStateOf, londonDate } from '../providers/freshness'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'
import { type ReviewSendOptions, sendReviewLinks } from './review-sender'

/**
 * Issue 16 acceptance 3 (review links): `reviews:send` against a real SMTP server on loopback, the
 * review page's API (open, confirm, propose), expired/used/unknown links, and a refused recipient
 * recorded as failed and retried on the next run.
 */

let db: Database
let app: ReturnType<typeof createApp>
let sink: SmtpSink
let editor: SignedIn
let options: ReviewSendOptions

const DAY = 86_400_000
const start = new Date()
const at = (days: number) => new Date(start.getTime() + days * DAY)
const today = () => new Date().toISOString().slice(0, 10)
const tokenOf = (link: string) => link.slice(link.lastIndexOf('/') + 1)
const mailsTo = (address: string) => sink.mails.filter((m) => m.to.includes(address))
const lastLinkTo = (address: string) =>
  reviewLinkIn(mailsTo(address).at(-1) ?? { from: '', to: [], subject: '', text: '' })

const email = {
  bradford: 'office@bradford-cvs.example.org',
  leeds: 'hello@leeds-cvs.example.org',
  cardiff: 'post@cardiff-cvc.example.org',
  yorkshire: 'info@yorkshire-bme.example.org',
  recent: 'team@uk-equality.example.org',
  closed: 'old@closed.example.org',
}

beforeAll(async () => {
  db = await openTestDatabase()
  await seedDirectory(db.knex, await readTaxonomy(db.knex), fixtureDirectory())
  sink = await startSmtpSink()
  app = createApp({ db, config: testConfig() })
  editor = await signIn(app, db, 'editor')
  const set = (slug: string, fields: object) => db.knex('providers').where({ slug }).update(fields)
  await db.knex('providers').update({ email: null })
  await set(s.bradfordCvs, { email: email.bradford })
  await set(s.leedsCvs, { email: email.leeds })
  await set(s.cardiffCvc, { email: email.cardiff })
  await set(s.yorkshireBme, { email: email.yorkshire })
  // Not due: verified a month ago; closed; a draft.
  await set(s.ukEquality, {
    email: email.recent,
    last_verified_at: db.knex.raw("current_date - interval '1 month'"),
  })
  await set(s.closedBody, { email: email.closed })
  await set(s.draftBody, { email: 'draft@example.org' })
  options = {
    smtpUrl: sink.url,
    from: 'Support Atlas <reviews@atlas.example.org>',
    publicBaseUrl: 'http://atlas.example.org',
    dueMonths: 11,
    linkDays: 28,
    reminderDays: 7,
    maxReminders: 2,
  }
})
afterAll(async () => {
  await sink?.close()
  await db?.close()
})

const open = (token: string) => request(app).get(`/api/reviews/${token}`)
async function post(path: string, body?: object) {
  const { agent, csrfToken } = await anonymous(app)
  const req = agent.post(path).set('X-CSRF-Token', csrfToken)
  return body ? req.send(body) : req
}

describe('reviews:send over SMTP', () => {
  test('one bilingual mail with a link per due record; a refused recipient is recorded as failed', async () => {
    sink.reject.add(email.cardiff)
    const report = await sendReviewLinks(db.knex, options, { now: at(0) })
    expect(report.due).toBe(4)
    expect(report.sent).toEqual({ first: 3, retry: 0, reminder: 0 })
    expect(report.failed).toEqual([
      expect.objectContaining({
        recipient: email.cardiff,
        kind: 'first',
        error: expect.stringMatching(/^550 /),
      }),
    ])
    expect(sink.mails.flatMap((m) => m.to).sort()).toEqual(
      [email.bradford, email.leeds, email.yorkshire].sort(),
    )
    for (const mail of sink.mails) {
      expect(mail.from).toBe('reviews@atlas.example.org')
      expect(mail.subject).toContain('Is your Support Atlas record still right?')
      expect(mail.subject).toContain('Ydy eich cofnod yn Support Atlas yn dal yn gywir?')
      expect(mail.text).toContain('Mae’r ddolen yn gweithio tan')
      expect(reviewLinkIn(mail)).toMatch(/^http:\/\/atlas\.example\.org\/review\/[\w-]{43}$/)
    }
    const failed = await db
      .knex('review_link_sends as s')
      .join('review_links as l', 'l.id', 's.link_id')
      .join('providers as p', 'p.id', 'l.provider_id')
      .where('p.slug', s.cardiffCvc)
      .select('s.outcome', 's.error', 's.recipient')
    expect(failed).toEqual([
      { outcome: 'failed', error: expect.stringContaining('550'), recipient: email.cardiff },
    ])
    // Only hashes are stored.
    const token = tokenOf(lastLinkTo(email.bradford))
    expect(await db.knex('review_link_sends').where('token_hash', token).first()).toBeUndefined()
  })

  test('the failed send is retried on the next run; nothing else is sent again before a reminder is due', async () => {
    sink.reject.delete(email.cardiff)
    const before = sink.mails.length
    const report = await sendReviewLinks(db.knex, options, { now: at(1) })
    expect(report.sent).toEqual({ first: 0, retry: 1, reminder: 0 })
    expect(report.failed).toEqual([])
    expect(sink.mails.slice(before).map((m) => m.to)).toEqual([[email.cardiff]])
  })
})

describe('the review page API', () => {
  test('opening a link shows the record and records when it was opened', async () => {
    const token = tokenOf(lastLinkTo(email.bradford))
    const res = await open(token)
    expect(res.status).toBe(200)
    expect(res.body.record).toMatchObject({
      slug: s.bradfordCvs,
      name: 'Fixture Bradford Council for Voluntary Service',
    })
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now())
    const link = await db
      .knex('review_links as l')
      .join('providers as p', 'p.id', 'l.provider_id')
      .where('p.slug', s.bradfordCvs)
      .first('l.opened_at')
    expect(link.opened_at).not.toBeNull()
  })

  test('confirming stamps the record verified today, audited as confirmed through a review link', async () => {
    const token = tokenOf(lastLinkTo(email.bradford))
    const res = await post(`/api/reviews/${token}/confirm`)
    expect(res.status).toBe(200)
    expect(res.body.lastVerifiedAt).toBe(today())
    const record = await request(app).get(`/api/providers/${s.bradfordCvs}`)
    expect(record.body.lastVerifiedAt).toBe(today())
    const audit = await db
      .knex('audit_log')
      .where({ entity_id: res.body.providerId, action: 'verify' })
      .first()
    expect(audit).toMatchObject({
      actor_label: 'provider, through a review link',
      note: 'confirmed by the provider through a review link',
    })
  })

  test('a used link is refused: 410 in the one error shape', async () => {
    const token = tokenOf(lastLinkTo(email.bradford))
    for (const res of [await open(token), await post(`/api/reviews/${token}/confirm`)]) {
      expect(res.status).toBe(410)
      expect(res.body).toEqual({
        error: { name: 'ReviewLinkUsed', message: expect.stringContaining('confirmed') },
      })
    }
  })

  test('unknown and malformed tokens: 404 and 400', async () => {
    const unknown = await open('A'.repeat(43))
    expect(unknown.status).toBe(404)
    expect(unknown.body.error).toMatchObject({
      name: 'NotFound',
      message: expect.stringContaining('not known'),
    })
    const malformed = await open('not a token!')
    expect(malformed.status).toBe(400)
    expect(malformed.body.error.message).toMatch(/token/)
  })

  test('a POST without the CSRF token is refused', async () => {
    const token = tokenOf(lastLinkTo(email.leeds))
    const res = await request(app).post(`/api/reviews/${token}/confirm`)
    expect(res.status).toBe(403)
    expect(res.body.error.name).toBe('CsrfTokenInvalid')
  })

  test('proposed changes go to moderation, not into the record; a refused proposal leaves the link usable', async () => {
    const token = tokenOf(lastLinkTo(email.leeds))
    const bad = await post(`/api/reviews/${token}/changes`, { proposed: { level: 'galactic' } })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details?.[0]?.field).toMatch(/level/)

    const before = await request(app).get(`/api/providers/${s.leedsCvs}`)
    const res = await post(`/api/reviews/${token}/changes`, {
      proposed: { phone: '0113 000 0000' },
      message: 'We have a new phone number.',
    })
    expect(res.status).toBe(202)
    expect(res.body.suggestion).toMatchObject({ origin: 'review-link', status: 'pending' })
    const after = await request(app).get(`/api/providers/${s.leedsCvs}`)
    expect(after.body.phone).toEqual(before.body.phone)
    expect(after.body.version).toBe(before.body.version)
    const queue = await editor.agent.get('/api/moderation?status=pending')
    const item = queue.body.items.find((i: { id: string }) => i.id === res.body.suggestion.id)
    expect(item).toMatchObject({ origin: 'review-link', provider: { slug: s.leedsCvs } })
    expect(item.changes).toEqual([
      expect.objectContaining({ field: 'phone', proposed: '0113 000 0000', changed: true }),
    ])

    const again = await post(`/api/reviews/${token}/changes`, { proposed: { phone: '0113 111 1111' } })
    expect(again.status).toBe(410)
    expect(again.body.error.name).toBe('ReviewLinkUsed')
  })

  test('an expired link is refused with 410', async () => {
    const token = tokenOf(lastLinkTo(email.cardiff))
    await db
      .knex('review_links')
      .whereIn('provider_id', db.knex('providers').select('id').where('slug', s.cardiffCvc))
      .update({
        expires_at: db.knex.raw("now() - interval '1 minute'"),
        created_at: db.knex.raw("now() - interval '29 days'"),
      })
    const res = await open(token)
    expect(res.status).toBe(410)
    expect(res.body.error.name).toBe('ReviewLinkExpired')
  })
})

describe('reminders', () => {
  test('an unused link is reminded after the reminder days, at most the maximum; every delivered link still opens it', async () => {
    const first = tokenOf(lastLinkTo(email.yorkshire))
    // Reminders sent to Yorkshire BME by a run on `day` (Cardiff's new link has its own rhythm).
    const reminded = async (day: number) => {
      const before = mailsTo(email.yorkshire).length
      await sendReviewLinks(db.knex, options, { now: at(day) })
      return mailsTo(email.yorkshire).length - before
    }
    // Bradford confirmed, Leeds waits for an editor, Cardiff's expired link is replaced by a new one.
    const report = await sendReviewLinks(db.knex, options, { now: at(6) })
    expect(report).toMatchObject({ due: 2, sent: { first: 1, retry: 0, reminder: 0 }, revoked: 1 })
    expect(mailsTo(email.leeds)).toHaveLength(1)
    expect(await reminded(8)).toBe(1)
    const reminder = mailsTo(email.yorkshire).at(-1)
    expect(reminder?.subject).toMatch(/^Reminder: /)
    expect(await reminded(10)).toBe(0)
    expect(await reminded(16)).toBe(1)
    expect(await reminded(24)).toBe(0)
    expect(mailsTo(email.yorkshire)).toHaveLength(3)
    // Cardiff: the retry on day 1, the new link on day 6, its reminders on days 16 and 24.
    expect(mailsTo(email.cardiff).map((m) => m.subject.startsWith('Reminder: '))).toEqual([
      false,
      false,
      true,
      true,
    ])
    for (const token of [first, tokenOf(lastLinkTo(email.yorkshire))])
      expect((await open(token)).status).toBe(200)
  })
})

describe('the freshness dashboard', () => {
  test('per area: fresh, stale, expired and contactless records by the policy, and the review links', async () => {
    const res = await editor.agent.get(`/api/freshness?within=${fixtureAreas.bradford.toLowerCase()}`)
    expect(res.status).toBe(200)
    expect(res.body.area).toMatchObject({ code: fixtureAreas.bradford })
    // The same figures worked out here from the rows, by the policy's definitions.
    const cutoffs = freshnessCutoffs(londonDate(new Date()), { staleMonths: 12, expiredMonths: 36 })
    const rows = await db
      .knex('providers as p')
      .where('p.status', 'active')
      .whereIn(
        'p.id',
        db
          .knex('provider_coverage_index')
          .select('provider_id')
          .where('area_code', fixtureAreas.bradford)
          .where('share', '>=', 0.5),
      )
      .select(
        'p.slug',
        'p.email',
        'p.phone',
        'p.website',
        db.knex.raw("to_char(p.last_verified_at, 'YYYY-MM-DD') AS v"),
      )
    const age = (v: string | null) => freshnessStateOf(v, cutoffs)
    const count = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length
    expect(res.body.records).toMatchObject({
      total: rows.length,
      fresh: count((r) => age(r.v) === 'fresh'),
      stale: count((r) => age(r.v) === 'stale'),
      expired: count((r) => age(r.v) === 'expired'),
      noContact: count((r) => !hasContactRoute(r)),
    })
    expect(rows.map((r) => r.slug)).toContain(s.bradfordCvs)
    expect(res.body.records.fresh).toBeGreaterThanOrEqual(1)
    // Bradford CVS confirmed; Yorkshire BME (regional, covers Bradford) was sent links and reminders.
    expect(res.body.reviewLinks).toMatchObject({ confirmed: 1, opened: 2 })
    expect(res.body.reviewLinks.sent).toBeGreaterThanOrEqual(2)
    const attention = res.body.attention.map((a: { slug: string }) => a.slug)
    expect(attention).not.toContain(s.bradfordCvs)
    expect(res.body.attention.find((a: { slug: string }) => a.slug === s.yorkshireBme)).toMatchObject({
      review: 'opened',
    })
  })

  test('a never-verified record is stale, not expired, as the freshness policy says (decision 0020)', async () => {
    const before = await db.knex('providers').where({ slug: s.bradfordLgb }).first('last_verified_at')
    await db.knex('providers').where({ slug: s.bradfordLgb }).update({ last_verified_at: null })
    try {
      const res = await editor.agent.get(`/api/freshness?within=${fixtureAreas.bradford}`)
      expect(res.status).toBe(200)
      const lgb = res.body.attention.find((a: { slug: string }) => a.slug === s.bradfordLgb)
      expect(lgb).toMatchObject({ lastVerifiedAt: null, freshness: freshnessStateOf(null, res.body.policy) })
      expect(lgb.freshness).toBe('stale')
      expect(res.body.records.neverVerified).toBeGreaterThanOrEqual(1)
      expect(res.body.records.fresh + res.body.records.stale + res.body.records.expired).toBe(
        res.body.records.total,
      )
    } finally {
      await db.knex('providers').where({ slug: s.bradfordLgb }).update(before)
    }
  })

  test('Cardiff: the refused and then expired link shows; unknown and malformed areas; editors only', async () => {
    const cardiff = await editor.agent.get(`/api/freshness?within=${fixtureAreas.cardiff}`)
    expect(cardiff.status).toBe(200)
    expect(cardiff.body.reviewLinks.failedSends).toBe(1)
    const unknown = await editor.agent.get('/api/freshness?within=E99999999')
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.message).toContain('E99999999')
    const bad = await editor.agent.get('/api/freshness?within=bradford')
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toMatch(/within must be a GSS area code/)
    const helpline = await signIn(app, db, 'helpline')
    expect((await helpline.agent.get('/api/freshness')).status).toBe(403)
    expect((await request(app).get('/api/freshness')).status).toBe(401)
  })
})

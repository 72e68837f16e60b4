import { afterAll, beforeAll, expect, test } from 'vitest'
import { openTestDatabase } from '../../test/helpers/test-database'
import { fixtureDirectory, fixtureSlugs as s } from '../directory/directory-fixture'
import { seedDirectory } from '../directory/directory-seed'
import type { Database } from '../lib/db'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'
import { type MailTransport, type ReviewSendOptions, sendReviewLinks } from './review-sender'

/**
 * Two sending runs at once (the in-process schedule and an operator's `npm run reviews:send`, or two
 * server processes with REVIEWS_SCHEDULE_HOURS set) must not mail a record twice: each send is
 * claimed on its link first, and a run whose view of the link is out of date leaves it alone.
 */

let db: Database
const DAY = 86_400_000
const start = new Date()
const at = (days: number) => new Date(start.getTime() + days * DAY)
const options: ReviewSendOptions = {
  smtpUrl: 'smtp://unused.invalid',
  from: 'Support Atlas <reviews@atlas.example.org>',
  publicBaseUrl: 'http://atlas.example.org',
  dueMonths: 11,
  linkDays: 28,
  reminderDays: 7,
  maxReminders: 2,
}
const bradford = 'office@bradford-cvs.example.org'
const leeds = 'hello@leeds-cvs.example.org'
const addresses = [bradford, leeds]

/** A transport that takes a while per mail, as SMTP does, so two runs interleave. */
function slowTransport() {
  const sent: Array<{ to: string; subject: string }> = []
  const transport: MailTransport = {
    async sendMail(mail) {
      await new Promise((resolve) => setTimeout(resolve, 30))
      sent.push({ to: String(mail.to), subject: String(mail.subject) })
      return {}
    },
    close() {},
  }
  return { sent, transport }
}
const perAddress = (sent: Array<{ to: string }>) =>
  Object.fromEntries(addresses.map((a) => [a, sent.filter((m) => m.to === a).length]))

beforeAll(async () => {
  db = await openTestDatabase()
  await seedDirectory(db.knex, await readTaxonomy(db.knex), fixtureDirectory())
  await db.knex('providers').update({ email: null })
  await db.knex('providers').where({ slug: s.bradfordCvs }).update({ email: bradford })
  await db.knex('providers').where({ slug: s.leedsCvs }).update({ email: leeds })
})
afterAll(async () => {
  await db?.close()
})

test('two runs at once send each record its first link once', async () => {
  const a = slowTransport()
  const b = slowTransport()
  const [ra, rb] = await Promise.all([
    sendReviewLinks(db.knex, options, { now: at(0), transport: a.transport }),
    sendReviewLinks(db.knex, options, { now: at(0), transport: b.transport }),
  ])
  expect(perAddress([...a.sent, ...b.sent])).toEqual({ [bradford]: 1, [leeds]: 1 })
  expect(ra.sent.first + rb.sent.first).toBe(2)
})

test('two runs at once send each due reminder once, and the next run sends nothing', async () => {
  const a = slowTransport()
  const b = slowTransport()
  const [ra, rb] = await Promise.all([
    sendReviewLinks(db.knex, options, { now: at(8), transport: a.transport }),
    sendReviewLinks(db.knex, options, { now: at(8), transport: b.transport }),
  ])
  const sent = [...a.sent, ...b.sent]
  expect(perAddress(sent)).toEqual({ [bradford]: 1, [leeds]: 1 })
  expect(sent.every((m) => m.subject.startsWith('Reminder: '))).toBe(true)
  expect(ra.sent.reminder + rb.sent.reminder).toBe(2)
  const c = slowTransport()
  await sendReviewLinks(db.knex, options, { now: at(8), transport: c.transport })
  expect(c.sent).toEqual([])
  const sends = await db.knex('review_link_sends').count<{ count: string }[]>({ count: '*' })
  expect(Number(sends[0]?.count)).toBe(4)
})

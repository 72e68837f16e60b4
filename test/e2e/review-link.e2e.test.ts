import fs from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { demoKeySlugs } from '../../seeds/demo/demo-key-records'
import { migrateLatest } from '../../server/lib/migrator'
import { sendReviewLinks } from '../../server/reviews/review-sender'
import {
  browserSkipReason,
  copySeededDataDir,
  launchBrowser,
  type RunningApp,
  startApp,
} from '../helpers/browser'
import { expectNoAxeViolations, openAppDatabase } from '../helpers/e2e-fixture'
import { reviewLinkIn, type SmtpSink, startSmtpSink } from '../helpers/smtp-sink'

/**
 * Issue 16 acceptance 3, end to end: a review link e-mailed through a real SMTP server on loopback
 * opens the review page; the provider confirms with the keyboard alone; the record's public page
 * then says it was checked today. Axe-clean before and after.
 */

const slug = demoKeySlugs.bradfordLgbBody
const address = `review-e2e-${process.pid}@example.org`
const today = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
}).format(new Date())

let sink: SmtpSink
let app: RunningApp
let dataDir: string | undefined
let browser: Browser
let page: Page
let linkPath: string

describe.skipIf(browserSkipReason)('a provider confirms its record from a review link', () => {
  beforeAll(async () => {
    sink = await startSmtpSink()
    dataDir = process.env.E2E_DATABASE_URL ? undefined : copySeededDataDir()
    // Before the app starts (an embedded database has one user at a time): one record is due, with
    // an address the sink accepts; the due window (30 years) leaves every other demo record out.
    const db = await openAppDatabase(dataDir)
    try {
      await migrateLatest(db.knex)
      await db.knex('providers').where({ slug }).update({ email: address, last_verified_at: '1990-01-01' })
      const report = await sendReviewLinks(db.knex, {
        smtpUrl: sink.url,
        from: 'reviews@atlas.example.org',
        publicBaseUrl: 'http://atlas.example.org',
        dueMonths: 360,
        linkDays: 28,
        reminderDays: 7,
        maxReminders: 2,
      })
      expect(report.sent.first).toBe(1)
    } finally {
      await db.close()
    }
    const mail = sink.mails.find((m) => m.to.includes(address))
    if (!mail) throw new Error('the SMTP sink received no review mail')
    linkPath = new URL(reviewLinkIn(mail)).pathname
    app = await startApp(dataDir ? { DATA_DIR: dataDir } : {})
    browser = await launchBrowser()
    page = await browser.newPage()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
    await sink?.close()
  })

  test('the link opens the review page, the provider confirms by keyboard, the record is verified today', async () => {
    await page.goto(`${app.url}${linkPath}`)
    await page.getByRole('heading', { name: 'Check your record', level: 1 }).waitFor()
    await page.getByRole('button', { name: 'Yes, the record is right' }).waitFor()
    await expectNoAxeViolations(page)

    // Keyboard only: Tab to the confirm button, Enter.
    let reached = false
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press('Tab')
      reached = await page.evaluate(() => document.activeElement?.textContent === 'Yes, the record is right')
    }
    expect(reached).toBe(true)
    await page.keyboard.press('Enter')
    const done = page.getByRole('status').filter({ hasText: 'The record is confirmed' })
    await done.waitFor()
    expect(await done.textContent()).toContain(today)
    await expectNoAxeViolations(page)

    // The same link again: used.
    await page.goto(`${app.url}${linkPath}`)
    await page.getByRole('heading', { name: 'This link has already been used' }).waitFor()

    await page.goto(`${app.url}/providers/${slug}`)
    await page.getByText(`Details last checked: ${today}.`).waitFor()
  })
})

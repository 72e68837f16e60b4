import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { demoKeySlugs } from '../../seeds/demo/demo-key-records'
import type { Role } from '../../server/auth/auth-schemas'
import { browserSkipReason, launchBrowser, type RunningApp, screenshot } from '../helpers/browser'
import {
  expectNoAxeViolations,
  type SeededApp,
  type SignedInApi,
  staffByRole,
  startSeededApp,
} from '../helpers/e2e-fixture'

/**
 * Issue 19, editing: the moderation diff in words, opening hours and office on the edit form (and
 * what the public pages then say), the coverage editor drawing the current areas, /admin axe-clean.
 */

const PASSWORD = 'a long admin editing e2e password'
const email = (role: Role) => `${role}-editing-e2e-${process.pid}@example.org`
/** One account per role the test uses. */
const STAFF = staffByRole(['admin', 'editor', 'provider'], email)
const RECORD_SLUG = demoKeySlugs.cardiffGeneralist
/** A Cardiff city-centre postcode: the office is placed here, and the search is made from here. */
const OFFICE_POSTCODE = 'CF10 1AA'
/** Monday 6 July 2026, 11:00 in the UK (BST): inside Monday 09:00–17:00. */
const MONDAY_MORNING = new Date('2026-07-06T10:00:00Z')

async function toWelsh(page: Page) {
  await page.getByRole('button', { name: 'Cymraeg' }).click()
  await page.waitForFunction(() => document.documentElement.lang === 'cy')
}

async function toEnglish(page: Page) {
  await page.getByRole('button', { name: 'English' }).click()
  await page.waitForFunction(() => document.documentElement.lang === 'en')
}

describe.skipIf(browserSkipReason)('admin editing (issue 19) in Chromium', () => {
  let app: RunningApp
  let browser: Browser
  let seeded: SeededApp<keyof typeof STAFF>
  let ids: Record<keyof typeof STAFF, string>
  let admin: SignedInApi
  let record: { id: string; version: number; name: string; orgType: string }

  beforeAll(async () => {
    seeded = await startSeededApp({ staff: STAFF, password: PASSWORD })
    app = seeded.app
    ids = seeded.ids
    browser = await launchBrowser()
    admin = await seeded.apiAs('admin')
    record = await (await admin.api.get(`/api/providers/${RECORD_SLUG}`)).json()
  })

  afterAll(async () => {
    await admin?.api.dispose()
    await browser?.close()
    await seeded?.close()
  })

  const reload = async () => {
    record = await (await admin.api.get(`/api/providers/${RECORD_SLUG}`)).json()
    return record
  }

  test('/admin home, signed in: axe-clean (target size included) in English and Welsh', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })
    const page = await context.newPage()
    try {
      await page.goto(`${app.url}/admin`)
      await seeded.signInOnPage(page, 'editor')
      await page.getByRole('heading', { level: 1, name: 'Admin' }).waitFor()
      await expectNoAxeViolations(page)
      await toWelsh(page)
      await page.getByRole('heading', { level: 1, name: 'Gweinyddu' }).waitFor()
      await expectNoAxeViolations(page)
      await screenshot(page, 'admin-editing-home-cy')
    } finally {
      await context.close()
    }
  })

  test('the moderation diff: changed fields first under the form’s labels, in words, the rest folded', async () => {
    // A provider account linked to the record proposes two fields; the change is queued.
    const link = await admin.api.post(`/api/providers/${record.id}/users`, {
      headers: { 'X-CSRF-Token': admin.csrf },
      data: { userId: ids.provider },
    })
    expect(link.ok()).toBe(true)
    const provider = await seeded.apiAs('provider')
    const current = await (await admin.api.get(`/api/providers/${RECORD_SLUG}`)).json()
    const newOrgType =
      record.orgType === 'professional-association' ? 'commercial' : 'professional-association'
    const proposed = await provider.api.patch(`/api/providers/${record.id}`, {
      headers: { 'X-CSRF-Token': provider.csrf, 'If-Match': `"${record.version}"` },
      // As the edit form sends it: every field, two of them changed.
      data: {
        name: current.name,
        summary: current.summary,
        cost: current.cost,
        functions: current.functions,
        strands: current.strands,
        source: current.source,
        howToAccess: 'Ring the office or drop in on weekday mornings.',
        orgType: newOrgType,
      },
    })
    expect(proposed.status()).toBe(202)
    await provider.api.dispose()
    const taxonomy = await (await admin.api.get('/api/taxonomy')).json()
    const label = (code: string) =>
      (taxonomy.orgTypes as Array<{ code: string; label: string }>).find((t) => t.code === code)
        ?.label as string

    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-GB' })
    const page = await context.newPage()
    try {
      await page.goto(`${app.url}/admin/moderation`)
      await seeded.signInOnPage(page, 'editor')
      await page
        .getByRole('button', { name: `Review the change to ${record.name}` })
        .first()
        .click()
      const detail = page.getByRole('region', { name: `Proposed change to ${record.name}` })
      await detail.getByRole('heading', { name: 'Changed fields (2)' }).waitFor()
      const changed = detail.getByRole('table').first()
      const rowHeads = await changed.locator('tbody th[scope="row"]').allTextContents()
      expect(rowHeads).toEqual(['Organisation type', 'How to access'])
      const changedText = (await changed.textContent()) ?? ''
      expect(changedText).toContain(label(record.orgType))
      expect(changedText).toContain(label(newOrgType))
      expect(changedText).not.toContain(newOrgType)
      // The unchanged fields are folded away, under their labels, in words.
      const folded = detail.locator('details')
      expect(await folded.getAttribute('open')).toBeNull()
      await folded.locator('summary').click()
      const all = (await detail.textContent()) ?? ''
      for (const raw of ['orgType', 'howToAccess', '{', '"type"', 'source:00', 'professional-association']) {
        expect(all, raw).not.toContain(raw)
      }
      expect(all).toContain('Cost')
      expect(all).toContain('Functions')
      await screenshot(page, 'admin-editing-moderation-diff')
      await expectNoAxeViolations(page)
      await toWelsh(page)
      await page.getByRole('heading', { name: 'Meysydd wedi’u newid (2)' }).waitFor()
      await expectNoAxeViolations(page)
      await toEnglish(page)
      // Leave the queue as it was for other tests: reject with a reason.
      await page.getByLabel('Reason for rejecting (required to reject)').fill('e2e: looked at the diff only')
      await page.getByRole('button', { name: 'Reject' }).click()
      await page.getByText(`Rejected: the change to ${record.name} was not applied.`).waitFor()
    } finally {
      await context.close()
    }
  })

  test('an editor sets opening hours and the office: the public pages say "open now" and how far', async () => {
    // Start from a record with neither.
    await reload()
    const cleared = await admin.api.patch(`/api/providers/${record.id}`, {
      headers: { 'X-CSRF-Token': admin.csrf, 'If-Match': `"${record.version}"` },
      data: { openingHours: null, office: null },
    })
    expect(cleared.status()).toBe(200)
    const findUrl = `${app.url}/find?postcode=${encodeURIComponent(OFFICE_POSTCODE)}&q=${encodeURIComponent(record.name)}`
    const resultFor = (page: Page) =>
      page.getByRole('listitem').filter({ has: page.getByRole('link', { name: record.name, exact: true }) })

    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-GB' })
    const page = await context.newPage()
    await page.clock.setFixedTime(MONDAY_MORNING)
    try {
      await page.goto(`${app.url}/providers/${RECORD_SLUG}`)
      await page.getByText('Opening hours are not recorded.').waitFor()
      await page.goto(findUrl)
      await resultFor(page).first().waitFor()
      expect(await resultFor(page).first().textContent()).not.toMatch(/km away/)

      await page.goto(`${app.url}/admin/records/${record.id}`)
      await seeded.signInOnPage(page, 'editor')
      await page.getByRole('heading', { level: 1, name: /^Edit: / }).waitFor()
      const hours = page.getByRole('group', { name: 'Opening hours' })
      await hours.getByRole('button', { name: 'Add times for Monday' }).click()
      await hours.getByLabel('Monday, times 1: opens').fill('09:00')
      await hours.getByLabel('Monday, times 1: closes').fill('17:00')
      await hours.getByRole('button', { name: 'Add times for Tuesday' }).click()
      await hours.getByLabel('Exceptions and notes').fill('Closed on bank holidays.')
      const office = page.getByRole('group', { name: 'Office location' })
      await office.getByLabel('Office postcode').fill(OFFICE_POSTCODE)
      await office.getByLabel('Office postcode').press('Enter')
      await office.getByText(`Office placed at ${OFFICE_POSTCODE}. Save changes to keep it.`).waitFor()
      await office.getByText(/^Office at latitude 51\.4791\d, longitude -3\.1780\d\.$/).waitFor()
      await expectNoAxeViolations(page)
      await screenshot(page, 'admin-editing-hours-office')
      await page.getByRole('button', { name: 'Save changes' }).click()
      await page.getByText(/^Saved\. The record is now at version/).waitFor()
      const saved = await reload()
      expect(saved).toMatchObject({
        openingHours: {
          weekly: [
            { day: 'mon', opens: '09:00', closes: '17:00' },
            { day: 'tue', opens: '09:00', closes: '17:00' },
          ],
          notes: 'Closed on bank holidays.',
        },
        office: { lat: 51.4791, lng: -3.17809 },
      })
      await toWelsh(page)
      await page.getByRole('group', { name: 'Oriau agor' }).waitFor()
      await expectNoAxeViolations(page)
      await toEnglish(page)

      // The provider page: open now (Monday 11:00 UK time); the search from the postcode: the distance.
      await page.goto(`${app.url}/providers/${RECORD_SLUG}`)
      await page.getByText('Open now, until 17:00').waitFor()
      await screenshot(page, 'admin-editing-provider-open-now')
      await page.goto(findUrl)
      await resultFor(page).first().waitFor()
      expect(await resultFor(page).first().textContent()).toMatch(/Office 0\.0 km away/)
      await screenshot(page, 'admin-editing-find-distance')
    } finally {
      await context.close()
    }
  })

  test('the coverage editor draws the record’s current areas, outlined and labelled, on open', async () => {
    const current = await reload()
    const coverage = await (await admin.api.get(`/api/providers/${RECORD_SLUG}/coverage`)).json()
    const codes = coverage.properties.areaCodes as string[]
    expect(codes.length).toBeGreaterThan(0)
    const names = await Promise.all(
      codes.map(
        async (code) => (await (await admin.api.get(`/api/geo/areas/${code}`)).json()).name as string,
      ),
    )
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-GB' })
    const page = await context.newPage()
    try {
      await page.goto(`${app.url}/admin/records/${current.id}`)
      await seeded.signInOnPage(page, 'editor')
      const map = page.getByRole('region', { name: 'Map for drawing the service area' })
      await map.waitFor()
      for (const name of names) await map.locator('.admin-area-label', { hasText: name }).first().waitFor()
      // Each area's boundary is drawn as a path on the map.
      expect(await map.locator('path.leaflet-interactive, path').count()).toBeGreaterThanOrEqual(codes.length)
      await page.getByText('Outlined and labelled: the listed areas').waitFor()
      await map.scrollIntoViewIfNeeded()
      await screenshot(page, 'admin-editing-coverage-current')
      await expectNoAxeViolations(page)
      await toWelsh(page)
      await page.getByText('Wedi’u hamlinellu a’u labelu: yr ardaloedd a restrwyd').waitFor()
      await expectNoAxeViolations(page)
    } finally {
      await context.close()
    }
  })
})

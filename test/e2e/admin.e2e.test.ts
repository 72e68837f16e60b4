import { type Browser, request } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { demoKeySlugs } from '../../seeds/demo/demo-key-records'
import type { Role } from '../../server/auth/auth-schemas'
import {
  browserSkipReason,
  type ConsoleEntry,
  launchBrowser,
  type RunningApp,
  recordConsole,
  screenshot,
} from '../helpers/browser'
import {
  expectNoAxeViolations,
  type SeededApp,
  type SignedInApi,
  staffByRole,
  startSeededApp,
} from '../helpers/e2e-fixture'

const PASSWORD = 'a long admin e2e test password'
const email = (role: Role) => `${role}-admin-e2e-${process.pid}@example.org`
/** One account per role the test uses. */
const STAFF = staffByRole(['admin', 'editor', 'provider'], email)

/** The record edited and the area added to it: Cardiff's generalist, which does not cover the Vale of Glamorgan. */
const RECORD_SLUG = demoKeySlugs.cardiffGeneralist
const NEW_AREA = 'W06000014'
/** A Barry postcode: inside the Vale of Glamorgan. */
const POSTCODE = 'CF63 4RU'

/** Slugs the public search lists for a postcode. */
async function searchSlugs(baseURL: string, postcode: string): Promise<string[]> {
  const api = await request.newContext({ baseURL })
  try {
    const answer = await api.get('/api/providers', { params: { postcode, perPage: '100' } })
    expect(answer.status()).toBe(200)
    return ((await answer.json()).items as Array<{ slug: string }>).map((i) => i.slug)
  } finally {
    await api.dispose()
  }
}

describe.skipIf(browserSkipReason)('admin screens in Chromium', () => {
  let app: RunningApp
  let browser: Browser
  let seeded: SeededApp<keyof typeof STAFF>
  let ids: Record<keyof typeof STAFF, string>
  let recordId: string
  let admin: SignedInApi

  beforeAll(async () => {
    seeded = await startSeededApp({ staff: STAFF, password: PASSWORD })
    app = seeded.app
    ids = seeded.ids
    browser = await launchBrowser()
    admin = await seeded.apiAs('admin')
    recordId = (await (await admin.api.get(`/api/providers/${RECORD_SLUG}`)).json()).id
  })

  afterAll(async () => {
    await admin?.api.dispose()
    await browser?.close()
    await seeded?.close()
  })

  test('an editor adds an area to a record’s coverage: search lists it there, the history shows it', async () => {
    // The postcode lies in the area being added, and the record does not reach it yet.
    const place = await (await admin.api.get(`/api/geo/postcodes/${encodeURIComponent(POSTCODE)}`)).json()
    expect((place.areas as Array<{ code: string }>).map((a) => a.code)).toContain(NEW_AREA)
    expect(await searchSlugs(app.url, POSTCODE)).not.toContain(RECORD_SLUG)

    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-GB' })
    const page = await context.newPage()
    const consoleEntries: ConsoleEntry[] = recordConsole(page)
    try {
      await page.goto(`${app.url}/admin`)
      await page.getByRole('heading', { level: 1, name: 'Admin' }).waitFor()
      await expectNoAxeViolations(page)
      await seeded.signInOnPage(page, 'editor')

      // The record list: all statuses, filterable; the record is found by name.
      await page
        .getByRole('navigation', { name: 'Admin sections' })
        .getByRole('link', { name: 'Records' })
        .click()
      await page.getByRole('heading', { level: 1, name: 'Records' }).waitFor()
      await page.getByRole('searchbox', { name: 'Name or words' }).fill('Cardiff')
      await page.getByRole('button', { name: 'Show records' }).click()
      const link = page.getByRole('link', { name: /Cardiff County Voluntary Council/ })
      await link.waitFor()
      await expectNoAxeViolations(page)
      await link.click()

      // The edit page: the coverage editor's area list (the keyboard path) adds the Vale of Glamorgan.
      await page.getByRole('heading', { level: 1, name: /^Edit: / }).waitFor()
      await page.getByRole('heading', { level: 2, name: 'Service area' }).waitFor()
      await page.getByRole('searchbox', { name: 'Find an area' }).fill(NEW_AREA)
      const add = page.getByRole('button', { name: /^Add Vale of Glamorgan/ })
      await add.waitFor()
      await add.click()
      await page.getByRole('button', { name: /^Remove Vale of Glamorgan/ }).waitFor()
      await page.getByRole('button', { name: 'Save service area' }).click()
      await page.getByText('Service area saved. Search uses it now.').waitFor()
      await expectNoAxeViolations(page)

      // Public search now lists the record for the postcode.
      expect(await searchSlugs(app.url, POSTCODE)).toContain(RECORD_SLUG)

      // The record page's history shows the change, by this editor.
      await page.reload()
      const history = page.getByRole('region', { name: 'History' })
      await history.getByRole('table').waitFor()
      const firstRow = history.getByRole('row').nth(1)
      expect(await firstRow.textContent()).toContain(email('editor'))
      expect(await firstRow.textContent()).toContain('updated')
      expect(await firstRow.textContent()).toContain('coverage')
      await screenshot(page, 'admin-record-editor')

      // In Welsh: the same page, axe clean.
      await page.getByRole('button', { name: 'Cymraeg' }).focus()
      await page.keyboard.press('Enter')
      await page.getByRole('heading', { level: 2, name: 'Ardal gwasanaeth' }).waitFor()
      expect(await page.locator('html').getAttribute('lang')).toBe('cy')
      await expectNoAxeViolations(page)
      await page.goto(`${app.url}/admin/records`)
      await page.getByRole('heading', { level: 1, name: 'Cofnodion' }).waitFor()
      await expectNoAxeViolations(page)
      expect(consoleEntries).toEqual([])
    } finally {
      await context.close()
    }
  })

  test('a drawn service area reopens on the map: saving keeps it, "Remove the drawn area" removes it', async () => {
    const coverageOf = async (slug: string) => {
      const answer = await admin.api.get(`/api/providers/${slug}/coverage`)
      expect(answer.status()).toBe(200)
      return (await answer.json()).properties as { areaCodes: string[]; hasPolygon: boolean }
    }
    const found = await admin.api.get('/api/providers', { params: { q: 'Cardiff Bay Community Hub' } })
    const hub = ((await found.json()).items as Array<{ slug: string; name: string }>).find((i) =>
      i.name.startsWith('Example Cardiff Bay Community Hub'),
    )
    if (!hub) throw new Error('the demo data has no Cardiff Bay hub (a record with a drawn service area)')
    expect(await coverageOf(hub.slug)).toMatchObject({ hasPolygon: true, areaCodes: [] })

    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-GB' })
    const page = await context.newPage()
    try {
      await page.goto(`${app.url}/admin`)
      await seeded.signInOnPage(page, 'editor')
      await page.goto(
        `${app.url}/admin/records/${(await (await admin.api.get(`/api/providers/${hub.slug}`)).json()).id}`,
      )
      await page.getByRole('heading', { level: 2, name: 'Service area' }).waitFor()
      // The stored polygon is on the map as an editable shape.
      await page.getByText('Drawn shapes: 1').waitFor()
      expect(await page.locator('.admin-map path.leaflet-interactive').count()).toBeGreaterThan(0)

      // Adding an area by keyboard and saving keeps the drawn area.
      await page.getByRole('searchbox', { name: 'Find an area' }).fill('W06000015')
      await page.getByRole('button', { name: /^Add Cardiff/ }).click()
      await page.getByRole('button', { name: 'Save service area' }).click()
      await page.getByText('Service area saved. Search uses it now.').waitFor()
      expect(await coverageOf(hub.slug)).toMatchObject({ hasPolygon: true, areaCodes: ['W06000015'] })

      // The keyboard path to remove it.
      await page.getByText('Drawn shapes: 1').waitFor()
      await page.getByRole('button', { name: 'Remove the drawn area' }).focus()
      await page.keyboard.press('Enter')
      await page.getByText('Drawn shapes: 0').waitFor()
      await page.getByRole('button', { name: 'Save service area' }).click()
      await page.getByText('Service area saved. Search uses it now.').waitFor()
      expect(await coverageOf(hub.slug)).toMatchObject({ hasPolygon: false, areaCodes: ['W06000015'] })
      await expectNoAxeViolations(page)
    } finally {
      await context.close()
    }
  })

  test('a provider-role account edits its linked record: the change goes to moderation', async () => {
    const link = await admin.api.post(`/api/providers/${recordId}/users`, {
      headers: { 'X-CSRF-Token': admin.csrf },
      data: { userId: ids.provider },
    })
    expect(link.status()).toBe(204)

    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-GB' })
    const page = await context.newPage()
    try {
      await page.goto(`${app.url}/admin/records`)
      await seeded.signInOnPage(page, 'provider')
      await page.getByText('The records your account is linked to.', { exact: false }).waitFor()
      await page.getByRole('link', { name: /Cardiff County Voluntary Council/ }).click()
      await page.getByRole('heading', { level: 1, name: /^Edit: / }).waitFor()
      // No close/verify for providers, and no history (editors only).
      expect(await page.getByRole('button', { name: 'Close record' }).count()).toBe(0)

      const summary =
        'Proposed by the provider: infrastructure support for Cardiff groups, now weekly drop-ins.'
      await page.getByRole('textbox', { name: 'Summary', exact: true }).fill(summary)
      await page.getByRole('button', { name: 'Save changes' }).click()
      await page
        .getByText('Sent for moderation: an editor will review your change before it is published.')
        .waitFor()
      await expectNoAxeViolations(page)

      // The queue holds it; the public record is unchanged.
      const queue = await (await admin.api.get('/api/moderation')).json()
      const items = queue.items as Array<{
        providerId: string
        origin: string
        proposed: { summary?: string }
      }>
      const mine = items.filter((i) => i.providerId === recordId && i.origin === 'provider')
      expect(mine.map((i) => i.proposed.summary)).toEqual([summary])
      const published = await (await admin.api.get(`/api/providers/${recordId}`)).json()
      expect(published.summary).not.toBe(summary)
    } finally {
      await context.close()
    }
  })

  test('a helpline account is told it cannot edit', async () => {
    const context = await browser.newContext({ locale: 'en-GB' })
    const page = await context.newPage()
    try {
      const created = await admin.api.post('/api/users', {
        headers: { 'X-CSRF-Token': admin.csrf },
        data: { email: email('helpline'), role: 'helpline', password: PASSWORD },
      })
      expect(created.status()).toBe(201)
      await page.goto(`${app.url}/admin`)
      await page.getByRole('heading', { name: 'Sign in to edit the directory' }).waitFor()
      await page.getByLabel('Email address').fill(email('helpline'))
      await page.getByLabel('Password').fill(PASSWORD)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.getByText('Your role (helpline) cannot edit the directory.', { exact: false }).waitFor()
      expect(await page.getByRole('navigation', { name: 'Admin sections' }).count()).toBe(0)
    } finally {
      await context.close()
    }
  })
})

import { type Browser, type BrowserContext, type Page, request } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { demoKeySlugs } from '../../seeds/demo/demo-key-records'
import { CSV_COLUMNS } from '../../server/providers/provider-csv'
import {
  browserSkipReason,
  type ConsoleEntry,
  launchBrowser,
  type RunningApp,
  recordConsole,
  screenshot,
} from '../helpers/browser'
import { expectNoAxeViolations, type SeededApp, staffByRole, startSeededApp } from '../helpers/e2e-fixture'

const PASSWORD = 'a long admin-ops test password'
const STAFF = staffByRole(['editor', 'admin'], (role) => `${role}-ops-e2e-${process.pid}@example.org`)
const editorEmail = STAFF.editor.email
const adminEmail = STAFF.admin.email
const newUserEmail = `new-user-e2e-${process.pid}@example.org`
const suggested = demoKeySlugs.bradfordLgbBody
const proposedSummary = 'A summary proposed by a visitor in the admin-ops browser test.'
const importName = `Admin ops e2e body ${process.pid}`
const importSlug = `admin-ops-e2e-${process.pid}`
const LEEDS = 'E08000035'

/** A CSV file of the import's documented columns; `functions` of the second row given by the caller. */
function csv(secondRowFunctions: string): string {
  const header = CSV_COLUMNS.map(([column]) => column)
  const row = (values: Record<string, string>) => header.map((column) => values[column] ?? '').join(',')
  const base = {
    kind: 'generalist',
    level: 'local',
    org_type: 'infrastructure',
    status: 'active',
    summary: 'Support for community groups in Leeds.',
    cost_type: 'free',
    membership_based: 'no',
    languages: 'en',
    source: 'admin-ops-e2e',
    coverage_areas: LEEDS,
  }
  return `${[
    header.join(','),
    row({ ...base, slug: importSlug, name: importName, functions: 'training' }),
    row({ ...base, slug: `${importSlug}-2`, name: `${importName} two`, functions: secondRowFunctions }),
  ].join('\n')}\n`
}

async function signIn(page: Page, url: string, email: string) {
  await page.goto(`${url}/admin`)
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('navigation', { name: 'Admin sections' }).waitFor()
}

/** Follows a link of the admin sub-navigation (the admin home page links to the same sections). */
async function openSection(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name }).click()
}

describe.skipIf(browserSkipReason)('admin operations screens in Chromium', () => {
  let app: RunningApp
  let browser: Browser
  let editor: BrowserContext
  let page: Page
  let consoleEntries: ConsoleEntry[]
  let seeded: SeededApp<keyof typeof STAFF>

  beforeAll(async () => {
    seeded = await startSeededApp({
      staff: STAFF,
      password: PASSWORD,
      // The test creates this account itself.
      removeEmails: [newUserEmail],
      env: { SUGGESTION_MIN_FILL_SECONDS: '0' },
    })
    app = seeded.app
    browser = await launchBrowser()
    editor = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-GB' })
    page = await editor.newPage()
    consoleEntries = recordConsole(page)

    // A visitor's suggestion for the moderation queue, through the public form's token.
    const visitor = await request.newContext({ baseURL: app.url })
    try {
      const { csrfToken } = (await (await visitor.get('/api/auth/session')).json()) as { csrfToken: string }
      const { formToken } = (await (
        await visitor.get(`/api/providers/${suggested}/suggestions/form`)
      ).json()) as {
        formToken: string
      }
      const sent = await visitor.post(`/api/providers/${suggested}/suggestions`, {
        headers: { 'X-CSRF-Token': csrfToken },
        data: {
          proposed: { summary: proposedSummary },
          message: 'Our summary is out of date',
          formToken,
          homepage: '',
        },
      })
      expect(sent.status(), await sent.text()).toBe(202)
    } finally {
      await visitor.dispose()
    }
  })

  afterAll(async () => {
    await browser?.close()
    await seeded?.close()
  })

  test('editor: a dry run names the bad row and column; the fixed file commits with progress to done', async () => {
    await signIn(page, app.url, editorEmail)
    await openSection(page, 'Imports')
    await page.getByRole('heading', { level: 1, name: 'Imports' }).waitFor()
    expect(await page.title()).toBe('Imports – Support Atlas')
    await expectNoAxeViolations(page)

    await page.getByLabel('File', { exact: true }).setInputFiles({
      name: 'e2e-bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv('training;juggling')),
    })
    // The page reads the file before it guesses the format from the name: wait for it.
    await expect.poll(() => page.getByLabel('Format').inputValue()).toBe('csv')
    await page.getByRole('button', { name: 'Check the file (dry run)' }).click()
    await page.getByRole('heading', { name: 'Report for e2e-bad.csv' }).waitFor()
    const errors = page.getByRole('table', { name: 'Errors by row and column' })
    const cells = await errors.locator('tbody tr').first().locator('td').allTextContents()
    // The second data row is the spreadsheet's row 3 (the header is row 1).
    expect(cells.slice(0, 2)).toEqual(['3', 'functions'])
    expect(cells[2]).toContain('juggling')
    expect(await page.getByRole('button', { name: /^Import all/ }).count()).toBe(0)
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'errors found' }).count()).toBe(1)
    await expectNoAxeViolations(page)
    await screenshot(page, 'admin-ops-import-invalid')

    await page.getByLabel('File', { exact: true }).setInputFiles({
      name: 'e2e-fixed.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv('training;networks')),
    })
    await page.getByRole('button', { name: 'Check the file (dry run)' }).click()
    await page.getByText('No errors: the file can be imported.').waitFor()
    const counts = page.getByRole('table', { name: 'Counts' })
    expect(await counts.locator('tr').allTextContents()).toEqual([
      'Rows2',
      'New records2',
      'Updated records0',
      'Unchanged records0',
      'Errors0',
    ])
    await page.getByRole('button', { name: 'Import all 2 rows' }).click()
    await page.getByText('Imported: every row is saved.').waitFor()
    await page
      .getByRole('status')
      .filter({ hasText: 'The import of e2e-fixed.csv has finished: every row is saved.' })
      .waitFor()
    const progress = page.locator('progress.admin-ops-progress')
    expect(await progress.evaluate((p: HTMLProgressElement) => [p.value, p.max])).toEqual([1, 1])
    expect(await page.locator('label[for]').filter({ hasText: 'Import: finished' }).count()).toBe(1)
    const history = page.getByRole('region', { name: 'Recent imports' })
    await history.getByRole('cell', { name: 'e2e-fixed.csv' }).first().waitFor()
    await expectNoAxeViolations(page)

    const found = await fetch(`${app.url}/api/providers?q=${encodeURIComponent(importName)}`)
    expect(await found.text()).toContain(importSlug)
  })

  test('editor: the queued suggestion shows current beside proposed; approving applies it', async () => {
    await openSection(page, 'Moderation')
    await page.getByRole('heading', { level: 1, name: 'Moderation queue' }).waitFor()
    await page
      .getByRole('button', { name: /^Review the change to/ })
      .first()
      .click()
    const detail = page.getByRole('region', { name: /^Proposed change to/ })
    await detail.waitFor()
    const diff = detail.getByRole('table', { name: /beside the proposed value/ })
    const summaryRow = diff.locator('tbody tr', { hasText: 'summary' })
    expect(await summaryRow.locator('td').nth(1).textContent()).toBe(proposedSummary)
    await expectNoAxeViolations(page)

    // Rejecting without a reason is refused on the page.
    await detail.getByRole('button', { name: 'Reject' }).click()
    await detail.getByText('Give a reason for rejecting this change.').waitFor()

    await detail.getByRole('button', { name: 'Approve and apply' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: /^Approved: the change to/ })
      .waitFor()
    await page.getByRole('heading', { name: /^Waiting for a decision/ }).waitFor()
    const record = (await (await fetch(`${app.url}/api/providers/${suggested}`)).json()) as {
      summary: string
    }
    expect(record.summary).toBe(proposedSummary)
    await screenshot(page, 'admin-ops-moderation')
  })

  test('admin: creates a user (one-time password shown); the audit trail shows the import and the approval', async () => {
    const admin = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-GB' })
    const adminPage = await admin.newPage()
    try {
      await signIn(adminPage, app.url, adminEmail)
      await openSection(adminPage, 'Users')
      await adminPage.getByRole('heading', { level: 1, name: 'Users' }).waitFor()
      await adminPage.getByLabel('Email address').fill(newUserEmail)
      await adminPage.getByLabel('Name').fill('New helpline worker')
      await adminPage.getByLabel('Role', { exact: true }).selectOption('helpline')
      await adminPage.getByRole('button', { name: 'Add user' }).click()
      await adminPage.getByText(`Added ${newUserEmail}.`).waitFor()
      const secret = await adminPage.locator('.admin-ops-secret').textContent()
      expect((secret ?? '').length).toBeGreaterThanOrEqual(12)
      await adminPage.getByRole('rowheader', { name: newUserEmail }).waitFor()
      await expectNoAxeViolations(adminPage)

      await openSection(adminPage, 'Audit trail')
      await adminPage.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor()
      await adminPage.getByLabel('Action').selectOption('import')
      await adminPage.getByRole('button', { name: 'Apply filter' }).click()
      // Filtered rows only: the list shown before the filter applies holds other actions too.
      const imported = adminPage
        .locator('.admin-ops-audit li', { hasText: importName })
        .filter({ hasText: 'Imported' })
        .first()
      await imported.waitFor()
      await imported.locator('summary').click()
      const nameRow = imported.locator('tbody tr', { hasText: 'name' }).first()
      expect(await nameRow.locator('td').nth(1).textContent()).toContain(importName)
      await expectNoAxeViolations(adminPage)

      await adminPage.getByLabel('Action').selectOption('approve')
      await adminPage.getByRole('button', { name: 'Apply filter' }).click()
      const approved = adminPage
        .locator('.admin-ops-audit li', { hasText: editorEmail })
        .filter({ hasText: 'Approved' })
        .first()
      await approved.waitFor()
      // Once the approve filter has applied, no other action is listed.
      await adminPage
        .locator('.admin-ops-audit li', { hasText: 'Imported' })
        .first()
        .waitFor({ state: 'detached' })
      expect(await approved.locator('summary').textContent()).toContain('Approved')
      await screenshot(adminPage, 'admin-ops-audit')

      // Every page, in English then Welsh, is axe clean.
      for (const language of ['English', 'Cymraeg']) {
        await adminPage.getByRole('button', { name: language, exact: true }).click()
        for (const section of ['moderation', 'imports', 'users', 'audit', 'baselines']) {
          await adminPage.goto(`${app.url}/admin/${section}`)
          await adminPage.locator('h1').waitFor()
          await adminPage.locator('.admin-ops [role="status"]:has-text("…")').waitFor({ state: 'detached' })
          expect(await adminPage.evaluate(() => document.documentElement.lang)).toBe(
            language === 'Cymraeg' ? 'cy' : 'en',
          )
          await expectNoAxeViolations(adminPage)
        }
      }
      expect(await adminPage.locator('h1').textContent()).toBe('Llinellau sylfaen gofynnol')
      await screenshot(adminPage, 'admin-ops-baselines-cy')
    } finally {
      await admin.close()
    }
    expect(consoleEntries.filter((entry) => entry.type === 'error')).toEqual([])
  })
})

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type Browser, type Page, request } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { createAuthQueries } from '../../server/auth/auth-queries'
import { createAuthService } from '../../server/auth/auth-service'
import { type Database, openDatabase } from '../../server/lib/db'
import {
  browserSkipReason,
  describeViolations,
  launchBrowser,
  type RunningApp,
  runAxe,
  startApp,
} from '../helpers/browser'
import { testConfig } from '../helpers/test-config'

/**
 * Issue 15: a caller from Scotland. The helpline takes a postcode; EH1 1YZ is in the old
 * postcodes_lookup.csv as well as the whole-UK file, so this runs today. Should the postcode data
 * ever lack it, the test is skipped (not passed), saying so.
 */

const PASSWORD = 'a long helpline-uk test password'
const helplineEmail = `helpline-uk-e2e-${process.pid}@example.org`
const adminEmail = `admin-uk-e2e-${process.pid}@example.org`
const EDINBURGH_POSTCODE = 'EH1 1YZ'
const CITY_OF_EDINBURGH = 'S12000036'

function openAppDatabase(dataDir: string | undefined): Promise<Database> {
  const url = process.env.E2E_DATABASE_URL
  return openDatabase(
    { databaseUrl: url, databasePoolMax: 2, databaseConnectTimeoutMs: 10_000, dataDir: dataDir ?? '' },
    url ? undefined : { dataDir },
  )
}

async function createAccounts(db: Database): Promise<void> {
  const auth = createAuthService(createAuthQueries(db.knex), testConfig())
  for (const [email, role] of [
    [helplineEmail, 'helpline'],
    [adminEmail, 'admin'],
  ] as const) {
    await db.knex('users').where({ email }).delete()
    await auth.createUser({ email, role, password: PASSWORD })
  }
}

/** "No suitable provider" enquiries logged for an area, read as an admin (exact counts). */
async function unmetCount(baseURL: string, code: string): Promise<number> {
  const api = await request.newContext({ baseURL })
  try {
    const session = await (await api.get('/api/auth/session')).json()
    const login = await api.post('/api/auth/login', {
      headers: { 'X-CSRF-Token': session.csrfToken },
      data: { email: adminEmail, password: PASSWORD },
    })
    expect(login.status()).toBe(200)
    const summary = await (await api.get('/api/enquiries/summary?level=local')).json()
    const area = (summary.areas as Array<{ code: string; byOutcome: Record<string, number> }>).find(
      (a) => a.code === code,
    )
    return area?.byOutcome['no-suitable-provider'] ?? 0
  } finally {
    await api.dispose()
  }
}

async function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el) return ''
    return (
      (el.id && document.querySelector(`label[for="${el.id}"]`)?.textContent) ||
      el.getAttribute('aria-label') ||
      el.textContent ||
      ''
    ).trim()
  })
}

describe.skipIf(browserSkipReason)('helpline: a caller from Scotland, keyboard only', () => {
  let app: RunningApp
  let browser: Browser
  let page: Page
  let dataDir: string | undefined

  beforeAll(async () => {
    if (!process.env.E2E_DATABASE_URL) {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-e2e-helpline-uk-'))
      const seeded = inject('e2eSeededDataDir')
      if (seeded) {
        fs.cpSync(seeded, dataDir, {
          recursive: true,
          filter: (source) => path.basename(source) !== 'support-atlas.lock',
        })
      }
    }
    const db = await openAppDatabase(dataDir)
    try {
      await createAccounts(db)
    } finally {
      await db.close()
    }
    app = await startApp(dataDir ? { DATA_DIR: dataDir } : {})
    browser = await launchBrowser()
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-GB' })
    page = await context.newPage()
  })

  afterAll(async () => {
    await browser?.close()
    await app?.close()
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  })

  test('an Edinburgh postcode: told Scotland is not in the directory, shown SCVO, and the call is logged', async (ctx) => {
    const probe = await fetch(`${app.url}/api/geo/postcodes/${encodeURIComponent(EDINBURGH_POSTCODE)}`)
    if (probe.status === 404) ctx.skip()
    const before = await unmetCount(app.url, CITY_OF_EDINBURGH)

    await page.goto(`${app.url}/helpline`)
    await page.getByRole('heading', { name: 'Sign in to log enquiries' }).waitFor()
    await page.keyboard.type(helplineEmail)
    await page.keyboard.press('Tab')
    await page.keyboard.type(PASSWORD)
    await page.keyboard.press('Enter')
    await page.getByText(`Signed in as ${helplineEmail}`).waitFor()
    await page.getByRole('button', { name: /Sexual orientation/ }).waitFor()
    expect(await focusedLabel(page)).toBe('Caller’s postcode')

    await page.keyboard.type(EDINBURGH_POSTCODE)
    await page.keyboard.press('Tab')
    await page.keyboard.type('train')
    await page.getByRole('listbox', { name: 'Suggested needs' }).waitFor()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')

    // The answer says where the caller is and that the directory does not cover it yet.
    const notice = page.locator('.directory-scope-notice')
    await notice.getByRole('heading', { name: 'Not in the directory yet' }).waitFor()
    expect(await notice.textContent()).toContain(
      'The directory does not yet cover Scotland: its records are for places in England and Wales.',
    )
    expect(await notice.getByRole('link').allTextContents()).toEqual([
      'Scottish Council for Voluntary Organisations (SCVO)',
      'Third Sector Interface network (Scotland)',
    ])
    const violations = await runAxe(page)
    expect(violations, describeViolations(violations)).toEqual([])

    // Focus is in the results (an option, or the status line when there is none): N logs it.
    await expect
      .poll(async () => page.evaluate(() => Boolean(document.activeElement?.closest('.helpline-results'))))
      .toBe(true)
    await page.keyboard.press('n')
    await expect
      .poll(() => page.locator('.helpline-announcement').textContent())
      .toBe('Enquiry logged: no suitable provider (unmet need recorded)')
    expect(await unmetCount(app.url, CITY_OF_EDINBURGH)).toBe(before + 1)
  })
})

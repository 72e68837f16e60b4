import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { demoKeySlugs } from '../../seeds/demo/demo-key-records'
import { browserSkipReason, describeViolations, launchBrowser, runAxe } from '../helpers/browser'
import { type SeededApp, staffByRole, startSeededApp } from '../helpers/e2e-fixture'

/**
 * Issue 19: axe (WCAG 2.2 A and AA) finds nothing on any page of the client router
 * (client/src/app/router.tsx), in English and in Welsh: the public pages signed out, the staff
 * pages signed in as an admin (who may open every one of them). Issue 16: on the demo, every page
 * says the data is a demonstration and links to the imports page.
 */

const PASSWORD = 'a long every page axe e2e password'
const STAFF = staffByRole(['admin'], (role) => `${role}-every-page-e2e-${process.pid}@example.org`)
const BRADFORD = 'E08000032'

interface PageCase {
  name: string
  path: string | ((ids: { recordId: string }) => string)
  signedIn: boolean
  /** What shows once the page has its content (beyond the h1). */
  ready?: string
}

/** Every route of the client router, with the states that draw most (results, a profile, a postcode). */
const PAGES: PageCase[] = [
  { name: 'home (find support form)', path: '/', signedIn: false },
  {
    name: 'find support results',
    path: '/find?function=training&postcode=BD1+1HY',
    signedIn: false,
    ready: '.result',
  },
  { name: 'provider page', path: `/providers/${demoKeySlugs.bradfordGeneralist}`, signedIn: false },
  { name: 'map', path: '/map', signedIn: false },
  { name: 'map after a postcode', path: '/map?postcode=BD1+1HY', signedIn: false, ready: '.postcode-areas' },
  { name: 'coverage', path: '/coverage', signedIn: false },
  { name: 'coverage area profile', path: `/coverage?area=${BRADFORD}`, signedIn: false, ready: '.cov-facts' },
  { name: 'helpline, signed out', path: '/helpline', signedIn: false },
  { name: 'admin, signed out', path: '/admin', signedIn: false },
  { name: 'page not found', path: '/no-such-page', signedIn: false },
  { name: 'helpline desk', path: '/helpline', signedIn: true },
  { name: 'admin home', path: '/admin', signedIn: true },
  { name: 'admin records', path: '/admin/records', signedIn: true, ready: 'table' },
  { name: 'admin new record', path: '/admin/records/new', signedIn: true, ready: 'form' },
  {
    name: 'admin edit record',
    path: ({ recordId }) => `/admin/records/${recordId}`,
    signedIn: true,
    ready: 'form',
  },
  { name: 'admin moderation', path: '/admin/moderation', signedIn: true },
  { name: 'admin imports', path: '/admin/imports', signedIn: true },
  { name: 'admin accounts', path: '/admin/users', signedIn: true },
  { name: 'admin audit trail', path: '/admin/audit', signedIn: true },
  { name: 'admin baselines', path: '/admin/baselines', signedIn: true },
  { name: 'admin candidates', path: '/admin/candidates', signedIn: true },
]

const LANGUAGES = [
  { code: 'en', locale: 'en-GB', notice: 'Demonstration data.' },
  { code: 'cy', locale: 'cy-GB', notice: 'Data arddangos.' },
] as const

describe.skipIf(browserSkipReason)('every page axe-clean in English and Welsh (Chromium)', () => {
  let seeded: SeededApp<keyof typeof STAFF>
  let browser: Browser
  let recordId: string
  /** One context per language, signed out and signed in. */
  const contexts = new Map<string, BrowserContext>()

  beforeAll(async () => {
    seeded = await startSeededApp({ staff: STAFF, password: PASSWORD })
    browser = await launchBrowser()
    const admin = await seeded.apiAs('admin')
    try {
      recordId = (await (await admin.api.get(`/api/providers/${demoKeySlugs.bradfordGeneralist}`)).json()).id
    } finally {
      await admin.api.dispose()
    }
    for (const { code, locale } of LANGUAGES) {
      for (const signedIn of [false, true]) {
        // A Welsh browser opens the app in Welsh (client/src/lib/i18n.ts).
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale })
        if (signedIn) {
          const session = await (await context.request.get(`${seeded.app.url}/api/auth/session`)).json()
          const login = await context.request.post(`${seeded.app.url}/api/auth/login`, {
            headers: { 'X-CSRF-Token': session.csrfToken },
            data: { email: STAFF.admin.email, password: PASSWORD },
          })
          expect(login.status()).toBe(200)
        }
        contexts.set(`${code}:${signedIn}`, context)
      }
    }
  })

  afterAll(async () => {
    for (const context of contexts.values()) await context.close()
    await browser?.close()
    await seeded?.close()
  })

  async function settle(page: Page, ready: string | undefined) {
    // Generous waits: on a busy machine a search or a profile can take a while to answer.
    await page.locator('h1').first().waitFor({ timeout: 60_000 })
    if (ready) await page.locator(ready).first().waitFor({ timeout: 60_000 })
    await page.waitForLoadState('networkidle')
    // Nothing still loading ("…" in a status line).
    await page.locator('[role="status"]:text-matches("…$")').first().waitFor({ state: 'detached' })
  }

  for (const pageCase of PAGES) {
    test(`${pageCase.name}: 0 axe violations in English and Welsh`, async () => {
      const path = typeof pageCase.path === 'function' ? pageCase.path({ recordId }) : pageCase.path
      const found: string[] = []
      for (const { code, notice } of LANGUAGES) {
        const context = contexts.get(`${code}:${pageCase.signedIn}`) as BrowserContext
        const page = await context.newPage()
        try {
          await page.goto(`${seeded.app.url}${path}`)
          await settle(page, pageCase.ready)
          expect(await page.evaluate(() => document.documentElement.lang)).toBe(code)
          const demoNotice = page.getByRole('complementary', { name: notice })
          await demoNotice.waitFor()
          expect(await demoNotice.getByRole('link').getAttribute('href')).toBe('/admin/imports')
          const violations = await runAxe(page)
          if (violations.length > 0) found.push(`[${code}] ${describeViolations(violations)}`)
        } finally {
          await page.close()
        }
      }
      expect(found, found.join('\n')).toEqual([])
    })
  }
})

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  browserSkipReason,
  type ConsoleEntry,
  launchBrowser,
  type RunningApp,
  recordConsole,
  screenshot,
  startApp,
} from '../helpers/browser'
import { expectNoAxeViolations } from '../helpers/e2e-fixture'

/**
 * Issue 20, acceptance 1 in the browser: the demo holds the real sample grants (seeds/50-funding.ts).
 * Uttlesford's profile shows its funding per head (CVS Uttlesford £15,000 + Volunteer Centre
 * Uttlesford £5,500 over 80,032 residents in 2011 = £0.26), with each funder credited; the coverage
 * page's "funding per head" measure draws its choropleth, legend and table; axe finds nothing.
 */

const ESSEX = 'E10000012'
const UTTLESFORD = 'E07000077'

describe.skipIf(browserSkipReason)('funding flows in Chromium', () => {
  let app: RunningApp
  let browser: Browser
  let page: Page
  let consoleEntries: ConsoleEntry[]

  beforeAll(async () => {
    app = await startApp()
    browser = await launchBrowser()
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      reducedMotion: 'reduce',
    })
    page = await context.newPage()
    consoleEntries = recordConsole(page)
  })

  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  test("the area profile shows funding per head for an area with grants, crediting each grant's funder", async () => {
    await page.goto(`${app.url}/coverage?level=local&within=${ESSEX}&area=${UTTLESFORD}`)
    const profile = page.locator('.cov-profile')
    await profile.getByRole('heading', { level: 3, name: 'Funding' }).waitFor({ timeout: 60_000 })
    const perHead = profile.getByTestId('funding-per-head')
    await perHead.waitFor()
    expect(await perHead.textContent()).toBe('£0.26 a head. Per resident: 2011 Census population, 80,032.')
    const grants = profile.locator('table.funding-grants tbody tr')
    expect(await grants.count()).toBeGreaterThanOrEqual(2)
    expect(await profile.locator('table.funding-grants').textContent()).toContain(
      'Council for Voluntary Service Uttlesford',
    )
    expect(await profile.locator('.funding-credit').textContent()).toContain('Essex Community Foundation')
    await expectNoAxeViolations(page)
  })

  test('the coverage page draws the "funding per head" measure with its legend and table', async () => {
    await page.goto(`${app.url}/coverage?level=local&within=${ESSEX}`)
    await page.getByRole('heading', { level: 1, name: 'Coverage and gaps' }).waitFor()
    await page.getByRole('radio', { name: 'Funding per head' }).check()
    await page.waitForURL((u) => u.searchParams.get('measure') === 'funding')
    await page.getByRole('heading', { level: 2, name: 'Funding per head (£, 2011 population)' }).waitFor()
    await page.waitForFunction(
      // Essex county holds 12 districts (Southend and Thurrock are unitary, outside it).
      () => document.querySelectorAll('.leaflet-overlay-pane path.funding-area').length >= 12,
      undefined,
      { timeout: 60_000 },
    )
    // Uttlesford (£0.26 a head) is filled with the £0.25–£0.50 class; a district without grants with "none".
    expect(await page.locator('.leaflet-overlay-pane path.cov-class-f025').count()).toBeGreaterThanOrEqual(1)
    expect(await page.locator('.leaflet-overlay-pane path.cov-class-fnone').count()).toBeGreaterThanOrEqual(1)
    const table = page.locator('table.funding-table')
    await table.waitFor()
    const row = table.locator('tbody tr').filter({ hasText: 'Uttlesford' })
    expect(await row.locator('td').allTextContents()).toEqual(['80,032', '2', '£20,500', ' £0.26', '£0'])
    expect(await page.locator('.cov-exports a').first().getAttribute('href')).toContain(
      '/api/funding?level=local',
    )
    await expectNoAxeViolations(page)
    await screenshot(page, 'coverage-funding-per-head-essex')
    expect(consoleEntries.filter((e) => e.type === 'error')).toEqual([])
  })
})

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { CoverageResponse } from '../../server/coverage/coverage-schemas'
import {
  browserSkipReason,
  type ConsoleEntry,
  launchBrowser,
  type RunningApp,
  recordConsole,
  screenshot,
  startApp,
} from '../helpers/browser'
import { expectNoAxeViolations, focusedLabel } from '../helpers/e2e-fixture'

/**
 * Issue 20, acceptance 2: need beside supply on the coverage page — the IMD overlay toggles and the
 * table sorts by "deprived and thin", keyboard only, axe clean (docs/decisions/0017).
 */

const NORTH_WEST = 'E12000002'
const WALES = 'W92000004'
const TOGGLE = 'Show deprivation (England, IMD 2019)'
const areaPaths = '.leaflet-overlay-pane path.cov-area'
/** The server engine (E2E_DATABASE_URL) draws the map from vector tiles on canvas, not SVG paths. */
const vectorTiles = Boolean(process.env.E2E_DATABASE_URL)
const LEVELS = ['neighbourhood', 'local', 'subregional', 'regional', 'national']

/** Presses Tab until the focused control has this accessible name (keyboard only, as a user would). */
async function tabTo(page: Page, name: string | RegExp, limit = 200): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    const label = await focusedLabel(page)
    if (typeof name === 'string' ? label === name : name.test(label)) return
  }
  throw new Error(`Tab never reached "${name}"`)
}

describe.skipIf(browserSkipReason)('deprivation beside supply in Chromium', () => {
  let app: RunningApp
  let browser: Browser
  let page: Page
  let consoleEntries: ConsoleEntry[]
  let coverage: CoverageResponse

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
    const res = await fetch(`${app.url}/api/coverage?level=local&within=${NORTH_WEST}&strand=generalist`)
    coverage = (await res.json()) as CoverageResponse
  })

  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  test('the IMD overlay toggles by keyboard, with its own key, and outlines the deprived districts', async () => {
    await page.goto(`${app.url}/coverage?level=local&within=${NORTH_WEST}&facet=any&group=generalist`)
    await page
      .getByRole('status')
      .filter({ hasText: `Areas shown: ${coverage.areas.length}` })
      .waitFor()
    const toggle = page.getByRole('checkbox', { name: TOGGLE })
    expect(await toggle.isChecked()).toBe(false)
    await tabTo(page, TOGGLE)
    await page.keyboard.press('Space')
    await page.waitForURL((u) => u.searchParams.get('imd') === '1')
    // The address changes before React draws the new state: wait for the box and the key.
    await expect.poll(() => toggle.isChecked()).toBe(true)
    await expect.poll(() => page.locator('.cov-imd-legend li').count()).toBe(4)
    expect(await page.locator('.cov-imd-legend li').allTextContents()).toEqual([
      '40 % or more of people live in England’s most deprived 20 % of neighbourhoods (thick solid outline)',
      '20–40 % of people do (dashed outline)',
      'Under 20 % (no outline)',
      'Wales, Scotland and Northern Ireland: the English index does not apply (no outline)',
    ])
    const share = (code: string) =>
      coverage.areas.find((a) => a.code === code)?.deprivation.figures?.shareMostDeprived20 ?? 0
    const heavy = coverage.areas.filter((a) => share(a.code) >= 0.4).length
    const dashed = coverage.areas.filter((a) => share(a.code) >= 0.2 && share(a.code) < 0.4).length
    // The North West holds districts at both outline weights (Blackpool, Knowsley, Liverpool, ...).
    expect(heavy).toBeGreaterThan(0)
    expect(dashed).toBeGreaterThan(0)
    if (!vectorTiles) {
      await page.waitForFunction(
        ([n]) => document.querySelectorAll('.leaflet-overlay-pane path.cov-imd-high').length === n,
        [heavy] as const,
      )
      expect(await page.locator(`${areaPaths}.cov-imd-mid`).count()).toBe(dashed)
      const dashes = await page
        .locator(`${areaPaths}.cov-imd-mid`)
        .evaluateAll((paths) => paths.map((p) => p.getAttribute('stroke-dasharray')))
      expect(new Set(dashes)).toEqual(new Set(['6 4']))
    }
    await expectNoAxeViolations(page)
    await screenshot(page, 'coverage-deprivation-overlay-north-west')

    // And off again: no outlines, no key.
    await toggle.focus()
    await page.keyboard.press('Space')
    await page.waitForURL((u) => !u.searchParams.has('imd'))
    await expect.poll(() => page.locator('.cov-imd-legend li').count()).toBe(0)
    if (!vectorTiles) {
      await page.waitForFunction(
        () => document.querySelectorAll('.leaflet-overlay-pane path.cov-imd-high').length === 0,
      )
    }
  })

  test('the table sorts by "deprived and thin" by keyboard: thin support first, most deprived first', async () => {
    // Race and ethnicity specialists: some North West districts have one locally, others only further away.
    const res = await fetch(`${app.url}/api/coverage?level=local&within=${NORTH_WEST}&strand=race`)
    const coverage = (await res.json()) as CoverageResponse
    const key = 'any|race'
    const withFigures = coverage.areas.filter((a) => a.deprivation.figures !== null)
    const thin = withFigures.filter((a) => {
      const depth = a.cells.find((c) => c.key === key)?.depth ?? null
      return depth === null || LEVELS.indexOf(depth) > LEVELS.indexOf('local')
    })
    const rank = (a: (typeof coverage.areas)[number]) => a.deprivation.figures?.weightedRank ?? 0
    const expected = [
      ...[...thin].sort((a, b) => rank(a) - rank(b)),
      ...withFigures.filter((a) => !thin.includes(a)).sort((a, b) => rank(a) - rank(b)),
    ].map((a) => a.name)
    expect(thin.length).toBeGreaterThan(0)

    await page.goto(
      `${app.url}/coverage?level=local&within=${NORTH_WEST}&facet=any&group=race&count=specialists`,
    )
    await page
      .getByRole('status')
      .filter({ hasText: `Areas shown: ${coverage.areas.length}` })
      .waitFor()
    await page.locator('.cov-table').waitFor()
    await tabTo(page, /^Deprived and thin/)
    await page.keyboard.press('Enter')
    const header = page.locator('th[aria-sort="ascending"]')
    await expect.poll(() => header.textContent()).toContain('Deprived and thin')
    const names = await page.locator('.cov-table tbody th').allTextContents()
    expect(names.slice(0, 5)).toEqual(expected.slice(0, 5))
    expect(names).toEqual(expected)
    const firstRow = page.locator('.cov-table tbody tr').first()
    expect(await firstRow.locator('td').last().textContent()).toBe('Thin support')
    await expectNoAxeViolations(page)
    await screenshot(page, 'coverage-deprived-and-thin')
  })

  test('in Wales the table says the English index does not apply, not a zero', async () => {
    await page.goto(`${app.url}/coverage?level=local&within=${WALES}&facet=any&group=generalist&imd=1`)
    await page.getByRole('status').filter({ hasText: 'Areas shown: 22' }).waitFor()
    const cells = await page.locator('.cov-table tbody td.cov-imd-none').allTextContents()
    expect(cells).toHaveLength(22)
    expect(new Set(cells)).toEqual(new Set(['The English index does not apply here']))
    await expectNoAxeViolations(page)
    expect(consoleEntries.filter((e) => e.type === 'error')).toEqual([])
  })
})

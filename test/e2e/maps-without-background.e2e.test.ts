import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { demoKeySlugs } from '../../seeds/demo/demo-key-records'
import { browserSkipReason, launchBrowser, screenshot } from '../helpers/browser'
import { type SeededApp, staffByRole, startSeededApp } from '../helpers/e2e-fixture'

/**
 * Issue 19, maps without a background: the tile server cannot be reached (as on a locked-down
 * council network), yet every map says so once, in words, and still shows its boundaries, names and
 * a scale bar; the results map outlines and names the searched place; /map names the areas in view;
 * the area profile names areas with their type, and its matrix fits a printed landscape page.
 */

const PASSWORD = 'a long maps without background e2e password'
const STAFF = staffByRole(['editor'], (role) => `${role}-maps-e2e-${process.pid}@example.org`)
/** Port 9 (discard): Chromium refuses it outright, so every tile request fails, as with no network. */
const UNREACHABLE_TILES = 'http://127.0.0.1:9/{z}/{x}/{y}.png'
const NOTICE = 'Background map unavailable — boundaries, labels and the scale are still shown.'
const NOTICE_CY = 'Does dim map cefndir ar gael — mae’r ffiniau, yr enwau a’r raddfa i’w gweld o hyd.'
const BRADFORD = 'E08000032'

/** Per map on the page: the background notices it shows, and whether it has a scale bar. */
async function mapsShown(page: Page): Promise<Array<{ notices: string[]; scale: boolean }>> {
  return page.locator('.leaflet-container').evaluateAll((maps) =>
    maps.map((map) => ({
      notices: Array.from(map.querySelectorAll('.map-background-notice'), (p) => p.textContent ?? ''),
      scale: map.querySelector('.leaflet-control-scale .leaflet-control-scale-line') !== null,
    })),
  )
}

/** Waits until `count` maps each say, once, that the background is missing, and have a scale bar. */
async function expectEveryMapSaysSo(page: Page, count: number, notice = NOTICE) {
  await expect
    .poll(() => mapsShown(page), { timeout: 30_000 })
    .toEqual(Array.from({ length: count }, () => ({ notices: [notice], scale: true })))
}

describe.skipIf(browserSkipReason)('maps without a background (issue 19) in Chromium', () => {
  let seeded: SeededApp<keyof typeof STAFF>
  let browser: Browser
  let context: BrowserContext
  let page: Page

  beforeAll(async () => {
    seeded = await startSeededApp({ staff: STAFF, password: PASSWORD, env: { TILE_URL: UNREACHABLE_TILES } })
    browser = await launchBrowser()
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })
    page = await context.newPage()
  })

  afterAll(async () => {
    await context?.close()
    await browser?.close()
    await seeded?.close()
  })

  test('results map: the searched place’s district and ward outlined and named, the key lists only what is drawn', async () => {
    await page.goto(`${seeded.app.url}/find?function=training&postcode=BD1+1HY`)
    await page.locator('.result').first().waitFor()
    const map = page.locator('.results-map')
    // The outlines are drawn by default, no "Show on map" needed, and named on the map.
    await map.locator('path.place-outline-district').waitFor()
    await map.locator('path.place-outline-ward').waitFor()
    await map.locator('.leaflet-tooltip.place-label-lad', { hasText: 'Bradford' }).waitFor()
    await map.locator('.leaflet-tooltip.place-label-ward', { hasText: 'City' }).waitFor()

    // The view is fitted to the place and its district: the whole outline is inside the map.
    await expect
      .poll(
        async () => {
          const frame = await map.locator('.leaflet-container').boundingBox()
          const outline = await map.locator('path.place-outline-district').boundingBox()
          if (!frame || !outline) return false
          return (
            outline.x >= frame.x - 1 &&
            outline.y >= frame.y - 1 &&
            outline.x + outline.width <= frame.x + frame.width + 1 &&
            outline.y + outline.height <= frame.y + frame.height + 1 &&
            outline.width > frame.width / 4
          )
        },
        { timeout: 30_000 },
      )
      .toBe(true)

    // The key names what is drawn, and no service-area shading until one is shaded.
    const key = map.locator('.results-map-legend li')
    await expect
      .poll(() => key.allTextContents(), { timeout: 30_000 })
      .toContain('The district you searched in: black outline, named on the map')
    const lines = await key.allTextContents()
    expect(lines).toContain('Your place: yellow circle')
    expect(lines).toContain('Its ward: dotted black outline, named on the map')
    expect(lines.some((line) => line.startsWith('Where an organisation works'))).toBe(false)

    await expectEveryMapSaysSo(page, 1)
    await screenshot(page, 'maps-results-bradford-outline')

    // Shading a service area adds its line to the key.
    await page
      .getByRole('button', { name: /^Show on map: / })
      .first()
      .click()
    await expect
      .poll(() => key.allTextContents(), { timeout: 30_000 })
      .toContain('Where an organisation works: shaded area with a dashed outline')
  })

  test('/map after a postcode: the areas in view are named on the map; one notice, a scale bar', async () => {
    await page.goto(`${seeded.app.url}/map?postcode=BD1+1HY`)
    await page
      .locator('.leaflet-tooltip.postcode-label', { hasText: 'BD1 1HY' })
      .waitFor({ state: 'visible' })
    const label = (name: string) =>
      page.locator('.leaflet-tooltip.area-label', { hasText: new RegExp(`^${name}$`) })
    // The layer shown first (regions): the region in view is named.
    await label('Yorkshire and The Humber').waitFor({ state: 'visible' })
    // Districts: Bradford and the neighbours in view are named.
    // A click, not check(): the layer is kept in the address, so the radio is checked after a re-render.
    await page.getByRole('radio', { name: 'Districts' }).click()
    for (const name of ['Bradford', 'Leeds', 'Calderdale', 'Kirklees']) {
      await label(name).waitFor({ state: 'visible' })
    }
    await expectEveryMapSaysSo(page, 1)
    await screenshot(page, 'maps-map-postcode-labels')
    // Moving the map does not repeat the notice, and the names follow the view.
    await page.getByRole('button', { name: 'Zoom out' }).click()
    await page.waitForLoadState('networkidle')
    await label('Bradford').waitFor({ state: 'visible' })
    await expectEveryMapSaysSo(page, 1)
  })

  test('coverage and provider pages: one notice and a scale bar on each map, in Welsh too', async () => {
    await page.goto(`${seeded.app.url}/coverage`)
    await page.getByRole('heading', { level: 1, name: 'Coverage and gaps' }).waitFor()
    await expectEveryMapSaysSo(page, 1)
    // The choropleth of a region names its districts.
    await page.goto(`${seeded.app.url}/coverage?level=local&within=E12000003`)
    for (const name of ['Bradford', 'Leeds', 'York']) {
      await page
        .locator('.cov-map .leaflet-tooltip.area-label', { hasText: new RegExp(`^${name}$`) })
        .waitFor({ state: 'visible' })
    }
    await expectEveryMapSaysSo(page, 1)
    await screenshot(page, 'maps-coverage-region-labels')
    await page.goto(`${seeded.app.url}/providers/${demoKeySlugs.bradfordGeneralist}`)
    await page.locator('h1').waitFor()
    await expectEveryMapSaysSo(page, 1)
    await page.getByRole('button', { name: 'Cymraeg' }).click()
    await expectEveryMapSaysSo(page, 1, NOTICE_CY)
    await screenshot(page, 'maps-provider-cy')
    await page.getByRole('button', { name: 'English' }).click()
  })

  test('admin record: the office and coverage editors’ maps say so too', async () => {
    const staff = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })
    const admin = await staff.newPage()
    try {
      const api = await seeded.apiAs('editor')
      const record = await (await api.api.get(`/api/providers/${demoKeySlugs.bradfordGeneralist}`)).json()
      await api.api.dispose()
      await admin.goto(`${seeded.app.url}/admin/records/${record.id}`)
      await seeded.signInOnPage(admin, 'editor')
      await admin.locator('form').first().waitFor()
      const maps = await admin.locator('.leaflet-container').count()
      expect(maps).toBeGreaterThan(0)
      await expectEveryMapSaysSo(admin, maps)
    } finally {
      await staff.close()
    }
  })

  test('area profile: areas named with their type; the matrix fits a landscape page when printed', async () => {
    await page.goto(`${seeded.app.url}/coverage?area=${BRADFORD}`)
    await page.locator('.cov-facts').waitFor()
    const partOf = page.locator('.cov-facts dt:has-text("Part of") + dd')
    const text = await partOf.textContent()
    expect(text).toContain('West Yorkshire (county)')
    expect(text).toContain('West Yorkshire (combined authority)')
    expect(text).toContain('Yorkshire and The Humber (region)')
    // Providers counted through a wider area name it with its type.
    expect(await page.locator('.cov-profile').textContent()).toMatch(
      /through [^·]+ \((county|combined authority|region|nation|district)\)/,
    )

    await page.getByRole('button', { name: 'Cymraeg' }).click()
    try {
      await expect
        .poll(() => page.locator('.cov-facts dt:has-text("Yn rhan o") + dd').textContent(), {
          timeout: 30_000,
        })
        .toContain('(awdurdod cyfun)')
    } finally {
      await page.getByRole('button', { name: 'English' }).click()
    }

    // Printed: the matrix's page is A4 landscape less 10 mm margins, 277 mm = 1047 CSS px across.
    await page.setViewportSize({ width: 1047, height: 740 })
    await page.emulateMedia({ media: 'print' })
    try {
      const fit = await page.locator('.cov-matrix').evaluate((table) => ({
        width: table.getBoundingClientRect().width,
        scrollWidth: table.scrollWidth,
        pageWidth: document.documentElement.clientWidth,
      }))
      expect(fit.width).toBeLessThanOrEqual(fit.pageWidth)
      expect(fit.scrollWidth).toBeLessThanOrEqual(Math.ceil(fit.width))
      // The printed profile: portrait pages, then the matrix on landscape ones (page sizes from the PDF).
      const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1')
      const pages = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => ({
        width: Number(m[1]),
        height: Number(m[2]),
      }))
      expect(pages.some((p) => p.width < p.height)).toBe(true)
      expect(pages.some((p) => p.width > p.height)).toBe(true)
    } finally {
      await page.emulateMedia({ media: 'screen' })
      await page.setViewportSize({ width: 1280, height: 900 })
    }
  })

  test('coverage "For whom" says in words what is counted', async () => {
    await page.goto(`${seeded.app.url}/coverage`)
    await page.getByRole('heading', { level: 1, name: 'Coverage and gaps' }).waitFor()
    const forWhom = page.getByLabel('For whom')
    expect(await page.locator('#cov-group-counted').textContent()).toBe(
      'Counts generalist providers: those that support any voluntary or community group.',
    )
    await forWhom.selectOption('refugees-migrants')
    // The default for a group counts generalists too (issue 19); specialists only is the other choice.
    await expect
      .poll(() => page.locator('#cov-group-counted').textContent(), { timeout: 30_000 })
      .toMatch(/^Counts every provider that would help groups working with Refugees/)
    await page.getByRole('radio', { name: 'Specialists for this group only' }).click()
    await expect
      .poll(() => page.locator('#cov-group-counted').textContent(), { timeout: 30_000 })
      .toMatch(/^Counts only specialists working with Refugees/)
    expect(await forWhom.getAttribute('aria-describedby')).toBe('cov-group-counted')
  })
})

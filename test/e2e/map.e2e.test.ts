import fs from 'node:fs'
import path from 'node:path'
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
import { repoRoot } from '../helpers/test-config'

/** A row of ../shared/geo/postcodes_sample.csv: the areas each sample postcode must resolve to. */
function samplePostcode(postcode: string): Record<string, string> {
  const [header, ...rows] = fs
    .readFileSync(path.join(repoRoot, '../shared/geo/postcodes_sample.csv'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(','))
  const row = rows.find((cells) => cells[0] === postcode)
  if (!header || !row) throw new Error(`${postcode} is not in postcodes_sample.csv`)
  return Object.fromEntries(header.map((name, i) => [name, row[i] ?? '']))
}

/** Rows of the postcode result table as [level, type, name] text. */
async function resultRows(page: Page): Promise<string[][]> {
  return page
    .locator('.postcode-areas tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => Array.from(row.querySelectorAll('td, th'), (cell) => cell.textContent?.trim() ?? '')),
    )
}

const boundaryPaths = '.leaflet-overlay-pane path.leaflet-interactive'
/** The server engine (E2E_DATABASE_URL) draws boundaries from vector tiles on canvas, not SVG paths. */
const vectorTiles = Boolean(process.env.E2E_DATABASE_URL)
const loadedTiles = '.map-area .vector-layer canvas.leaflet-tile-loaded'

/** A viewport point inside the n-th drawn boundary (found with SVG hit-testing, not guessed). */
async function pointInsideBoundary(page: Page, n: number): Promise<{ x: number; y: number }> {
  const point = await page
    .locator(boundaryPaths)
    .nth(n)
    .evaluate((path: SVGPathElement) => {
      const box = path.getBBox()
      const matrix = path.getScreenCTM()
      if (!matrix) return undefined
      for (let i = 1; i < 20; i++) {
        for (let j = 1; j < 20; j++) {
          const local = new DOMPoint(box.x + (box.width * i) / 20, box.y + (box.height * j) / 20)
          if (path.isPointInFill(local)) {
            const screen = local.matrixTransform(matrix)
            return { x: screen.x, y: screen.y }
          }
        }
      }
      return undefined
    })
  if (!point) throw new Error(`no point found inside boundary ${n}`)
  return point
}

describe.skipIf(browserSkipReason)('map page in Chromium', () => {
  let app: RunningApp
  let browser: Browser
  let page: Page
  let consoleEntries: ConsoleEntry[]

  beforeAll(async () => {
    app = await startApp()
    browser = await launchBrowser()
    // Reduced motion: the map jumps instead of gliding, so screenshots show where it ends up.
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

  test('opens on a Leaflet map of the UK with the data attribution, without tiles', async () => {
    await page.goto(`${app.url}/map`)
    const map = page.locator('.leaflet-container')
    await map.waitFor({ state: 'visible' })
    expect(await map.isVisible()).toBe(true)
    const box = await map.boundingBox()
    expect(box?.height).toBeGreaterThan(500)

    // Regions are the default layer: the nine English regions are drawn and counted.
    await page.getByRole('status').filter({ hasText: 'Areas shown: 9' }).waitFor()
    if (vectorTiles) {
      await page.locator(loadedTiles).first().waitFor({ state: 'attached' })
      // No background tiles: the only tiles are the boundaries' own.
      expect(await page.locator('.leaflet-tile:not(.vector-layer *)').count()).toBe(0)
    } else {
      // The boundaries come from their own request, which can answer after the list's.
      await expect.poll(() => page.locator(boundaryPaths).count(), { timeout: 30_000 }).toBe(9)
      expect(await page.locator('.leaflet-tile').count()).toBe(0)
    }

    // Hovering an area names it.
    const regions = (await fetch(`${app.url}/api/geo/areas?level=regional`).then((r) => r.json())) as {
      areas: { name: string }[]
    }
    const mapBox = await map.boundingBox()
    if (!mapBox) throw new Error('no map on the page')
    // Vector tiles are hit-tested by the page: the middle of the map is in the West Midlands.
    const inside = vectorTiles
      ? { x: mapBox.x + mapBox.width / 2, y: mapBox.y + mapBox.height / 2 }
      : await pointInsideBoundary(page, 0)
    await page.mouse.move(inside.x, inside.y)
    const hovered = page.locator('.leaflet-tooltip.area-tooltip')
    await hovered.waitFor({ state: 'visible' })
    expect(regions.areas.map((area) => area.name)).toContain((await hovered.textContent())?.trim())
    await page.mouse.move(0, 0)

    expect(await page.locator('.leaflet-control-attribution').textContent()).toContain('Martin Chorley')
    expect(await page.locator('footer').textContent()).toContain(
      'Contains Royal Mail data © Royal Mail copyright and database right 2025',
    )
    expect(await page.title()).toBe('Map of areas – Support Atlas')

    // The first Tab reaches the skip link, which moves focus to the page's main content.
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content')
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('MAIN')
    await screenshot(page, 'map-regions')
  })

  test('switching to districts draws all 391 (Scotland and Northern Ireland too) and names them on keyboard focus', async () => {
    // The radio follows the address, which changes a render later: click, then wait for the state
    // (check() re-reads at once and fails when the router is slow).
    const districts = page.getByRole('radio', { name: 'Districts' })
    await districts.click()
    await expect.poll(() => districts.isChecked()).toBe(true)
    await page.getByRole('status').filter({ hasText: 'Areas shown: 391' }).waitFor()
    // At this scale the whole UK is in view, so every district is drawn.
    if (!vectorTiles)
      await expect.poll(() => page.locator(boundaryPaths).count(), { timeout: 30_000 }).toBe(391)
    expect(new URL(page.url()).searchParams.get('layer')).toBe('district')

    // The table view lists every area; focusing one shows its name on the map.
    await page.getByText('List of the areas shown (391)').click()
    expect(await page.locator('.area-list tbody tr').count()).toBe(391)
    await page.getByRole('button', { name: 'Show Bradford on the map' }).focus()
    const tooltip = page.locator('.leaflet-tooltip.area-tooltip')
    await tooltip.filter({ hasText: 'Bradford' }).waitFor({ state: 'visible' })
    await page.keyboard.press('Enter')
    await page.getByRole('status').filter({ hasText: 'Selected: Bradford' }).waitFor()
    await screenshot(page, 'map-districts-bradford')
  })

  test('finds a postcode, marks it on the map and lists its areas', async () => {
    const expected = samplePostcode('BD1 1HY')
    const input = page.getByRole('textbox', { name: 'Postcode' })
    await input.fill('  bd1   1hy ')
    await input.press('Enter')
    await page.getByRole('heading', { name: 'Areas containing BD1 1HY' }).waitFor()

    const rows = await resultRows(page)
    const names = rows.map((cells) => cells[2])
    expect(names).toEqual(
      expect.arrayContaining([
        expected.ward_name,
        expected.lad_name,
        expected.region_name,
        expected.nation_name,
      ]),
    )
    expect(rows[0]).toEqual(['Neighbourhood', 'Ward', expected.ward_name])
    expect(rows).toContainEqual(['Local', 'District', expected.lad_name])
    expect(rows.at(-1)).toEqual(['National', 'Nation', expected.nation_name])

    await page
      .locator('.leaflet-tooltip.postcode-label', { hasText: 'BD1 1HY' })
      .waitFor({ state: 'visible' })
    expect(await page.getByRole('status').filter({ hasText: 'Areas found for BD1 1HY' }).count()).toBe(1)
    expect(new URL(page.url()).searchParams.get('postcode')).toBe('BD1 1HY')
    await screenshot(page, 'map-postcode-bd1-1hy')
  })

  test.each([
    { input: '', heading: 'Enter a postcode', server: false },
    { input: 'NOT A POSTCODE', heading: 'Check the postcode', server: true },
  ])('says what is wrong with "$input" in an alert', async ({ input, heading, server }) => {
    const box = page.getByRole('textbox', { name: 'Postcode' })
    await box.fill(input)
    await page.getByRole('button', { name: 'Find', exact: true }).click()
    const alert = page.getByRole('alert').filter({ hasText: heading })
    await alert.waitFor()
    const text = (await alert.textContent()) ?? ''
    // Server errors also carry the API's own message after the heading.
    if (server) expect(text.length).toBeGreaterThan(heading.length + 5)
    expect(await box.getAttribute('aria-invalid')).toBe('true')
  })

  test('a Channel Islands postcode is explained, not refused: the map does not cover it (issue 15)', async () => {
    const box = page.getByRole('textbox', { name: 'Postcode' })
    await box.fill('GY1 1AA')
    await page.getByRole('button', { name: 'Find', exact: true }).click()
    await page
      .getByRole('status')
      .filter({ hasText: 'GY1 1AA is a Channel Islands or Isle of Man postcode' })
      .waitFor()
    expect(await box.getAttribute('aria-invalid')).toBeNull()
    expect(await page.getByRole('alert').filter({ hasText: 'Postcode not found' }).count()).toBe(0)
  })

  test('switches to Welsh, shows Welsh names, and remembers the choice', async () => {
    await page.getByRole('button', { name: 'Cymraeg' }).click()
    await page.getByRole('heading', { level: 1, name: 'Map o ardaloedd' }).waitFor()
    expect(await page.locator('html').getAttribute('lang')).toBe('cy')
    expect(await page.getByRole('radio', { name: 'Ardaloedd' }).isChecked()).toBe(true)
    expect(await page.getByRole('button', { name: 'Chwyddo i mewn' }).count()).toBe(1)

    const cardiff = samplePostcode('CF10 3ND')
    const box = page.getByRole('textbox', { name: 'Cod post' })
    await box.fill('CF10 3ND')
    await page.getByRole('button', { name: 'Chwilio', exact: true }).click()
    await page.getByRole('heading', { name: 'Ardaloedd sy’n cynnwys CF10 3ND' }).waitFor()
    const rows = await resultRows(page)
    expect(rows).toContainEqual(['Lleol', 'Ardal', 'Caerdydd'])
    expect(rows.map((cells) => cells[2])).toContain(cardiff.ward_name)
    expect(await page.getByRole('columnheader', { name: 'Lefel' }).count()).toBe(1)
    await page
      .locator('.leaflet-tooltip.postcode-label', { hasText: 'CF10 3ND' })
      .waitFor({ state: 'visible' })
    await screenshot(page, 'map-welsh-cf10-3nd')

    await page.reload()
    await page.getByRole('heading', { level: 1, name: 'Map o ardaloedd' }).waitFor()
    expect(await page.locator('html').getAttribute('lang')).toBe('cy')
  })

  test('has no axe violations (WCAG 2.2 AA) in Welsh and in English', async () => {
    await page.getByRole('heading', { name: 'Ardaloedd sy’n cynnwys CF10 3ND' }).waitFor()
    await expectNoAxeViolations(page)

    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('heading', { name: 'Areas containing CF10 3ND' }).waitFor()
    await expectNoAxeViolations(page)
  })

  test('logged no CSP violations or script errors', () => {
    // The 400 and 404 answers above are logged by Chromium as failed loads; they are expected.
    const unexpected = consoleEntries.filter(
      (entry) => !/Failed to load resource: the server responded with a status of 40[04]/.test(entry.text),
    )
    expect(unexpected).toEqual([])
  })
})

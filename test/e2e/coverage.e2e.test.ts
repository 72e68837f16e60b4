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
  screenshotDir,
  startApp,
} from '../helpers/browser'
import { expectNoAxeViolations } from '../helpers/e2e-fixture'

const EAST_MIDLANDS = 'E12000004'
const LEICESTER = 'E06000016'
const areaPaths = '.leaflet-overlay-pane path.cov-area'
/** The server engine (E2E_DATABASE_URL) draws the map from vector tiles on canvas, not SVG paths. */
const vectorTiles = Boolean(process.env.E2E_DATABASE_URL)
const paintedTiles = '.cov-map .vector-layer canvas.leaflet-tile-loaded'

/** Whether any loaded vector tile has a painted pixel. */
async function tilesPainted(page: Page): Promise<boolean> {
  return page.locator(paintedTiles).evaluateAll((canvases) =>
    (canvases as HTMLCanvasElement[]).some((canvas) => {
      // Read through a fresh probe canvas: repeated reads of the tile itself make Chromium warn.
      const probe = document.createElement('canvas')
      probe.width = canvas.width
      probe.height = canvas.height
      const ctx = probe.getContext('2d', { willReadFrequently: true })
      ctx?.drawImage(canvas, 0, 0)
      const pixels = ctx?.getImageData(0, 0, probe.width, probe.height).data
      if (!pixels) return false
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true
      return false
    }),
  )
}

/** The text of every page of a PDF, extracted with Mozilla's PDF.js. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const document = await pdfjs.getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false })
    .promise
  const pages: string[] = []
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent()
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '))
  }
  await document.destroy()
  return pages.join('\n')
}

describe.skipIf(browserSkipReason)('coverage page in Chromium', () => {
  let app: RunningApp
  let browser: Browser
  let page: Page
  let consoleEntries: ConsoleEntry[]
  let districts: Array<{ code: string; name: string }>

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
    const res = await fetch(`${app.url}/api/geo/areas?level=local&within=${EAST_MIDLANDS}`)
    districts = ((await res.json()) as { areas: Array<{ code: string; name: string }> }).areas
  })

  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  test('choosing a region and a strand draws the choropleth and the table of the same areas', async () => {
    await page.goto(`${app.url}/coverage`)
    await page.getByRole('heading', { level: 1, name: 'Coverage and gaps' }).waitFor()
    expect(await page.title()).toBe('Coverage and gaps – Support Atlas')
    await page.getByRole('status').filter({ hasText: 'Areas shown: 391' }).waitFor()

    await page.getByLabel('Area of interest').selectOption(EAST_MIDLANDS)
    await page.getByLabel('For whom').selectOption('disability')
    await page
      .getByRole('status')
      .filter({ hasText: `Areas shown: ${districts.length}` })
      .waitFor()
    const url = new URL(page.url())
    expect(url.searchParams.get('within')).toBe(EAST_MIDLANDS)
    expect(url.searchParams.get('group')).toBe('disability')
    // Issue 19: by default a strand counts every provider that would help its groups, and the
    // page says so beside the control, in the key and in the table's caption.
    const helping = page.getByRole('radio', {
      name: 'Any provider that would help this group (generalists included)',
    })
    await expect.poll(() => helping.isChecked()).toBe(true)
    expect(await helping.isVisible()).toBe(true)
    const helpWords =
      'Counts every provider that would help groups working with Disability: generalists, who support any group, and specialists for Disability.'
    expect(await page.locator('#cov-group-counted').textContent()).toBe(helpWords)
    expect(await page.locator('.cov-legend-counted').textContent()).toBe(helpWords)
    await page.locator('.cov-table caption').filter({ hasText: helpWords }).waitFor()
    expect(await page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href')).toContain(
      'strand=help%3Adisability',
    )
    await expectNoAxeViolations(page)
    const specialists = page.getByRole('radio', { name: 'Specialists for this group only' })
    await specialists.click()
    await page.waitForURL((u) => u.searchParams.get('count') === 'specialists')
    await expect.poll(() => specialists.isChecked()).toBe(true)
    await expect
      .poll(() => page.locator('.cov-legend-counted').textContent(), { timeout: 30_000 })
      .toMatch(/^Counts only specialists working with Disability/)

    if (vectorTiles) {
      // The choropleth as painted vector tiles of the region.
      await expect.poll(() => tilesPainted(page), { timeout: 30_000 }).toBe(true)
    } else {
      // The choropleth: one patterned area per district, each filled with a class pattern.
      await page.waitForFunction(
        ([selector, n]) => document.querySelectorAll(selector as string).length === n,
        [areaPaths, districts.length] as const,
      )
      const fills = await page
        .locator(areaPaths)
        .evaluateAll((paths) => paths.map((p) => p.getAttribute('fill')))
      expect(fills.every((f) => /^url\(#cov-pattern-/.test(f ?? ''))).toBe(true)
    }
    // The legend names every class in words, not colour alone.
    const legend = page.locator('.cov-legend')
    expect(await legend.locator('li').allTextContents()).toEqual([
      'Neighbourhood',
      'Local',
      'Sub-regional',
      'Regional',
      'National',
      'None at any level',
      'Not in the directory (Scotland and Northern Ireland: not counted as gaps)',
    ])

    // The table has the same areas, and sorts.
    const rows = page.locator('.cov-table tbody tr')
    expect(await rows.count()).toBe(districts.length)
    const names = await page.locator('.cov-table tbody th').allTextContents()
    expect([...names].sort()).toEqual(districts.map((d) => d.name).sort())
    await page.getByRole('button', { name: /^Providers/ }).click()
    expect(await page.locator('th[aria-sort="descending"]').textContent()).toContain('Providers')
    const counts = (await page.locator('.cov-table tbody td:nth-child(3)').allTextContents()).map((t) =>
      Number.parseInt(t, 10),
    )
    expect(counts).toEqual([...counts].sort((a, b) => b - a))

    // Exports point at the same answer.
    const csv = await page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href')
    expect(csv).toContain(`within=${EAST_MIDLANDS}`)
    expect(csv).toContain('strand=disability')
    expect(csv).toContain('format=csv')

    await expectNoAxeViolations(page)
    await screenshot(page, 'coverage-east-midlands-disability')
  })

  test('clicking an area on the map opens its profile', async () => {
    await page.locator('.cov-map').scrollIntoViewIfNeeded()
    const map = await page.locator('.cov-map .leaflet-container').boundingBox()
    if (!map) throw new Error('no map on the page')
    // Vector tiles are hit-tested by the page: the region fills the middle of the map it was fitted to.
    const centre = { x: map.x + map.width / 2, y: map.y + map.height / 2 }
    const first = page.locator(areaPaths).first()
    const box = vectorTiles
      ? centre
      : await first.evaluate((p: SVGPathElement) => {
          const b = p.getBBox()
          const m = p.getScreenCTM()
          if (!m) return undefined
          for (let i = 1; i < 20; i++) {
            for (let j = 1; j < 20; j++) {
              const local = new DOMPoint(b.x + (b.width * i) / 20, b.y + (b.height * j) / 20)
              if (p.isPointInFill(local)) {
                const s = local.matrixTransform(m)
                return { x: s.x, y: s.y }
              }
            }
          }
          return undefined
        })
    if (!box) throw new Error('no point inside the first area')
    await page.mouse.click(box.x, box.y)
    await page.getByRole('heading', { level: 2, name: /^Area profile: / }).waitFor()
    await page.locator('.cov-profile').getByRole('heading', { name: 'Gaps against the baselines' }).waitFor()
    expect(new URL(page.url()).searchParams.get('area')).toMatch(/^E0[6-8]\d{6}$/)
  })

  test('choosing Leicester in the table by keyboard opens its profile, with baselines, providers and the matrix', async () => {
    const button = page.getByRole('button', { name: 'Open the profile of Leicester' })
    await button.focus()
    await page.keyboard.press('Enter')
    const heading = page.getByRole('heading', { level: 2, name: 'Area profile: Leicester' })
    await heading.waitFor()
    // Focus moves to the profile.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('cov-profile-heading')
    expect(new URL(page.url()).searchParams.get('area')).toBe(LEICESTER)
    const profile = page.locator('.cov-profile')
    await profile.getByRole('heading', { name: 'Gaps against the baselines' }).waitFor()
    expect(await profile.getByText('A local generalist provider in every district').count()).toBe(1)
    expect(await profile.locator('.cov-matrix tbody tr').count()).toBe(16)
    expect(await profile.locator('.cov-matrix thead th').count()).toBe(16)
    expect(await page.title()).toBe('Area profile: Leicester – Support Atlas')
    // Possible duplication (decision 0005): the national disability bodies work with different
    // sub-groups, and the four national race bodies offering sector development are named in the
    // 2004–2008 documents, not verified since, so the freshness policy (decision 0020) counts none
    // of them: nothing is listed, and the section says so.
    const duplication = profile.locator('section[aria-labelledby="cov-duplication"]')
    expect(await duplication.locator('li').count()).toBe(0)
    expect(await duplication.locator('p:not(.hint)').textContent()).toBe(
      'No function is offered to one group by several providers at the same level.',
    )
    expect(await duplication.locator('.hint').textContent()).toContain('specialists sub-group by sub-group')
    await expectNoAxeViolations(page)
    await screenshot(page, 'coverage-profile-leicester')
  })

  test('the profile prints to a clean PDF: the profile and its matrix, without the map or the table', async () => {
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('.cov-top').isVisible()).toBe(false)
    expect(await page.locator('.cov-table-section').isVisible()).toBe(false)
    // Back to the default: page.pdf() prints with the print style sheet.
    await page.emulateMedia({ media: null })

    const pdf = await page.pdf({ format: 'A4', printBackground: true })
    expect(pdf.byteLength).toBeGreaterThan(10_000)
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-')
    fs.mkdirSync(screenshotDir, { recursive: true })
    const file = path.join(screenshotDir, 'coverage-profile-leicester.pdf')
    fs.writeFileSync(file, pdf)
    console.log(`[e2e] pdf: ${file}`)

    // Compared without white space and with ligatures unfolded: PDF text runs split words ("pro fi le").
    const squeeze = (s: string) => s.normalize('NFKC').replace(/\s+/g, '')
    const text = squeeze(await pdfText(new Uint8Array(pdf)))
    expect(text).toContain(squeeze('Area profile: Leicester'))
    expect(text).toContain(squeeze('Gaps against the baselines'))
    expect(text).toContain(squeeze('A local generalist provider in every district'))
    expect(text).toContain(squeeze('Functions × groups'))
    // The print layout leaves out the navigation, the controls, the map and the table.
    expect(text).not.toContain(squeeze('Coverage table'))
    expect(text).not.toContain(squeeze('Area of interest'))
    expect(text).not.toContain(squeeze('Find support'))
  })

  test('in Welsh: the same page and profile, axe clean', async () => {
    await page.getByRole('button', { name: 'Cymraeg' }).click()
    await page.getByRole('heading', { level: 1, name: 'Cwmpas a bylchau' }).waitFor()
    await page.getByRole('heading', { level: 2, name: 'Proffil ardal: Leicester' }).waitFor()
    expect(await page.locator('#cov-legend-heading').textContent()).toBe('Allwedd: y lefel agosaf o gymorth')
    // The radio is controlled by the address: it shows checked once the router has navigated,
    // which on a loaded machine can be after Playwright's check() re-reads it. Wait for both.
    const count = page.getByRole('radio', { name: 'Nifer y darparwyr' })
    await count.click()
    await page.waitForURL((url) => url.searchParams.get('measure') === 'count')
    await expect.poll(() => count.isChecked()).toBe(true)
    expect(await page.locator('.cov-legend li').first().textContent()).toBe('10 neu fwy')
    expect(await page.locator('section[aria-labelledby="cov-duplication"] .hint').textContent()).toContain(
      'darparwyr arbenigol fesul is-grŵp',
    )
    await expectNoAxeViolations(page)
    await screenshot(page, 'coverage-profile-leicester-cy')
    await page.getByRole('button', { name: 'English' }).click()
  })

  test('a control shows its new value at once, even while a slow machine is still drawing the map', async () => {
    // The controls live in the address. The router renders an address change as a React transition,
    // so on a loaded machine a clicked radio sprang back unchecked until the new map had been drawn
    // (CI: "Clicking the checkbox did not change its state"). Slow the page down twentyfold and read
    // each radio in the task after its click.
    await page.goto(`${app.url}/coverage?level=local&within=${EAST_MIDLANDS}`)
    await page.getByRole('heading', { level: 1, name: 'Coverage and gaps' }).waitFor()
    await page
      .getByRole('status')
      .filter({ hasText: `Areas shown: ${districts.length}` })
      .waitFor()
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 })
    try {
      for (const name of ['Funding per head', 'Number of providers', 'Closest level']) {
        const radio = page.getByRole('radio', { name })
        const checkedOnTheNextTask = await radio.evaluate(async (input: HTMLInputElement) => {
          input.click()
          await new Promise((resolve) => setTimeout(resolve, 0))
          return input.checked
        })
        expect(checkedOnTheNextTask, name).toBe(true)
      }
    } finally {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 })
      await cdp.detach()
    }
  })

  test('no console errors or CSP violations', () => {
    expect(consoleEntries).toEqual([])
  })
})

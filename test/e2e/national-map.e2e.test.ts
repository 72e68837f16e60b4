import type { Browser, Page, Response } from 'playwright-core'
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

/**
 * The coverage map at national scale (every district of the UK, no area of interest)
 * draws only what is in view from the map layers, and fetches again as the map moves: viewport
 * GeoJSON on the embedded engine (the default here), vector tiles when E2E_DATABASE_URL runs the app
 * on the PostgreSQL server engine.
 */
const mode: 'mvt' | 'geojson' = process.env.E2E_DATABASE_URL ? 'mvt' : 'geojson'
const layerRequest =
  mode === 'mvt' ? /\/api\/tiles\/coverage\/\d+\/\d+\/\d+\.mvt\?/ : /\/api\/tiles\/coverage\/features\?/

interface LayerAnswer {
  url: URL
  status: number
}

/** Whether something is drawn at the centre of the map: an area's SVG fill, or a painted canvas pixel. */
async function drawnAtMapCentre(page: Page): Promise<boolean> {
  return page.evaluate((vector) => {
    const container = document.querySelector('.cov-map .leaflet-container')
    if (!container) return false
    const box = container.getBoundingClientRect()
    const x = box.left + box.width / 2
    const y = box.top + box.height / 2
    if (!vector) {
      for (const path of document.querySelectorAll<SVGPathElement>('.cov-map path.cov-area')) {
        const matrix = path.getScreenCTM()
        if (!matrix) continue
        const local = new DOMPoint(x, y).matrixTransform(matrix.inverse())
        if (path.isPointInFill(local)) return true
      }
      // The browser's own hit test, under anything on top (a tooltip): after a keyboard pan the
      // path's screen matrix can lag the pane's transform, while hit testing does not.
      return document.elementsFromPoint(x, y).some((el) => el.matches('.cov-map path.cov-area'))
    }
    for (const canvas of document.querySelectorAll<HTMLCanvasElement>(
      '.cov-map .vector-layer canvas.leaflet-tile-loaded',
    )) {
      const r = canvas.getBoundingClientRect()
      if (x < r.left || x >= r.right || y < r.top || y >= r.bottom || r.width === 0) continue
      const px = Math.floor(((x - r.left) * canvas.width) / r.width)
      const py = Math.floor(((y - r.top) * canvas.height) / r.height)
      // Read through a fresh probe canvas: repeated reads of the tile itself make Chromium warn.
      const probe = document.createElement('canvas')
      probe.width = 1
      probe.height = 1
      const ctx = probe.getContext('2d', { willReadFrequently: true })
      ctx?.drawImage(canvas, px, py, 1, 1, 0, 0, 1, 1)
      const alpha = ctx?.getImageData(0, 0, 1, 1).data[3] ?? 0
      if (alpha > 0) return true
    }
    return false
  }, mode === 'mvt')
}

describe.skipIf(browserSkipReason)(`national coverage map in Chromium (${mode})`, () => {
  let app: RunningApp
  let browser: Browser
  let page: Page
  let consoleEntries: ConsoleEntry[]
  const answers: LayerAnswer[] = []
  let districts: number

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
    page.on('response', (response: Response) => {
      if (layerRequest.test(response.url()))
        answers.push({ url: new URL(response.url()), status: response.status() })
    })
    const res = await fetch(`${app.url}/api/geo/areas?level=local`)
    districts = ((await res.json()) as { areas: unknown[] }).areas.length
  })

  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  /** Runs a map move, then waits for layer answers made after it and for areas drawn at the new centre. */
  async function afterMove(move: () => Promise<void>): Promise<LayerAnswer[]> {
    const before = answers.length
    await move()
    await expect.poll(() => answers.length - before, { timeout: 30_000 }).toBeGreaterThan(0)
    // Let the debounced and tile requests of this move settle.
    let seen = -1
    await expect
      .poll(
        () => {
          const settled = answers.length === seen
          seen = answers.length
          return settled
        },
        { interval: 1_000, timeout: 30_000 },
      )
      .toBe(true)
    const fresh = answers.slice(before)
    expect(fresh.map((a) => a.status).filter((s) => s !== 200 && s !== 304)).toEqual([])
    await expect.poll(() => drawnAtMapCentre(page), { timeout: 30_000 }).toBe(true)
    return fresh
  }

  /** The zoom each answer was for: the `zoom` parameter, or the z of a tile's path. */
  const zoomOf = (a: LayerAnswer) =>
    mode === 'mvt' ? Number(a.url.pathname.split('/').at(-3)) : Number(a.url.searchParams.get('zoom'))
  /** What identifies the piece of map an answer covers. */
  const pieceOf = (a: LayerAnswer) =>
    mode === 'mvt' ? a.url.pathname : `${a.url.searchParams.get('zoom')}|${a.url.searchParams.get('bbox')}`

  test('the server names the mode the page draws with', async () => {
    const ready = (await fetch(`${app.url}/api/ready`).then((r) => r.json())) as { mapLayers: string }
    expect(ready.mapLayers).toBe(mode)
  })

  test('opens on every district of the UK, drawn from the map layer for the view', async () => {
    const first = await afterMove(async () => {
      await page.goto(`${app.url}/coverage`)
      await page.getByRole('heading', { level: 1, name: 'Coverage and gaps' }).waitFor()
    })
    await page
      .getByRole('status')
      .filter({ hasText: `Areas shown: ${districts}` })
      .waitFor()
    expect(new URL(page.url()).searchParams.get('within')).toBeNull()
    // The filters of the page travel with every layer request; the table's answer carries no geometry.
    for (const a of first) {
      expect(a.url.searchParams.get('level')).toBe('local')
      expect(a.url.searchParams.get('strand')).toBe('generalist')
    }
    if (mode === 'geojson') {
      // At national scale the view holds the whole country: every district is drawn, clipped to the view.
      await expect
        .poll(() => page.locator('.cov-map path.cov-area').count(), { timeout: 30_000 })
        .toBe(districts)
    } else {
      expect(await page.locator('.cov-map .vector-layer canvas.leaflet-tile-loaded').count()).toBeGreaterThan(
        0,
      )
    }
    await screenshot(page, `national-map-${mode}-opened`)
  })

  test('zooming in with the + button fetches the closer zoom', async () => {
    const before = new Set(answers.map(pieceOf))
    const lastZoom = Math.max(...answers.map(zoomOf))
    const fresh = await afterMove(() => page.getByRole('button', { name: 'Zoom in' }).click())
    expect(Math.max(...fresh.map(zoomOf))).toBeGreaterThan(lastZoom)
    expect(fresh.some((a) => !before.has(pieceOf(a)))).toBe(true)
  })

  test('panning with the arrow keys fetches the new view', async () => {
    const before = new Set(answers.map(pieceOf))
    const fresh = await afterMove(async () => {
      await page.locator('.cov-map .leaflet-container').focus()
      // The map opens on the whole UK, centred on the Scottish Borders. Leaflet ignores an arrow key
      // while the previous pan is still animating (0.25 s), so the presses are paced. Three north and
      // one west end over the Highlands, and the next test's drag south-east comes back to the
      // Borders; six east, as when the map opened on England and Wales, would end in the North Sea
      // with nothing to draw.
      for (const key of ['ArrowUp', 'ArrowUp', 'ArrowUp', 'ArrowLeft']) {
        await page.keyboard.press(key)
        await page.waitForTimeout(400)
      }
    })
    expect(fresh.some((a) => !before.has(pieceOf(a)))).toBe(true)
  })

  test('dragging with the mouse fetches the new view', async () => {
    const before = new Set(answers.map(pieceOf))
    const box = await page.locator('.cov-map .leaflet-container').boundingBox()
    if (!box) throw new Error('no map on the page')
    const fresh = await afterMove(async () => {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
      await page.mouse.down()
      await page.mouse.move(box.x + box.width / 2 - 150, box.y + box.height / 2 - 250, { steps: 10 })
      await page.mouse.up()
    })
    expect(fresh.some((a) => !before.has(pieceOf(a)))).toBe(true)
  })

  test('zooming in again with the + key fetches the closer zoom', async () => {
    const lastZoom = Math.max(...answers.map(zoomOf))
    const fresh = await afterMove(async () => {
      await page.locator('.cov-map .leaflet-container').focus()
      await page.keyboard.press('Equal')
    })
    expect(Math.max(...fresh.map(zoomOf))).toBeGreaterThan(lastZoom)
    await screenshot(page, `national-map-${mode}-moved`)
  })

  test('clicking the area at the centre of the map opens its profile', async () => {
    const box = await page.locator('.cov-map .leaflet-container').boundingBox()
    if (!box) throw new Error('no map on the page')
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    await page.getByRole('heading', { level: 2, name: /^Area profile: / }).waitFor()
    expect(new URL(page.url()).searchParams.get('area')).toMatch(/^[EW]0[6-9]\d{6}$/)
  })

  test('no console errors or CSP violations', () => {
    expect(consoleEntries).toEqual([])
  })
})

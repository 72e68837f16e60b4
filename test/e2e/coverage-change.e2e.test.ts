import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { demoKeyAreas } from '../../seeds/demo/demo-key-records'
import {
  browserSkipReason,
  type ConsoleEntry,
  launchBrowser,
  recordConsole,
  screenshot,
} from '../helpers/browser'
import { expectNoAxeViolations, type SeededApp, staffByRole, startSeededApp } from '../helpers/e2e-fixture'

const PASSWORD = 'a long coverage-change test password'
const STAFF = staffByRole(['editor'], (role) => `${role}-change-e2e-${process.pid}@example.org`)
const WEST_YORKSHIRE = 'E11000006'

/**
 * Issue 20 (change over time): a snapshot, then Bradford's local generalists close; the coverage
 * page's Change view, from that snapshot to now, shows Bradford as having lost support — on the
 * map (a patterned area) and in the table — and the page stays axe-clean.
 */
describe.skipIf(browserSkipReason)('coverage change view in Chromium', () => {
  let seeded: SeededApp<'editor'>
  let browser: Browser
  let page: Page
  let consoleEntries: ConsoleEntry[]
  let closedNames: string[]

  beforeAll(async () => {
    seeded = await startSeededApp({ staff: STAFF, password: PASSWORD })
    const { api, csrf } = await seeded.apiAs('editor')
    try {
      const snapshot = await api.post('/api/coverage/snapshots', { headers: { 'X-CSRF-Token': csrf } })
      expect(snapshot.status()).toBe(201)
      const profile = await (await api.get(`/api/areas/${demoKeyAreas.bradford}/profile`)).json()
      const local = (
        profile.levels as Array<{
          level: string
          providers: Array<{ id: string; name: string; kind: string }>
        }>
      )
        .filter((l) => l.level === 'neighbourhood' || l.level === 'local')
        .flatMap((l) => l.providers)
        .filter((p) => p.kind === 'generalist')
      expect(local.length).toBeGreaterThan(0)
      closedNames = local.map((p) => p.name)
      for (const p of local) {
        const closed = await api.post(`/api/providers/${p.id}/close`, {
          headers: { 'X-CSRF-Token': csrf },
          data: {},
        })
        expect(closed.status()).toBe(200)
      }
    } finally {
      await api.dispose()
    }
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
    await seeded?.close()
  })

  test('the change view shows Bradford lost its local generalist, on the map and in the table; axe clean', async () => {
    await page.goto(
      `${seeded.app.url}/coverage?level=local&within=${WEST_YORKSHIRE}&facet=any&group=generalist&measure=depth`,
    )
    const view = page.getByRole('region', { name: 'Change over time' })
    await view.getByLabel('From (snapshot)').waitFor()
    expect(await view.getByLabel('To').inputValue()).toBe('now')
    const table = view.getByRole('table', { name: 'Areas whose support changed between the two dates' })
    const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Bradford' }) })
    await row.waitFor()
    await expect.poll(() => row.textContent()).toContain('Lost support (farther away, or none now)')
    expect(await row.textContent()).toContain('Generalist support (any group)')
    // The map draws the lost area with the "lost" pattern, not a colour alone.
    const lost = view.locator('.leaflet-overlay-pane path[fill="url(#cov-change-lost)"]')
    await lost.first().waitFor()
    expect(await lost.count()).toBeGreaterThan(0)
    for (const name of closedNames) await view.getByText(`${name} closed`).waitFor()
    await view.getByRole('link', { name: 'Download the changes (CSV)' }).waitFor()
    await screenshot(page, 'coverage-change')
    await expectNoAxeViolations(page)
    expect(consoleEntries.filter((e) => e.type === 'error')).toEqual([])
  })
})

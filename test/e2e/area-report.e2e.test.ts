import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  browserSkipReason,
  type ConsoleEntry,
  launchBrowser,
  type RunningApp,
  recordConsole,
  startApp,
} from '../helpers/browser'
import { expectNoAxeViolations } from '../helpers/e2e-fixture'
import { pdfPageTexts } from '../helpers/pdf'

const LEICESTER = 'E06000016'

/**
 * Issue 20, the report's button: the area profile links to the area's report as a PDF and as a web
 * page, in the interface's language, with an optional "change since" date chosen by keyboard.
 */
describe.skipIf(browserSkipReason)('the area report links on the area profile', () => {
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

  test('Report (PDF) and Report (web page) in English, with the chosen date; the PDF is the report', async () => {
    await page.goto(`${app.url}/coverage?level=local&area=${LEICESTER}`)
    const profile = page.locator('.cov-profile')
    await page.getByRole('heading', { level: 2, name: 'Area profile: Leicester' }).waitFor()
    await profile.getByRole('heading', { name: 'Review pack' }).waitFor()
    const pdfLink = profile.getByRole('link', { name: 'Report (PDF)' })
    const webLink = profile.getByRole('link', { name: 'Report (web page)' })
    expect(await pdfLink.getAttribute('href')).toBe(`/api/areas/${LEICESTER}/report?format=pdf&lang=en`)
    // The date field is labelled and reached by keyboard; a chosen date joins both links.
    const since = profile.getByLabel('Change since (optional)')
    await since.focus()
    await since.fill('2025-04-01')
    await expect
      .poll(() => webLink.getAttribute('href'))
      .toBe(`/api/areas/${LEICESTER}/report?format=html&lang=en&since=2025-04-01`)
    expect(await pdfLink.getAttribute('href')).toBe(
      `/api/areas/${LEICESTER}/report?format=pdf&lang=en&since=2025-04-01`,
    )
    await expectNoAxeViolations(page)

    const pdf = await page.request.get(`${app.url}${await pdfLink.getAttribute('href')}`)
    expect(pdf.status()).toBe(200)
    expect(pdf.headers()['content-type']).toBe('application/pdf')
    const pages = await pdfPageTexts(Buffer.from(await pdf.body()))
    expect(pages[0]).toContain('Area report: Leicester (district)')
    expect(pages[0]).toContain('Change since 1 April 2025')
  })

  test('in Welsh the links ask for the Welsh report', async () => {
    await page.getByRole('button', { name: 'Cymraeg' }).click()
    const profile = page.locator('.cov-profile')
    await profile.getByRole('heading', { name: 'Pecyn adolygu' }).waitFor()
    const webLink = profile.getByRole('link', { name: 'Adroddiad (tudalen we)' })
    expect(await webLink.getAttribute('href')).toMatch(/format=html&lang=cy/)
    expect(await profile.getByRole('link', { name: 'Adroddiad (PDF)' }).getAttribute('href')).toMatch(
      /format=pdf&lang=cy/,
    )
    await expectNoAxeViolations(page)
    const res = await page.request.get(`${app.url}${await webLink.getAttribute('href')}`)
    expect(res.status()).toBe(200)
    expect(await res.text()).toContain('<h1>Adroddiad ardal: Leicester (ardal)</h1>')
    await page.getByRole('button', { name: 'English' }).click()
  })

  test('no console errors or CSP violations', () => {
    expect(consoleEntries).toEqual([])
  })
})

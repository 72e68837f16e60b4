import { parse } from 'csv-parse/sync'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { demoKeySlugs } from '../../seeds/demo/demo-key-records'
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

/** Text of each result group: its heading and the names listed under it, in page order. */
async function resultGroups(page: Page): Promise<Array<{ heading: string; names: string[] }>> {
  return page.locator('.result-group').evaluateAll((sections) =>
    sections.map((section) => ({
      heading: section.querySelector('h2')?.textContent?.trim() ?? '',
      names: Array.from(section.querySelectorAll('.result-name'), (h) => h.textContent?.trim() ?? ''),
    })),
  )
}

/** The "why it is listed" lines of the result named `name`. */
async function reasonsOf(page: Page, name: string): Promise<string[]> {
  return page
    .locator('.result')
    .filter({ has: page.getByRole('link', { name, exact: true }) })
    .locator('.result-reasons li')
    .allTextContents()
}

interface ClusterShown {
  count: number
  label: string
  role: string | null
  tabIndex: number
}

/** The office clusters drawn on the results map: the number shown, and the name a screen reader hears. */
async function clustersShown(page: Page): Promise<ClusterShown[]> {
  return page.locator('.results-map .leaflet-marker-pane .office-cluster').evaluateAll((icons) =>
    icons.map((icon) => ({
      count: Number(icon.querySelector('[aria-hidden="true"]')?.textContent),
      label: icon.querySelector('.visually-hidden')?.textContent ?? '',
      role: icon.getAttribute('role'),
      tabIndex: (icon as HTMLElement).tabIndex,
    })),
  )
}

/** Names of the single offices drawn on the results map (each carries its organisation's name as hidden text). */
async function officesShown(page: Page): Promise<string[]> {
  return page.locator('.results-map .leaflet-marker-pane .office-marker').allTextContents()
}

/** WCAG 2.2 contrast ratio of two computed CSS colours ("rgb(r, g, b)"). */
function contrastRatio(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, bl] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
    })
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (bl ?? 0)
  }
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05)
}

describe.skipIf(browserSkipReason)('find support journey in Chromium', () => {
  let app: RunningApp
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let consoleEntries: ConsoleEntry[]

  beforeAll(async () => {
    app = await startApp()
    browser = await launchBrowser()
    context = await browser.newContext({
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

  test('home asks what, where and who with; the need picker knows synonyms; a missing place is announced', async () => {
    await page.goto(`${app.url}/`)
    await page.getByRole('heading', { level: 1, name: 'Find support for your group' }).waitFor()
    expect(await page.title()).toBe('Find support for your group – Support Atlas')
    expect(await page.getByRole('link', { name: 'Map', exact: true }).getAttribute('href')).toBe('/map')

    const need = page.getByRole('combobox', { name: /What do you need help with\?/ })
    // The strand chips come from the taxonomy: wait for them before typing, so suggestions are ready too.
    await page.getByRole('checkbox', { name: 'Sexual orientation' }).waitFor()

    // "bid writing" is a synonym of the fundraising topic.
    await need.fill('bid writing')
    const listbox = page.getByRole('listbox')
    await listbox.waitFor()
    expect(await need.getAttribute('aria-expanded')).toBe('true')
    expect(await listbox.getByRole('option').first().textContent()).toBe(
      'Fundraising and income matches “bid writing”',
    )

    // "BME" finds the race strand; choosing it ticks the strand instead of setting the need.
    await need.fill('BME')
    await listbox.getByRole('option', { name: /Race and ethnicity/ }).waitFor()
    await page.keyboard.press('ArrowDown')
    expect(await need.getAttribute('aria-activedescendant')).toBe(
      await listbox.getByRole('option').first().getAttribute('id'),
    )
    await page.keyboard.press('Enter')
    expect(await page.getByRole('checkbox', { name: 'Race and ethnicity' }).isChecked()).toBe(true)
    expect(await need.inputValue()).toBe('')
    await page.getByRole('checkbox', { name: 'Race and ethnicity' }).uncheck()

    // Submitting without a place: the error summary takes focus and the field says what to do.
    await page.getByRole('button', { name: 'Find support' }).click()
    const summary = page.locator('.error-summary')
    await summary.waitFor()
    await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary'))
    expect(await summary.textContent()).toContain('Enter a postcode, or use your location')
    const postcode = page.getByRole('textbox', { name: 'Postcode' })
    expect(await postcode.getAttribute('aria-invalid')).toBe('true')
    expect(page.url()).toBe(`${app.url}/`)

    await expectNoAxeViolations(page)
    await screenshot(page, 'find-support-home')
  })

  test('a Bradford postcode, training and sexual orientation: the local LGB body first, with reasons; national bodies below; a generalist', async () => {
    const need = page.getByRole('combobox', { name: /What do you need help with\?/ })
    await need.fill('train')
    await page.getByRole('option', { name: 'Training' }).waitFor()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    expect(await need.inputValue()).toBe('Training')
    await page.getByRole('textbox', { name: 'Postcode' }).fill('bd1 1hy')
    await page.getByRole('checkbox', { name: 'Sexual orientation' }).check()
    await page.getByRole('button', { name: 'Find support' }).click()

    await page.waitForURL('**/find?**')
    const url = new URL(page.url())
    expect(url.searchParams.getAll('function')).toEqual(['training'])
    expect(url.searchParams.get('postcode')).toBe('BD1 1HY')
    expect(url.searchParams.getAll('strand')).toEqual(['sexual-orientation'])

    await page.getByRole('heading', { level: 1, name: 'Support near BD1 1HY' }).waitFor()
    await page.getByRole('heading', { name: /^Organisations found: \d+/ }).waitFor()

    const groups = await resultGroups(page)
    const headings = groups.map((g) => g.heading)
    // Nearest level first: the district group precedes the national one.
    const local = headings.indexOf('In your district: Bradford')
    const national = headings.indexOf('National bodies: England')
    expect(local).toBeGreaterThanOrEqual(0)
    expect(national).toBeGreaterThan(local)
    expect(groups[local]?.names[0]).toBe('Bradford Equity Partnership')
    expect(groups[national]?.names).toEqual(
      expect.arrayContaining([
        'National Equality Partnership',
        'The Consortium of Lesbian, Gay, Bisexual and Transgender Voluntary and Community Organisations',
      ]),
    )

    expect(await reasonsOf(page, 'Bradford Equity Partnership')).toEqual([
      'Covers your area: Bradford (District)',
      'Offers: Training',
      'Works with: Sexual orientation',
    ])
    // A generalist is offered as the fallback, and says why.
    const generalist = await reasonsOf(page, 'Example Bradford Council for Voluntary Service (demo)')
    expect(generalist).toContain('Supports any group in its area (generalist)')

    // The map shows the place and the offices; "Show on map" shades the body's service area.
    await page.locator('.leaflet-container .place-label').filter({ hasText: 'BD1 1HY' }).waitFor()
    // Two regional offices in Leeds share one cluster: a keyboard button that zooms in to separate them.
    const cluster = page.getByRole('button', { name: '2 offices here: zoom in' })
    await cluster.waitFor()
    await cluster.focus()
    await page.keyboard.press('Enter')
    await cluster.waitFor({ state: 'detached' })
    expect(await page.locator('.leaflet-marker-pane .office-marker').count()).toBeGreaterThanOrEqual(2)
    await page.getByRole('button', { name: 'Show on map: Bradford Equity Partnership' }).click()
    await page
      .locator('.results-map .map-status')
      .filter({ hasText: 'On the map: Bradford Equity Partnership.' })
      .waitFor()
    await page.locator('.results-map path.service-area').waitFor()
    expect(
      await page
        .getByRole('button', { name: 'Show on map: Bradford Equity Partnership' })
        .getAttribute('aria-pressed'),
    ).toBe('true')

    await expectNoAxeViolations(page)
    await screenshot(page, 'find-support-results')
  })

  test('the URL is the search: removing a filter and going back restore each state', async () => {
    const withStrand = page.url()
    await page.getByRole('link', { name: 'Remove Works with: Sexual orientation' }).click()
    await page.waitForURL((u) => !u.searchParams.has('strand'))
    await page.getByRole('heading', { name: /^Organisations found: \d+/ }).waitFor()
    expect(await page.getByRole('link', { name: 'Remove Works with: Sexual orientation' }).count()).toBe(0)

    await page.goBack()
    await page.waitForURL(withStrand)
    await page.getByRole('link', { name: 'Remove Works with: Sexual orientation' }).waitFor()

    // A broader search pages: 10 per page, then page 2, then back to page 1.
    await page.goto(`${app.url}/find?postcode=BD1+1HY`)
    const count = page.getByRole('heading', { name: /^Organisations found: \d+\. Showing 1 to 20\./ })
    await count.waitFor()
    const total = Number((await count.textContent())?.match(/found: (\d+)/)?.[1])
    expect(total).toBeGreaterThan(20)
    await page.getByRole('combobox', { name: 'Results per page' }).selectOption('10')
    await page.waitForURL((u) => u.searchParams.get('perPage') === '10')
    await page.getByRole('heading', { name: `Organisations found: ${total}. Showing 1 to 10.` }).waitFor()
    const pages = page.getByRole('navigation', { name: 'Pages of results' })
    await pages.getByRole('link', { name: 'Page 2', exact: true }).click()
    await page.getByRole('heading', { name: `Organisations found: ${total}. Showing 11 to 20.` }).waitFor()
    expect(new URL(page.url()).searchParams.get('page')).toBe('2')
    // The downloads carry the search, not the page shown: every match, in one file.
    const csvLink = page.getByRole('link', {
      name: `Download all ${total} results as CSV (for spreadsheets)`,
    })
    const csvUrl = new URL((await csvLink.getAttribute('href')) ?? '', app.url)
    expect(csvUrl.pathname).toBe('/api/exports/providers.csv')
    expect([...csvUrl.searchParams]).toEqual([['postcode', 'BD1 1HY']])
    const geoLink = page.getByRole('link', { name: `Download all ${total} results as GeoJSON (for maps)` })
    expect(await geoLink.getAttribute('href')).toBe(`/api/exports/providers.geojson${csvUrl.search}`)
    const csv = await page.request.get(csvUrl.toString())
    expect(csv.status()).toBe(200)
    expect(parse(await csv.text(), { bom: true, columns: true })).toHaveLength(total)
    expect(await pages.getByRole('link', { name: 'Page 2', exact: true }).getAttribute('aria-current')).toBe(
      'page',
    )
    await page.goBack()
    await page.getByRole('heading', { name: `Organisations found: ${total}. Showing 1 to 10.` }).waitFor()
    await page.goBack()
    await page.goBack()
    await page.waitForURL(withStrand)
  })

  test('a Channel Islands postcode is explained on the results page, not treated as a mistake', async () => {
    const other = await context.newPage()
    await other.goto(`${app.url}/find?function=training&postcode=${encodeURIComponent('GY1 1AA')}`)
    await other
      .getByText('GY1 1AA is a Channel Islands or Isle of Man postcode. They are not part of the UK')
      .waitFor()
    await other.close()
  })

  test.each([['ZZ99 9ZZ', 'ZZ99 9ZZ is not a postcode we recognise']])(
    'the postcode %s is explained on the results page and on its field',
    async (postcode, message) => {
      const other = await context.newPage()
      const entries = recordConsole(other)
      await other.goto(`${app.url}/find?function=training&postcode=${encodeURIComponent(postcode)}`)
      const alert = other.getByRole('alert').filter({ hasText: postcode })
      await alert.waitFor()
      expect(await alert.textContent()).toContain(message)
      expect(await other.getByRole('textbox', { name: 'Postcode' }).getAttribute('aria-invalid')).toBe('true')
      expect(await other.getByRole('textbox', { name: 'Postcode' }).inputValue()).toBe(postcode)
      await other.close()
      // The API's 4xx answer is the only thing the browser logs.
      expect(entries.filter((e) => !/status of 40[04]/.test(e.text))).toEqual([])
    },
  )

  test('the provider page has what a group needs to decide and make contact, and prints without the chrome', async () => {
    await page.getByRole('link', { name: 'Bradford Equity Partnership', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'Bradford Equity Partnership' }).waitFor()
    expect(new URL(page.url()).pathname).toBe(`/providers/${demoKeySlugs.bradfordLgbBody}`)
    expect(await page.title()).toBe('Bradford Equity Partnership – Support Atlas')

    for (const heading of [
      'At a glance',
      'Contact and opening hours',
      'What they do',
      'What they don’t do',
      'Where they work',
      'Referral pathways',
      'About the organisation',
    ]) {
      await page.getByRole('heading', { level: 2, name: heading, exact: true }).waitFor()
    }
    const main = page.locator('main')
    const text = (await main.textContent()) ?? ''
    expect(text).toContain(
      'Specialist support for LGB community groups and organisations in the Bradford district.',
    )
    expect(text).toContain('Details last checked: 1 July 2008.')
    expect(text).toContain('Not verified recently')
    expect(text).toContain('Opening hours are not recorded.')
    expect(text).toContain('No contact details are recorded for this organisation.')
    // The pathway from the local generalist is a link to its page.
    const pathway = page.getByRole('link', { name: 'Example Bradford Council for Voluntary Service (demo)' })
    expect(await pathway.getAttribute('href')).toBe(`/providers/${demoKeySlugs.bradfordGeneralist}`)
    // The coverage map shades Bradford.
    await page.locator('.coverage-map path.service-area').waitFor()
    expect(await page.getByRole('link', { name: 'Back to your results' }).isVisible()).toBe(true)

    await expectNoAxeViolations(page)
    await screenshot(page, 'find-support-provider')

    await page.emulateMedia({ media: 'print' })
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false)
    expect(await page.getByRole('button', { name: 'Print this page' }).isVisible()).toBe(false)
    expect(await page.locator('.leaflet-control-zoom').isVisible()).toBe(false)
    expect(
      await page.getByRole('heading', { level: 1, name: 'Bradford Equity Partnership' }).isVisible(),
    ).toBe(true)
    await page.emulateMedia({ media: 'screen' })
  })

  test('a provider with structured hours says whether it is open now, in UK time', async () => {
    await page.getByRole('link', { name: 'Example Bradford Council for Voluntary Service (demo)' }).click()
    await page
      .getByRole('heading', { level: 1, name: 'Example Bradford Council for Voluntary Service (demo)' })
      .waitFor()
    const state = (await page.locator('.open-state').textContent()) ?? ''
    expect(state).toMatch(
      /^(Open now, until \d\d:\d\d|Closed now(\. Opens (today|tomorrow|on \w+day) at \d\d:\d\d)?)$/,
    )
    expect(await page.locator('.hours-table tbody tr').count()).toBe(7)
    expect(await page.locator('.hours-table tr[aria-current="date"]').count()).toBe(1)
    await expectNoAxeViolations(page)
    await page.goBack()
    await page.getByRole('heading', { level: 1, name: 'Bradford Equity Partnership' }).waitFor()
  })

  test('in Welsh: the provider page and the results use Welsh labels', async () => {
    await page.getByRole('button', { name: 'Cymraeg' }).click()
    await page.getByRole('heading', { level: 2, name: 'Beth maen nhw’n ei wneud' }).waitFor()
    expect(await page.locator('html').getAttribute('lang')).toBe('cy')
    for (const heading of [
      'Cipolwg',
      'Beth dydyn nhw ddim yn ei wneud',
      'Lle maen nhw’n gweithio',
      'Llwybrau atgyfeirio',
    ]) {
      await page.getByRole('heading', { level: 2, name: heading }).waitFor()
    }
    const main = (await page.locator('main').textContent()) ?? ''
    // Vocabulary labels come from the taxonomy's Welsh labels.
    expect(main).toContain('Hyfforddiant')
    expect(main).toContain('Cyfeiriadedd rhywiol')
    expect(main).toContain('Arbenigol')
    expect(main).toContain('Heb ei wirio’n ddiweddar')
    // Dates use Welsh month names, whatever locale data the browser ships.
    expect(main).toContain('Gwiriwyd y manylion ddiwethaf: 1 Gorffennaf 2008.')
    expect(await page.title()).toBe('Bradford Equity Partnership – Atlas Cymorth')
    await expectNoAxeViolations(page)
    await screenshot(page, 'find-support-provider-cy')

    await page.getByRole('link', { name: 'Yn ôl i’ch canlyniadau' }).click()
    await page.getByRole('heading', { level: 1, name: 'Cymorth yn agos at BD1 1HY' }).waitFor()
    const groups = await resultGroups(page)
    expect(groups[0]).toMatchObject({ heading: 'Yn eich ardal: Bradford' })
    expect(await reasonsOf(page, 'Bradford Equity Partnership')).toEqual([
      'Yn cwmpasu eich ardal: Bradford (Ardal)',
      'Yn cynnig: Hyfforddiant',
      'Yn gweithio gyda: Cyfeiriadedd rhywiol',
    ])
    // The map's office clusters are named in Welsh too.
    await page
      .getByRole('button', { name: /^\d+ swyddfa yma: chwyddo i mewn$/ })
      .first()
      .waitFor()
    await expectNoAxeViolations(page)
    await screenshot(page, 'find-support-results-cy')
    await page.getByRole('button', { name: 'English' }).click()
  })

  test('"use my location" searches from the browser’s position; a refusal says what to do instead', async () => {
    const located = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      reducedMotion: 'reduce',
      permissions: ['geolocation'],
      // Bradford city centre.
      geolocation: { latitude: 53.79232, longitude: -1.75329 },
    })
    const here = await located.newPage()
    const entries = recordConsole(here)
    await here.goto(`${app.url}/`)
    await here.getByRole('button', { name: 'Use my location' }).click()
    await here.getByText('Using your location (latitude 53.7923, longitude -1.7533)').waitFor()
    await here.getByRole('button', { name: 'Find support' }).click()
    await here.waitForURL('**/find?**')
    expect(new URL(here.url()).searchParams.get('lat')).toBe('53.7923')
    await here.getByRole('heading', { level: 1, name: 'Support near your location' }).waitFor()
    await here.getByRole('link', { name: 'Bradford Equity Partnership', exact: true }).waitFor()
    await located.close()
    expect(entries).toEqual([])

    const refused = await browser.newContext({ locale: 'en-GB', permissions: [] })
    const there = await refused.newPage()
    await there.goto(`${app.url}/`)
    await there.getByRole('button', { name: 'Use my location' }).click()
    await there.getByRole('status').filter({ hasText: 'Enter a postcode instead.' }).waitFor()
    await there.waitForFunction(() => document.activeElement?.id === 'postcode-input')
    await refused.close()
  })

  test('a search nobody matches says so and offers broader searches that do match', async () => {
    await page.goto(
      `${app.url}/find?function=training&postcode=BD1+1HY&strand=refugees-migrants&level=neighbourhood`,
    )
    await page.getByRole('heading', { name: 'No organisations found' }).waitFor()
    const suggestions = page.locator('.empty-results li')
    expect(await suggestions.allTextContents()).toEqual([
      'Include support for any group (without Refugees, asylum seekers and migrants)',
      'Remove the level and type filters',
      'Show national bodies that offer this',
      'Show all support for your area, for any need',
    ])
    await expectNoAxeViolations(page)
    await page.getByRole('link', { name: 'Remove the level and type filters' }).click()
    await page.getByRole('heading', { name: /^Organisations found: \d+/ }).waitFor()
    expect(new URL(page.url()).searchParams.getAll('level')).toEqual([])
    expect(new URL(page.url()).searchParams.getAll('strand')).toEqual(['refugees-migrants'])
    await page.goBack()
    await page.getByRole('heading', { name: 'No organisations found' }).waitFor()
  })

  test('a national search clusters crowded offices: clusters are keyboard buttons with their count that Space and Enter open, and a chosen office shows even from inside one', async () => {
    // No place: every office on the page is in view, most of them crowded into a few cities.
    const nationalSearch = `${app.url}/find?function=training&perPage=100`
    await page.goto(nationalSearch)
    await page.getByRole('heading', { name: /^Organisations found: \d+/ }).waitFor()
    const clusterIcons = page.locator('.results-map .leaflet-marker-pane .office-cluster')
    await clusterIcons.first().waitFor()

    const clusters = await clustersShown(page)
    for (const cluster of clusters) {
      expect(cluster.count).toBeGreaterThanOrEqual(2)
      expect(cluster).toMatchObject({
        label: `${cluster.count} offices here: zoom in`,
        role: 'button',
        tabIndex: 0,
      })
    }
    const shownOffices = await officesShown(page)
    const onPage = await page.locator('.result-name').count()
    // Every office on the page is either drawn alone or counted in a cluster (some records have none).
    expect(clusters.reduce((sum, c) => sum + c.count, 0) + shownOffices.length).toBeLessThanOrEqual(onPage)

    // WCAG 2.2 AA: the count is text on the bubble (4.5:1); the bubble's ring stands out from the map (3:1).
    const colours = await clusterIcons.first().evaluate((icon) => {
      const style = getComputedStyle(icon)
      return { text: style.color, fill: style.backgroundColor, ring: style.borderTopColor }
    })
    expect(contrastRatio(colours.text, colours.fill)).toBeGreaterThanOrEqual(4.5)
    expect(contrastRatio(colours.ring, colours.fill)).toBeGreaterThanOrEqual(3)

    // The largest cluster (one of a kind, so its pieces are recognisable), by keyboard: Space opens it
    // like a button, without scrolling the page, and what it did is announced.
    const largest = Math.max(...clusters.map((c) => c.count))
    expect(clusters.filter((c) => c.count === largest)).toHaveLength(1)
    const openLargest = async (key: 'Space' | 'Enter') => {
      const button = page.getByRole('button', { name: `${largest} offices here: zoom in` })
      await button.focus()
      const handle = await button.elementHandle()
      const scrolled = await page.evaluate(() => window.scrollY)
      await page.keyboard.press(key)
      await page.waitForFunction((icon) => !icon?.isConnected, handle)
      await page
        .locator('.results-map .map-status')
        .filter({ hasText: `Showing the ${largest} offices from that group.` })
        .waitFor()
      expect(await page.evaluate(() => window.scrollY)).toBe(scrolled)
      // Focus stays in the map, as the cluster has gone.
      expect(await page.evaluate(() => document.activeElement?.classList.contains('leaflet-container'))).toBe(
        true,
      )
      // Its offices are now drawn alone or in smaller clusters.
      await page.locator('.results-map .leaflet-marker-pane .leaflet-marker-icon').first().waitFor()
      for (const cluster of await clustersShown(page)) expect(cluster.count).toBeLessThan(largest)
    }
    await openLargest('Space')

    // Enter does the same, on a fresh view.
    await page.goto(nationalSearch)
    await clusterIcons.first().waitFor()
    await openLargest('Enter')
    await expectNoAxeViolations(page)
    await screenshot(page, 'find-support-clusters-opened')

    // Choosing, in the list, an organisation whose office is inside a cluster shows that office alone,
    // highlighted and named, wherever the map ends up.
    const answer = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/providers')
    await page.goto(nationalSearch)
    const { items } = (await (await answer).json()) as { items: Array<{ name: string; office: unknown }> }
    await clusterIcons.first().waitFor()
    const alone = new Set(await officesShown(page))
    const clustered = items.find((item) => item.office && !alone.has(item.name))?.name
    expect(clustered).toBeDefined()
    const name = clustered ?? ''
    await page.getByRole('button', { name: `Show on map: ${name}`, exact: true }).click()
    await page
      .locator('.results-map .map-status')
      .filter({ hasText: `On the map: ${name}.` })
      .waitFor()
    const chosen = page.locator('.results-map .leaflet-marker-pane .office-marker.is-selected')
    await chosen.waitFor()
    expect(await chosen.textContent()).toBe(name)
    await page.locator('.results-map .leaflet-tooltip').filter({ hasText: name }).waitFor()
    await expectNoAxeViolations(page)
    await screenshot(page, 'find-support-clusters-chosen')
  })

  test('offices sharing one building spread out from their cluster at the deepest zoom, each a keyboard button that chooses its organisation', async () => {
    // The demo offices never share a spot, so the answer is altered in flight: three organisations
    // get one address (a shared building) and the rest none.
    const shared = { lat: 53.79392, lng: -1.75206 }
    const sharing: string[] = []
    await page.route('**/api/providers?**', async (route) => {
      const response = await route.fetch()
      const body = (await response.json()) as { items: Array<{ name: string; office: unknown }> }
      sharing.length = 0
      for (const item of body.items) {
        item.office = sharing.length < 3 && item.office ? shared : null
        if (item.office) sharing.push(item.name)
      }
      // Only the body and status are kept: the original length header would no longer fit.
      await route.fulfill({ status: response.status(), json: body })
    })
    try {
      await page.goto(`${app.url}/find?function=training`)
      const cluster = page.getByRole('button', { name: '3 offices here: zoom in' })
      await cluster.waitFor()
      expect(sharing).toHaveLength(3)
      // Not focusable one by one until spread: the list is the way to them otherwise.
      expect(await page.locator('.results-map .office-marker[tabindex]').count()).toBe(0)

      await cluster.focus()
      await page.keyboard.press('Enter')
      const spread = page.locator('.results-map .leaflet-marker-pane .office-marker')
      await page.waitForFunction(
        () => document.querySelectorAll('.results-map .office-marker[role="button"]').length === 3,
      )
      expect((await spread.allTextContents()).sort()).toEqual([...sharing].sort())
      await page
        .locator('.results-map .map-status')
        .filter({ hasText: 'Showing the 3 offices from that group.' })
        .waitFor()
      // A keyboard user lands on the first spread-out office, and Tab reaches the others.
      await page.waitForFunction(() => document.activeElement?.classList.contains('office-marker'))
      const first = (await page.evaluate(() => document.activeElement?.textContent)) ?? ''
      expect(sharing).toContain(first)
      await page.keyboard.press('Tab')
      const second = (await page.evaluate(() => document.activeElement?.textContent)) ?? ''
      expect(sharing.filter((name) => name !== first)).toContain(second)
      await expectNoAxeViolations(page)

      // Space on it chooses that organisation, as "Show on map" would.
      await page.keyboard.press('Space')
      await page
        .locator('.results-map .map-status')
        .filter({ hasText: `On the map: ${second}.` })
        .waitFor()
      expect(
        await page
          .getByRole('button', { name: `Show on map: ${second}`, exact: true })
          .getAttribute('aria-pressed'),
      ).toBe('true')
      expect(await page.locator('.results-map .office-marker.is-selected').textContent()).toBe(second)
    } finally {
      await page.unroute('**/api/providers?**')
    }
  })

  test('no console errors or CSP violations anywhere in the journey', () => {
    expect(consoleEntries).toEqual([])
  })
})

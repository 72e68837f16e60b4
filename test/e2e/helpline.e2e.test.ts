import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { demoKeyAreas } from '../../seeds/demo/demo-key-records'
import type { SignpostResponse } from '../../server/signpost/signpost-schemas'
import {
  browserSkipReason,
  type ConsoleEntry,
  launchBrowser,
  type RunningApp,
  recordConsole,
  screenshot,
} from '../helpers/browser'
import {
  apiAs,
  expectNoAxeViolations,
  openAppDatabase,
  type SeededApp,
  signInByKeyboard,
  staffByRole,
  startSeededApp,
} from '../helpers/e2e-fixture'

const PASSWORD = 'a long helpline test password'
const STAFF = staffByRole(['helpline', 'admin'], (role) => `${role}-e2e-${process.pid}@example.org`)
const helplineEmail = STAFF.helpline.email
const adminEmail = STAFF.admin.email

/** The accessible name of the focused element, and its role, for "where is the keyboard now?". */
async function focused(page: Page): Promise<{ tag: string; label: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el) return { tag: '', label: '' }
    const labelledBy = el.getAttribute('aria-labelledby')
    const label =
      (labelledBy && document.getElementById(labelledBy)?.textContent) ||
      (el.id && document.querySelector(`label[for="${el.id}"]`)?.textContent) ||
      el.getAttribute('aria-label') ||
      el.textContent ||
      ''
    return { tag: el.tagName.toLowerCase(), label: label.trim() }
  })
}

/** Group headings and option names, in page order. */
async function optionGroups(page: Page): Promise<Array<{ level: string; names: string[] }>> {
  return page.locator('.helpline-group').evaluateAll((sections) =>
    sections.map((section) => ({
      level: section.querySelector('h3')?.textContent?.trim() ?? '',
      names: Array.from(section.querySelectorAll('h4'), (h) =>
        (h.textContent ?? '').replace(/^\s*\d+\.\s*/, '').trim(),
      ),
    })),
  )
}

interface SummaryArea {
  code: string
  total: number
  byOutcome: Record<'referred' | 'advice-only' | 'no-suitable-provider', number>
}

/** The exact enquiry counts by district, read as an admin in a context of its own (not the page's session). */
async function adminSummary(baseURL: string): Promise<Map<string, SummaryArea>> {
  const { api } = await apiAs(baseURL, adminEmail, PASSWORD)
  try {
    const summary = await (await api.get('/api/enquiries/summary?level=local')).json()
    expect(summary.suppressed).toBe(false)
    return new Map((summary.areas as SummaryArea[]).map((a) => [a.code, a]))
  } finally {
    await api.dispose()
  }
}

const counts = (area: SummaryArea | undefined) => ({
  total: area?.total ?? 0,
  referred: area?.byOutcome.referred ?? 0,
  none: area?.byOutcome['no-suitable-provider'] ?? 0,
})

describe.skipIf(browserSkipReason)('helpline screen in Chromium, keyboard only', () => {
  let app: RunningApp
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let consoleEntries: ConsoleEntry[]
  /** The embedded DATA_DIR this file's app runs on (undefined on a server database). */
  let dataDir: string | undefined
  let seeded: SeededApp<keyof typeof STAFF>
  let helplineUserId: string
  /** The second local option of the Bradford call, chosen and referred to with the CVS. */
  let secondLocal = ''

  beforeAll(async () => {
    seeded = await startSeededApp({
      staff: STAFF,
      password: PASSWORD,
    })
    app = seeded.app
    dataDir = seeded.dataDir
    helplineUserId = seeded.ids.helpline
    browser = await launchBrowser()
    context = await browser.newContext({
      viewport: { width: 1280, height: 1000 },
      locale: 'en-GB',
      reducedMotion: 'reduce',
    })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url })
    page = await context.newPage()
    consoleEntries = recordConsole(page)
  })

  afterAll(async () => {
    await browser?.close()
    await seeded?.close()
  })

  test('from page load to a logged outcome without the mouse; the enquiry is stored', async () => {
    const before = await adminSummary(app.url)
    await page.goto(`${app.url}/helpline`)
    await page.getByRole('heading', { level: 1, name: 'Helpline signposting' }).waitFor()
    expect(await page.title()).toBe('Helpline signposting – Support Atlas')

    // Signed out: the sign-in form, its email field already focused.
    await page.getByRole('heading', { name: 'Sign in to log enquiries' }).waitFor()
    expect(await focused(page)).toEqual({ tag: 'input', label: 'Email address' })
    await expectNoAxeViolations(page)
    await signInByKeyboard(page, helplineEmail, PASSWORD)

    // Signed in: the postcode field has focus.
    await page.getByRole('button', { name: /Sexual orientation/ }).waitFor()
    expect(await focused(page)).toEqual({ tag: 'input', label: 'Caller’s postcode' })
    await page.keyboard.type('BD1 1HY')
    await page.keyboard.press('Tab')
    expect(await focused(page)).toEqual({ tag: 'input', label: 'Need' })

    // "train" suggests Training first; ↓ highlights it, Tab takes it and moves on to the groups.
    await page.keyboard.type('train')
    const suggestions = page.getByRole('listbox', { name: 'Suggested needs' })
    await suggestions.waitFor()
    expect(await suggestions.getByRole('option').first().textContent()).toBe('Training')
    await page.keyboard.press('ArrowDown')
    expect(
      await page.getByRole('combobox', { name: 'Need' }).getAttribute('aria-activedescendant'),
    ).toBeTruthy()
    await page.keyboard.press('Tab')
    expect(await page.getByRole('combobox', { name: 'Need' }).inputValue()).toBe('Training')

    // The groups are one tab stop: "s" jumps to Sex, "s" again to Sexual orientation, Space chooses.
    expect((await focused(page)).label).toContain('Age')
    await page.keyboard.press('s')
    await page.keyboard.press('s')
    expect((await focused(page)).label).toContain('Sexual orientation')
    await page.keyboard.press(' ')
    expect(await page.getByRole('button', { name: /Sexual orientation/ }).getAttribute('aria-pressed')).toBe(
      'true',
    )

    // Enter searches; focus lands on the first option, the Bradford CVS. The local LGB body of the
    // source appendix (Bradford Equity Partnership, named in the 2008 study, no phone, e-mail or
    // website) is not offered under the freshness policy (decision 0020): it is listed after the
    // options under "Check before referring", as is the national LGBT consortium of the same study.
    await page.keyboard.press('Enter')
    await page.getByRole('status').filter({ hasText: 'options for Training in Bradford' }).waitFor()
    const groups = await optionGroups(page)
    expect(groups.map((g) => g.level)).toEqual(['Local', 'Sub-regional', 'Regional', 'National'])
    // The CVS first (the local generalist, verified this year); the next local option is chosen too.
    expect(groups[0]?.names[0]).toBe('Example Bradford Council for Voluntary Service (demo)')
    secondLocal = groups[0]?.names[1] ?? ''
    expect(secondLocal).not.toBe('')
    const offered = groups.flatMap((g) => g.names)
    expect(offered).not.toContain('Bradford Equity Partnership')
    expect(offered).not.toContain(
      'The Consortium of Lesbian, Gay, Bisexual and Transgender Voluntary and Community Organisations',
    )
    // Never the National Equality Partnership, which serves infrastructure bodies only (decision 0004).
    expect(offered).not.toContain('National Equality Partnership')
    // Issue 17: the follow-up list comes after the options, each reason in words (not colour alone).
    const followUp = page.getByRole('region', { name: 'Check before referring' })
    const lgbBody = followUp.getByRole('listitem').filter({ hasText: 'Bradford Equity Partnership' })
    expect(await lgbBody.locator('.freshness-badge').allTextContents()).toEqual([
      '⚠ Named in a 2008 study; not verified since',
      '⚠ Last verified 2008 — check it still exists before referring',
      '⚠ No phone, e-mail or website recorded — find one before referring',
    ])
    expect(
      await page.evaluate(() => {
        const last = [...document.querySelectorAll('.helpline-option')].at(-1)
        const list = document.querySelector('.follow-up')
        return Boolean(last && list && last.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING)
      }),
    ).toBe(true)
    // Each stale option says so in words; a fresh one carries no freshness badge.
    const answer = (await (
      await fetch(`${app.url}/api/signpost?postcode=BD1+1HY&function=training&strand=sexual-orientation`)
    ).json()) as SignpostResponse
    const options = answer.groups.flatMap((g) => g.providers)
    expect(options.some((p) => p.freshness?.state === 'stale')).toBe(true)
    for (const option of options) {
      const badges = page
        .locator('.helpline-option')
        .filter({ hasText: option.name })
        .first()
        .locator('.freshness-badge')
      if (option.freshness?.state === 'stale')
        expect(await badges.first().textContent()).toMatch(/^⚠ Not verified since /)
      else expect(await badges.count(), option.name).toBe(0)
    }
    await expect
      .poll(async () => (await focused(page)).label)
      .toBe('1. Example Bradford Council for Voluntary Service (demo)')
    // The CVS offers the need itself, and knows where the community's own body was.
    const first = page.locator('.helpline-option').first()
    expect(await first.locator('.helpline-reasons li').allTextContents()).toEqual(
      expect.arrayContaining(['Covers Bradford (local)', 'Offers training']),
    )
    expect(await first.locator('.helpline-badge').allTextContents()).not.toContain(
      'Local generalist (fallback)',
    )
    // The sub-regional equality partnership works with the caller's group.
    const partnership = page
      .locator('.helpline-option')
      .filter({ hasText: 'Example West Yorkshire Equality Partnership (demo)' })
    expect(await partnership.locator('.helpline-reasons li').allTextContents()).toEqual(
      expect.arrayContaining(['Works with groups: Sexual orientation', 'Offers training']),
    )

    // C copies the script for the caller.
    await page.keyboard.press('c')
    await page.getByText('Script for Example Bradford Council for Voluntary Service (demo) copied').waitFor()
    const script = await page.evaluate(() => navigator.clipboard.readText())
    expect(script.split('\n')[0]).toBe('Example Bradford Council for Voluntary Service (demo) (Local)')
    expect(script.split('\n')[1]).toMatch(/^Why: .*Covers Bradford \(local\).*Offers training/)
    expect(script).toMatch(/\nOpening times|\nOpening times are not recorded/)

    // Space chooses this option, J moves to the next, Space chooses it too, R logs the referral.
    await page.keyboard.press(' ')
    await page.keyboard.press('j')
    expect((await focused(page)).label).toBe(`2. ${secondLocal}`)
    await page.keyboard.press(' ')
    expect(await page.locator('.helpline-option[data-chosen]').count()).toBe(2)
    await page.keyboard.press('r')
    const announcement = page.locator('.helpline-announcement')
    await expect
      .poll(() => announcement.textContent())
      .toBe(
        `Enquiry logged: referred to Example Bradford Council for Voluntary Service (demo), ${secondLocal}`,
      )
    expect(await announcement.getAttribute('aria-live')).toBe('polite')
    await expectNoAxeViolations(page)
    await screenshot(page, 'helpline-logged')

    // A second call: "/" starts again at the postcode; "nobody suitable" for a Powys group is logged with N.
    await page.keyboard.press('/')
    expect(await focused(page)).toEqual({ tag: 'input', label: 'Caller’s postcode' })
    expect(await page.getByRole('combobox', { name: 'Need' }).inputValue()).toBe('')
    await page.keyboard.type('LD1 5LG')
    await page.keyboard.press('Tab')
    await page.keyboard.type('room hire')
    await page.keyboard.press('Enter')
    await page.getByRole('status').filter({ hasText: 'Meeting space' }).first().waitFor()
    const powys = async () => counts((await adminSummary(app.url)).get('W06000023')).total
    const powysBefore = counts(before.get('W06000023')).total

    // Issue 13 §6: the screen says plainly what never to type in the note, and a note that
    // names the caller is refused (and not logged) with the reason.
    await page.getByText('Never type who the caller is: no names, phone numbers, email addresses').waitFor()
    const noteField = page.getByRole('textbox', { name: 'Note (optional)' })
    await noteField.focus()
    await page.keyboard.type('Caller was Jane Smith')
    await page.keyboard.press('Tab') // Log: referred
    await page.keyboard.press('Tab') // Log: advice only
    await page.keyboard.press('Tab') // Log: no suitable provider
    expect((await focused(page)).label).toBe('Log: no suitable provider')
    await page.keyboard.press('Enter')
    await expect
      .poll(() => announcement.textContent())
      .toMatch(
        /^The enquiry was not logged: .*note must not identify the caller: it contains what looks like a person’s name/,
      )
    expect(await announcement.textContent()).not.toContain('Jane')
    // Chromium reports the refusal (a 400) in the console: expected here, exactly once.
    const refused = consoleEntries.filter((e) => e.text.includes('status of 400'))
    expect(refused).toHaveLength(1)
    consoleEntries.splice(consoleEntries.indexOf(refused[0] as ConsoleEntry), 1)
    expect(await powys()).toBe(powysBefore)
    await noteField.focus()
    await page.keyboard.press('Control+A')
    await page.keyboard.press('Delete')
    await page.keyboard.press('Tab') // back on Log: referred; the single keys work here too

    // Issue 13 §8: the log key pressed three times on one call logs one enquiry.
    await page.keyboard.press('n')
    await page.keyboard.press('n')
    await page.keyboard.press('n')
    const undoButton = page.getByRole('button', { name: 'Undo last log' })
    await undoButton.waitFor()
    expect(await powys()).toBe(powysBefore + 1)
    // The log keys and buttons are off for this call: a fourth press says so and logs nothing.
    expect(
      await page.getByRole('button', { name: 'Log: no suitable provider' }).getAttribute('aria-disabled'),
    ).toBe('true')
    await page.keyboard.press('n')
    await expect
      .poll(() => announcement.textContent())
      .toBe('This call is already logged. Press U to undo it, or / to start a new call.')
    expect(await powys()).toBe(powysBefore + 1)

    // U undoes it: nothing recorded for the call; then the call can be logged again, once.
    await page.keyboard.press('u')
    await expect.poll(() => announcement.textContent()).toBe('Log undone: nothing is recorded for this call.')
    expect(await undoButton.count()).toBe(0)
    expect(await powys()).toBe(powysBefore)
    await page.keyboard.press('n')
    await expect
      .poll(() => announcement.textContent())
      .toBe('Enquiry logged: no suitable provider (unmet need recorded)')
    expect(await powys()).toBe(powysBefore + 1)

    // Stored: one more enquiry in each district (an admin sees exact counts), by district, never the postcode.
    const after = await adminSummary(app.url)
    const delta = (code: string) => {
      const [a, b] = [counts(after.get(code)), counts(before.get(code))]
      return { total: a.total - b.total, referred: a.referred - b.referred, none: a.none - b.none }
    }
    expect(delta(demoKeyAreas.bradford)).toEqual({ total: 1, referred: 1, none: 0 })
    expect(delta('W06000023')).toEqual({ total: 1, referred: 0, none: 1 })
    expect(consoleEntries).toEqual([])
  })

  test('in Welsh: the same screen, reasons rendered from their codes, axe clean', async () => {
    await page.getByRole('button', { name: 'Cymraeg' }).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: 'Cyfeirio ar y llinell gymorth' }).waitFor()
    expect(await page.locator('html').getAttribute('lang')).toBe('cy')
    // The last confirmation follows the language too.
    expect(await page.locator('.helpline-announcement').textContent()).toBe(
      'Ymholiad wedi’i gofnodi: dim darparwr addas (angen heb ei ddiwallu wedi’i gofnodi)',
    )
    await page.getByRole('textbox', { name: 'Cod post y galwr' }).focus()
    await page.keyboard.press('Control+A')
    await page.keyboard.type('BD1 1HY')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Control+A')
    await page.keyboard.type('hyfforddiant')
    await page.getByRole('button', { name: /Cyfeiriadedd rhywiol/ }).focus()
    await page.keyboard.press(' ')
    await page.keyboard.press('Enter')
    await page.getByRole('status').filter({ hasText: 'dewis ar gyfer Hyfforddiant yn Bradford' }).waitFor()
    expect(await optionGroups(page).then((g) => g.map((x) => x.level))).toEqual([
      'Lleol',
      'Is-ranbarthol',
      'Rhanbarthol',
      'Cenedlaethol',
    ])
    expect(
      await page.locator('.helpline-option').first().locator('.helpline-reasons li').allTextContents(),
    ).toEqual(expect.arrayContaining(['Yn cwmpasu Bradford (lleol)', 'Yn cynnig hyfforddiant']))
    await page.getByRole('heading', { name: 'Llwybrau byr y bysellfwrdd' }).waitFor()
    await expectNoAxeViolations(page)
    await screenshot(page, 'helpline-welsh')
    await page.getByRole('button', { name: 'English' }).focus()
    await page.keyboard.press('Enter')
    expect(consoleEntries).toEqual([])
  })

  test('the enquiry rows hold the district, the need, the groups and both providers; no postcode, ward or time', async () => {
    // Embedded: the app must let go of its DATA_DIR first; a server database can be read alongside.
    if (!process.env.E2E_DATABASE_URL) await app.close()
    const db = await openAppDatabase(dataDir)
    try {
      const rows = await db
        .knex('enquiries')
        .select('id', 'district_code', 'function_code', 'topic_code', 'channel', 'outcome')
        .where('recorded_by', helplineUserId)
        .orderBy('outcome', 'desc')
      expect(rows.map(({ id: _id, ...rest }) => rest)).toEqual([
        {
          district_code: demoKeyAreas.bradford,
          function_code: 'training',
          topic_code: null,
          channel: 'phone',
          outcome: 'referred',
        },
        {
          district_code: 'W06000023',
          function_code: 'meeting-space',
          topic_code: null,
          channel: 'phone',
          outcome: 'no-suitable-provider',
        },
      ])
      const referred = await db
        .knex('enquiry_referrals as r')
        .join('providers as p', 'p.id', 'r.provider_id')
        .where('r.enquiry_id', rows[0]?.id)
        .orderBy('p.name')
        .pluck('p.name')
      // Under the freshness policy the 2008 LGB body is listed for follow-up, not offered (decision 0020).
      expect([...referred].sort()).toEqual(
        ['Example Bradford Council for Voluntary Service (demo)', secondLocal].sort(),
      )
      expect(await db.knex('enquiry_strands').where('enquiry_id', rows[0]?.id).pluck('strand_code')).toEqual([
        'sexual-orientation',
      ])
      const columns = await db.knex('enquiries').columnInfo()
      expect(Object.keys(columns).filter((c) => /postcode|ward|recorded_at/.test(c))).toEqual([])
    } finally {
      await db.close()
    }
  })
})

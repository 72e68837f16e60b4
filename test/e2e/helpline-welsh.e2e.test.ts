import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { browserSkipReason, launchBrowser } from '../helpers/browser'
import {
  expectNoAxeViolations,
  focusedLabel,
  type SeededApp,
  signInByKeyboard,
  staffByRole,
  startSeededApp,
} from '../helpers/e2e-fixture'

/**
 * Issue 17, acceptance 2: keyboard only, a helpline worker takes a call from a Welsh-speaking
 * refugee group in Cardiff: chooses the need, then the group and the Welsh language, searches,
 * hears which options offer Welsh (listed first in each level) and which do not, and logs the call.
 */

const PASSWORD = 'a long helpline-welsh test password'
const STAFF = staffByRole(['helpline'], (role) => `${role}-cy-e2e-${process.pid}@example.org`)

describe.skipIf(browserSkipReason)('helpline: a Welsh-speaking caller, keyboard only', () => {
  let browser: Browser
  let page: Page
  let seeded: SeededApp<keyof typeof STAFF>

  beforeAll(async () => {
    seeded = await startSeededApp({ staff: STAFF, password: PASSWORD })
    browser = await launchBrowser()
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-GB' })
    page = await context.newPage()
  })

  afterAll(async () => {
    await browser?.close()
    await seeded?.close()
  })

  test('need, group and Welsh chosen by keyboard; Welsh-speaking options first in each level; the call is logged', async () => {
    await page.goto(`${seeded.app.url}/helpline`)
    await page.getByRole('heading', { name: 'Sign in to log enquiries' }).waitFor()
    await signInByKeyboard(page, STAFF.helpline.email, PASSWORD)
    await page.getByRole('button', { name: /Sexual orientation/ }).waitFor()
    expect(await focusedLabel(page)).toBe('Caller’s postcode')
    await page.keyboard.type('CF10 3ND')
    await page.keyboard.press('Tab')

    // The need: ↓ highlights the first suggestion, Tab takes it and moves on to the groups.
    await page.keyboard.type('advice')
    await page.getByRole('listbox', { name: 'Suggested needs' }).waitFor()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Tab')
    expect(await page.getByRole('combobox', { name: 'Need' }).inputValue()).toBe('Information and advice')

    // The group: typing its first letter moves along the chips; Space chooses.
    for (let i = 0; i < 6 && !/Refugee/.test(await focusedLabel(page)); i++) await page.keyboard.press('r')
    expect(await focusedLabel(page)).toMatch(/Refugee/)
    await page.keyboard.press(' ')

    // The language: Tab leaves the groups for the languages, Welsh first; Space chooses it.
    await page.keyboard.press('Tab')
    expect(await focusedLabel(page)).toMatch(/^\W*Welsh$/)
    await page.keyboard.press(' ')
    const languages = page.getByRole('group', { name: /Language the caller needs/ })
    expect(await languages.getByRole('button', { name: /Welsh/ }).getAttribute('aria-pressed')).toBe('true')

    // Enter searches: every option says whether it offers Welsh, and in each level those that do come first.
    await page.keyboard.press('Enter')
    await page.getByRole('status').filter({ hasText: 'Cardiff' }).first().waitFor()
    await expect
      .poll(async () => page.evaluate(() => Boolean(document.activeElement?.closest('.helpline-option'))))
      .toBe(true)
    const levels = await page
      .locator('.helpline-group')
      .evaluateAll((sections) =>
        sections.map((s) =>
          [...s.querySelectorAll('.helpline-option')].map((o) =>
            [...o.querySelectorAll('.helpline-reasons li')].map((li) => li.textContent ?? ''),
          ),
        ),
      )
    const welsh = levels.map((options) =>
      options.map((reasons) => {
        const offers = reasons.some((r) => /^Offers .*Welsh/.test(r))
        const lacks = reasons.some((r) => /^Does not offer .*Welsh/.test(r))
        expect(offers !== lacks, reasons.join(' | ')).toBe(true)
        return offers
      }),
    )
    expect(welsh.flat()).toContain(true)
    for (const options of welsh) expect(options).toEqual([...options].sort((a, b) => Number(b) - Number(a)))
    await expectNoAxeViolations(page)

    // Space chooses the first option; R logs the referral.
    const firstName = (await page.locator('.helpline-option h4').first().textContent())?.replace(
      /^\d+\.\s*/,
      '',
    )
    await page.keyboard.press(' ')
    await page.keyboard.press('r')
    await expect
      .poll(() => page.locator('.helpline-announcement').textContent())
      .toBe(`Enquiry logged: referred to ${firstName}`)
  })
})

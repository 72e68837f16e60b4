import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { SignpostResponse } from '../../server/signpost/signpost-schemas'
import { browserSkipReason, launchBrowser, type RunningApp } from '../helpers/browser'
import {
  expectNoAxeViolations,
  focusedLabel,
  type SeededApp,
  signInByKeyboard,
  staffByRole,
  startSeededApp,
} from '../helpers/e2e-fixture'

/**
 * The freshness policy on the helpline (docs/decisions/0020; issue 17's stale/expired bullet):
 * records the policy does not offer are listed after the options under "Check before referring",
 * each with its reasons in words, and stale options carry a worded badge. Keyboard only.
 */

const PASSWORD = 'a long freshness e2e test password'
const STAFF = staffByRole(['helpline'], (role) => `${role}-freshness-e2e-${process.pid}@example.org`)
const QUERY = 'postcode=BD1+1HY&function=training&strand=sexual-orientation'

describe.skipIf(browserSkipReason)('helpline: stale badges and the follow-up list', () => {
  let app: RunningApp
  let browser: Browser
  let page: Page
  let seeded: SeededApp<keyof typeof STAFF>

  beforeAll(async () => {
    seeded = await startSeededApp({ staff: STAFF, password: PASSWORD })
    app = seeded.app
    browser = await launchBrowser()
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-GB' })
    page = await context.newPage()
  })

  afterAll(async () => {
    await browser?.close()
    await seeded?.close()
  })

  test('Bradford, training for an LGB group: the 2008 body is listed for follow-up, not offered; stale options are marked', async () => {
    // The same answer through the API: which options are stale today, and what was left out.
    const answer = (await (await fetch(`${app.url}/api/signpost?${QUERY}`)).json()) as SignpostResponse
    const options = answer.groups.flatMap((g) => g.providers)
    expect(options.map((p) => p.name)).not.toContain('Bradford Equity Partnership')
    expect(answer.followUp.map((f) => f.name)).toContain('Bradford Equity Partnership')

    await page.goto(`${app.url}/helpline`)
    await page.getByRole('heading', { name: 'Sign in to log enquiries' }).waitFor()
    await signInByKeyboard(page, STAFF.helpline.email, PASSWORD)
    await page.getByRole('button', { name: /Sexual orientation/ }).waitFor()
    expect(await focusedLabel(page)).toBe('Caller’s postcode')
    await page.keyboard.type('BD1 1HY')
    await page.keyboard.press('Tab')
    await page.keyboard.type('train')
    await page.getByRole('listbox', { name: 'Suggested needs' }).waitFor()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Tab')
    await page.keyboard.press('s')
    await page.keyboard.press('s')
    await page.keyboard.press(' ')
    await page.keyboard.press('Enter')
    await page.getByRole('status').filter({ hasText: 'options for Training in Bradford' }).waitFor()

    // Not offered: no option is the 2008 body.
    const names = await page.locator('.helpline-option h4').allTextContents()
    expect(names.some((n) => n.includes('Bradford Equity Partnership'))).toBe(false)

    // Listed after the options, with its reasons in words (not colour alone).
    const followUp = page.getByRole('region', { name: 'Check before referring' })
    await followUp.waitFor()
    const item = followUp.getByRole('listitem').filter({ hasText: 'Bradford Equity Partnership' })
    expect(await item.locator('.freshness-badge').allTextContents()).toEqual([
      '⚠ Named in a 2008 study; not verified since',
      '⚠ Last verified 2008 — check it still exists before referring',
      '⚠ No phone, e-mail or website recorded — find one before referring',
    ])
    // The follow-up list comes after the options in reading order.
    const after = await page.evaluate(() => {
      const last = [...document.querySelectorAll('.helpline-option')].at(-1)
      const list = document.querySelector('.follow-up')
      return Boolean(last && list && last.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING)
    })
    expect(after).toBe(true)

    // Each stale option says so in words.
    for (const stale of options.filter((p) => p.freshness?.state === 'stale')) {
      const option = page.locator('.helpline-option').filter({ hasText: stale.name }).first()
      expect(await option.locator('.freshness-badge').first().textContent()).toMatch(/^⚠ Not verified since /)
    }
    for (const fresh of options.filter((p) => p.freshness?.state === 'fresh')) {
      const option = page.locator('.helpline-option').filter({ hasText: fresh.name }).first()
      expect(await option.locator('.freshness-badge').count()).toBe(0)
    }
    await expectNoAxeViolations(page)
  })
})

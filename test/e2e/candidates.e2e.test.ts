import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { parseCcewArgs, postcodeLocator, runCcewCli } from '../../server/imports/ccew-cli'
import { migrateLatest } from '../../server/lib/migrator'
import { readTaxonomy } from '../../server/taxonomy/taxonomy-queries'
import {
  browserSkipReason,
  copySeededDataDir,
  launchBrowser,
  type RunningApp,
  startApp,
} from '../helpers/browser'
import { writeCleanCcewExtract } from '../helpers/ccew-clean-extract'
import {
  createStaffAccounts,
  expectNoAxeViolations,
  focusedLabel,
  openAppDatabase,
  signInOnPage,
  staffByRole,
} from '../helpers/e2e-fixture'
import { repoRoot, testConfig } from '../helpers/test-config'

/**
 * The review queue of imported drafts (issue 16 §1, decision 0015) in the browser: the register
 * import is committed against the app's database through its own CLI entry point, then an editor
 * opens /admin/candidates with the keyboard, rejects one candidate with a reason, accepts another
 * and finds it published. Axe-clean in English and Welsh.
 */

const PASSWORD = 'a long candidates test password'
const staff = staffByRole(['editor'] as const, () => `candidates-editor-${process.pid}@example.org`)
const REJECT = 'Anyshire Community Support Limited'
const ACCEPT = 'Anytown Council for Voluntary Service'
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'candidates-e2e-'))

let app: RunningApp
let dataDir: string | undefined
let browser: Browser
let page: Page

/** Presses Tab until the focused element's accessible name is `label` (at most `limit` presses). */
async function tabTo(label: string, limit = 200): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    if ((await focusedLabel(page)) === label) return
  }
  throw new Error(`Tab never reached "${label}"`)
}

describe.skipIf(browserSkipReason)('an editor reviews imported candidates', () => {
  beforeAll(async () => {
    dataDir = process.env.E2E_DATABASE_URL ? undefined : copySeededDataDir()
    // Before the app starts (an embedded database has one user at a time).
    const db = await openAppDatabase(dataDir)
    try {
      await migrateLatest(db.knex)
      await createStaffAccounts(db, staff, PASSWORD)
      const options = parseCcewArgs([
        '--dir',
        await writeCleanCcewExtract(path.join(tmp, 'extract')),
        '--commit',
      ])
      if ('usageError' in options) throw new Error(options.usageError)
      const errors: string[] = []
      const code = await runCcewCli(options, {
        knex: db.knex,
        taxonomy: await readTaxonomy(db.knex),
        referenceDir: path.join(repoRoot, '../shared/charity'),
        locate: postcodeLocator(testConfig()),
        out: () => {},
        err: (line) => errors.push(line),
      })
      expect(code, errors.join('\n')).toBe(0)
    } finally {
      await db.close()
    }
    app = await startApp(dataDir ? { DATA_DIR: dataDir } : {})
    browser = await launchBrowser()
    page = await browser.newPage()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
    fs.rmSync(tmp, { recursive: true, force: true })
  })

  test('opens the queue by keyboard, rejects one with a reason, accepts another; axe clean in English and Welsh', async () => {
    await page.goto(`${app.url}/admin`)
    await signInOnPage(page, staff.editor.email, PASSWORD)
    await tabTo('Candidates to review')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Candidates to review', level: 1 }).waitFor()
    await page.getByRole('heading', { name: ACCEPT, level: 3 }).waitFor()
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toMatch(
      /^\d+ candidates waiting$/,
    )
    // The evidence is on the page: where the register found it, and its identifiers.
    await page.getByText('GB-CHC-1190001').waitFor()
    await expectNoAxeViolations(page)

    // Reject: an empty reason is refused on the page; a reason, typed, is sent.
    await tabTo(`Reject ${REJECT}`)
    await page.keyboard.press('Enter')
    await page.getByText('Give a reason for rejecting.').waitFor()
    await page.keyboard.press('Shift+Tab')
    expect(await focusedLabel(page)).toBe(`Reason for rejecting ${REJECT}`)
    await page.keyboard.type('A housing company, not an infrastructure body')
    await page.keyboard.press('Tab')
    expect(await focusedLabel(page)).toBe(`Reject ${REJECT}`)
    await page.keyboard.press('Enter')
    await page
      .getByRole('status')
      .filter({ hasText: `${REJECT} was rejected.` })
      .waitFor()
    await page.getByRole('heading', { name: REJECT, level: 3 }).waitFor({ state: 'detached' })

    await tabTo(`Accept ${ACCEPT}`)
    await page.keyboard.press('Enter')
    await page
      .getByRole('status')
      .filter({ hasText: `${ACCEPT} is published.` })
      .waitFor()
    await page.getByRole('heading', { name: ACCEPT, level: 3 }).waitFor({ state: 'detached' })
    await expectNoAxeViolations(page)

    // Published: its public page and the public search show it.
    const slug = 'anytown-council-for-voluntary-service-1190001'
    await page.goto(`${app.url}/providers/${slug}`)
    await page.getByRole('heading', { name: ACCEPT, level: 1 }).waitFor()
    const search = await (await fetch(`${app.url}/api/providers?q=${encodeURIComponent(ACCEPT)}`)).json()
    expect(search.items.map((i: { slug: string }) => i.slug)).toContain(slug)

    // In Welsh.
    await page.goto(`${app.url}/admin/candidates`)
    await page.getByRole('button', { name: 'Cymraeg', exact: true }).click()
    await page.getByRole('heading', { name: "Ymgeiswyr i'w hadolygu", level: 1 }).waitFor()
    await page.getByRole('heading', { name: 'Volunteer Centre Exampleton', level: 3 }).waitFor()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('cy')
    await expectNoAxeViolations(page)
  })
})

import fs from 'node:fs'
import { type APIRequestContext, type Page, request } from 'playwright-core'
import { expect } from 'vitest'
import { createAuthQueries } from '../../server/auth/auth-queries'
import type { Role } from '../../server/auth/auth-schemas'
import { createAuthService } from '../../server/auth/auth-service'
import { type Database, openDatabase } from '../../server/lib/db'
import { copySeededDataDir, describeViolations, type RunningApp, runAxe, startApp } from './browser'
import { testConfig } from './test-config'

/**
 * The one fixture of the browser tests: the app on a copy of the seeded database with the staff
 * accounts a test file needs, sign-in through the API or the page, and the axe check.
 */

export interface StaffAccount {
  email: string
  role: Role
}

/** One staff account per role, each at the address `emailOf(role)`. */
export function staffByRole<R extends Role>(
  roles: readonly R[],
  emailOf: (role: R) => string,
): Record<R, StaffAccount> {
  const staff = {} as Record<R, StaffAccount>
  for (const role of roles) staff[role] = { email: emailOf(role), role }
  return staff
}

/** The app's database, opened directly: the server database while it runs, or an embedded DATA_DIR the app is not using. */
export function openAppDatabase(dataDir: string | undefined): Promise<Database> {
  const url = process.env.E2E_DATABASE_URL
  return openDatabase(
    { databaseUrl: url, databasePoolMax: 2, databaseConnectTimeoutMs: 10_000, dataDir: dataDir ?? '' },
    url ? undefined : { dataDir },
  )
}

/**
 * Creates the staff accounts (after deleting any left by an earlier run, and the accounts named in
 * `removeEmails`, which a test is about to create itself); returns their ids by key.
 */
export async function createStaffAccounts<K extends string>(
  db: Database,
  staff: Record<K, StaffAccount>,
  password: string,
  removeEmails: string[] = [],
): Promise<Record<K, string>> {
  const auth = createAuthService(createAuthQueries(db.knex), testConfig())
  const accounts = Object.entries(staff) as Array<[K, StaffAccount]>
  await db
    .knex('users')
    .whereIn('email', [...accounts.map(([, account]) => account.email), ...removeEmails])
    .delete()
  const ids = {} as Record<K, string>
  for (const [key, { email, role }] of accounts) {
    ids[key] = (await auth.createUser({ email, role, password })).user.id
  }
  return ids
}

export interface SeededApp<K extends string> {
  app: RunningApp
  /** The embedded DATA_DIR the app runs on (undefined on a server database). */
  dataDir: string | undefined
  /** The staff accounts' user ids, by key. */
  ids: Record<K, string>
  /** A signed-in API context of the staff account `key`. */
  apiAs(key: K): Promise<SignedInApi>
  /** Signs the staff account `key` in through the form on the page (see signInOnPage). */
  signInOnPage(page: Page, key: K): Promise<void>
  /** Stops the app and removes its DATA_DIR. */
  close(): Promise<void>
}

/**
 * Starts the app on a fresh copy of the seeded database (or on E2E_DATABASE_URL) with `staff` in it.
 * The accounts go in before the app starts: an embedded database has one user at a time.
 */
export async function startSeededApp<K extends string>(options: {
  staff: Record<K, StaffAccount>
  password: string
  removeEmails?: string[]
  env?: Record<string, string>
}): Promise<SeededApp<K>> {
  const dataDir = process.env.E2E_DATABASE_URL ? undefined : copySeededDataDir()
  const removeDataDir = () => {
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    const db = await openAppDatabase(dataDir)
    let ids: Record<K, string>
    try {
      ids = await createStaffAccounts(db, options.staff, options.password, options.removeEmails)
    } finally {
      await db.close()
    }
    const app = await startApp({ ...(dataDir ? { DATA_DIR: dataDir } : {}), ...options.env })
    const { staff, password } = options
    return {
      app,
      dataDir,
      ids,
      apiAs: (key) => apiAs(app.url, staff[key].email, password),
      signInOnPage: (page, key) => signInOnPage(page, staff[key].email, password),
      async close() {
        try {
          await app.close()
        } finally {
          removeDataDir()
        }
      },
    }
  } catch (err) {
    removeDataDir()
    throw err
  }
}

export interface SignedInApi {
  api: APIRequestContext
  /** The CSRF token for changes. */
  csrf: string
}

/** A signed-in API context of its own (not a page's session), with the CSRF token for changes. */
export async function apiAs(baseURL: string, email: string, password: string): Promise<SignedInApi> {
  const api = await request.newContext({ baseURL })
  try {
    const session = await (await api.get('/api/auth/session')).json()
    const login = await api.post('/api/auth/login', {
      headers: { 'X-CSRF-Token': session.csrfToken },
      data: { email, password },
    })
    expect(login.status()).toBe(200)
    return { api, csrf: (await login.json()).csrfToken }
  } catch (err) {
    await api.dispose()
    throw err
  }
}

/** Signs in through the form on a page showing "Sign in to edit the directory" (/admin). */
export async function signInOnPage(page: Page, email: string, password: string): Promise<void> {
  await page.getByRole('heading', { name: 'Sign in to edit the directory' }).waitFor()
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByText(`Signed in as ${email}`).waitFor()
}

/**
 * Signs in with the keyboard alone, from a sign-in form whose email field has focus: types the
 * address, Tab, the password, Enter, and waits for "Signed in as …".
 */
export async function signInByKeyboard(page: Page, email: string, password: string): Promise<void> {
  await page.keyboard.type(email)
  await page.keyboard.press('Tab')
  await page.keyboard.type(password)
  await page.keyboard.press('Enter')
  await page.getByText(`Signed in as ${email}`).waitFor()
}

/** Fails with one line per violation when axe finds any on the page (WCAG 2.x A and AA). */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const violations = await runAxe(page)
  expect(violations, describeViolations(violations)).toEqual([])
}

/** The accessible name of the focused element: its <label>, aria-labelledby, aria-label or text. */
export async function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el) return ''
    const labelledBy = el.getAttribute('aria-labelledby')
    return (
      (el.id && document.querySelector(`label[for="${el.id}"]`)?.textContent) ||
      (labelledBy && document.getElementById(labelledBy)?.textContent) ||
      el.getAttribute('aria-label') ||
      el.textContent ||
      ''
    ).trim()
  })
}

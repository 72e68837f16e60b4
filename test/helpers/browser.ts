import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import type * as AxeApi from 'axe-core'
import { type Browser, chromium, type Page } from 'playwright-core'
import { inject } from 'vitest'
import { chromiumLaunchOptions, DEFAULT_CHROMIUM_PATH } from '../../server/lib/chromium'
import { type AppProcess, startServerProcess } from './app-process'
import { repoRoot } from './test-config'

// ---------- Chromium ----------

/** Debian's Chromium, or CHROMIUM_PATH: the same default and launch options as the server's PDF printer. */
export const chromiumPath = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH

/** Why browser tests cannot run here, or undefined when they can. Use with describe.skipIf. */
export const browserSkipReason: string | undefined = fs.existsSync(chromiumPath)
  ? undefined
  : `browser tests skipped: no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`

if (browserSkipReason) console.warn(`[e2e] ${browserSkipReason}`)

export function launchBrowser(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions(chromiumPath))
}

// ---------- the app under test ----------

declare module 'vitest' {
  export interface ProvidedContext {
    /** An embedded DATA_DIR already migrated and demo-seeded by the e2e global setup ('' when none). */
    e2eSeededDataDir: string
  }
}

export interface RunningApp extends AppProcess {
  /** Stops the server (SIGTERM, SIGKILL after 30 s) and removes its temporary data directory. */
  close(): Promise<void>
}

/**
 * A fresh temporary directory holding a copy of the seeded DATA_DIR the global setup prepared (empty
 * when it prepared none), without its lock file. The caller removes it.
 */
export function copySeededDataDir(): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-e2e-'))
  const seeded = inject('e2eSeededDataDir')
  if (seeded) {
    fs.cpSync(seeded, dataDir, {
      recursive: true,
      filter: (source) => path.basename(source) !== 'support-atlas.lock',
    })
  }
  return dataDir
}

/**
 * Starts the real app (`scripts/serve.ts`) as a child process on a free port with no background tiles.
 * Database: E2E_DATABASE_URL when set; otherwise `env.DATA_DIR` when the caller gives one (and keeps
 * it: close() leaves it in place); otherwise a fresh temporary copy of the seeded DATA_DIR
 * (copySeededDataDir), so each test file skips the slow first-start demo seed, removed on close().
 */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  const serverUrl = process.env.E2E_DATABASE_URL
  let dataDir: string | undefined
  const database: Record<string, string> = {}
  if (serverUrl) {
    database.DATABASE_URL = serverUrl
  } else if (!env.DATA_DIR) {
    dataDir = copySeededDataDir()
    database.DATA_DIR = dataDir
  }
  const app = await startServerProcess({ TILE_URL: '', ...database, ...env })
    .then(async (started) => {
      await untilAnswering(started.url)
      return started
    })
    .catch((err) => {
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
      throw err
    })
  return {
    ...app,
    async close() {
      const timer = setTimeout(() => app.child.kill('SIGKILL'), 30_000)
      try {
        await app.stop('SIGTERM')
      } finally {
        clearTimeout(timer)
        if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
      }
    },
  }
}

/**
 * Resolves once the server has answered one request. scripts/serve.ts prints its ready line just
 * before it installs its SIGTERM handler; after a big seed a garbage-collection pause can sit between
 * the two, and a SIGTERM sent in that gap kills the process outright. An answered request proves the
 * start-up code, handler included, has run.
 */
export async function untilAnswering(url: string): Promise<void> {
  const response = await fetch(`${url}/api/health`)
  if (!response.ok) throw new Error(`${url}/api/health answered ${response.status}`)
}

// ---------- page helpers ----------

export interface ConsoleEntry {
  type: string
  text: string
}

/** Records console errors/warnings and uncaught page errors (CSP violations are reported as console errors). */
export function recordConsole(page: Page): ConsoleEntry[] {
  const entries: ConsoleEntry[] = []
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      entries.push({ type: message.type(), text: message.text() })
    }
  })
  page.on('pageerror', (error) => entries.push({ type: 'pageerror', text: error.message }))
  return entries
}

export const screenshotDir = path.join(repoRoot, 'test-results', 'e2e')

/** Saves a full-page PNG under test-results/e2e/ and prints where. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true })
  const file = path.join(screenshotDir, `${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  console.log(`[e2e] screenshot: ${file}`)
  return file
}

// ---------- accessibility ----------

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  helpUrl: string
  targets: string[]
}

/**
 * Runs axe-core on the page against WCAG 2.0/2.1/2.2 A and AA. axe is evaluated through the DevTools
 * protocol rather than page.addScriptTag: addScriptTag inserts an inline <script>, which the app's
 * CSP (script-src 'self') rightly refuses — and that refusal would itself be a console error.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate('typeof window.axe')
  if (loaded === 'undefined') await page.evaluate(`${axeSource}\n;undefined`)
  return page.evaluate(async (tags) => {
    const { axe } = window as unknown as { axe: typeof AxeApi }
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } })
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      helpUrl: v.helpUrl,
      targets: v.nodes.map((node) => node.target.join(' ')),
    }))
  }, axeTags)
}

/** One line per violation, for assertion messages. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.targets.slice(0, 5).join(', ')} ${v.helpUrl}`,
    )
    .join('\n')
}

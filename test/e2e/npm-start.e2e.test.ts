import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { browserSkipReason, launchBrowser, type RunningApp, startApp } from '../helpers/browser'
import { repoRoot } from '../helpers/test-config'

/** Every process below `pid` (children, grandchildren, ...), read from /proc. */
function descendantsOf(pid: number): number[] {
  const parentOf = new Map<number, number>()
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so split after ')'.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      parentOf.set(Number(entry), ppid)
    } catch {
      // exited while we looked
    }
  }
  const found: number[] = []
  const queue = [pid]
  while (queue.length > 0) {
    const parent = queue.shift() as number
    for (const [child, ppid] of parentOf) {
      if (ppid === parent) {
        found.push(child)
        queue.push(child)
      }
    }
  }
  return found
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function until(what: string, check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe.skipIf(process.platform !== 'linux')('npm start as a process tree', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-npm-start-'))
  let npm: ChildProcess | undefined
  afterAll(() => {
    // Only if the test failed part-way: stop what it started.
    if (npm?.pid && isAlive(npm.pid))
      for (const pid of [...descendantsOf(npm.pid), npm.pid]) process.kill(pid, 'SIGKILL')
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  test('SIGTERM to the npm process stops the whole tree and releases the DATA_DIR lock', async () => {
    npm = spawn('npm', ['start'], {
      cwd: repoRoot,
      // The process, not the demo content: no seed.
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        SEED_DEMO: 'never',
        PORT: '0',
        TILE_URL: '',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const started = npm
    let out = ''
    started.stdout?.on('data', (d) => {
      out += d
    })
    started.stderr?.on('data', (d) => {
      out += d
    })
    const exited = new Promise<number | null>((resolve) => started.on('exit', (code) => resolve(code)))
    // stdout and stderr close once every process holding them (the server too) has gone.
    const closed = new Promise<void>((resolve) => started.on('close', () => resolve()))
    await until('the ready line', () => /Support Atlas ready at http:\/\/\S+/.test(out), 240_000)
    const url = out.match(/Support Atlas ready at (http:\/\/\S+)/)?.[1]
    expect((await fetch(`${url}/api/ready`)).status).toBe(200)
    const lock = path.join(dataDir, 'support-atlas.lock')
    expect(fs.existsSync(lock)).toBe(true)

    const tree = descendantsOf(started.pid as number)
    expect(tree.length).toBeGreaterThan(0)
    started.kill('SIGTERM')
    await exited
    await until(`every process npm started to exit (${tree.join(', ')})`, () => !tree.some(isAlive))
    // Only a clean shutdown (database closed) removes the lock: a killed server leaves it behind.
    expect(fs.existsSync(lock)).toBe(false)
    await expect(fetch(`${url}/api/ready`)).rejects.toThrow()
    await closed
    // A start on a busy machine can take minutes (README, "Later starts").
  }, 300_000)
})

describe.skipIf(browserSkipReason)('search after the database pool has been idle (embedded engine)', () => {
  let app: RunningApp
  let browser: Browser
  beforeAll(async () => {
    // A short idle timeout, and debug logs so the test sees the pool close the connection.
    app = await startApp({ DATABASE_IDLE_TIMEOUT_MS: '300', LOG_LEVEL: 'debug' })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  /** Searches the way a person does, through the page's address, and waits for the answer. */
  async function search(page: Page, postcode: string): Promise<string[]> {
    await page.goto(`${app.url}/find?postcode=${encodeURIComponent(postcode)}&function=training`)
    await page.getByRole('heading', { level: 1, name: `Support near ${postcode}` }).waitFor()
    await page.getByRole('heading', { name: /^Organisations found: \d+/ }).waitFor()
    return page.locator('.result-group h2').allTextContents()
  }

  /** How many times the server has logged closing a pooled connection. */
  const closes = () => app.output().split('database connection closed').length - 1

  test('a search, the pool closes its idle connection, and the next searches still answer', async () => {
    const page = await browser.newPage({ locale: 'en-GB' })

    expect(await search(page, 'BD1 1HY')).toContain('In your district: Bradford')
    const before = closes()
    await until('the pool to close its idle connection', () => closes() > before)

    // Leeds: another postcode, so nothing is answered from a cache.
    expect((await search(page, 'LS1 4DY')).length).toBeGreaterThan(0)
    const ready = await fetch(`${app.url}/api/ready`)
    expect(ready.status).toBe(200)

    const again = closes()
    await until('the pool to close its idle connection again', () => closes() > again)
    expect(await search(page, 'BD1 1HY')).toContain('In your district: Bradford')
    expect(app.output()).not.toContain('already exists')
  }, 300_000)
})

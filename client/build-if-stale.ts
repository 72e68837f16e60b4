import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const clientRoot = fileURLToPath(new URL('.', import.meta.url))
const distIndex = path.join(clientRoot, 'dist', 'index.html')
const configFile = path.join(clientRoot, 'vite.config.ts')

/** Newest modification time (ms) of the client sources: src/**, index.html and the Vite config. */
export function newestSourceMtimeMs(root = clientRoot): number {
  let newest = 0
  const visit = (entry: string) => {
    const stat = fs.statSync(entry)
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(entry)) visit(path.join(entry, child))
    } else {
      newest = Math.max(newest, stat.mtimeMs)
    }
  }
  for (const entry of ['src', 'index.html', 'vite.config.ts']) {
    const full = path.join(root, entry)
    if (fs.existsSync(full)) visit(full)
  }
  return newest
}

/** Why the built client must be rebuilt, or undefined when client/dist is current. */
export function clientStaleReason(): string | undefined {
  if (!fs.existsSync(distIndex)) return 'client/dist/index.html is missing'
  const builtAt = fs.statSync(distIndex).mtimeMs
  if (newestSourceMtimeMs() > builtAt) return 'client sources are newer than client/dist'
  return undefined
}

/**
 * Builds the client with Vite's API when client/dist is missing or older than its sources.
 * Used by `npm start` and the e2e global setup, so neither serves a stale page.
 * Returns whether a build ran.
 */
export async function buildClientIfStale({
  log = console.log,
}: {
  log?: (line: string) => void
} = {}): Promise<boolean> {
  const reason = clientStaleReason()
  if (!reason) return false
  log(`Building the client (${reason})...`)
  const started = Date.now()
  // Vite is a build-time tool: load it only when a build is needed.
  const { build } = await import('vite')
  // NODE_ENV outranks Vite's mode: a build started from the test runner (NODE_ENV=test) would
  // otherwise bundle React's development JSX runtime.
  const callerNodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({ configFile, root: clientRoot, logLevel: 'warn', mode: 'production' })
  } finally {
    if (callerNodeEnv === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = callerNodeEnv
  }
  log(`Client built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return true
}

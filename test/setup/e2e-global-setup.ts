import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { buildClientIfStale } from '../../client/build-if-stale'
import { startServerProcess } from '../helpers/app-process'
import { browserSkipReason, untilAnswering } from '../helpers/browser'

/**
 * Once per e2e run: build the client when client/dist is missing or stale, and — when browser tests
 * will run on the embedded engine — start the app once on an empty DATA_DIR so the demo seed runs
 * here, once. Each test file then starts its own server on a copy of that directory.
 */
export default async function setup(project: TestProject) {
  await buildClientIfStale({ log: (line) => console.log(`[e2e] ${line}`) })

  if (browserSkipReason || process.env.E2E_DATABASE_URL) {
    project.provide('e2eSeededDataDir', '')
    return
  }
  // A developer iterating on browser tests can point at a seeded DATA_DIR (stopped: it is copied, never used).
  const prepared = process.env.E2E_DATA_DIR
  if (prepared) {
    if (!fs.existsSync(path.join(prepared, 'pglite'))) {
      throw new Error(`E2E_DATA_DIR=${prepared} holds no embedded database (no pglite/ folder)`)
    }
    console.log(`[e2e] browser tests start from copies of E2E_DATA_DIR=${prepared}`)
    project.provide('e2eSeededDataDir', path.resolve(prepared))
    return
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-e2e-seeded-'))
  const started = Date.now()
  console.log('[e2e] seeding a demo database for the browser tests (first start on an empty DATA_DIR)...')
  try {
    const app = await startServerProcess({ DATA_DIR: dataDir }, 900_000)
    await untilAnswering(app.url)
    const code = await app.stop('SIGTERM')
    if (code !== 0) throw new Error(`the seeding server exited with ${code}:\n${app.output()}`)
  } catch (err) {
    fs.rmSync(dataDir, { recursive: true, force: true })
    throw err
  }
  console.log(`[e2e] demo database seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  project.provide('e2eSeededDataDir', dataDir)
  return () => fs.rmSync(dataDir, { recursive: true, force: true })
}

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import knexFactory from 'knex'
import { type BenchEngine, serverAdminUrl } from './engines'

/**
 * An empty database for a process the bench spawns (the real server, a command): a temporary
 * DATA_DIR (embedded) or a new database on the server, as the variable to hand the child, and the
 * cleanup that removes it (the server database is dropped even while connections remain).
 */
export async function childDatabase(
  engine: BenchEngine,
  kind: string,
): Promise<{ env: { DATA_DIR: string } | { DATABASE_URL: string }; cleanup: () => Promise<void> }> {
  if (engine === 'embedded') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `support-atlas-bench-${kind}-`))
    return {
      env: { DATA_DIR: dataDir },
      cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    }
  }
  const adminUrl = serverAdminUrl()
  if (!adminUrl) throw new Error('The server engine needs BENCH_DATABASE_URL or TEST_DATABASE_URL')
  // Lower-case letters, digits and underscores only: safe unquoted.
  const name = `sa_bench_${kind}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  const admin = knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } })
  await admin.raw(`CREATE DATABASE ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    env: { DATABASE_URL: url.toString() },
    cleanup: async () => {
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.destroy()
    },
  }
}

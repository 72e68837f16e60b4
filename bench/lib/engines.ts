import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import knexFactory from 'knex'
import { type Database, openDatabase } from '../../server/lib/db'
import { migrateLatest } from '../../server/lib/migrator'

export type BenchEngine = 'embedded' | 'server'

/** The server engine's admin URL: BENCH_DATABASE_URL, else TEST_DATABASE_URL. */
export function serverAdminUrl(): string | undefined {
  return process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined
}

/** The same server URL with another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

/**
 * A fresh, migrated database for one scenario run: embedded PGlite in a temporary DATA_DIR (as
 * `npm start` runs it), or a new database on the server, dropped again by `close`.
 */
export async function openBenchDatabase(engine: BenchEngine): Promise<Database> {
  if (engine === 'embedded') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'support-atlas-bench-'))
    const db = await openDatabase(
      { databaseUrl: undefined, databasePoolMax: 1, databaseConnectTimeoutMs: 10_000, dataDir },
      { dataDir },
    )
    await migrateLatest(db.knex)
    return {
      ...db,
      async close() {
        await db.close()
        fs.rmSync(dataDir, { recursive: true, force: true })
      },
    }
  }
  const adminUrl = serverAdminUrl()
  if (!adminUrl) throw new Error('The server engine needs BENCH_DATABASE_URL or TEST_DATABASE_URL')
  // Lower-case letters, digits and underscores only: safe unquoted.
  const name = `sa_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  const admin = knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } })
  await admin.raw(`CREATE DATABASE ${name}`)
  const db = await openDatabase({
    databaseUrl: withDatabase(adminUrl, name),
    databasePoolMax: 4,
    databaseConnectTimeoutMs: 10_000,
    dataDir: '',
  })
  await migrateLatest(db.knex)
  return {
    ...db,
    async close() {
      await db.close()
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.destroy()
    },
  }
}

const versionQuery = `SELECT split_part(version(), ' on ', 1) AS pg,
  (SELECT default_version FROM pg_available_extensions WHERE name = 'postgis') AS postgis`

/** "PostgreSQL 15.x, PostGIS 3.x" of the engine (a fresh, unmigrated PGlite for the embedded one). */
export async function engineVersion(engine: BenchEngine): Promise<string> {
  if (engine === 'server') {
    const url = serverAdminUrl()
    if (!url) throw new Error('no BENCH_DATABASE_URL/TEST_DATABASE_URL')
    const knex = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } })
    try {
      const { rows } = await knex.raw<{ rows: Array<{ pg: string; postgis: string | null }> }>(versionQuery)
      return `${rows[0]?.pg}, PostGIS ${rows[0]?.postgis ?? 'not installed'}`
    } finally {
      await knex.destroy()
    }
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'support-atlas-bench-'))
  try {
    const db = await openDatabase(
      { databaseUrl: undefined, databasePoolMax: 1, databaseConnectTimeoutMs: 10_000, dataDir },
      { dataDir },
    )
    try {
      const { rows } = await db.knex.raw<{ rows: Array<{ pg: string; postgis: string | null }> }>(
        versionQuery,
      )
      return `PGlite (${rows[0]?.pg}), PostGIS ${rows[0]?.postgis ?? 'not available'}`
    } finally {
      await db.close()
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

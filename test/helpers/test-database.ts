import fs from 'node:fs'
import knexFactory from 'knex'
import { inject } from 'vitest'
import type { Config } from '../../server/lib/config'
import { type Database, openDatabase } from '../../server/lib/db'
import { currentEngine, uniqueDbName, withDatabase } from './engines'

/**
 * A private copy of the run's template database for one test file, on the engine the vitest
 * project names: an in-memory PGlite loaded from the template tarball, or a server database
 * created `TEMPLATE` the template. Close it in afterAll. `pool` overrides the pool's settings
 * (a short idle timeout, to test reconnecting).
 */
export async function openTestDatabase(
  pool: Partial<Pick<Config, 'databaseIdleTimeoutMs'>> = {},
): Promise<Database> {
  const engine = currentEngine()
  if (engine === 'embedded') {
    const tarball = fs.readFileSync(inject('embeddedTemplatePath'))
    return openDatabase(
      { databaseUrl: undefined, databasePoolMax: 1, databaseConnectTimeoutMs: 10_000, dataDir: '', ...pool },
      { loadDataDir: new Blob([tarball]) },
    )
  }
  const adminUrl = process.env.TEST_DATABASE_URL as string
  const name = uniqueDbName('sa_test')
  const admin = knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } })
  await admin.raw(`CREATE DATABASE ${name} TEMPLATE ${inject('serverTemplateDb')}`)
  const db = await openDatabase({
    databaseUrl: withDatabase(adminUrl, name),
    databasePoolMax: 5,
    databaseConnectTimeoutMs: 10_000,
    dataDir: '',
    ...pool,
  })
  return {
    ...db,
    async close() {
      await db.close()
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.destroy()
    },
  }
}

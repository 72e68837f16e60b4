import fs from 'node:fs'
import path from 'node:path'
import knexFactory from 'knex'
import { POSTCODE_STORE_FILE, postcodeStore } from '../../server/geo/postcode-store'
import { benchStoreConfig } from '../scenarios/geo-bench-queries'
import { type BenchEngine, serverAdminUrl, withDatabase } from './engines'
import type { DirectoryDatabase } from './fixture'
import { type ServerProcess, serverEnv, spawnServer } from './server-process'
import type { PgBackends } from './user-view'

/** The app's pool announces itself with this name, so its backends can be told from the bench's. */
export const APP_NAME = 'support-atlas-bench-app'

export interface AppProcess {
  server: ServerProcess
  /** Where its PostgreSQL backends are found (server engine). */
  pg?: PgBackends
  stop(): Promise<void>
}

/**
 * The app as production starts it (`node --import tsx scripts/serve.ts`, NODE_ENV=production, silent
 * logs) on a bench directory copy: DATABASE_URL for the server engine, the copy's DATA_DIR for the
 * embedded one (this process lets go of it first). SEED_DEMO=never: the copy is already seeded.
 * Pooled connections stay open for the whole run (DATABASE_IDLE_TIMEOUT_MS), so the CPU of every
 * backend that served a request is still there to read at the end of a step.
 */
export async function startAppProcess(engine: BenchEngine, db: DirectoryDatabase): Promise<AppProcess> {
  // The packed postcode file: built once where the bench keeps it, copied into an embedded copy.
  const store = benchStoreConfig()
  postcodeStore(store)
  await db.release()
  const common = { SEED_DEMO: 'never', DATABASE_IDLE_TIMEOUT_MS: '600000' }
  if (engine === 'embedded') {
    fs.copyFileSync(
      path.join(store.dataDir, POSTCODE_STORE_FILE),
      path.join(db.location, POSTCODE_STORE_FILE),
    )
    const server = await spawnServer(serverEnv({ ...common, DATA_DIR: db.location }))
    return { server, stop: () => server.stop() }
  }
  const adminUrl = serverAdminUrl() as string
  const url = new URL(withDatabase(adminUrl, db.location))
  url.searchParams.set('application_name', APP_NAME)
  const server = await spawnServer(
    serverEnv({ ...common, DATABASE_URL: url.toString(), DATA_DIR: path.resolve(store.dataDir) }),
  )
  const admin = knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } })
  return {
    server,
    pg: { admin, database: db.location, applicationName: APP_NAME },
    async stop() {
      await server.stop()
      await admin.destroy()
    },
  }
}

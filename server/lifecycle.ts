import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Logger } from 'pino'
import { seedDemo } from '../seeds'
import { createApp } from './app'
import type { Config } from './lib/config'
import { type Database, openDatabase, postgisVersion } from './lib/db'
import { migrateLatest } from './lib/migrator'

export interface RunningServer {
  url: string
  db: Database
  server: http.Server
  /** Stops accepting, lets in-flight requests finish (up to SHUTDOWN_TIMEOUT_MS), closes the database. */
  shutdown(reason: string): Promise<void>
}

/** Opens the database, migrates, seeds an empty database, and listens. */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const db = await openDatabase(config)
  let server: http.Server | undefined
  try {
    // The first migration enables PostGIS, so the version is only known after migrating.
    const applied = await migrateLatest(db.knex)
    if (applied.length > 0) logger.info({ applied }, 'migrations applied')
    const version = await postgisVersion(db.knex)
    logger.info({ engine: db.engine, location: db.location, postgis: version }, 'database open')
    console.log(
      `Database: ${db.engine === 'embedded' ? 'embedded PGlite' : 'PostgreSQL server'} (${db.location}), PostGIS ${version}`,
    )
    await seedDemo(db, config, logger)

    const app = createApp({ db, config, logger })
    server = http.createServer(app)
    const listening = server
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject)
      listening.listen(config.port, config.host, () => resolve())
    })
  } catch (err) {
    server?.close()
    await db.close().catch(() => {})
    throw err
  }
  const { port } = server.address() as AddressInfo
  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  const url = `http://${host}:${port}`
  const httpServer = server

  let stopping: Promise<void> | undefined
  const shutdown = (reason: string) => {
    stopping ??= (async () => {
      logger.info({ reason }, 'shutting down: no new requests, finishing in-flight ones')
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()))
      // Keep-alive sockets with no request in flight would hold close() open.
      httpServer.closeIdleConnections()
      const timer = setTimeout(() => {
        logger.warn('shutdown timeout: closing remaining connections')
        httpServer.closeAllConnections()
      }, config.shutdownTimeoutMs)
      await closed
      clearTimeout(timer)
      await db.close()
      logger.info('shutdown complete')
    })()
    return stopping
  }
  return { url, db, server: httpServer, shutdown }
}

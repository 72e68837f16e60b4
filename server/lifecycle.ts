import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Express } from 'express'
import type { Logger } from 'pino'
import { closeApp, createApp } from './app'
import { startSnapshotSchedule } from './coverage/coverage-snapshot-schedule'
import { postcodeStore } from './geo/postcode-store'
import { answerClientErrors } from './lib/client-errors'
import type { Config } from './lib/config'
import { attachReplica, type Database, onConnectionClosed, openDatabase, postgisVersion } from './lib/db'
import { migrateLatest } from './lib/migrator'
import { startReviewSchedule } from './reviews/review-schedule'

/** Lines a seed step wants a person to read once (the demo passwords), printed in the ready block. */
export interface SeedNotice {
  title: string
  lines: string[]
}

/**
 * What fills an empty database on start: the entry point (scripts/serve.ts) hands in the demo seed,
 * so nothing in server/ imports seeds/ (the seed imports the server's schema, not the other way).
 */
export type Seeder = (db: Database, config: Config, logger: Logger) => Promise<SeedNotice[]>

export interface RunningServer {
  url: string
  db: Database
  server: http.Server
  /** What the first start's seed wants a person to read (the demo passwords), for the ready block. */
  notices: SeedNotice[]
  /** Stops accepting, lets in-flight requests finish (up to SHUTDOWN_TIMEOUT_MS), closes the database. */
  shutdown(reason: string): Promise<void>
}

/**
 * The lines a person starting the server needs, as plain text set apart from the log: where to
 * open the app and, on the first start, the demo passwords.
 */
export function readyBlock(url: string, notices: SeedNotice[]): string {
  const rule = '-'.repeat(72)
  const body = [`Support Atlas ready at ${url}`, ...notices.flatMap((n) => ['', n.title, ...n.lines])]
  return ['', rule, ...body, rule, ''].join('\n')
}

/** Opens the database, migrates, seeds an empty database, and listens. */
export async function startServer(config: Config, logger: Logger, seed: Seeder): Promise<RunningServer> {
  let shuttingDown = false
  const inFlight = new Set<http.ServerResponse>()
  // Where a start's time goes (README, "Later starts"): logged once the server listens.
  const timings: Record<string, number> = {}
  const timed = async <T>(phase: string, step: () => Promise<T>): Promise<T> => {
    const started = performance.now()
    try {
      return await step()
    } finally {
      timings[`${phase}Ms`] = Math.round(performance.now() - started)
    }
  }
  let db = await timed('openDatabase', () => openDatabase(config))
  onConnectionClosed(db.knex, () => logger.debug('database connection closed (idle or broken)'))
  let server: http.Server | undefined
  let app: Express | undefined
  let notices: SeedNotice[] = []
  let snapshotSchedule: { stop(): void } | undefined
  try {
    // The first migration enables PostGIS, so the version is only known after migrating.
    const applied = await timed('migrations', () => migrateLatest(db.knex))
    if (applied.length > 0) logger.info({ applied }, 'migrations applied')
    const version = await timed('postgis', () => postgisVersion(db.knex))
    logger.info({ engine: db.engine, location: db.location, postgis: version }, 'database open')
    console.log(
      `Database: ${db.engine === 'embedded' ? 'embedded PGlite' : 'PostgreSQL server'} (${db.location}), PostGIS ${version}`,
    )
    notices = await timed('seed', () => seed(db, config, logger))
    // Every UK postcode, packed into DATA_DIR once (about 15 s) and read into memory (43 MB).
    const postcodes = postcodeStore(config, (line) => console.log(line))
    logger.info({ postcodes: postcodes.size }, 'postcodes ready')
    if (config.databaseReplicaUrl) {
      db = await attachReplica(db, config, config.databaseReplicaUrl)
      logger.info({ replica: db.replica?.location }, 'read replica attached')
      console.log(`Read replica: ${db.replica?.location}`)
    }

    app = await timed('createApp', async () => createApp({ db, config, logger }))
    const serving = app
    // Scheduled coverage snapshots (SNAPSHOT_INTERVAL_HOURS; 0: none): docs/decisions/0018.
    if (config.snapshots.intervalHours > 0) {
      snapshotSchedule = startSnapshotSchedule({
        snapshots: app.locals.snapshots,
        intervalHours: config.snapshots.intervalHours,
        logger,
      })
    }
    server = http.createServer((req, res) => {
      // Shutting down: a request that arrives on a kept-alive socket is refused, and the socket closed.
      if (shuttingDown) {
        res.setHeader('Connection', 'close')
        res.setHeader('Retry-After', '1')
        res.writeHead(503, { 'Content-Type': 'application/json; charset=utf-8' })
        res.end(
          JSON.stringify({ error: { name: 'ServiceUnavailable', message: 'The server is shutting down' } }),
        )
        return
      }
      inFlight.add(res)
      res.once('close', () => inFlight.delete(res))
      serving(req, res)
    })
    answerClientErrors(server)
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
  logger.info({ ...timings, sinceProcessStartMs: Math.round(process.uptime() * 1000) }, 'start-up timings')
  const { port } = server.address() as AddressInfo
  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  const url = `http://${host}:${port}`
  const httpServer = server
  // Review links by e-mail on a schedule (REVIEWS_SCHEDULE_HOURS; off by default): server/reviews.
  const stopReviews = startReviewSchedule(db.knex, config, url, logger)

  let stopping: Promise<void> | undefined
  const shutdown = (reason: string) => {
    stopping ??= (async () => {
      logger.info(
        { reason, inFlight: inFlight.size },
        'shutting down: no new requests, finishing in-flight ones',
      )
      shuttingDown = true
      snapshotSchedule?.stop()
      stopReviews()
      // In-flight answers close their socket when done instead of keeping it alive for more.
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close')
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()))
      // Keep-alive sockets with no request in flight would hold close() open.
      httpServer.closeIdleConnections()
      // A streamed answer already past its headers keeps its socket alive when it ends: sweep those.
      const sweep = setInterval(() => httpServer.closeIdleConnections(), 100)
      const timer = setTimeout(() => {
        logger.warn('shutdown timeout: closing remaining connections')
        httpServer.closeAllConnections()
      }, config.shutdownTimeoutMs)
      await closed
      clearTimeout(timer)
      clearInterval(sweep)
      if (app) await closeApp(app)
      await db.close()
      logger.info('shutdown complete')
    })()
    return stopping
  }
  return { url, db, server: httpServer, notices, shutdown }
}

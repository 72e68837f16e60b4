import knexFactory, { type Knex } from 'knex'
import pg from 'pg'
import { type Config, DATABASE_IDLE_TIMEOUT_DEFAULT_MS, redactUrl } from './config'
import { type EmbeddedOptions, type EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres'

// bigint counts fit comfortably in a JS number for anything this product counts.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v))

export type Engine = 'embedded' | 'server'

export interface Database {
  /** The primary: every write, and every read that must see the writes (read-your-writes). */
  knex: Knex
  /**
   * Where read-only public reads go (search, signposting, provider pages, coverage, geography,
   * feeds, downloads): the read replica when DATABASE_REPLICA_URL is set, otherwise `knex` itself.
   */
  read: Knex
  /** The read replica, when one is configured (server mode only). */
  replica?: { location: string }
  engine: Engine
  /** Where the data lives, for log lines (password hidden). */
  location: string
  /** The PGlite instance behind an embedded database (tests dump it as a template). */
  embedded?: EmbeddedPostgres
  close(): Promise<void>
}

export class DatabaseConnectError extends Error {
  override name = 'DatabaseConnectError'
}

/** node-postgres' wire connection behind a client: it reports every ErrorResponse, FATAL ones too. */
type ClientWithWire = pg.Client & {
  connection?: { on(event: 'errorMessage', listener: (msg: { severity?: string }) => void): void }
}

interface PoolSettings {
  poolMax: number
  connectTimeoutMs: number
  idleTimeoutMs: number
}

/**
 * Every new pooled connection starts from a clean session. On a server each connection is a new
 * backend, so this is a formality; behind the embedded engine's socket every connection shares
 * PGlite's one backend, which keeps whatever the previous connection left: named prepared
 * statements above all. node-postgres remembers the statements it prepared per client, so a new
 * client (after the pool closed an idle one) would meet `prepared statement "…" already exists`
 * on its first named query. DISCARD ALL drops prepared statements, session settings, temporary
 * tables and advisory locks; pglite-socket has already rolled back a transaction the previous
 * connection left open.
 */
const resetSession = 'DISCARD ALL'

function createKnex(connectionString: string, settings: PoolSettings): Knex {
  const { poolMax, connectTimeoutMs, idleTimeoutMs } = settings
  // Clients whose backend has said FATAL (pg_terminate_backend, a shutdown): the session is over.
  const ended = new WeakSet<pg.Client>()
  const knex = knexFactory({
    client: 'pg',
    connection: { connectionString, connectionTimeoutMillis: connectTimeoutMs },
    pool: {
      min: 0,
      max: poolMax,
      idleTimeoutMillis: idleTimeoutMs,
      // A connection the server killed (restart, pg_terminate_backend) emits 'error' on an idle
      // client; without a listener that error would crash the process.
      afterCreate(conn: pg.Client, done: (err: Error | null, conn: pg.Client) => void) {
        conn.on('error', () => {})
        ;(conn as ClientWithWire).connection?.on('errorMessage', (msg) => {
          if (msg.severity === 'FATAL' || msg.severity === 'PANIC') ended.add(conn)
        })
        conn.query(resetSession).then(
          () => done(null, conn),
          (err: Error) => done(err, conn),
        )
      },
      // A FATAL that arrives during a query fails that query only: the client stays usable in
      // node-postgres' and knex's eyes until the socket's end is read, a moment later. Released to
      // the pool in between, it would be handed to the next query, which then fails with
      // "Connection terminated unexpectedly". The pool discards such a client instead.
      validate: (conn: pg.Client) => !ended.has(conn),
    },
    acquireConnectionTimeout: Math.max(connectTimeoutMs * 2, 10_000),
  })
  return knex
}

async function checkConnection(knex: Knex, where: string): Promise<void> {
  try {
    await knex.raw('select 1')
  } catch (err) {
    await knex.destroy().catch(() => {})
    const reason = err instanceof Error ? err.message || (err as NodeJS.ErrnoException).code : String(err)
    throw new DatabaseConnectError(`Cannot connect to the database at ${where}: ${reason}`)
  }
}

/** Server mode when DATABASE_URL is set, otherwise embedded PGlite under DATA_DIR/pglite. */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'databasePoolMax' | 'databaseConnectTimeoutMs' | 'dataDir'> &
    Partial<Pick<Config, 'databaseIdleTimeoutMs'>>,
  embeddedOptions?: EmbeddedOptions,
): Promise<Database> {
  const settings = (poolMax: number): PoolSettings => ({
    poolMax,
    connectTimeoutMs: config.databaseConnectTimeoutMs,
    idleTimeoutMs: config.databaseIdleTimeoutMs ?? DATABASE_IDLE_TIMEOUT_DEFAULT_MS,
  })
  if (config.databaseUrl) {
    const location = redactUrl(config.databaseUrl)
    const knex = createKnex(config.databaseUrl, settings(config.databasePoolMax))
    await checkConnection(knex, location)
    return { knex, read: knex, engine: 'server', location, close: () => knex.destroy() }
  }
  const embedded = await startEmbeddedPostgres(embeddedOptions ?? { dataDir: config.dataDir })
  // PGlite runs one query at a time: a pool of one keeps transactions on a single session.
  const knex = createKnex(embedded.connectionString, settings(1))
  try {
    await checkConnection(knex, embedded.connectionString)
  } catch (err) {
    await embedded.close()
    throw err
  }
  return {
    knex,
    read: knex,
    engine: 'embedded',
    embedded,
    location: embeddedOptions?.dataDir ?? (embeddedOptions ? 'memory' : config.dataDir),
    async close() {
      await knex.destroy()
      await embedded.close()
    },
  }
}

/**
 * Adds a read replica to a server-mode database: a second pool that `db.read` points at. The
 * replica must answer at start-up like the primary; `close` closes both pools.
 */
export async function attachReplica(
  db: Database,
  config: Pick<Config, 'databasePoolMax' | 'databaseConnectTimeoutMs'> &
    Partial<Pick<Config, 'databaseIdleTimeoutMs'>>,
  replicaUrl: string,
): Promise<Database> {
  if (db.engine !== 'server') {
    throw new DatabaseConnectError('A read replica needs the server engine (DATABASE_URL)')
  }
  const location = redactUrl(replicaUrl)
  const read = createKnex(replicaUrl, {
    poolMax: config.databasePoolMax,
    connectTimeoutMs: config.databaseConnectTimeoutMs,
    idleTimeoutMs: config.databaseIdleTimeoutMs ?? DATABASE_IDLE_TIMEOUT_DEFAULT_MS,
  })
  await checkConnection(read, `${location} (DATABASE_REPLICA_URL)`)
  return {
    ...db,
    read,
    replica: { location },
    async close() {
      await Promise.allSettled([read.destroy()])
      await db.close()
    },
  }
}

/**
 * Calls `listener` each time the pool closes a connection (idle past DATABASE_IDLE_TIMEOUT_MS, or
 * broken): the next query opens a fresh, reset session. Logged at debug level by the server.
 */
export function onConnectionClosed(knex: Knex, listener: () => void): void {
  const pool = (knex.client as { pool?: { on(event: 'destroySuccess', listener: () => void): void } }).pool
  pool?.on('destroySuccess', listener)
}

export async function postgisVersion(knex: Knex): Promise<string> {
  const result = await knex.raw<{ rows: Array<{ version: string }> }>(
    'select postgis_lib_version() as version',
  )
  return result.rows[0]?.version ?? 'unknown'
}

/**
 * Where the client gets map layers from, by what the engine can build: vector tiles on the server
 * engine, viewport GeoJSON on the embedded one (PGlite's PostGIS has no ST_AsMVT).
 */
export type MapLayerMode = 'mvt' | 'geojson'

export const mapLayerMode = (engine: Engine): MapLayerMode => (engine === 'server' ? 'mvt' : 'geojson')

import fs from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError'
}

export interface EmbeddedPostgres {
  /** A postgres:// URL on a loopback port, for knex/pg. */
  connectionString: string
  pglite: PGlite
  close(): Promise<void>
}

export interface EmbeddedOptions {
  /** Where PGlite persists its files; undefined keeps the database in memory (tests). */
  dataDir?: string
  /** A tarball from `dumpDataDir`, loaded at start (tests clone a migrated template this way). */
  loadDataDir?: Blob
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * PGlite is a single-process database: two processes writing one data directory corrupt it.
 * A lock file holding our pid turns that into a clear start-up error; a lock left by a dead
 * process (after a crash) is taken over.
 */
function acquireLock(dataDir: string): () => void {
  const lockPath = path.join(dataDir, 'support-atlas.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' })
      return () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath)
        } catch {
          // already gone
        }
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const holder = Number(fs.readFileSync(lockPath, 'utf8').trim())
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && processIsAlive(holder)) {
        throw new DataDirLockedError(
          `The embedded database in ${dataDir} is in use by another Support Atlas process (pid ${holder}); stop it or set DATA_DIR to another folder`,
        )
      }
      fs.unlinkSync(lockPath)
    }
  }
  throw new DataDirLockedError(`Could not lock the embedded database in ${dataDir}`)
}

/** Starts PGlite with PostGIS and serves it on a loopback port so knex/pg use it as a server. */
export async function startEmbeddedPostgres(options: EmbeddedOptions = {}): Promise<EmbeddedPostgres> {
  let releaseLock = () => {}
  let pgliteDir: string | undefined
  if (options.dataDir) {
    fs.mkdirSync(options.dataDir, { recursive: true })
    releaseLock = acquireLock(options.dataDir)
    pgliteDir = path.join(options.dataDir, 'pglite')
  }
  let pglite: PGlite
  try {
    pglite = await PGlite.create({
      ...(pgliteDir ? { dataDir: pgliteDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: { postgis },
    })
  } catch (err) {
    releaseLock()
    throw err
  }
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0 })
  await server.start()
  const [host, port] = server.getServerConn().split(':')
  let closed = false
  return {
    connectionString: `postgres://postgres@${host}:${port}/postgres`,
    pglite,
    async close() {
      if (closed) return
      closed = true
      await server.stop()
      await pglite.close()
      releaseLock()
    },
  }
}

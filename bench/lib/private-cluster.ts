import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import knexFactory, { type Knex } from 'knex'

/**
 * A throwaway PostgreSQL cluster of the machine's own binaries (initdb + pg_ctl) in a temporary
 * directory, on a free loopback port: the resilience bench stops, restarts and kills its backends,
 * which must never happen to the shared cluster other people's tests use. Trust authentication on
 * 127.0.0.1 only; `remove` stops it and deletes the directory, and so does the bench process's exit.
 */

const BIN = process.env.BENCH_PG_BIN ?? '/usr/lib/postgresql/15/bin'
const SUPERUSER = 'atlas_bench'

export interface PrivateCluster {
  port: number
  /** Directory of the cluster (data/, socket and log). */
  dir: string
  /** postgres:// URL of `database` as the cluster's superuser. */
  url(database: string): string
  /** A one-connection knex on the `postgres` database, for CREATE DATABASE and pg_terminate_backend. */
  admin(): Knex
  /** pg_ctl stop -m fast: sessions are terminated (57P01), as in a restart of the service. */
  stop(): void
  start(): void
  /** Stops it (immediate) and deletes its directory. */
  remove(): void
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/** initdb refuses to run as root: run the cluster's commands as `postgres` then. */
function run(dir: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0
  const [file, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', ...args]]
    : [args[0] as string, args.slice(1)]
  const result = spawnSync(file, argv, { cwd: dir, encoding: 'utf8' })
  if (result.status !== 0) {
    throw new Error(`${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`)
  }
}

export async function startPrivateCluster(log: (line: string) => void): Promise<PrivateCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'support-atlas-bench-cluster-'))
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir])
  const data = path.join(dir, 'data')
  const port = await freePort()
  let running = false
  const pgCtl = (...args: string[]) => run(dir, [path.join(BIN, 'pg_ctl'), '-D', data, ...args])
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c max_connections=200`
  const cluster: PrivateCluster = {
    port,
    dir,
    url: (database) => `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`,
    admin: () => knexFactory({ client: 'pg', connection: cluster.url('postgres'), pool: { min: 0, max: 1 } }),
    start() {
      pgCtl('-o', options, '-l', path.join(dir, 'postgres.log'), '-w', 'start')
      running = true
    },
    stop() {
      pgCtl('-m', 'fast', '-w', 'stop')
      running = false
    },
    remove() {
      process.removeListener('exit', onExit)
      if (running) {
        try {
          pgCtl('-m', 'immediate', '-w', 'stop')
        } catch {
          // Already down: the directory goes anyway.
        }
        running = false
      }
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
  // A bench killed or failing mid-way must not leave a postmaster behind.
  const onExit = () => cluster.remove()
  process.once('exit', onExit)
  log(`[cluster] initdb in ${dir}, port ${port}...`)
  try {
    run(dir, [
      path.join(BIN, 'initdb'),
      '-D',
      data,
      '-U',
      SUPERUSER,
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--no-sync',
    ])
    cluster.start()
  } catch (err) {
    cluster.remove()
    throw err
  }
  return cluster
}

import http from 'node:http'
import type { AddressInfo } from 'node:net'
import autocannon from 'autocannon'
import { createApp } from '../../server/app'
import { loadConfig } from '../../server/lib/config'
import type { Database } from '../../server/lib/db'

/** Waits until no query is running or queued (tarn's pool, behind knex), for up to 30 s. */
export async function poolIdle(db: Database): Promise<void> {
  const pool = (db.knex.client as { pool?: { numUsed(): number; numPendingAcquires(): number } }).pool
  for (let i = 0; pool && i < 300 && pool.numUsed() + pool.numPendingAcquires() > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** The real app (production settings, silent logs) on a free loopback port. */
export async function listenApp(
  db: Database,
  env: Record<string, string> = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    GEO_DATA_DIR: '../shared/geo',
    ...env,
  })
  const server = http.createServer(createApp({ db, config }))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
      // Requests autocannon abandoned at its deadline may still be queued for a connection.
      await poolIdle(db)
    },
  }
}

export interface LoadResult {
  /** Response times (ms) of the 200 responses. */
  samples: number[]
  requests: number
  non2xx: number
  errors: number
  seconds: number
  /** The first non-200 path seen, for the notes. */
  firstFailure?: string
}

/** autocannon with `connections` connections for `seconds`, cycling through `paths`; every response time kept. */
export async function loadPaths(url: string, paths: readonly string[], seconds: number, connections: number) {
  let next = 0
  const samples: number[] = []
  let firstFailure: string | undefined
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        requests: [
          {
            setupRequest: (request) => {
              const path = paths[next % paths.length] as string
              next++
              return { ...request, path }
            },
          },
        ],
      },
      (err, done) => (err ? reject(err) : resolve(done)),
    )
    instance.on('response', (client, statusCode, _bytes, responseTime) => {
      if (statusCode === 200) samples.push(responseTime)
      else firstFailure ??= `${statusCode} ${(client as { opts?: { path?: string } }).opts?.path ?? ''}`
    })
  })
  return {
    samples,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    seconds: result.duration,
    firstFailure,
  } satisfies LoadResult
}

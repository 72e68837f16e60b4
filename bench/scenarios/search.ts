import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import autocannon from 'autocannon'
import { createApp } from '../../server/app'
import { postcodeStore } from '../../server/geo/postcode-store'
import { loadConfig } from '../../server/lib/config'
import type { Database } from '../../server/lib/db'
import type { BenchEngine } from '../lib/engines'
import { openDirectoryDatabase } from '../lib/fixture'
import { perEngine } from '../lib/per-engine'
import { type BenchRow, peakRssMb } from '../lib/report'
import { seededRandom, summarize } from '../lib/stats'
import type { Scenario, ScenarioResult } from '../run'
import { benchStoreConfig, spreadOfPostcodes } from './geo-bench-queries'

/** The load: 10 concurrent connections over HTTP. */
const CONNECTIONS = 10
const WARMUP_SECONDS = 5
const MEASURE_SECONDS = Number(process.env.BENCH_SEARCH_SECONDS ?? 10)
const POSTCODES = 1_000
/** Target p95 (ms) per directory size, server engine (issue 4). */
const TARGETS: Record<number, number> = { 10000: 30, 100000: 60 }
const DEFAULT_SIZES: Record<BenchEngine, number[]> = { server: [10_000, 100_000], embedded: [10_000] }
/** BENCH_SEARCH_SIZES=100000 (comma-separated) re-runs chosen sizes only, on every engine selected. */
function chosenSizes(raw: string | undefined): Record<BenchEngine, number[]> {
  if (!raw) return DEFAULT_SIZES
  const sizes = raw.split(',').map((v) => v.trim())
  if (!sizes.every((v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 1_000_000)) {
    throw new Error(
      `BENCH_SEARCH_SIZES must be comma-separated whole numbers from 1 to 1000000 (got "${raw}")`,
    )
  }
  return { server: sizes.map(Number), embedded: sizes.map(Number) }
}
const SIZES = chosenSizes(process.env.BENCH_SEARCH_SIZES)

// A helpline's typical asks: a need (function) and a group (strand).
const FUNCTIONS = ['training', 'information-advice', 'grants', 'networks', 'consultancy', 'advocacy']
const STRANDS = ['race', 'disability', 'sexual-orientation', 'age', 'sex', 'religion-belief', 'carers']

/** A fixed, shuffled sequence of search URLs: postcode + function + strand. */
function searchPaths(postcodes: string[], count: number): string[] {
  const random = seededRandom(4)
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)] as T
  return Array.from({ length: count }, () => {
    const params = new URLSearchParams({
      postcode: pick(postcodes),
      function: pick(FUNCTIONS),
      strand: pick(STRANDS),
    })
    return `/api/providers?${params}`
  })
}

/** Waits until no query is running or queued (tarn's pool, behind knex), for up to 30 s. */
async function poolIdle(db: Database): Promise<void> {
  const pool = (db.knex.client as { pool?: { numUsed(): number; numPendingAcquires(): number } }).pool
  for (let i = 0; pool && i < 300 && pool.numUsed() + pool.numPendingAcquires() > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

async function listen(db: Database): Promise<{ url: string; close(): Promise<void> }> {
  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', GEO_DATA_DIR: '../shared/geo' })
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

interface LoadResult {
  samples: number[]
  requests: number
  non2xx: number
  errors: number
  seconds: number
}

/** autocannon with CONNECTIONS connections, cycling through `paths`; every response time kept. */
async function load(url: string, paths: string[], seconds: number): Promise<LoadResult> {
  let next = 0
  const samples: number[] = []
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: CONNECTIONS,
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
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === 200) samples.push(responseTime)
    })
  })
  return {
    samples,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    seconds: result.duration,
  }
}

async function runOnEngine(engine: BenchEngine, log: (line: string) => void): Promise<ScenarioResult> {
  const rows: BenchRow[] = []
  const notes: string[] = []
  for (const size of SIZES[engine]) {
    const sizeLabel = `demo + ${size.toLocaleString('en-GB')} providers`
    const db = await openDirectoryDatabase(engine, size, log)
    try {
      const postcodes = spreadOfPostcodes(postcodeStore(benchStoreConfig()), POSTCODES, {
        englandAndWales: true,
      })
      const paths = searchPaths(postcodes, 20_000)
      const server = await listen(db)
      try {
        log(
          `[search/${engine}] ${WARMUP_SECONDS} s warm-up, then ${MEASURE_SECONDS} s at ${CONNECTIONS} connections...`,
        )
        await load(server.url, paths, WARMUP_SECONDS)
        const loadBefore = os.loadavg()[0] as number
        const measured = await load(server.url, paths.slice(7_000), MEASURE_SECONDS)
        const summary = summarize(measured.samples)
        // The machine may be shared: the 1-minute load average says how much CPU the run had.
        notes.push(
          `${engine} at ${sizeLabel}: 1-minute load average ${loadBefore.toFixed(1)} before and ${(os.loadavg()[0] as number).toFixed(1)} after the measured run, on ${os.cpus().length} CPUs`,
        )
        rows.push({
          scenario: 'search: GET /api/providers (postcode + function + strand)',
          engine,
          size: `${sizeLabel}, ${CONNECTIONS} connections`,
          latency: summary,
          throughput: measured.samples.length / measured.seconds,
          throughputUnit: 'req/s',
          errors: measured.non2xx + measured.errors,
          peakRssMb: peakRssMb(),
        })
        const target = TARGETS[size]
        if (engine === 'server' && target !== undefined) {
          notes.push(
            `server target search p95 <= ${target} ms at ${sizeLabel}: ${summary.p95 <= target ? 'met' : 'NOT met'} (${summary.p95.toFixed(1)} ms)`,
          )
        }
        if (measured.non2xx + measured.errors > 0) {
          notes.push(
            `${engine} at ${sizeLabel}: ${measured.non2xx} non-200 responses, ${measured.errors} errors/timeouts`,
          )
        }
      } finally {
        await server.close()
      }
    } finally {
      await db.close()
    }
  }
  notes.push(
    `${engine} search: the demo directory plus the seeded generator's providers; load generator (autocannon) in the same process as the app${engine === 'embedded' ? ' and PGlite' : ''}`,
  )
  return { rows, notes }
}

export const searchScenario: Scenario = {
  name: 'search',
  description:
    'Directory search over HTTP (postcode + function + strand, 10 connections, autocannon) on 10,000 and 100,000 generated providers (server) and 10,000 (embedded)',
  run(engines, log) {
    return perEngine(engines, (engine) => runOnEngine(engine, log))
  },
}

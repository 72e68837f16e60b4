import { areasForPoint } from '../../server/geo/place-resolver'
import { loadConfig } from '../../server/lib/config'
import type { Database } from '../../server/lib/db'
import type { LngLat } from '../../server/lib/geometry'
import { type SignpostParams, signpostProviders } from '../../server/signpost/signpost-queries'
import { londonDate } from '../../server/signpost/signpost-reasons'
import { mostLocalAreaCodes, ruleCodes } from '../../server/signpost/signpost-service'
import type { BenchEngine } from '../lib/engines'
import { openDirectoryDatabase } from '../lib/fixture'
import { listenApp, loadPaths } from '../lib/http-load'
import { perEngine } from '../lib/per-engine'
import { type BenchRow, peakRssMb } from '../lib/report'
import { seededRandom, summarize, timeEach } from '../lib/stats'
import type { Scenario, ScenarioResult } from '../run'
import { pointsInsideNations } from './geo-bench-queries'

/** The load: 10 concurrent connections over HTTP for 20 s (BENCH_SIGNPOST_SECONDS to change). */
const CONNECTIONS = 10
const WARMUP_SECONDS = 5
const MEASURE_SECONDS = Number(process.env.BENCH_SIGNPOST_SECONDS ?? 20)
const POINTS = 2_000
/** Target p95 (ms) per directory size, server engine (issue 6). */
const TARGETS: Record<number, number> = { 10000: 15, 100000: 30 }
const DEFAULT_SIZES: Record<BenchEngine, number[]> = { server: [10_000, 100_000], embedded: [10_000] }
/** BENCH_SIGNPOST_SIZES=10000 (comma-separated) runs fewer sizes while iterating. */
const SIZES: Record<BenchEngine, number[]> = process.env.BENCH_SIGNPOST_SIZES
  ? {
      server: process.env.BENCH_SIGNPOST_SIZES.split(',').map(Number),
      embedded: process.env.BENCH_SIGNPOST_SIZES.split(',').map(Number),
    }
  : DEFAULT_SIZES
// Bounding box of England and Wales in the boundary files.
const BBOX = { west: -6.42, south: 49.86, east: 1.77, north: 55.82 }

// A helpline's asks: a need (function) and a group (strand); the same lists as the search scenario.
const FUNCTIONS = ['training', 'information-advice', 'grants', 'networks', 'consultancy', 'advocacy']
const STRANDS = ['race', 'disability', 'sexual-orientation', 'age', 'sex', 'religion-belief', 'carers']

interface Ask {
  point: LngLat
  fn: string
  strand: string
}

/** Random points inside England and Wales, each with a random function and strand; the same on every run. */
async function randomAsks(db: Database): Promise<Ask[]> {
  const random = seededRandom(20261106)
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)] as T
  const points: LngLat[] = []
  while (points.length < POINTS) {
    const lngs: number[] = []
    const lats: number[] = []
    for (let i = 0; i < 2_000; i++) {
      lngs.push(Number((BBOX.west + random() * (BBOX.east - BBOX.west)).toFixed(5)))
      lats.push(Number((BBOX.south + random() * (BBOX.north - BBOX.south)).toFixed(5)))
    }
    for (const i of await pointsInsideNations(db.knex, lngs, lats)) {
      if (points.length < POINTS) points.push({ lng: lngs[i] as number, lat: lats[i] as number })
    }
  }
  return points.map((point) => ({ point, fn: pick(FUNCTIONS), strand: pick(STRANDS) }))
}

const pathOf = (a: Ask) =>
  `/api/signpost?${new URLSearchParams({ lat: String(a.point.lat), lng: String(a.point.lng), function: a.fn, strand: a.strand })}`

async function runOnEngine(engine: BenchEngine, log: (line: string) => void): Promise<ScenarioResult> {
  const rows: BenchRow[] = []
  const notes: string[] = []
  const config = loadConfig({ GEO_DATA_DIR: process.env.GEO_DATA_DIR ?? '../shared/geo' })
  const maxResults = config.signpostMaxResults
  for (const size of SIZES[engine]) {
    const sizeLabel = `demo + ${size.toLocaleString('en-GB')} providers`
    const db = await openDirectoryDatabase(engine, size, log)
    try {
      const asks = await randomAsks(db)
      const paths = asks.map(pathOf)
      // The SQL floor gets the place already resolved, as the service has it after its geography call.
      const today = londonDate(new Date())
      const statements: SignpostParams[] = []
      for (const ask of asks) {
        const place = await areasForPoint(db.knex, ask.point)
        statements.push({
          placeAreaCodes: mostLocalAreaCodes(place.areas),
          origin: ask.point,
          minShare: config.coverageMinSharePercent / 100,
          functions: [ask.fn],
          topics: [],
          strands: [ask.strand],
          today,
          limit: maxResults,
          ...ruleCodes,
        })
      }

      log(`[signpost/${engine}] SQL floor: the ranking statement, ${statements.length} asks one at a time...`)
      await timeEach(statements.slice(0, 200), (s) => signpostProviders(db.knex, s))
      const floor = await timeEach(statements, (s) => signpostProviders(db.knex, s))
      const answered = await Promise.all(statements.slice(0, 200).map((s) => signpostProviders(db.knex, s)))
      const meanRows = answered.reduce((n, r) => n + r.length, 0) / answered.length
      rows.push({
        scenario: 'signpost: SQL floor (ranking statement, 1 connection)',
        engine,
        size: `${sizeLabel}, ${statements.length} asks`,
        latency: summarize(floor.samples),
        throughput: floor.samples.length / floor.seconds,
        errors: floor.errors,
        peakRssMb: peakRssMb(),
      })
      if (floor.firstError) notes.push(`${engine} at ${sizeLabel}: SQL floor error: ${floor.firstError}`)

      const server = await listenApp(db)
      try {
        log(
          `[signpost/${engine}] ${WARMUP_SECONDS} s warm-up, then ${MEASURE_SECONDS} s at ${CONNECTIONS} connections...`,
        )
        await loadPaths(server.url, paths, WARMUP_SECONDS, CONNECTIONS)
        const measured = await loadPaths(
          server.url,
          [...paths.slice(700), ...paths.slice(0, 700)],
          MEASURE_SECONDS,
          CONNECTIONS,
        )
        const summary = summarize(measured.samples)
        rows.push({
          scenario: 'signpost: GET /api/signpost (point + function + strand)',
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
            `server target signpost p95 <= ${target} ms at ${sizeLabel}: ${summary.p95 <= target ? 'met' : 'NOT met'} (${summary.p95.toFixed(1)} ms over HTTP; SQL floor p95 ${summarize(floor.samples).p95.toFixed(1)} ms); ${meanRows.toFixed(1)} rows per answer on average`,
          )
        }
        if (measured.non2xx + measured.errors > 0) {
          notes.push(
            `${engine} at ${sizeLabel}: ${measured.non2xx} non-200 responses (first: ${measured.firstFailure ?? '-'}), ${measured.errors} errors/timeouts`,
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
    `${engine} signpost: random points in England and Wales × function × strand, over the demo directory plus the seeded generator's providers; HTTP includes the place lookup (point -> areas) and the ranking; autocannon runs in the same process as the app${engine === 'embedded' ? ' and PGlite' : ''}`,
  )
  return { rows, notes }
}

export const signpostScenario: Scenario = {
  name: 'signpost',
  description:
    'Signposting over HTTP (random point + function + strand, 10 connections, autocannon) beside the ranking statement alone (SQL floor), on 10,000 and 100,000 generated providers (server) and 10,000 (embedded)',
  run(engines, log) {
    return perEngine(engines, (engine) => runOnEngine(engine, log))
  },
}

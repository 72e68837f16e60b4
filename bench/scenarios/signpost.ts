import { areasForPoint } from '../../server/geo/place-resolver'
import { loadConfig } from '../../server/lib/config'
import type { Database } from '../../server/lib/db'
import type { LngLat } from '../../server/lib/geometry'
import { type SignpostParams, signpostProviders } from '../../server/signpost/signpost-queries'
import { londonDate } from '../../server/signpost/signpost-reasons'
import { mostLocalAreaCodes, ruleCodes } from '../../server/signpost/signpost-service'
import { startAppProcess } from '../lib/app-process'
import type { BenchEngine } from '../lib/engines'
import { openDirectoryDatabase } from '../lib/fixture'
import { perEngine } from '../lib/per-engine'
import { type BenchRow, peakRssMb } from '../lib/report'
import { seededRandom, summarize, timeEach } from '../lib/stats'
import { measureUserView, type UserView } from '../lib/user-view'
import type { Scenario, ScenarioResult } from '../run'
import { pointsInsideNations } from './geo-bench-queries'

const POINTS = 2_000
/** Target one-connection p50 (ms) per directory size, server engine (issue 18). */
const TARGETS: Record<number, number> = { 10000: 3, 100000: 6 }
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
  const userView: UserView[] = []
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

      log(`[signpost/${engine}] the app in its own process, the load from another...`)
      const app = await startAppProcess(engine, db)
      try {
        const view = await measureUserView({
          scenario: 'signpost: GET /api/signpost (point + function + strand)',
          engine,
          size: sizeLabel,
          url: app.server.url,
          appPid: app.server.child.pid as number,
          paths: [...paths.slice(700), ...paths.slice(0, 700)],
          pg: app.pg,
          floor: summarize(floor.samples),
          log,
        })
        userView.push(view)
        notes.push(...view.notes.map((n) => `${engine} signpost at ${sizeLabel}: ${n}`))
        const target = TARGETS[size]
        if (engine === 'server' && target !== undefined) {
          notes.push(
            `server target signpost one-connection p50 <= ${target} ms at ${sizeLabel}: ${view.oneConnection.p50 <= target ? 'met' : 'NOT met'} (${view.oneConnection.p50.toFixed(1)} ms over HTTP; SQL floor p50 ${summarize(floor.samples).p50.toFixed(1)} ms); ${meanRows.toFixed(1)} rows per answer on average`,
          )
        }
      } finally {
        await app.stop()
      }
    } finally {
      await db.close()
    }
  }
  notes.push(
    `${engine} signpost: random points in England and Wales × function × strand, over the demo directory plus the seeded generator's providers; HTTP includes the place lookup (point -> areas) and the ranking; the app (scripts/serve.ts) and the load generator (autocannon, or an open-loop node:http generator at half the peak) each run in a process of their own on the same 2 cores`,
  )
  return { rows, notes, userView }
}

export const signpostScenario: Scenario = {
  name: 'signpost',
  description:
    'Signposting over HTTP (random point + function + strand; the app and the load generator in processes of their own: one connection, saturation with CPU per request, half the peak open loop, 2× and 10× saturation) beside the ranking statement alone (SQL floor), on 10,000 and 100,000 generated providers (server) and 10,000 (embedded)',
  run(engines, log) {
    return perEngine(engines, (engine) => runOnEngine(engine, log))
  },
}

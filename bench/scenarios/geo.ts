import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { createApp } from '../../server/app'
import { loadBoundaries } from '../../server/geo/geo-seed'
import { areasForPoint, defaultGeoOptions, lookupPostcode } from '../../server/geo/place-resolver'
import { parsePostcode } from '../../server/geo/postcode'
import {
  buildPostcodeStore,
  openPostcodeStore,
  POSTCODE_STORE_FILE,
  POSTCODES_UK_FILE,
} from '../../server/geo/postcode-store'
import { loadConfig } from '../../server/lib/config'
import type { Database } from '../../server/lib/db'
import type { LngLat } from '../../server/lib/geometry'
import { type BenchEngine, openBenchDatabase } from '../lib/engines'
import { createHttpClient } from '../lib/http-client'
import { perEngine } from '../lib/per-engine'
import { type BenchRow, peakRssMb } from '../lib/report'
import { seededRandom, summarize, timeEach } from '../lib/stats'
import type { Scenario, ScenarioResult } from '../run'
import { pointsInsideNations, postgisLibVersion, randomPostcodes } from './geo-bench-queries'

const DEFAULT_POINTS = 5_000
/** The whole-polygon reference (the naive approach, ~90 ms a point on the server) runs on the first 200 of the same points. */
const WHOLE_POLYGON_POINTS = 200
const WARMUP = 300
// Bounding box of England and Wales in the boundary files.
const BBOX = { west: -6.42, south: 49.86, east: 1.77, north: 55.82 }

/** Uniformly random points inside England and Wales, identical on every run and engine. */
async function randomPoints(db: Database, count: number): Promise<LngLat[]> {
  const random = seededRandom(20261123)
  const points: LngLat[] = []
  while (points.length < count) {
    const lngs: number[] = []
    const lats: number[] = []
    for (let i = 0; i < 4_000; i++) {
      lngs.push(Number((BBOX.west + random() * (BBOX.east - BBOX.west)).toFixed(6)))
      lats.push(Number((BBOX.south + random() * (BBOX.north - BBOX.south)).toFixed(6)))
    }
    for (const i of await pointsInsideNations(db.knex, lngs, lats)) {
      if (points.length < count) points.push({ lng: lngs[i] as number, lat: lats[i] as number })
    }
  }
  return points
}

function shuffled<T>(items: T[], seed: number): T[] {
  const random = seededRandom(seed)
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out
}

async function listen(db: Database, dataDir: string): Promise<{ url: string; close(): Promise<void> }> {
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    GEO_DATA_DIR: process.env.GEO_DATA_DIR ?? '../shared/geo',
    DATA_DIR: dataDir,
  })
  const server = http.createServer(createApp({ db, config }))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

async function runOnEngine(
  engine: BenchEngine,
  engines: BenchEngine[],
  benchDir: string,
  count: number,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  const rows: BenchRow[] = []
  const notes: string[] = []
  const config = loadConfig({ GEO_DATA_DIR: process.env.GEO_DATA_DIR ?? '../shared/geo' })
  const db = await openBenchDatabase(engine)
  try {
    log(`[geo/${engine}] PostGIS ${await postgisLibVersion(db.knex)}: importing boundaries...`)
    const boundaries = await loadBoundaries(db, config)
    const features = boundaries.layers.reduce((n, l) => n + l.features, 0)
    rows.push({
      scenario: 'geo: boundary import',
      engine,
      size: `${boundaries.layers.length} layers, ${features} features`,
      throughput: features / (boundaries.ms / 1000),
      throughputUnit: 'features/s',
      errors: boundaries.ok ? 0 : 1,
      peakRssMb: peakRssMb(),
    })
    // Postcodes are not in the database: both engines read the packed file (docs/decisions/0011).
    // It is built once per run (the first engine), timed here, then opened.
    let built = ''
    if (engine === engines[0]) {
      log(`[geo/${engine}] packing every UK postcode into ${POSTCODE_STORE_FILE}...`)
      const storeFile = path.join(benchDir, POSTCODE_STORE_FILE)
      const report = buildPostcodeStore(path.join(config.geoDataDir, POSTCODES_UK_FILE), storeFile)
      rows.push({
        scenario: 'geo: postcode file build (CSV -> packed, sorted file)',
        engine,
        size: `${report.rows.toLocaleString('en-GB')} rows`,
        throughput: report.rowsPerSecond,
        throughputUnit: 'rows/s',
        errors: 0,
        peakRssMb: peakRssMb(),
      })
      built = `; ${report.postcodes.toLocaleString('en-GB')} postcodes packed in ${(report.ms / 1000).toFixed(1)} s (${Math.round(report.bytes / 1024 / 1024)} MB; ${report.rejected} rows are terminated postcodes no longer valid in form)`
    }
    const openStarted = process.hrtime.bigint()
    const store = openPostcodeStore(path.join(benchDir, POSTCODE_STORE_FILE), config.geoDataDir)
    const openMs = Number(process.hrtime.bigint() - openStarted) / 1e6
    notes.push(
      `${engine}: boundaries imported in ${(boundaries.ms / 1000).toFixed(1)} s${built}; postcode file opened in ${openMs.toFixed(0)} ms; process RSS after import ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB`,
    )

    const points = await randomPoints(db, count)
    const lookup = (source: 'area_parts' | 'areas') => (p: LngLat) =>
      areasForPoint(db.knex, p, defaultGeoOptions, source)
    log(`[geo/${engine}] ${count} point lookups, subdivided then whole polygons...`)
    await timeEach(points.slice(0, WARMUP), lookup('area_parts'))
    const parts = await timeEach(points, lookup('area_parts'))
    // The naive reference is ~50-100x slower: a sample of it is enough for its percentiles.
    const wholePoints = points.slice(0, Math.min(points.length, WHOLE_POLYGON_POINTS))
    await timeEach(points.slice(0, WARMUP), lookup('areas'))
    const whole = await timeEach(wholePoints, lookup('areas'))
    const partsSummary = summarize(parts.samples)
    const wholeSummary = summarize(whole.samples)
    for (const [label, timed, summary, n] of [
      ['subdivided parts', parts, partsSummary, points.length],
      ['whole polygons', whole, wholeSummary, wholePoints.length],
    ] as const) {
      rows.push({
        scenario: `geo: point -> areas (${label})`,
        engine,
        size: `${n.toLocaleString('en-GB')} points`,
        latency: summary,
        throughput: timed.samples.length / timed.seconds,
        errors: timed.errors,
        peakRssMb: peakRssMb(),
      })
    }
    // Both sources must give the same answer; a difference would make the comparison meaningless.
    let differ = 0
    const checked = points.slice(0, 200)
    for (const p of checked) {
      const a = await lookup('area_parts')(p)
      const b = await lookup('areas')(p)
      if (JSON.stringify(a.areas) !== JSON.stringify(b.areas)) differ++
    }
    const speedup99 = wholeSummary.p99 / partsSummary.p99
    const speedup50 = wholeSummary.p50 / partsSummary.p50
    notes.push(
      `${engine}: subdivided is ${speedup50.toFixed(1)}x faster at p50 and ${speedup99.toFixed(1)}x at p99 than whole polygons; ${differ} of ${checked.length} checked points differ between the two`,
    )
    if (engine === 'server') {
      notes.push(
        `server target p99 <= 1 ms: ${partsSummary.p99 <= 1 ? 'met' : 'NOT met'} (${partsSummary.p99.toFixed(3)} ms); at least 5x faster than whole polygons: ${speedup99 >= 5 ? 'met' : 'NOT met'} (${speedup99.toFixed(1)}x at p99)`,
      )
    }

    // Postcode -> location/areas over 5,000 random UK postcodes, beside the bare lookup floors.
    const postcodes = randomPostcodes(store, count, 20261207)
    const options = { ...defaultGeoOptions, postcodes: () => store }
    log(`[geo/${engine}] ${count} postcode lookups: file only, then location + areas...`)
    const locateOnly = await timeEach(postcodes, async (pc) => {
      const parsed = parsePostcode(pc)
      if (!parsed || !store.locate(parsed)) throw new Error(`${pc}: not found`)
    })
    await timeEach(postcodes.slice(0, WARMUP), (pc) => lookupPostcode(db.knex, pc, options))
    const full = await timeEach(postcodes, (pc) => lookupPostcode(db.knex, pc, options))
    const located = []
    for (const pc of postcodes) located.push(await lookupPostcode(db.knex, pc, options))
    const points2 = located.flatMap((r) => (r.location ? [r.location] : []))
    const floor = await timeEach(points2, lookup('area_parts'))
    const inside = located.filter((r) => r.coverage === 'inside').length
    for (const [label, timed, n] of [
      ['geo: postcode -> location (packed file, bare lookup)', locateOnly, postcodes.length],
      ['geo: postcode -> location + areas (lookupPostcode)', full, postcodes.length],
      ["geo: the same postcodes' points -> areas (subdivided floor)", floor, points2.length],
    ] as const) {
      rows.push({
        scenario: label,
        engine,
        size: `${n.toLocaleString('en-GB')} random UK postcodes`,
        latency: summarize(timed.samples),
        throughput: timed.samples.length / timed.seconds,
        errors: timed.errors,
        peakRssMb: peakRssMb(),
      })
    }
    notes.push(
      `${engine}: of ${postcodes.length} random UK postcodes, ${inside} resolve inside the loaded areas (the rest are in nations whose boundaries are not loaded); ${located.filter((r) => r.precision === 'postcode').length} by their own point`,
    )

    log(`[geo/${engine}] ${postcodes.length} postcode requests over HTTP...`)
    const sample = shuffled(postcodes, 7)
    const server = await listen(db, benchDir)
    const client = createHttpClient(server.url)
    try {
      const get = async (postcode: string) => {
        const res = await client.get(`/api/geo/postcodes/${encodeURIComponent(postcode)}`)
        if (res.status !== 200) throw new Error(`${postcode}: HTTP ${res.status}`)
      }
      // Baselines: what a trivial query and a trivial request cost on this machine right now.
      const select1 = await timeEach(sample, () => db.knex.raw('SELECT 1'))
      const health = await timeEach(sample, async () => {
        const res = await client.get('/api/health')
        if (res.status !== 200) throw new Error(`health: HTTP ${res.status}`)
      })
      for (const [label, timed] of [
        ['baseline: SELECT 1 round trip', select1],
        ['baseline: GET /api/health', health],
      ] as const) {
        rows.push({
          scenario: label,
          engine,
          size: `${timed.samples.length.toLocaleString('en-GB')} calls`,
          latency: summarize(timed.samples),
          throughput: timed.samples.length / timed.seconds,
          errors: timed.errors,
          peakRssMb: peakRssMb(),
        })
      }
      await timeEach(sample.slice(0, WARMUP), get)
      const timed = await timeEach(sample, get)
      const summary = summarize(timed.samples)
      rows.push({
        scenario: 'geo: GET /api/geo/postcodes/{pc}',
        engine,
        size: `${sample.length.toLocaleString('en-GB')} requests`,
        latency: summary,
        throughput: timed.samples.length / timed.seconds,
        errors: timed.errors,
        peakRssMb: peakRssMb(),
      })
      if (timed.firstError) notes.push(`${engine}: first HTTP error: ${timed.firstError}`)
      if (engine === 'server') {
        notes.push(
          `server target postcode p95 <= 10 ms over HTTP: ${summary.p95 <= 10 ? 'met' : 'NOT met'} (${summary.p95.toFixed(3)} ms)`,
        )
      }
    } finally {
      client.close()
      await server.close()
    }
  } finally {
    await db.close()
  }
  return { rows, notes }
}

export const geoScenario: Scenario = {
  name: 'geo',
  description:
    'Boundary import and the packed postcode file build, point -> areas over the subdivided vs whole polygons (5,000 random points in England and Wales), postcode -> location/areas over 5,000 random UK postcodes beside the bare lookup floors, and the postcode endpoint over HTTP (one connection)',
  run(engines, log, options) {
    const benchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'support-atlas-bench-geo-'))
    return perEngine(engines, (engine) =>
      runOnEngine(engine, engines, benchDir, options.points ?? DEFAULT_POINTS, log),
    ).finally(() => fs.rmSync(benchDir, { recursive: true, force: true }))
  },
}

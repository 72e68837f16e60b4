import http from 'node:http'
import type { BenchEngine } from '../lib/engines'
import { openDirectoryDatabase } from '../lib/fixture'
import { listenApp } from '../lib/http-load'
import { perEngine } from '../lib/per-engine'
import { type BenchRow, peakRssMb } from '../lib/report'
import { seededRandom, summarize, type Timed, timeEach } from '../lib/stats'
import type { Scenario, ScenarioResult } from '../run'

/**
 * Map layers (issue 9): the district boundary layer (`lad`) and the coverage layer over HTTP at
 * z6, z10 and z14 — vector tiles (GET /api/tiles/{layer}/{z}/{x}/{y}.mvt) on the server engine,
 * viewport GeoJSON (GET /api/tiles/{layer}/features?bbox=&zoom=) of the same tiles on the embedded
 * one. Uncached: the app with its tile cache off (TILE_CACHE_MAX_MB=0), every request rendered;
 * cached: the default cache, the same tiles asked a second time (X-Cache: hit). Reference in the
 * same run (server): the naive raw SQL — ST_AsMVT over the full-detail district polygons,
 * transformed per request, no pre-generalised copy.
 * Targets (server): p95 ≤ 50 ms uncached at z6, ≤ 5 ms cached.
 */

const ZOOMS = [6, 10, 14] as const
const TILES_PER_ZOOM = Number(process.env.BENCH_TILES_PER_ZOOM ?? 60)
const LAYERS = ['lad', 'coverage'] as const
const UNCACHED_TARGET_MS = 50
const CACHED_TARGET_MS = 5
// England and Wales, where the boundaries are.
const BBOX = { west: -5.7, south: 50.0, east: 1.7, north: 55.8 }

interface Tile {
  z: number
  x: number
  y: number
}

function tileOf(lng: number, lat: number, z: number): Tile {
  const n = 2 ** z
  const x = Math.floor(((lng + 180) / 360) * n)
  const rad = (lat * Math.PI) / 180
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n)
  return { z, x, y }
}

function tileBbox({ z, x, y }: Tile): [number, number, number, number] {
  const n = 2 ** z
  const lng = (tx: number) => (tx / n) * 360 - 180
  const lat = (ty: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * ty) / n))) * 180) / Math.PI
  const r = (v: number) => Number(v.toFixed(6))
  return [r(lng(x)), r(lat(y + 1)), r(lng(x + 1)), r(lat(y))]
}

/** Distinct tiles at z under random points in England and Wales (all of them at z6, where there are few). */
function tilesAt(z: number): Tile[] {
  const random = seededRandom(600 + z)
  const seen = new Map<string, Tile>()
  for (let i = 0; i < TILES_PER_ZOOM * 20 && seen.size < TILES_PER_ZOOM; i++) {
    const t = tileOf(
      BBOX.west + random() * (BBOX.east - BBOX.west),
      BBOX.south + random() * (BBOX.north - BBOX.south),
      z,
    )
    seen.set(`${t.x}/${t.y}`, t)
  }
  return [...seen.values()]
}

function pathFor(engine: BenchEngine, layer: string, t: Tile): string {
  return engine === 'server'
    ? `/api/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt`
    : `/api/tiles/${layer}/features?${new URLSearchParams({ bbox: tileBbox(t).join(','), zoom: String(t.z) })}`
}

/** GET with a keep-alive agent; resolves with status, body size and X-Cache. */
function getter(baseUrl: string) {
  const url = new URL(baseUrl)
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  return {
    get(path: string): Promise<{ status: number; bytes: number; cache: string | undefined }> {
      return new Promise((resolve, reject) => {
        const req = http.get({ host: url.hostname, port: url.port, path, agent }, (res) => {
          let bytes = 0
          res.on('data', (c: Buffer) => {
            bytes += c.length
          })
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              bytes,
              cache: res.headers['x-cache'] as string | undefined,
            }),
          )
          res.on('error', reject)
        })
        req.on('error', reject)
      })
    },
    close: () => agent.destroy(),
  }
}

async function runOnEngine(engine: BenchEngine, log: (line: string) => void): Promise<ScenarioResult> {
  const rows: BenchRow[] = []
  const notes: string[] = []
  const db = await openDirectoryDatabase(engine, 0, log)
  try {
    const kind = engine === 'server' ? 'MVT' : 'viewport GeoJSON'
    const push = (scenario: string, size: string, timed: Timed) => {
      rows.push({
        scenario,
        engine,
        size,
        latency: summarize(timed.samples),
        throughput: timed.samples.length / timed.seconds,
        errors: timed.errors,
        peakRssMb: peakRssMb(),
      })
      if (timed.firstError) notes.push(`${engine} ${scenario} at ${size}: first error: ${timed.firstError}`)
    }
    const check = (r: { status: number; cache: string | undefined }, wantCache?: string) => {
      if (r.status !== 200) throw new Error(`HTTP ${r.status}`)
      if (wantCache && r.cache !== wantCache) throw new Error(`X-Cache ${r.cache}, expected ${wantCache}`)
    }
    const p95s: Record<string, number> = {}

    for (const [mode, env] of [
      ['uncached', { TILE_CACHE_MAX_MB: '0' }],
      ['cached', {}],
    ] as const) {
      const server = await listenApp(db, env)
      const client = getter(server.url)
      try {
        for (const layer of LAYERS) {
          for (const z of ZOOMS) {
            const paths = tilesAt(z).map((t) => pathFor(engine, layer, t))
            const size = `${paths.length} distinct tiles, z${z}`
            if (mode === 'uncached') {
              log(`[tiles/${engine}] ${layer} z${z}: ${paths.length} ${kind} requests, cache off...`)
              await client.get(paths[0] as string) // connection and first-use warm-up
              const timed = await timeEach(paths, async (p) => check(await client.get(p)))
              push(`tiles: ${layer} ${kind}, uncached (rendered per request)`, size, timed)
              p95s[`${mode} ${layer} z${z}`] = summarize(timed.samples).p95
            } else {
              log(`[tiles/${engine}] ${layer} z${z}: ${paths.length} ${kind} requests, cache filled...`)
              for (const p of paths) check(await client.get(p))
              const timed = await timeEach(paths, async (p) => check(await client.get(p), 'hit'))
              push(`tiles: ${layer} ${kind}, cached (second request, X-Cache: hit)`, size, timed)
              p95s[`${mode} ${layer} z${z}`] = summarize(timed.samples).p95
            }
          }
        }
      } finally {
        client.close()
        await server.close()
      }
    }

    if (engine === 'server') {
      // Reference: the naive tile — ST_AsMVT over the full-detail polygons, transformed per request.
      for (const z of ZOOMS) {
        const tiles = tilesAt(z)
        const timed = await timeEach(tiles, (t) =>
          db.knex.raw(
            `WITH env AS (SELECT ST_TileEnvelope(?, ?, ?) AS box),
             f AS (
               SELECT ST_AsMVTGeom(ST_Transform(a.geom, 3857), env.box, 4096, 64, true) AS geom, a.code, a.name
               FROM areas a, env
               WHERE a.type = 'lad' AND a.geom && ST_Transform(env.box, 4326)
             )
             SELECT ST_AsMVT(f.*, 'lad', 4096, 'geom') AS tile FROM f WHERE geom IS NOT NULL`,
            [t.z, t.x, t.y],
          ),
        )
        push(
          'reference: naive raw ST_AsMVT over full-detail lad polygons (SQL)',
          `${tiles.length} distinct tiles, z${z}`,
          timed,
        )
      }
      for (const layer of LAYERS) {
        const u = p95s[`uncached ${layer} z6`] ?? Number.NaN
        const c = Math.max(...ZOOMS.map((z) => p95s[`cached ${layer} z${z}`] ?? Number.NaN))
        notes.push(
          `server target ${layer} tile p95 <= ${UNCACHED_TARGET_MS} ms uncached at z6: ${u <= UNCACHED_TARGET_MS ? 'met' : 'NOT met'} (${u.toFixed(1)} ms); <= ${CACHED_TARGET_MS} ms cached: ${c <= CACHED_TARGET_MS ? 'met' : 'NOT met'} (worst zoom ${c.toFixed(1)} ms)`,
        )
      }
    }
  } finally {
    await db.close()
  }
  return { rows, notes }
}

export const tilesScenario: Scenario = {
  name: 'tiles',
  description:
    'Map layers (lad boundaries, coverage) at z6/z10/z14 over HTTP: MVT (server) or viewport GeoJSON (embedded), cache off vs cached, beside the naive raw ST_AsMVT over full-detail polygons',
  run(engines, log) {
    return perEngine(engines, (engine) => runOnEngine(engine, log))
  },
}

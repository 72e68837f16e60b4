import { postcodeStore } from '../../server/geo/postcode-store'
import { startAppProcess } from '../lib/app-process'
import type { BenchEngine } from '../lib/engines'
import { openDirectoryDatabase } from '../lib/fixture'
import { perEngine } from '../lib/per-engine'
import type { BenchRow } from '../lib/report'
import { seededRandom } from '../lib/stats'
import { measureUserView, type UserView } from '../lib/user-view'
import type { Scenario, ScenarioResult } from '../run'
import { benchStoreConfig, spreadOfPostcodes } from './geo-bench-queries'

const POSTCODES = 1_000
/** Target CPU per request (Node + PostgreSQL, ms) per directory size, server engine (issue 18). */
const TARGETS: Record<number, number> = { 10000: 3, 100000: 6 }
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

async function runOnEngine(engine: BenchEngine, log: (line: string) => void): Promise<ScenarioResult> {
  const rows: BenchRow[] = []
  const notes: string[] = []
  const userView: UserView[] = []
  for (const size of SIZES[engine]) {
    const sizeLabel = `demo + ${size.toLocaleString('en-GB')} providers`
    const db = await openDirectoryDatabase(engine, size, log)
    try {
      const postcodes = spreadOfPostcodes(postcodeStore(benchStoreConfig()), POSTCODES, {
        englandAndWales: true,
      })
      const paths = searchPaths(postcodes, 20_000)
      log(`[search/${engine}] the app in its own process, the load from another...`)
      const app = await startAppProcess(engine, db)
      try {
        const view = await measureUserView({
          scenario: 'search: GET /api/providers (postcode + function + strand)',
          engine,
          size: sizeLabel,
          url: app.server.url,
          appPid: app.server.child.pid as number,
          paths: paths.slice(7_000),
          pg: app.pg,
          log,
        })
        userView.push(view)
        notes.push(...view.notes.map((n) => `${engine} search at ${sizeLabel}: ${n}`))
        const target = TARGETS[size]
        if (engine === 'server' && target !== undefined) {
          const cpu = view.nodeCpuPerRequest + (view.dbCpuPerRequest ?? 0)
          notes.push(
            `server target search CPU per request (Node + PostgreSQL) <= ${target} ms at ${sizeLabel}: ${cpu <= target ? 'met' : 'NOT met'} (${cpu.toFixed(1)} ms: Node ${view.nodeCpuPerRequest.toFixed(1)}, PostgreSQL ${view.dbCpuPerRequest?.toFixed(1) ?? '-'})`,
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
    `${engine} search: the demo directory plus the seeded generator's providers; the app (scripts/serve.ts) and the load generator each in a process of their own; no SQL floor in this scenario (search has none yet)`,
  )
  return { rows, notes, userView }
}

export const searchScenario: Scenario = {
  name: 'search',
  description:
    'Directory search over HTTP (postcode + function + strand; the app and the load generator in processes of their own: one connection, saturation with CPU per request, half the peak open loop, 2× and 10× saturation) on 10,000 and 100,000 generated providers (server) and 10,000 (embedded)',
  run(engines, log) {
    return perEngine(engines, (engine) => runOnEngine(engine, log))
  },
}

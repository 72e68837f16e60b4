// `npm run bench` runs every scenario but the on-request ones (resilience); `npm run bench -- geo`
// one of them. The server engine runs
// when BENCH_DATABASE_URL or TEST_DATABASE_URL is set (a fresh database is created and dropped);
// `--engine embedded|server` limits the run to one engine. The table is printed and appended to
// bench/results/<YYYY-MM-DD>.md.
import os from 'node:os'
import { parseArgs } from 'node:util'
import { type BenchEngine, engineVersion, serverAdminUrl } from './lib/engines'
import { disposeFixtures, dropStaleBenchDatabases, fixtureRows } from './lib/fixture'
import { type BenchRow, markdownTable, type UserViewRow, userViewTable, writeResults } from './lib/report'
import { ccewScenario } from './scenarios/ccew'
import { coldstartScenario } from './scenarios/coldstart'
import { coverageScenario } from './scenarios/coverage'
import { geoScenario } from './scenarios/geo'
import { importScenario } from './scenarios/import'
import { resilienceScenario } from './scenarios/resilience'
import { searchScenario } from './scenarios/search'
import { signpostScenario } from './scenarios/signpost'
import { tilesScenario } from './scenarios/tiles'

export interface ScenarioResult {
  rows: BenchRow[]
  notes: string[]
  /** A pass/fail scenario had a failing check: the run exits non-zero. */
  failed?: boolean
  /** HTTP scenarios: the "what users feel" measurements (bench/lib/user-view.ts). */
  userView?: UserViewRow[]
}

export interface Scenario {
  name: string
  description: string
  /** Left out of `npm run bench` (all); runs only when named. */
  onRequestOnly?: boolean
  /**
   * Runs on both engines by default (its target names both). Other scenarios run on the server
   * engine by default when one is configured (issue 9's targets are server figures), and on the
   * embedded engine as well with `--engine all`.
   */
  bothEngines?: boolean
  run(engines: BenchEngine[], log: (line: string) => void, options: ScenarioOptions): Promise<ScenarioResult>
}

export interface ScenarioOptions {
  /** Overrides a scenario's default input size (geo: the number of random points). */
  points?: number
}

/** Every scenario, in the order `npm run bench` runs them. Add new ones here. */
export const scenarios: Scenario[] = [
  geoScenario,
  searchScenario,
  coverageScenario,
  signpostScenario,
  tilesScenario,
  importScenario,
  coldstartScenario,
  resilienceScenario,
  ccewScenario,
]

/** Cores, load at the start, Node and engine versions: the figures mean little without them. */
async function machineInfo(engines: BenchEngine[]): Promise<string> {
  const parts = [
    `Node ${process.version}`,
    `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}`,
    `${Math.round(os.totalmem() / 1024 ** 3)} GB RAM`,
    `1-minute load average at the start ${(os.loadavg()[0] as number).toFixed(1)}`,
  ]
  for (const engine of engines) {
    try {
      parts.push(`${engine}: ${await engineVersion(engine)}`)
    } catch (err) {
      parts.push(`${engine}: version unknown (${(err as Error).message})`)
    }
  }
  return parts.join('; ')
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      engine: { type: 'string' },
      points: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    console.log('usage: npm run bench [-- <scenario> ...] [--engine embedded|server|all] [--points N]')
    for (const s of scenarios)
      console.log(`  ${s.name}${s.onRequestOnly ? ' (on request)' : ''}: ${s.description}`)
    return
  }
  const unknown = positionals.filter((p) => !scenarios.some((s) => s.name === p))
  if (unknown.length > 0) {
    console.error(
      `Unknown scenario(s): ${unknown.join(', ')}; known: ${scenarios.map((s) => s.name).join(', ')}`,
    )
    process.exitCode = 2
    return
  }
  const selected =
    positionals.length > 0
      ? scenarios.filter((s) => positionals.includes(s.name))
      : scenarios.filter((s) => !s.onRequestOnly)
  if (values.engine !== undefined && !['embedded', 'server', 'all'].includes(values.engine)) {
    console.error('--engine must be embedded, server or all')
    process.exitCode = 2
    return
  }
  // Server first: peak RSS only grows, and the embedded engine lives inside this process.
  const available: BenchEngine[] = serverAdminUrl() ? ['server', 'embedded'] : ['embedded']
  const enginesFor = (scenario: Scenario): BenchEngine[] => {
    if (values.engine === 'all') return available
    if (values.engine) return [values.engine as BenchEngine]
    return scenario.bothEngines ? available : available.slice(0, 1)
  }
  const engines = [...new Set(selected.flatMap(enginesFor))]
  if (engines.includes('server') && !serverAdminUrl()) {
    console.error('The server engine needs BENCH_DATABASE_URL or TEST_DATABASE_URL')
    process.exitCode = 2
    return
  }
  const points = values.points === undefined ? undefined : Number(values.points)
  if (points !== undefined && (!Number.isInteger(points) || points < 100 || points > 100_000)) {
    console.error('--points must be a whole number from 100 to 100000')
    process.exitCode = 2
    return
  }
  if (!serverAdminUrl()) console.log('BENCH_DATABASE_URL/TEST_DATABASE_URL not set: embedded engine only')

  const rows: BenchRow[] = []
  const notes: string[] = []
  const userView: UserViewRow[] = []
  let failed = false
  const log = (line: string) => console.log(line)
  const startedAt = Date.now()
  const machine = await machineInfo(engines)
  await dropStaleBenchDatabases(log)
  // Ctrl-C or a kill: drop this run's databases and copies before exiting (a second signal exits at once).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`${signal}: dropping this run's bench databases...`)
      disposeFixtures().finally(() => process.exit(130))
    })
  }
  try {
    for (const scenario of selected) {
      const result = await scenario.run(enginesFor(scenario), log, { points })
      rows.push(...fixtureRows(), ...result.rows)
      notes.push(...result.notes)
      userView.push(...(result.userView ?? []))
      failed ||= result.failed === true
    }
  } finally {
    await disposeFixtures()
  }
  notes.push(`whole run: ${((Date.now() - startedAt) / 60_000).toFixed(1)} minutes`)
  const environment = `${machine}; scenarios (engines): ${selected.map((s) => `${s.name} (${enginesFor(s).join(', ')})`).join(', ')}; 1-minute load average at the end ${(os.loadavg()[0] as number).toFixed(1)}`
  console.log(`\n${markdownTable(rows)}\n`)
  if (userView.length > 0) console.log(`What users feel (issue 18):\n\n${userViewTable(userView)}\n`)
  for (const note of notes) console.log(`- ${note}`)
  const file = writeResults(rows, notes, environment, userView)
  console.log(`\nWritten to ${file}`)
  if (failed) {
    console.error('At least one check FAILED (see the notes above)')
    process.exitCode = 1
  }
}

await main()

import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { LatencySummary } from './stats'

/** bench/results/, or BENCH_RESULTS_DIR (trial runs that should not land in the committed file). */
export const resultsDir =
  process.env.BENCH_RESULTS_DIR || fileURLToPath(new URL('../results/', import.meta.url))

/** One line of the results table. Latencies in ms; throughput in operations (or rows) per second. */
export interface BenchRow {
  scenario: string
  engine: 'embedded' | 'server'
  size: string
  latency?: LatencySummary
  throughput?: number
  throughputUnit?: string
  errors: number
  peakRssMb: number
}

/** The process's peak resident set size so far (the embedded engine runs inside it). */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024)
}

function ms(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '-'
  return value < 10 ? value.toFixed(3) : value.toFixed(1)
}

function rate(row: BenchRow): string {
  if (row.throughput === undefined) return '-'
  const n =
    row.throughput >= 100 ? Math.round(row.throughput).toLocaleString('en-GB') : row.throughput.toFixed(1)
  return `${n} ${row.throughputUnit ?? 'ops/s'}`
}

export function markdownTable(rows: readonly BenchRow[]): string {
  const header = [
    'scenario',
    'engine',
    'size',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'throughput',
    'errors',
    'peak RSS',
  ]
  const lines = rows.map((r) => [
    r.scenario,
    r.engine,
    r.size,
    ms(r.latency?.p50),
    ms(r.latency?.p95),
    ms(r.latency?.p99),
    rate(r),
    String(r.errors),
    `${r.peakRssMb} MB`,
  ])
  return formatTable(header, lines)
}

/** Appends this run (table and notes) to bench/results/<YYYY-MM-DD>.md and returns the file. */
export function writeResults(
  rows: readonly BenchRow[],
  notes: readonly string[],
  environment: string,
  userView: readonly UserViewRow[] = [],
): string {
  fs.mkdirSync(resultsDir, { recursive: true })
  const now = new Date()
  const file = path.join(resultsDir, `${now.toISOString().slice(0, 10)}.md`)
  const section = [
    `## Run at ${now.toISOString().slice(11, 19)} UTC`,
    '',
    environment,
    '',
    markdownTable(rows),
    '',
    ...(userView.length > 0 ? ['What users feel (issue 18):', '', userViewTable(userView), ''] : []),
    ...notes.map((n) => `- ${n}`),
    '',
  ].join('\n')
  const heading = fs.existsSync(file) ? '' : `# Benchmark results ${now.toISOString().slice(0, 10)}\n\n`
  fs.appendFileSync(file, `${heading}${section}\n`)
  return file
}

/** One line of the "what users feel" table (bench/lib/user-view.ts); only the fields it prints. */
export interface UserViewRow {
  scenario: string
  engine: 'embedded' | 'server'
  size: string
  floor?: { p50: number; p99: number }
  oneConnection: { p50: number; p99: number }
  peak: { connections: number; rate: number }
  nodeCpuPerRequest: number
  dbCpuPerRequest?: number
  halfPeak: { rate: number; latency: { p95: number } }
  double: { connections: number; goodput: number; share: number; admitted: { p99: number } }
  tenfold: { connections: number; goodput: number; share: number; admitted: { p99: number } }
  loadBefore: number
  loadAfter: number
}

/** The columns of the user-view table, each explained in one line in README's benchmark section. */
export function userViewTable(rows: readonly UserViewRow[]): string {
  const header = [
    'scenario',
    'engine',
    'size',
    'SQL floor p50/p99 ms',
    '1 conn p50/p99 ms',
    'peak 2xx/s (conns)',
    'CPU/req Node ms',
    'CPU/req PG ms',
    'p95 ms at ½ peak (req/s)',
    'goodput 2× (÷ peak)',
    'p99 ms 2×',
    'goodput 10× (÷ peak)',
    'p99 ms 10×',
    'load avg',
  ]
  const pair = (v?: { p50: number; p99: number }) => (v ? `${ms(v.p50)} / ${ms(v.p99)}` : '-')
  const good = (o: UserViewRow['double']) =>
    `${Math.round(o.goodput)} (${o.share.toFixed(2)}) at ${o.connections}`
  const lines = rows.map((r) => [
    r.scenario,
    r.engine,
    r.size,
    pair(r.floor),
    pair(r.oneConnection),
    `${Math.round(r.peak.rate)} (${r.peak.connections})`,
    ms(r.nodeCpuPerRequest),
    r.dbCpuPerRequest === undefined ? 'in Node' : ms(r.dbCpuPerRequest),
    `${ms(r.halfPeak.latency.p95)} (${Math.round(r.halfPeak.rate)})`,
    good(r.double),
    ms(r.double.admitted.p99),
    good(r.tenfold),
    ms(r.tenfold.admitted.p99),
    `${r.loadBefore.toFixed(1)} → ${r.loadAfter.toFixed(1)}`,
  ])
  return formatTable(header, lines)
}

function formatTable(header: string[], lines: string[][]): string {
  const all = [header, ...lines]
  const widths = header.map((_, i) => Math.max(...all.map((l) => (l[i] ?? '').length)))
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`
  return [format(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...lines.map(format)].join(
    '\n',
  )
}

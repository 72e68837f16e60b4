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
  const all = [header, ...lines]
  const widths = header.map((_, i) => Math.max(...all.map((l) => (l[i] ?? '').length)))
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`
  return [format(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...lines.map(format)].join(
    '\n',
  )
}

/** Appends this run (table and notes) to bench/results/<YYYY-MM-DD>.md and returns the file. */
export function writeResults(
  rows: readonly BenchRow[],
  notes: readonly string[],
  environment: string,
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
    ...notes.map((n) => `- ${n}`),
    '',
  ].join('\n')
  const heading = fs.existsSync(file) ? '' : `# Benchmark results ${now.toISOString().slice(0, 10)}\n\n`
  fs.appendFileSync(file, `${heading}${section}\n`)
  return file
}

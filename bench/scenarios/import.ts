import os from 'node:os'
import { CSV_COLUMNS } from '../../server/providers/provider-csv'
import { signInEditor } from '../lib/editor-session'
import type { BenchEngine } from '../lib/engines'
import { openDirectoryDatabase } from '../lib/fixture'
import { listenApp } from '../lib/http-load'
import { perEngine } from '../lib/per-engine'
import { type BenchRow, peakRssMb } from '../lib/report'
import { seededRandom, summarize } from '../lib/stats'
import type { Scenario, ScenarioResult } from '../run'

/**
 * Bulk import throughput (issue 9: ≥ 2,000 rows/s): a 10,000-row CSV committed over HTTP
 * (POST /api/imports?commit=true as a signed-in editor: parse, validate every row, write providers,
 * coverage index, search documents and audit in one transaction), as a dry run, as creates and as
 * updates of the same slugs. Reference in the same run: the same rows' CSV values written with plain
 * multi-row INSERTs into a scratch table of text columns — the floor of getting the bytes in.
 */

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000)
const TARGET_ROWS_PER_SECOND = 2_000
const FLOOR_BATCH = 1_000
const FUNCTIONS = ['training', 'information-advice', 'grants', 'networks', 'consultancy', 'advocacy']
const STRANDS = ['race', 'disability', 'sexual-orientation', 'age', 'sex', 'religion-belief', 'carers']

const header = CSV_COLUMNS.map(([column]) => column)

function csvCell(v: string): string {
  return /[",\n;]/.test(v) && !/^[a-z0-9-]+(;[a-z0-9-]+)*$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v
}

/** ROWS seeded records: local bodies covering one to three districts, with an office point. */
function importRecords(districts: string[], run: string): Array<Record<string, string>> {
  const random = seededRandom(99)
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)] as T
  return Array.from({ length: ROWS }, (_, i) => {
    const areas = [...new Set([pick(districts), pick(districts), pick(districts)].slice(0, 1 + (i % 3)))]
    return {
      slug: `bench-import-${i + 1}`,
      name: `Bench import body ${i + 1} (${run})`,
      kind: i % 2 === 0 ? 'generalist' : 'specialist',
      level: 'local',
      org_type: 'infrastructure',
      status: 'active',
      summary: `Support for community groups, number ${i + 1}, ${run}.`,
      cost_type: 'free',
      membership_based: 'no',
      functions: [...new Set([pick(FUNCTIONS), pick(FUNCTIONS)])].join(';'),
      strands: i % 2 === 0 ? '' : [...new Set([pick(STRANDS), pick(STRANDS)])].join(';'),
      languages: 'en',
      source: 'bench-import',
      coverage_areas: areas.join(';'),
      office_lng: (-3 + random() * 3).toFixed(5),
      office_lat: (51 + random() * 3).toFixed(5),
    }
  })
}

function toCsv(records: Array<Record<string, string>>): string {
  const lines = [header.join(',')]
  for (const r of records) lines.push(header.map((c) => csvCell(r[c] ?? '')).join(','))
  return `${lines.join('\n')}\n`
}

interface ImportAnswer {
  status: string
  creates: number
  updates: number
  errorCount: number
  errors?: Array<{ row: number; column: string; message: string }>
}

async function runOnEngine(engine: BenchEngine, log: (line: string) => void): Promise<ScenarioResult> {
  const rows: BenchRow[] = []
  const notes: string[] = []
  const db = await openDirectoryDatabase(engine, 0, log)
  try {
    const districts = (await db
      .knex('areas')
      .where({ level: 'local' })
      .orderBy('code')
      .pluck('code')) as string[]
    const server = await listenApp(db)
    try {
      const auth = await signInEditor(db.knex, server.url, `bench-editor-${process.pid}@example.org`)
      const post = async (csv: string, query: string) => {
        const t0 = process.hrtime.bigint()
        const res = await fetch(`${server.url}/api/imports?${query}`, {
          method: 'POST',
          headers: {
            'Content-Type': 'text/csv',
            'X-CSRF-Token': auth.csrfToken,
            Cookie: auth.cookie,
            Origin: server.url,
          },
          body: csv,
        })
        const answer = (await res.json()) as ImportAnswer
        const ms = Number(process.hrtime.bigint() - t0) / 1e6
        return { status: res.status, answer, ms }
      }
      const size = `${ROWS.toLocaleString('en-GB')} CSV rows`
      const runs: Array<[string, string, string]> = [
        ['dry run (parse + validate + plan)', 'first', 'commit=false'],
        ['commit, all creates', 'first', 'commit=true'],
        ['commit, all updates', 'second', 'commit=true'],
      ]
      for (const [label, run, query] of runs) {
        const csv = toCsv(importRecords(districts, run))
        log(
          `[import/${engine}] POST /api/imports?${query}: ${label}, ${(csv.length / 1024 / 1024).toFixed(1)} MB...`,
        )
        const { status, answer, ms } = await post(csv, query)
        const ok = (status === 200 || status === 201) && answer.errorCount === 0
        rows.push({
          scenario: `import: POST /api/imports ${label}`,
          engine,
          size,
          latency: summarize([ms]),
          throughput: ROWS / (ms / 1000),
          throughputUnit: 'rows/s',
          errors: ok ? 0 : Math.max(1, answer.errorCount ?? 0),
          peakRssMb: peakRssMb(),
        })
        if (!ok) {
          notes.push(
            `${engine} import ${label}: HTTP ${status}, ${answer.errorCount} row errors (first: ${JSON.stringify(answer.errors?.[0] ?? answer)})`,
          )
        } else if (query === 'commit=true') {
          const rate = ROWS / (ms / 1000)
          notes.push(
            `${engine} target import >= ${TARGET_ROWS_PER_SECOND} rows/s (${label}): ${rate >= TARGET_ROWS_PER_SECOND ? 'met' : 'NOT met'} (${Math.round(rate).toLocaleString('en-GB')} rows/s; ${answer.creates} creates, ${answer.updates} updates; 1-minute load average ${(os.loadavg()[0] as number).toFixed(1)})`,
          )
        }
      }
    } finally {
      await server.close()
    }

    // Reference: the same values, multi-row INSERTs of text into a scratch table, one transaction.
    const records = importRecords(districts, 'first')
    await db.knex.raw(`CREATE TABLE bench_import_floor (${header.map((c) => `${c} text`).join(', ')})`)
    const t0 = process.hrtime.bigint()
    await db.knex.transaction(async (trx) => {
      for (let i = 0; i < records.length; i += FLOOR_BATCH) {
        await trx('bench_import_floor').insert(
          records
            .slice(i, i + FLOOR_BATCH)
            .map((r) => Object.fromEntries(header.map((c) => [c, r[c] ?? null]))),
        )
      }
    })
    const floorMs = Number(process.hrtime.bigint() - t0) / 1e6
    rows.push({
      scenario: `reference: multi-row INSERT of the same values (text columns, ${FLOOR_BATCH} per statement)`,
      engine,
      size: `${ROWS.toLocaleString('en-GB')} rows`,
      latency: summarize([floorMs]),
      throughput: ROWS / (floorMs / 1000),
      throughputUnit: 'rows/s',
      errors: 0,
      peakRssMb: peakRssMb(),
    })
  } finally {
    await db.close()
  }
  return { rows, notes }
}

export const importScenario: Scenario = {
  name: 'import',
  description:
    'Bulk import over HTTP: a 10,000-row CSV as dry run, committed creates and committed updates (rows/s), beside multi-row INSERTs of the same values',
  run(engines, log) {
    return perEngine(engines, (engine) => runOnEngine(engine, log))
  },
}

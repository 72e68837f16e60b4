import type { Knex } from 'knex'
import { demoKeySlugs } from '../../seeds/demo/demo-key-records'
import { naiveCell, naiveCells } from '../../server/coverage/coverage-naive-queries'
import { analyzeCoverage } from '../../server/coverage/coverage-queries'
import type { CoverageQuery } from '../../server/coverage/coverage-schemas'
import { createCoverageService } from '../../server/coverage/coverage-service'
import { createEnquiryQueries } from '../../server/enquiries/enquiry-queries'
import { createEnquiryService } from '../../server/enquiries/enquiry-service'
import { createGeoService } from '../../server/geo/geo-service'
import { defaultGeoOptions } from '../../server/geo/place-resolver'
import { postcodeStore } from '../../server/geo/postcode-store'
import { loadConfig } from '../../server/lib/config'
import type { Database } from '../../server/lib/db'
import { rebuildCoverageCells, refreshCoverageCells } from '../../server/providers/coverage-cells-queries'
import { replaceCoverage } from '../../server/providers/provider-writes'
import { readTaxonomy } from '../../server/taxonomy/taxonomy-queries'
import { createTaxonomyService } from '../../server/taxonomy/taxonomy-service'
import type { BenchEngine } from '../lib/engines'
import { openDirectoryDatabase } from '../lib/fixture'
import { perEngine } from '../lib/per-engine'
import { type BenchRow, peakRssMb } from '../lib/report'
import { seededRandom, summarize, type Timed, timeEach } from '../lib/stats'
import type { Scenario, ScenarioResult } from '../run'
import { benchStoreConfig } from './geo-bench-queries'

/**
 * The coverage matrix (issue 7): every district × 16 functions × 15 columns (14 strands +
 * generalists) from the stored cells, beside the naive approach measured in the same run — one
 * join-and-count query over the directory for the whole matrix, and a join-and-count query per
 * cell (timed on a sample, extrapolated to the whole matrix) — plus the incremental refresh after
 * one provider edit and the full rebuild.
 */

const SIZES: Record<BenchEngine, number[]> = {
  server: (process.env.BENCH_COVERAGE_SERVER_SIZES ?? '10000,100000').split(',').map(Number),
  embedded: (process.env.BENCH_COVERAGE_EMBEDDED_SIZES ?? '10000').split(',').map(Number),
}
/** Issue 7's targets (ms). */
const MATRIX_TARGET_MS: Record<BenchEngine, Record<number, number>> = {
  server: { 100000: 2_000 },
  embedded: { 10000: 30_000 },
}
const EDIT_TARGET_MS = 200
const MATRIX_RUNS = 5
const NAIVE_RUNS = 3
const PER_CELL_SAMPLE = 100
const EDIT_RUNS = 20

interface Measured {
  label: string
  timed: Timed
  unit?: string
  throughput?: number
}

function shuffledSample<T>(items: T[], count: number, seed: number): T[] {
  const random = seededRandom(seed)
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out.slice(0, count)
}

async function timeOnce(fn: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint()
  await fn()
  return Number(process.hrtime.bigint() - t0) / 1e6
}

async function providerId(knex: Knex, slug: string): Promise<string> {
  const row = await knex('providers').where({ slug }).first('id')
  if (!row) throw new Error(`bench: no provider ${slug}`)
  return row.id
}

async function listedAreas(knex: Knex, id: string): Promise<string[]> {
  return (await knex('provider_coverage_areas').where({ provider_id: id }).orderBy('area_code')).map(
    (r: { area_code: string }) => r.area_code,
  )
}

async function runOnEngine(engine: BenchEngine, log: (line: string) => void): Promise<ScenarioResult> {
  const rows: BenchRow[] = []
  const notes: string[] = []
  const config = loadConfig({
    GEO_DATA_DIR: process.env.GEO_DATA_DIR ?? '../shared/geo',
    LOG_LEVEL: 'silent',
  })
  const minShare = config.coverageMinSharePercent / 100
  for (const size of [0, ...SIZES[engine]]) {
    const db = await openDirectoryDatabase(engine, size, log)
    try {
      const sizeLabel =
        size === 0 ? `demo (${db.providers} providers)` : `demo + ${size.toLocaleString('en-GB')} generated`
      await measureSize(db, sizeLabel, db.providers, MATRIX_TARGET_MS[engine][size])
    } finally {
      await db.close()
    }
  }
  return { rows, notes }

  async function measureSize(db: Database, sizeLabel: string, providersTotal: number, target?: number) {
    const knex = db.knex
    const taxonomy = await readTaxonomy(knex)
    const taxonomyService = createTaxonomyService(knex, { cacheSeconds: 3600 })
    const coverage = createCoverageService({
      knex,
      taxonomy: taxonomyService,
      enquiries: createEnquiryService({
        queries: createEnquiryQueries(knex),
        geo: createGeoService(db, {
          ...defaultGeoOptions,
          postcodes: () => postcodeStore(benchStoreConfig()),
        }),
        taxonomy: taxonomyService,
      }),
      options: { minShare, duplicationMinProviders: 3, maxCells: 1_000_000 },
    })
    const functions = taxonomy.functions.map((f) => f.code)
    const strands = taxonomy.strands.map((s) => s.code)
    const matrixQuery: CoverageQuery = {
      level: 'local',
      within: null,
      functions,
      topics: [],
      strands: [],
      format: 'json',
    }
    const facets = functions.map((code) => ({ kind: 'function', code }))
    const groups = [...strands, 'generalist']
    const districts = (await knex('areas')
      .where({ level: 'local' })
      .orderBy('code')
      .pluck('code')) as string[]
    const cellCount = districts.length * facets.length * groups.length
    const matrixLabel = `${districts.length} districts × ${facets.length} functions × ${groups.length} columns`
    const naiveRuns = providersTotal > 50_000 ? 1 : NAIVE_RUNS

    const push = (m: Measured) =>
      rows.push({
        scenario: `coverage: ${m.label}`,
        engine,
        size: sizeLabel,
        latency: summarize(m.timed.samples),
        throughput: m.throughput,
        throughputUnit: m.unit,
        errors: m.timed.errors,
        peakRssMb: peakRssMb(),
      })

    log(`[coverage/${engine}] ${sizeLabel}: full rebuild of the cells...`)
    const rebuild = await timeOnce(() => knex.transaction((trx) => rebuildCoverageCells(trx, minShare)))
    await analyzeCoverage(knex)
    const { rows: counts } = await knex.raw<{ rows: Array<{ cells: number; index: number }> }>(
      `SELECT (SELECT count(*)::int FROM coverage_cells) AS cells,
                (SELECT count(*)::int FROM provider_coverage_index) AS index`,
    )
    push({
      label: 'full rebuild of the cells',
      timed: { samples: [rebuild], errors: 0, seconds: rebuild / 1000 },
      throughput: providersTotal / (rebuild / 1000),
      unit: 'providers/s',
    })
    notes.push(
      `${engine} ${sizeLabel}: ${counts[0]?.index.toLocaleString('en-GB')} coverage-index rows, ${counts[0]?.cells.toLocaleString('en-GB')} stored cells; full rebuild ${(rebuild / 1000).toFixed(1)} s`,
    )

    log(`[coverage/${engine}] ${sizeLabel}: full matrix (${matrixLabel}) from the cells...`)
    let bytes = 0
    await coverage.coverage(matrixQuery, false) // warm-up
    const matrix = await timeEach(Array.from({ length: MATRIX_RUNS }), async () => {
      bytes = JSON.stringify(await coverage.coverage(matrixQuery, false)).length
    })
    push({
      label: `full matrix from stored cells (${cellCount.toLocaleString('en-GB')} cells, JSON encoded)`,
      timed: matrix,
    })
    const p95 = summarize(matrix.samples).p95
    notes.push(`${engine} ${sizeLabel}: full matrix answer is ${(bytes / 1024 / 1024).toFixed(1)} MB of JSON`)
    if (target !== undefined) {
      notes.push(
        `${engine} target full matrix <= ${target} ms at ${sizeLabel}: ${p95 <= target ? 'met' : 'NOT met'} (p95 ${p95.toFixed(0)} ms)`,
      )
    }

    log(`[coverage/${engine}] ${sizeLabel}: naive join-and-count for the whole matrix...`)
    const naive = await timeEach(Array.from({ length: naiveRuns }), () =>
      naiveCells(knex, { level: 'local', within: null, facets, groups }),
    )
    push({ label: 'naive: one join-and-count query for the whole matrix', timed: naive })

    log(`[coverage/${engine}] ${sizeLabel}: naive join-and-count per cell (sample of ${PER_CELL_SAMPLE})...`)
    const allCells = districts.flatMap((areaCode) =>
      facets.flatMap((f) =>
        groups.map((group) => ({ areaCode, facetKind: f.kind, facetCode: f.code, group })),
      ),
    )
    const perCell = await timeEach(shuffledSample(allCells, PER_CELL_SAMPLE, 7), (cell) =>
      naiveCell(knex, cell),
    )
    push({ label: 'naive: one join-and-count query per cell (sampled)', timed: perCell })
    const perCellMean = summarize(perCell.samples).mean
    notes.push(
      `${engine} ${sizeLabel}: naive per-cell queries extrapolated to the whole matrix: ${cellCount.toLocaleString('en-GB')} × ${perCellMean.toFixed(2)} ms ≈ ${((cellCount * perCellMean) / 1000).toFixed(0)} s`,
    )

    // One provider's edit: a district generalist and a national one, closed and reopened (its
    // whole contribution retracted, then added), refreshed in the edit's transaction.
    for (const [who, slug] of [
      ['district generalist', demoKeySlugs.bradfordGeneralist],
      ['national generalist', demoKeySlugs.englandNationalGeneralist],
    ] as const) {
      const id = await providerId(knex, slug)
      let closed = false
      const refresh = await timeEach(Array.from({ length: EDIT_RUNS }), () =>
        knex.transaction(async (trx) => {
          closed = !closed
          await trx('providers')
            .where({ id })
            .update({ status: closed ? 'closed' : 'active' })
          await refreshCoverageCells(trx)
        }),
      )
      push({ label: `one provider edit (close/reopen a ${who}) + incremental refresh`, timed: refresh })
      const editP95 = summarize(refresh.samples).p95
      if (engine === 'server') {
        notes.push(
          `${engine} target incremental update <= ${EDIT_TARGET_MS} ms at ${sizeLabel} (${who}): ${editP95 <= EDIT_TARGET_MS ? 'met' : 'NOT met'} (p95 ${editP95.toFixed(0)} ms)`,
        )
      }
      if (closed) {
        await knex.transaction(async (trx) => {
          await trx('providers').where({ id }).update({ status: 'active' })
          await refreshCoverageCells(trx)
        })
      }
    }

    // A service-area edit through the directory (index rebuilt, then cells refreshed), as an editor makes it.
    const bradfordGeneralist = await providerId(knex, demoKeySlugs.bradfordGeneralist)
    const original = await listedAreas(knex, bradfordGeneralist)
    const widened = [...new Set([...original, 'E08000035'])] // + Leeds
    let wide = false
    const edit = await timeEach(Array.from({ length: EDIT_RUNS }), () =>
      knex.transaction(async (trx) => {
        wide = !wide
        await replaceCoverage(trx, bradfordGeneralist, { areas: wide ? widened : original })
      }),
    )
    push({ label: 'service-area edit via replaceCoverage (index + cells)', timed: edit })
    if (wide) await knex.transaction((trx) => replaceCoverage(trx, bradfordGeneralist, { areas: original }))
  }
}

export const coverageScenario: Scenario = {
  name: 'coverage',
  description:
    'Coverage matrix (348 districts × 16 functions × 15 columns) from the stored cells vs the naive join-and-count, incremental refresh after one provider edit, full rebuild: demo, + 10,000 and + 100,000 generated (server), + 10,000 (embedded)',
  run(engines, log) {
    return perEngine(engines, (engine) => runOnEngine(engine, log))
  },
}

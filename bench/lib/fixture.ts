import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import knexFactory from 'knex'
import { buildDemoDirectory } from '../../seeds/demo/demo-directory'
import { seedBaselines } from '../../server/coverage/coverage-baseline-seed'
import { replaceGeneratedProviders, seedDirectory } from '../../server/directory/directory-seed'
import { loadBoundaries } from '../../server/geo/geo-seed'
import { loadConfig } from '../../server/lib/config'
import { type Database, openDatabase } from '../../server/lib/db'
import { migrateLatest } from '../../server/lib/migrator'
import { readTaxonomy } from '../../server/taxonomy/taxonomy-queries'
import { loadTaxonomy } from '../../server/taxonomy/taxonomy-service'
import { type BenchEngine, serverAdminUrl, withDatabase } from './engines'
import { type BenchRow, peakRssMb } from './report'

/**
 * The directory the search, signpost and coverage scenarios measure, built once per engine and
 * size in a run and copied for each scenario (they edit it): PostgreSQL copies a template database
 * (CREATE DATABASE ... TEMPLATE, file copy), the embedded engine copies its closed DATA_DIR.
 * Generating 100,000 providers takes minutes; three scenarios each generating their own would not
 * fit `npm run bench` in 15 minutes on two cores.
 *
 * Contents: migrations, the boundaries (postcodes are in the packed file of DATA_DIR), the taxonomy, the default
 * coverage baselines, the demo directory, and `generated` providers from the seeded generator.
 */

export const GENERATOR_SEED = 1
const PREFIX = 'sa_bench_'

interface Template {
  /** server: database name; embedded: closed data directory. */
  location: string
  providers: number
  indexRows: number
}

const templates = new Map<string, Template>()
const rows: BenchRow[] = []

const benchConfig = () =>
  loadConfig({ GEO_DATA_DIR: process.env.GEO_DATA_DIR ?? '../shared/geo', LOG_LEVEL: 'silent' })

function adminKnex() {
  const url = serverAdminUrl()
  if (!url) throw new Error('The server engine needs BENCH_DATABASE_URL or TEST_DATABASE_URL')
  return knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } })
}

/** Lower-case letters, digits and underscores only: safe unquoted. */
function newName(kind: string): string {
  return `${PREFIX}${kind}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Drops bench databases left by runs that were killed (their pid is gone), so an interrupted run
 * does not leave gigabytes behind. Databases of live processes (another run) are left alone.
 */
export async function dropStaleBenchDatabases(log: (line: string) => void): Promise<void> {
  if (!serverAdminUrl()) return
  const admin = adminKnex()
  try {
    const names = (await admin('pg_database')
      .where('datname', 'like', `${PREFIX}%`)
      .pluck('datname')) as string[]
    for (const name of names) {
      const pid = Number(/_(\d+)_[a-z0-9]+$/.exec(name)?.[1])
      if (!Number.isInteger(pid) || pidAlive(pid)) continue
      log(`[fixture] dropping ${name}, left by a bench run that no longer runs`)
      await admin.raw(`ALTER DATABASE ${name} IS_TEMPLATE false`).catch(() => {})
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    }
  } finally {
    await admin.destroy()
  }
}

async function openServer(name: string, poolMax: number): Promise<Database> {
  const url = serverAdminUrl() as string
  return openDatabase({
    databaseUrl: withDatabase(url, name),
    databasePoolMax: poolMax,
    databaseConnectTimeoutMs: 10_000,
    dataDir: '',
  })
}

async function openEmbedded(dataDir: string): Promise<Database> {
  return openDatabase(
    { databaseUrl: undefined, databasePoolMax: 1, databaseConnectTimeoutMs: 10_000, dataDir },
    { dataDir },
  )
}

function copyDataDir(from: string): string {
  const to = fs.mkdtempSync(path.join(os.tmpdir(), 'support-atlas-bench-'))
  fs.cpSync(from, to, { recursive: true, filter: (src) => path.basename(src) !== 'support-atlas.lock' })
  return to
}

/** A new database (or data dir) with the template's contents. */
async function copyOf(engine: BenchEngine, template: Template | undefined): Promise<string> {
  if (engine === 'embedded') {
    return template
      ? copyDataDir(template.location)
      : fs.mkdtempSync(path.join(os.tmpdir(), 'support-atlas-bench-'))
  }
  const name = newName(template ? 'copy' : 'tpl')
  const admin = adminKnex()
  try {
    await admin.raw(
      template
        ? `CREATE DATABASE ${name} TEMPLATE ${template.location} STRATEGY FILE_COPY`
        : `CREATE DATABASE ${name}`,
    )
  } finally {
    await admin.destroy()
  }
  return name
}

async function dropLocation(engine: BenchEngine, location: string): Promise<void> {
  if (engine === 'embedded') {
    fs.rmSync(location, { recursive: true, force: true })
    return
  }
  const admin = adminKnex()
  try {
    await admin.raw(`DROP DATABASE IF EXISTS ${location} WITH (FORCE)`)
  } finally {
    await admin.destroy()
  }
}

async function openAt(engine: BenchEngine, location: string, poolMax = 4): Promise<Database> {
  return engine === 'embedded' ? openEmbedded(location) : openServer(location, poolMax)
}

async function countIndexRows(db: Database): Promise<number> {
  const { rows: r } = await db.knex.raw<{ rows: Array<{ n: number }> }>(
    'SELECT count(*)::int AS n FROM provider_coverage_index',
  )
  return r[0]?.n ?? 0
}

async function buildTemplate(
  engine: BenchEngine,
  generated: number,
  log: (line: string) => void,
): Promise<Template> {
  const key = `${engine}:${generated}`
  const existing = templates.get(key)
  if (existing) return existing
  // Generated sets are built on the base (the demo and its geography), never on one another.
  const base = generated === 0 ? undefined : await buildTemplate(engine, 0, log)
  const location = await copyOf(engine, base)
  const db = await openAt(engine, location)
  let template: Template
  try {
    const config = benchConfig()
    if (!base) {
      log(`[fixture/${engine}] base: migrations, boundaries, taxonomy, baselines, demo...`)
      await migrateLatest(db.knex)
      await loadBoundaries(db, config)
      await loadTaxonomy(db.knex, config.taxonomyFile)
      const taxonomy = await readTaxonomy(db.knex)
      await seedBaselines(db.knex, taxonomy)
      await seedDirectory(db.knex, taxonomy, buildDemoDirectory(config.geoDataDir))
    } else {
      const size = generated.toLocaleString('en-GB')
      log(`[fixture/${engine}] generating ${size} providers (seed ${GENERATOR_SEED})...`)
      const taxonomy = await readTaxonomy(db.knex)
      const started = process.hrtime.bigint()
      await replaceGeneratedProviders(db.knex, taxonomy, { count: generated, seed: GENERATOR_SEED })
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      log(`[fixture/${engine}] generated in ${seconds.toFixed(0)} s`)
      const indexRows = await countIndexRows(db)
      rows.push({
        scenario: 'directory: generate providers (seeded; validated, indexed)',
        engine,
        size: `${size} providers, ${indexRows.toLocaleString('en-GB')} index rows`,
        throughput: generated / seconds,
        throughputUnit: 'providers/s',
        errors: 0,
        peakRssMb: peakRssMb(),
      })
    }
    const providers = Number((await db.knex('providers').count<Array<{ n: string }>>({ n: '*' }))[0]?.n ?? 0)
    template = { location, providers, indexRows: await countIndexRows(db) }
  } catch (err) {
    await db.close().catch(() => {})
    await dropLocation(engine, location).catch(() => {})
    throw err
  }
  await db.close()
  templates.set(key, template)
  return template
}

export interface DirectoryDatabase extends Database {
  /** Providers in the copy (demo + generated). */
  providers: number
  /** Rows of provider_coverage_index. */
  indexRows: number
  /** server: the copy's database name; embedded: its data directory. */
  location: string
  /**
   * Closes this process's connection and keeps the copy, so another process (the app) can open it:
   * an embedded DATA_DIR has one user at a time. `close` still drops it.
   */
  release(): Promise<void>
}

/**
 * A private, writable copy of the demo directory plus `generated` seeded providers on `engine`;
 * `close` drops it. The template stays for the rest of the run (see disposeFixtures).
 */
export async function openDirectoryDatabase(
  engine: BenchEngine,
  generated: number,
  log: (line: string) => void,
  poolMax = 4,
): Promise<DirectoryDatabase> {
  const template = await buildTemplate(engine, generated, log)
  const location = await copyOf(engine, template)
  const db = await openAt(engine, location, poolMax)
  let open = true
  const release = async () => {
    if (!open) return
    open = false
    await db.close()
  }
  return {
    ...db,
    providers: template.providers,
    indexRows: template.indexRows,
    location,
    release,
    async close() {
      await release()
      await dropLocation(engine, location)
    },
  }
}

/** The generation rows (once per engine and size) for the results table. */
export function fixtureRows(): BenchRow[] {
  return rows.splice(0, rows.length)
}

/** Drops every template of this run. */
export async function disposeFixtures(): Promise<void> {
  for (const [key, template] of templates) {
    const engine = key.split(':')[0] as BenchEngine
    await dropLocation(engine, template.location).catch((err) => {
      console.error(`bench: could not drop ${template.location}: ${(err as Error).message}`)
    })
  }
  templates.clear()
}

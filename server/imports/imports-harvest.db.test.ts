import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { currentEngine } from '../../test/helpers/engines'
import { repoRoot, testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import { fixtureDirectory, fixtureSlugs as s } from '../directory/directory-fixture'
import { seedDirectory } from '../directory/directory-seed'
import type { Database } from '../lib/db'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'
import { createTaxonomyService } from '../taxonomy/taxonomy-service'
import { harvestIntoImport } from './imports-harvest'
import { createImportService } from './imports-service'

/**
 * Acceptance 2 of issue 16 on loopback: a second instance of this app publishes its directory as
 * an ORUK 3.0 feed; this one harvests it page by page through the same ORUK import as a file
 * (dry run, then commit), each record's source being the feed's URL; a second harvest with
 * `since` fetches only what changed on the feed. And a feed we did not write: Stoplight Prism's
 * mock of ../shared/oruk/3.0/openapi.json, whose example services are harvested and reported.
 */
const SPEC = path.join(repoRoot, '../shared/oruk/3.0/openapi.json')
const PRISM = path.join(repoRoot, 'node_modules/@stoplight/prism-cli/dist/index.js')

let feedDb: Database
let ourDb: Database
let feed: Server
let feedUrl = ''

function importsOf(db: Database) {
  const config = testConfig()
  return createImportService({
    knex: db.knex,
    taxonomy: createTaxonomyService(db.knex, { cacheSeconds: 0 }),
    options: { maxRows: config.importMaxRows, polygonMaxVertices: config.coveragePolygonMaxVertices },
  })
}

beforeAll(async () => {
  feedDb = await openTestDatabase()
  await seedDirectory(feedDb.knex, await readTaxonomy(feedDb.knex), fixtureDirectory())
  feed = createApp({ db: feedDb, config: testConfig() }).listen(0, '127.0.0.1')
  await once(feed, 'listening')
  feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/oruk`
  ourDb = await openTestDatabase()
})

afterAll(async () => {
  await new Promise((resolve) => (feed ? feed.close(resolve) : resolve(undefined)))
  await feedDb?.close()
  await ourDb?.close()
})

describe(`harvesting another instance's ORUK feed on the ${currentEngine()} engine`, () => {
  test('a dry run reads every page and writes nothing; the commit creates every service with the feed as source', async () => {
    const imports = importsOf(ourDb)
    const pages: number[] = []
    const dry = await harvestIntoImport({
      baseUrl: feedUrl,
      perPage: 3,
      commit: false,
      imports,
      onPage: (page) => pages.push(page),
    })
    // What the feed publishes (drafts are not published), as it says itself.
    const total = ((await (await fetch(`${feedUrl}/services?per_page=1`)).json()) as { total_items: number })
      .total_items
    expect(total).toBeGreaterThan(6)
    expect(dry.harvest.services).toHaveLength(total)
    expect(pages).toEqual(Array.from({ length: Math.ceil(total / 3) }, (_, i) => i + 1))
    expect(dry.report).toMatchObject({
      mode: 'dry-run',
      status: 'valid',
      creates: total,
      updates: 0,
      errorCount: 0,
    })
    expect(Number((await ourDb.knex('providers').count({ n: '*' }).first())?.n)).toBe(0)

    const committed = await harvestIntoImport({ baseUrl: `${feedUrl}/`, perPage: 50, commit: true, imports })
    expect(committed.report).toMatchObject({ mode: 'commit', status: 'committed', creates: total })
    const ours = await ourDb.knex('providers').select('slug', 'name', 'source').orderBy('slug')
    const theirs = await feedDb
      .knex('providers')
      .whereNot({ status: 'draft' })
      .select('slug', 'name')
      .orderBy('slug')
    expect(ours.map(({ slug, name }) => ({ slug, name }))).toEqual(theirs)
    expect(new Set(ours.map((p) => p.source))).toEqual(new Set([feedUrl]))
    // The harvest is an import like a file's: listed with its report.
    const jobs = await ourDb.knex('import_jobs').select('filename', 'mode', 'status').orderBy('created_at')
    expect(jobs.at(-1)).toEqual({ filename: `harvest of ${feedUrl}`, mode: 'commit', status: 'committed' })
  })

  test('with since, a second harvest fetches only the services changed on the feed since then, and updates them', async () => {
    const since = new Date().toISOString()
    await new Promise((resolve) => setTimeout(resolve, 20))
    await feedDb.knex('providers').where({ slug: s.leedsCvs }).update({
      summary: 'Leeds CVS, now also running the city volunteer centre.',
      updated_at: feedDb.knex.fn.now(),
    })
    const again = await harvestIntoImport({
      baseUrl: feedUrl,
      since,
      commit: true,
      imports: importsOf(ourDb),
    })
    expect(again.harvest.services.map((x) => x.name)).toEqual(
      await feedDb.knex('providers').where({ slug: s.leedsCvs }).pluck('name'),
    )
    expect(again.report).toMatchObject({ status: 'committed', creates: 0, updates: 1 })
    expect(await ourDb.knex('providers').where({ slug: s.leedsCvs }).first('summary')).toEqual({
      summary: 'Leeds CVS, now also running the city volunteer centre.',
    })
  })

  test('a URL too long to record as the source is refused before anything is fetched', async () => {
    await expect(
      harvestIntoImport({
        baseUrl: `${feedUrl}/${'x'.repeat(120)}`,
        commit: false,
        imports: importsOf(ourDb),
      }),
    ).rejects.toThrow(/at most 100 characters/)
  })
})

describe("harvesting Prism's mock of the ORUK 3.0 API", () => {
  let prism: ChildProcess | undefined
  let prismUrl = ''
  let log = ''

  beforeAll(async () => {
    const probe = (await import('node:net')).createServer().listen(0, '127.0.0.1')
    await once(probe, 'listening')
    const port = (probe.address() as AddressInfo).port
    await new Promise((resolve) => probe.close(resolve))
    prism = spawn(process.execPath, [PRISM, 'mock', SPEC, '-h', '127.0.0.1', '-p', String(port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    })
    prism.stdout?.on('data', (chunk) => {
      log += chunk
    })
    prism.stderr?.on('data', (chunk) => {
      log += chunk
    })
    const started = Date.now()
    while (!log.includes('Prism is listening')) {
      if (prism.exitCode !== null) throw new Error(`Prism exited (${prism.exitCode}):\n${log}`)
      if (Date.now() - started > 60_000) throw new Error(`Prism did not start:\n${log}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    prismUrl = `http://127.0.0.1:${port}`
  }, 90_000)

  afterAll(async () => {
    if (prism && prism.exitCode === null) {
      prism.kill('SIGTERM')
      await Promise.race([once(prism, 'exit'), new Promise((resolve) => setTimeout(resolve, 5000))])
      if (prism.exitCode === null) prism.kill('SIGKILL')
    }
  })

  test('the example feed is read and every service is either mapped or named with its reasons', async () => {
    const run = await harvestIntoImport({
      baseUrl: prismUrl,
      commit: false,
      skipInvalid: true,
      imports: importsOf(ourDb),
    })
    expect(run.harvest.services.length).toBeGreaterThan(0)
    expect(run.harvest.retries).toBe(0)
    // Nothing the mock served is lost silently: each service is a row of the import or left out with reasons.
    expect(run.report.totalRows + run.leftOut.length).toBe(run.harvest.services.length)
    for (const left of run.leftOut) expect(left.reasons.length, left.id).toBeGreaterThan(0)
    expect(run.report.status).not.toBe('committed')
  }, 120_000)
})

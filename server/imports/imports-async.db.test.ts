import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type SignedIn, signIn } from '../../test/helpers/auth'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import { fixtureAreas as areas } from '../directory/directory-fixture'
import type { Database } from '../lib/db'
import { errorBodySchema, HttpError } from '../lib/errors'
import { CSV_COLUMNS } from '../providers/provider-csv'
import { createTaxonomyService } from '../taxonomy/taxonomy-service'
import { IMPORT_PHASES, type ImportProgress, type ImportState } from './imports-report'
import { createImportService, type ImportService } from './imports-service'

/**
 * Import progress (`?async=true`) and a database connection lost mid-commit (acceptance 3 of the
 * accounts issue): the import reports failed, nothing of the file is written, the process lives on.
 */

let db: Database
let app: ReturnType<typeof createApp>
let editor: SignedIn

beforeAll(async () => {
  db = await openTestDatabase()
  app = createApp({ db, config: testConfig() })
  editor = await signIn(app, db, 'editor')
})
afterAll(async () => {
  await db?.close()
})

const header = CSV_COLUMNS.map(([column]) => column)

function csvFile(prefix: string, rows: number, source: string): string {
  const lines = [header.join(',')]
  for (let i = 1; i <= rows; i++) {
    const values: Record<string, string> = {
      slug: `${prefix}-${i}`,
      name: `Progress body ${i}`,
      kind: 'generalist',
      level: 'local',
      org_type: 'infrastructure',
      status: 'active',
      summary: `Support for groups in West Yorkshire (number ${i}).`,
      cost_type: 'free',
      membership_based: 'no',
      functions: 'training;networks',
      languages: 'en',
      source,
      coverage_areas: i % 2 === 0 ? areas.leeds : areas.bradford,
    }
    lines.push(header.map((column) => values[column] ?? '').join(','))
  }
  return `${lines.join('\n')}\n`
}

async function post(body: string, query: string) {
  return editor.agent
    .post(`/api/imports?${query}`)
    .set('X-CSRF-Token', editor.csrfToken)
    .set('Content-Type', 'text/csv')
    .send(body)
}

async function poll(id: string): Promise<{ final: ImportState; seen: ImportProgress[] }> {
  const seen: ImportProgress[] = []
  for (let i = 0; i < 2400; i++) {
    const res = await editor.agent.get(`/api/imports/${id}`)
    // Embedded PGlite has one connection, held by a commit's transaction while rows are written:
    // the session lookup waits for it and may time out into a 503 (the UI polls again).
    if (res.status === 503 && currentEngine() === 'embedded') continue
    expect(res.status).toBe(200)
    seen.push(res.body.progress)
    if (res.body.status !== 'running') return { final: res.body, seen }
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`import ${id} did not finish`)
}

/** Phase order, then rows within a phase: never goes back. */
function expectMonotonic(seen: ImportProgress[]) {
  for (let i = 1; i < seen.length; i++) {
    const a = seen[i - 1] as ImportProgress
    const b = seen[i] as ImportProgress
    const pa = IMPORT_PHASES.indexOf(a.phase)
    const pb = IMPORT_PHASES.indexOf(b.phase)
    expect(pb, `${JSON.stringify(a)} then ${JSON.stringify(b)}`).toBeGreaterThanOrEqual(pa)
    if (pa === pb) expect(b.processed).toBeGreaterThanOrEqual(a.processed)
  }
}

const withoutIds = (report: Record<string, unknown>) => {
  const { id: _id, ...rest } = report
  return rest
}

const count = async (table: string, where: Record<string, unknown> = {}) =>
  Number((await db.knex(table).where(where).count<{ n: number }[]>({ n: '*' }))[0]?.n)

describe('async imports: 202, Location, progress, then the same report as sync mode', () => {
  test('a dry run and a commit reach done with the report the synchronous import gives', async () => {
    const text = csvFile('async', 1200, 'async-test')
    const sync = await post(text, 'filename=a.csv')
    expect(sync.status).toBe(200)
    expect(sync.body).toMatchObject({ status: 'valid', errors: [], creates: 1200 })

    const started = await post(text, 'async=true&filename=a.csv')
    expect(started.status).toBe(202)
    expect(started.headers.location).toBe(`/api/imports/${started.body.id}`)
    expect(started.body).toMatchObject({ status: 'running', mode: 'dry-run', format: 'csv' })
    expect(IMPORT_PHASES).toContain(started.body.progress.phase)
    const dry = await poll(started.body.id)
    expect(dry.final.status).toBe('valid')
    expect(dry.final.progress).toEqual({ phase: 'done', processed: 1200, total: 1200 })
    expect(withoutIds(dry.final as never)).toEqual(withoutIds(sync.body))
    expectMonotonic(dry.seen)

    const commit = await post(text, 'async=true&commit=true&filename=a.csv')
    expect(commit.status).toBe(202)
    const done = await poll(commit.body.id)
    expect(done.final).toMatchObject({ status: 'committed', mode: 'commit', creates: 1200, updates: 0 })
    expect(done.final.progress.phase).toBe('done')
    expectMonotonic(done.seen)
    expect(await count('providers', { source: 'async-test' })).toBe(1200)
    expect(await count('audit_log', { action: 'import' })).toBe(1200)
    const listed = await editor.agent.get('/api/imports')
    expect(listed.body.items[0]).toMatchObject({ id: commit.body.id, status: 'committed' })

    // Sync and async commits of the same (now existing) rows report the same.
    const again = await post(text, 'async=true&commit=true')
    const asyncUpdate = (await poll(again.body.id)).final
    const syncUpdate = await post(text, 'commit=true')
    expect(syncUpdate.status).toBe(201)
    expect(withoutIds(asyncUpdate as never)).toEqual(withoutIds(syncUpdate.body))
    // The same rows again: every record already holds them, so nothing is written.
    expect(asyncUpdate).toMatchObject({ updates: 0, unchanged: 1200, creates: 0 })
  }, 240_000)

  test('an invalid file run async ends invalid (no 422), with the report; bad query is a 400', async () => {
    const text = csvFile('async-bad', 3, 'async-bad').replace('async-bad-2,', 'Not A Slug!,')
    const started = await post(text, 'async=true&commit=true')
    expect(started.status).toBe(202)
    const { final } = await poll(started.body.id)
    expect(final).toMatchObject({ status: 'invalid', errorCount: 1, mode: 'commit' })
    expect(await count('providers', { source: 'async-bad' })).toBe(0)
    const bad = await post(text, 'async=maybe')
    expect(bad.status).toBe(400)
    expect(errorBodySchema.parse(bad.body).error.message).toContain('async')
  })
})

describe('progress seen from outside while an import runs', () => {
  test('GET shows running with processed < total, progress only moves forward', async () => {
    const seen: ImportProgress[] = []
    let during: ImportState | undefined
    let service: ImportService
    service = createImportService({
      knex: db.knex,
      taxonomy: createTaxonomyService(db.knex, { cacheSeconds: 0 }),
      options: {
        maxRows: 50_000,
        polygonMaxVertices: 5000,
        onProgress: async (id, progress) => {
          seen.push(progress)
          if (id && !during && progress.phase === 'validating' && progress.processed > 0) {
            during = await service.get(id)
          }
        },
      },
    })
    const { state, finished } = await service.start(null, {
      format: 'csv',
      text: csvFile('hook', 2000, 'hook-test'),
      commit: true,
    })
    expect(state.status).toBe('running')
    const final = await finished
    expect(during).toMatchObject({ id: state.id, status: 'running', progress: { phase: 'validating' } })
    expect(during?.progress.processed).toBeLessThan(during?.progress.total as number)
    expect(final).toMatchObject({ status: 'committed', creates: 2000 })
    expectMonotonic(seen)
    expect(seen.map((p) => p.phase)).toEqual(
      expect.arrayContaining(['parsing', 'validating', 'writing', 'indexing', 'done']),
    )
    // Written progress: the finished row holds `done`.
    const row = await db.knex('import_jobs').where({ id: state.id }).first()
    expect(row.progress).toEqual({ phase: 'done', processed: 2000, total: 2000 })
  }, 240_000)

  test('an import left running by a stopped process is marked failed at the next start', async () => {
    const [row] = await db
      .knex('import_jobs')
      .insert({ format: 'csv', mode: 'commit', status: 'running', report: '{}', progress: null })
      .returning('id')
    const service = createImportService({
      knex: db.knex,
      taxonomy: createTaxonomyService(db.knex, { cacheSeconds: 0 }),
      options: { maxRows: 10, polygonMaxVertices: 10 },
    })
    expect(await service.failAbandoned()).toBeGreaterThanOrEqual(1)
    const state = await service.get(row.id)
    expect(state).toMatchObject({ status: 'failed', error: { name: 'ImportFailed' } })
    if (state.status === 'failed') expect(state.error.message).toContain('nothing was written')
  })
})

const ROWS = 10_000

describe.skipIf(currentEngine() === 'embedded')(
  // Embedded PGlite is one in-process connection: there is no backend to terminate from a second one.
  'the database connection killed mid-commit (server engine only)',
  () => {
    async function killDuringWriting(run: (service: ImportService) => Promise<unknown>) {
      let killed = false
      const service: ImportService = createImportService({
        knex: db.knex,
        taxonomy: createTaxonomyService(db.knex, { cacheSeconds: 0 }),
        options: {
          maxRows: 50_000,
          polygonMaxVertices: 5000,
          onProgress: async (_id, progress) => {
            if (killed || progress.phase !== 'writing' || progress.processed < 1000) return
            killed = true
            // The import's connection sits in its open transaction while this hook runs.
            const victims = await db.knex.raw(
              `SELECT pid FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid()
                  AND state LIKE 'idle in transaction%'`,
            )
            expect(victims.rows).toHaveLength(1)
            await db.knex.raw('SELECT pg_terminate_backend(?)', [victims.rows[0].pid])
          },
        },
      })
      const outcome = await run(service)
      expect(killed).toBe(true)
      return outcome
    }

    const snapshot = async () => ({
      providers: await count('providers'),
      index: await count('provider_coverage_index'),
      audit: await count('audit_log'),
    })

    test('async: failed with a plain message, nothing written; a rerun commits everything', async () => {
      const text = csvFile('kill', ROWS, 'kill-test')
      const before = await snapshot()
      const final = (await killDuringWriting(async (service) => {
        const { finished } = await service.start(null, { format: 'csv', text, commit: true })
        return finished
      })) as ImportState
      expect(final.status).toBe('failed')
      if (final.status !== 'failed') return
      expect(final.error.name).toBe('ImportFailed')
      expect(final.error.message).toContain('connection was lost')
      expect(final.error.message).not.toMatch(/terminat|SQL|insert|select|at .*\.ts/i)
      expect(await count('providers', { source: 'kill-test' })).toBe(0)
      expect(await snapshot()).toEqual(before)
      const listed = await editor.agent.get(`/api/imports/${final.id}`)
      expect(listed.body).toMatchObject({ status: 'failed', error: { name: 'ImportFailed' } })

      const rerun = await post(text, 'commit=true')
      expect(rerun.status).toBe(201)
      expect(rerun.body).toMatchObject({ status: 'committed', creates: ROWS })
      expect(await count('providers', { source: 'kill-test' })).toBe(ROWS)
      expect(
        await count('audit_log', { action: 'import', note: 'created by import' }),
      ).toBeGreaterThanOrEqual(ROWS)
    }, 600_000)

    test('sync: a 503 in the error shape, nothing written, the process and pool carry on', async () => {
      const text = csvFile('kill-sync', 3000, 'kill-sync-test')
      const before = await snapshot()
      const err = await killDuringWriting((service) =>
        service.run(null, { format: 'csv', text, commit: true }).then(
          () => null,
          (e: unknown) => e,
        ),
      )
      expect(err).toBeInstanceOf(HttpError)
      expect((err as HttpError).status).toBe(503)
      expect((err as HttpError).message).toContain('nothing was written')
      expect(await snapshot()).toEqual(before)
      const health = await editor.agent.get('/api/imports')
      expect(health.status).toBe(200)
      expect(health.body.items[0]).toMatchObject({ status: 'failed', mode: 'commit' })
    }, 600_000)
  },
)

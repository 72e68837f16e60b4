import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type SignedIn, signIn } from '../../test/helpers/auth'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import type { Database } from '../lib/db'
import { HttpError } from '../lib/errors'
import { loadProviders } from '../providers/provider-queries'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'
import { parseCcewArgs, postcodeLocator, runCcewCli } from './ccew-cli'
import { CCEW_FILES, SKIP } from './ccew-extract'
import { readJsonArray } from './ccew-json-stream'
import { NO_AREA } from './ccew-mapping'
import { commitCcewPlan, planCcewImport } from './ccew-service'

/**
 * The register import end to end on the fixture extract (test/fixtures/ccew): the `--json` dry
 * run, an all-or-nothing commit, an editor's accept making a searchable, signpostable record with
 * the right coverage, and a re-import of a changed extract updating and closing (decision 0015).
 */

const fixture = path.resolve(__dirname, '../../test/fixtures/ccew')
const referenceDir = path.resolve(__dirname, '../../../shared/charity')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ccew-db-'))

let db: Database
let app: ReturnType<typeof createApp>
let editor: SignedIn
let locate: (postcode: string) => { lng: number; lat: number } | undefined

type Row = Record<string, unknown>
const tables: Record<string, Row[]> = {}

/** The fixture's well-formed rows, for extracts written on the fly. */
async function fixtureRows(file: string): Promise<Row[]> {
  const rows: Row[] = []
  for await (const item of readJsonArray(path.join(fixture, file))) if ('value' in item) rows.push(item.value)
  return rows
}

function writeExtract(name: string, change: (t: Record<string, Row[]>) => void): string {
  const copy = structuredClone(tables)
  change(copy)
  const dir = path.join(tmp, name)
  fs.mkdirSync(dir, { recursive: true })
  for (const [file, rows] of Object.entries(copy))
    fs.writeFileSync(path.join(dir, file), JSON.stringify(rows))
  return dir
}

beforeAll(async () => {
  db = await openTestDatabase()
  const config = testConfig()
  app = createApp({ db, config })
  editor = await signIn(app, db, 'editor')
  locate = postcodeLocator(config)
  for (const file of Object.values(CCEW_FILES)) tables[file] = await fixtureRows(file)
  // Without the malformed rows: what a commit needs.
  tables[CCEW_FILES.charity] = (tables[CCEW_FILES.charity] as Row[]).filter(
    (r) => typeof r.registered_charity_number === 'number' && r.charity_name !== '',
  )
  tables[CCEW_FILES.classification] = (tables[CCEW_FILES.classification] as Row[]).filter(
    (r) => typeof r.classification_code === 'number',
  )
})
afterAll(async () => {
  await db?.close()
  fs.rmSync(tmp, { recursive: true, force: true })
})

const plan = async (dir: string) =>
  planCcewImport(db.knex, await readTaxonomy(db.knex), { dir, referenceDir, locate })

const idOf = async (charityNumber: string) =>
  (await db.knex('providers').where({ charity_number: charityNumber, source: 'ccew' }).first('id'))
    .id as string
const recordOf = async (id: string) => (await loadProviders(db.knex, [id])).get(id)
const searchSlugs = async (q: string) =>
  (await request(app).get(`/api/providers?q=${encodeURIComponent(q)}`)).body.items.map(
    (i: { slug: string }) => i.slug,
  )

const CVS = 'anytown-council-for-voluntary-service-1190001'

describe('the Charity Commission register import', () => {
  /** `npm run import:ccew -- <args>` on the test database: exit code, stdout, stderr lines. */
  async function cli(...args: string[]) {
    const options = parseCcewArgs(args)
    if ('usageError' in options) throw new Error(options.usageError)
    let stdout = ''
    const stderr: string[] = []
    const code = await runCcewCli(options, {
      knex: db.knex,
      taxonomy: await readTaxonomy(db.knex),
      referenceDir,
      locate,
      out: (text) => {
        stdout += text
      },
      err: (line) => stderr.push(line),
    })
    return { code, stdout, stderr }
  }

  test('--json prints exactly { read, candidates, skipped } on a dry run, which writes nothing', async () => {
    const { code, stdout, stderr } = await cli('--dir', fixture, '--json')
    expect(code).toBe(0)
    const report = JSON.parse(stdout)
    expect(Object.keys(report)).toEqual(['read', 'candidates', 'skipped'])
    expect(report.read).toBe(16)
    for (const c of report.candidates) {
      expect(Object.keys(c).sort()).toEqual(
        ['action', 'areas', 'charityNumber', 'functions', 'level', 'name', 'score', 'strands'].sort(),
      )
    }
    const brief = report.candidates.map((c: Record<string, unknown>) => [
      c.charityNumber,
      c.level,
      c.areas,
      c.action,
    ])
    expect(brief).toEqual([
      [1190001, 'local', ['E08000032'], 'create'],
      [1190002, 'subregional', ['E10000016'], 'create'],
      [1190003, 'regional', ['E12000007'], 'create'],
      [1190004, 'local', ['E06000028'], 'create'],
      [1190005, 'subregional', ['E10000002'], 'create'],
      [1190006, 'national', ['E92000001', 'W92000004'], 'create'],
      [1190007, 'local', ['W06000015'], 'create'],
      [1190008, 'local', ['E08000035'], 'create'],
      [1190012, 'subregional', ['E10000002', 'E10000015'], 'create'],
      [1190013, 'subregional', ['E11000001', 'E11000002'], 'create'],
    ])
    expect(report.candidates[0]).toMatchObject({
      name: 'Anytown Council for Voluntary Service',
      score: expect.any(Number),
      functions: expect.arrayContaining(['information-advice', 'training']),
      strands: [],
    })
    expect(report.candidates[2]).toMatchObject({ name: 'Sampleton BME Network', strands: ['race'] })
    expect(report.skipped).toEqual({
      [SKIP.linked]: 1,
      [SKIP.removed]: 1,
      [SKIP.notCandidate]: 1,
      [SKIP.malformed]: 2,
      [NO_AREA]: 1,
    })
    // Malformed rows are named on stderr with their file, index and field; the dry run went on.
    const problems = stderr.filter((line) => line.includes('problem:'))
    // (Sorted by file name, then index; the bad classification is line 31 of its file: index 29.)
    expect(problems).toEqual([
      expect.stringContaining(`${CCEW_FILES.classification} #29, classification_code:`),
      expect.stringContaining(`${CCEW_FILES.otherNames} #1: not valid JSON`),
      expect.stringContaining(`${CCEW_FILES.charity} #14, registered_charity_number:`),
      expect.stringContaining(`${CCEW_FILES.charity} #15, charity_name:`),
    ])
    expect(stderr).toContain('Dry run only: add --commit to apply.')
    expect(await db.knex('providers').where({ source: 'ccew' }).count('* as n')).toEqual([{ n: 0 }])
  })

  test('--commit with a malformed row writes nothing and exits 1', async () => {
    const { code, stderr } = await cli('--dir', fixture, '--commit')
    expect(code).toBe(1)
    expect(stderr).toContainEqual(expect.stringMatching(/^Nothing was imported: 4 problem/))
    await expect(commitCcewPlan(db.knex, await plan(fixture))).rejects.toThrow(HttpError)
    expect(await db.knex('providers').where({ source: 'ccew' }).count('* as n')).toEqual([{ n: 0 }])
    expect(await db.knex('provider_sources').count('* as n')).toEqual([{ n: 0 }])
  })

  test('the arguments: --dir is required, nothing else is taken', () => {
    expect(parseCcewArgs(['--dir', 'x'])).toEqual({ dir: 'x', commit: false, json: false })
    expect(parseCcewArgs(['--dir', 'x', '--commit', '--json'])).toEqual({
      dir: 'x',
      commit: true,
      json: true,
    })
    expect(parseCcewArgs([])).toEqual({ usageError: expect.stringMatching(/--dir/) })
    expect(parseCcewArgs(['--dir', 'x', '--force'])).toEqual({ usageError: expect.stringMatching(/--force/) })
    expect(parseCcewArgs(['--dir', 'x', 'extra'])).toEqual({ usageError: expect.stringMatching(/extra/) })
  })

  test('a clean extract commits drafts, with their org-ids and provenance; drafts are not published', async () => {
    const dir = writeExtract('clean', () => {})
    const committed = await cli('--dir', dir, '--commit')
    expect(committed.code).toBe(0)
    expect(committed.stderr).toContain('Committed.')
    expect(committed.stdout).toMatch(
      /^create {4}1190001 Anytown Council for Voluntary Service \(local; score \d+; E08000032\)$/m,
    )
    const drafts = await db.knex('providers').where({ source: 'ccew' }).pluck('status')
    expect(drafts).toHaveLength(10)
    expect(new Set(drafts)).toEqual(new Set(['draft']))
    const id = await idOf('1190001')
    const link = await db.knex('provider_sources').where({ provider_id: id }).first()
    expect(link).toMatchObject({
      source: 'ccew',
      source_id: '1190001',
      org_ids: ['GB-CHC-1190001', 'GB-COH-08000001'],
      facts: expect.objectContaining({ latestIncome: 412000 }),
    })
    expect(link.fetched_at.toISOString()).toBe('2026-12-01T00:00:00.000Z')
    expect(link.register_values).toMatchObject({ phone: '01274 000001', coverage: { areas: ['E08000032'] } })
    const audit = await db.knex('audit_log').where({ entity_id: id }).first()
    expect(audit).toMatchObject({ action: 'import', actor_label: 'Charity Commission register import' })
    expect(audit.note).toMatch(/Charity Commission register \(ccew\), extract of 2026-12-01/)
    expect(await searchSlugs('Anytown Council for Voluntary Service')).not.toContain(CVS)
    expect((await request(app).get(`/api/providers/${CVS}`)).status).toBe(404)
    // Committing the same extract again changes nothing.
    const again = await plan(dir)
    expect(new Set(again.report.candidates.map((c) => c.action))).toEqual(new Set(['unchanged']))
  })

  test('an accepted draft is searchable and signposted, with the coverage of its area of operation', async () => {
    const res = await editor.agent
      .post(`/api/providers/${CVS}/reopen`)
      .set('X-CSRF-Token', editor.csrfToken)
      .send({})
    expect(res.status).toBe(200)
    expect(await searchSlugs('Anytown Council for Voluntary Service')).toContain(CVS)
    const signposted = await request(app).get('/api/signpost?postcode=BD1+1HY&function=training')
    expect(signposted.status).toBe(200)
    const local = signposted.body.groups.find((g: { level: string }) => g.level === 'local')
    expect(local.providers.map((p: { slug: string }) => p.slug)).toContain(CVS)
    // Leeds is not in its area of operation.
    const leeds = await request(app).get('/api/signpost?postcode=LS1+1AA&function=training')
    expect(
      leeds.body.groups.flatMap((g: { providers: Array<{ slug: string }> }) =>
        g.providers.map((p) => p.slug),
      ),
    ).not.toContain(CVS)
    const record = await recordOf(await idOf('1190001'))
    expect(record).toMatchObject({
      status: 'active',
      record: { level: 'local', coverage: { areas: ['E08000032'] } },
    })
  })

  test('a re-import updates register fields, keeps an editor’s change, and closes a removed charity', async () => {
    // An editor accepts Voluntary Action Anyshire and corrects its website.
    const vaa = 'voluntary-action-anyshire-1190005'
    await editor.agent.post(`/api/providers/${vaa}/reopen`).set('X-CSRF-Token', editor.csrfToken).send({})
    const current = await editor.agent.get(`/api/providers/${vaa}`)
    const patched = await editor.agent
      .patch(`/api/providers/${vaa}`)
      .set('X-CSRF-Token', editor.csrfToken)
      .set('If-Match', `"${current.body.version}"`)
      .send({ website: 'https://editor-checked.example.org/' })
    expect(patched.status).toBe(200)
    const changed = writeExtract('changed', (t) => {
      const charities = t[CCEW_FILES.charity] as Row[]
      const find = (n: number) =>
        charities.find((r) => r.registered_charity_number === n && r.linked_charity_number === 0) as Row
      find(1190001).charity_contact_phone = '01274 999999'
      find(1190001).latest_income = 430000
      find(1190005).charity_contact_web = 'https://register-says.example.org'
      Object.assign(find(1190002), {
        charity_registration_status: 'Removed',
        date_of_removal: '2026-11-15T00:00:00',
      })
    })
    const p = await plan(changed)
    const actions = Object.fromEntries(p.report.candidates.map((c) => [c.charityNumber, c.action]))
    expect(actions).toMatchObject({
      1190001: 'update',
      1190002: 'close',
      1190005: 'unchanged',
      1190003: 'unchanged',
    })
    expect(p.problems).toEqual([])
    await commitCcewPlan(db.knex, p)

    const cvs = await recordOf(await idOf('1190001'))
    expect(cvs).toMatchObject({ status: 'active', record: { phone: '01274 999999' } })
    const cvsAudit = await db.knex('audit_log').where({ entity_id: cvs?.id }).orderBy('id', 'desc').first()
    expect(cvsAudit).toMatchObject({ action: 'update', actor_label: 'Charity Commission register import' })
    expect(Object.keys(cvsAudit.diff)).toEqual(['phone'])
    expect(cvsAudit.note).toMatch(/updated from the Charity Commission register \(ccew\)/)
    expect(
      (await db.knex('provider_sources').where({ provider_id: cvs?.id }).first()).facts.latestIncome,
    ).toBe(430000)

    expect((await recordOf(await idOf('1190005')))?.record.website).toBe(
      'https://editor-checked.example.org/',
    )

    const rccId = await idOf('1190002')
    expect((await recordOf(rccId))?.status).toBe('closed')
    const closed = await db.knex('audit_log').where({ entity_id: rccId }).orderBy('id', 'desc').first()
    expect(closed).toMatchObject({ action: 'close', actor_label: 'Charity Commission register import' })
    expect(closed.note).toMatch(/removed from the Charity Commission register on 2026-11-15/)
    const link = await db.knex('provider_sources').where({ provider_id: rccId }).first()
    expect(link.removed_on).toBeTruthy()

    // The same extract again: nothing left to do.
    const again = await plan(changed)
    expect(again.report.candidates.filter((c) => c.action !== 'unchanged')).toEqual([])
  })
})

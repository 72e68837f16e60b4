import { parse } from 'csv-parse/sync'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildDemoDirectory } from '../../seeds/demo/demo-directory'
import { type SignedIn, signIn } from '../../test/helpers/auth'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import { seedDirectory } from '../directory/directory-seed'
import type { Database } from '../lib/db'
import { CSV_COLUMNS } from '../providers/provider-csv'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'

/**
 * The public download is a file the bulk import takes back: every record downloaded, imported
 * again, comes out exactly as it was (dry run: no errors, every row unchanged; commit: nothing
 * written, no audit rows).
 */

let db: Database
let app: ReturnType<typeof createApp>
let editor: SignedIn
const config = testConfig()

beforeAll(async () => {
  db = await openTestDatabase()
  await seedDirectory(db.knex, await readTaxonomy(db.knex), buildDemoDirectory(config.geoDataDir))
  app = createApp({ db, config })
  editor = await signIn(app, db, 'editor')
  // One record with a Welsh name, so the round trip must carry that column too.
  const first = await db.knex('providers').orderBy('slug').first('id')
  await db.knex('providers').where({ id: first.id }).update({ welsh_name: WELSH_NAME })
})

const WELSH_NAME = 'Cyngor Gwirfoddol Enghreifftiol'
afterAll(async () => {
  await db?.close()
})

async function post(body: string, query: string) {
  return editor.agent
    .post(`/api/imports?${query}`)
    .set('X-CSRF-Token', editor.csrfToken)
    .set('Content-Type', 'text/csv')
    .send(body)
}

const count = async (table: string) => Number((await db.knex(table).count<{ n: number }[]>({ n: '*' }))[0]?.n)

describe('export -> import round trip', () => {
  test('the download imports again: dry run 0 errors, commit 0 changes', async () => {
    const exported = await request(app).get('/api/exports/providers.csv')
    expect(exported.status).toBe(200)
    const records = parse(exported.text, { columns: true, bom: true }) as Array<Record<string, string>>
    expect(records.length).toBeGreaterThan(500)
    // The file exercises what matters: drawn areas kept, hours and offices carried.
    expect(records.some((r) => r.has_drawn_area === 'true')).toBe(true)
    expect(records.some((r) => r.opening_hours !== '')).toBe(true)
    expect(records.some((r) => r.office_lng !== '')).toBe(true)
    expect(records.filter((r) => r.welsh_name === WELSH_NAME)).toHaveLength(1)

    const dry = await post(exported.text, 'filename=providers.csv')
    expect(dry.status).toBe(200)
    expect(dry.body.errors).toEqual([])
    expect(dry.body).toMatchObject({
      status: 'valid',
      errorCount: 0,
      totalRows: records.length,
      creates: 0,
      updates: 0,
      unchanged: records.length,
    })

    const versions = await db.knex('providers').select('id', 'version', 'updated_at').orderBy('id')
    const polygons = await count('provider_coverage_polygons')
    const audit = await count('audit_log')
    const commit = await post(exported.text, 'commit=true&filename=providers.csv')
    expect(commit.status).toBe(201)
    expect(commit.body).toMatchObject({
      status: 'committed',
      creates: 0,
      updates: 0,
      unchanged: records.length,
    })
    expect(await db.knex('providers').select('id', 'version', 'updated_at').orderBy('id')).toEqual(versions)
    expect(await count('provider_coverage_polygons')).toBe(polygons)
    // Only the import's own record; no audit row for a record that did not change.
    expect(await count('audit_log')).toBe(audit)
  }, 120_000)

  test('a downloaded row with one cell changed updates only that field; the drawn area and source stay', async () => {
    const exported = await request(app).get('/api/exports/providers.csv')
    const records = parse(exported.text, { columns: true, bom: true }) as Array<Record<string, string>>
    const header = Object.keys(records[0] as Record<string, string>)
    const target = records.find((r) => r.has_drawn_area === 'true') as Record<string, string>
    const sourceBefore = (await db.knex('providers').where({ slug: target.slug }).first('source')).source
    expect(sourceBefore).toEqual(expect.any(String))
    const line = (r: Record<string, string>) =>
      header.map((c) => `"${(r[c] ?? '').replace(/"/g, '""')}"`).join(',')
    const text = [header.join(','), line({ ...target, name: `${target.name} (renamed)` })].join('\n')
    const commit = await post(text, 'commit=true')
    expect(commit.status).toBe(201)
    expect(commit.body).toMatchObject({ updates: 1, unchanged: 0 })
    const after = await editor.agent.get(`/api/providers/${target.slug}`)
    expect(after.body.name).toBe(`${target.name} (renamed)`)
    expect(after.body.coverage.hasPolygon).toBe(true)
    const stored = await db.knex('providers').where({ slug: target.slug }).first('source')
    expect(stored.source).toBe(sourceBefore)
    const last = await db.knex('audit_log').where({ entity_id: target.id }).orderBy('id', 'desc').first()
    expect(Object.keys(last.diff)).toEqual(['name'])
  })

  test("an id that is not the slug record's is refused on its spreadsheet line; a new record needs a source", async () => {
    const header = [...CSV_COLUMNS.map(([c]) => c).filter((c) => c !== 'source'), 'id']
    const exported = await request(app).get('/api/exports/providers.csv')
    const [first, second] = parse(exported.text, { columns: true, bom: true }) as Array<
      Record<string, string>
    >
    const line = (r: Record<string, string>) =>
      header.map((c) => `"${(r[c] ?? '').replace(/"/g, '""')}"`).join(',')
    const text = [
      header.join(','),
      line(first as Record<string, string>),
      line({ ...(first as Record<string, string>), slug: 'brand-new-body', id: '' }),
      line({ ...(second as Record<string, string>), id: (first as Record<string, string>).id as string }),
    ].join('\n')
    const dry = await post(text, '')
    expect(dry.body.errors).toEqual([
      {
        row: 3,
        column: 'source',
        message: 'source is required for a new record (the slug matches no record)',
      },
      { row: 4, column: 'id', message: expect.stringContaining('records are matched by slug') },
    ])
  })
})

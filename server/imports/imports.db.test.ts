import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type SignedIn, signIn } from '../../test/helpers/auth'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import { fixtureAreas as areas, centralBradfordSquare } from '../directory/directory-fixture'
import type { Database } from '../lib/db'
import { errorBodySchema } from '../lib/errors'
import { CSV_COLUMNS } from '../providers/provider-csv'

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

function csvRow(values: Record<string, string>): string {
  return header
    .map((column) => {
      const v = values[column] ?? ''
      return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v
    })
    .join(',')
}

function row(i: number, overrides: Record<string, string> = {}): string {
  return csvRow({
    slug: `imp-${i}`,
    name: `Imported body ${i}`,
    kind: i % 2 === 0 ? 'generalist' : 'specialist',
    level: 'local',
    org_type: 'infrastructure',
    status: 'active',
    summary: `Support for groups, number ${i}, in West Yorkshire.`,
    cost_type: 'free',
    membership_based: 'no',
    functions: 'training;networks',
    strands: i % 2 === 0 ? '' : 'race;disability',
    languages: 'en',
    source: 'import-test',
    coverage_areas: i % 3 === 0 ? areas.leeds : `${areas.bradford};${areas.leeds}`,
    office_lng: '-1.75',
    office_lat: '53.79',
    ...overrides,
  })
}

const ROWS = 10_000
const BAD_ROW = 5_000

function file(bad: boolean): string {
  const lines = [header.join(',')]
  for (let i = 1; i <= ROWS; i++) {
    lines.push(row(i, bad && i === BAD_ROW ? { functions: 'training;juggling' } : {}))
  }
  return `${lines.join('\n')}\n`
}

async function post(body: string, query: string, type = 'text/csv') {
  return editor.agent
    .post(`/api/imports?${query}`)
    .set('X-CSRF-Token', editor.csrfToken)
    .set('Content-Type', type)
    .send(body)
}

const count = async (table: string, where: Record<string, unknown> = {}) =>
  Number((await db.knex(table).where(where).count<{ n: number }[]>({ n: '*' }))[0]?.n)

describe('CSV import of 10,000 rows', () => {
  test('one bad row in the middle: the dry run names it, a commit applies nothing', async () => {
    const text = file(true)
    const dry = await post(text, 'filename=providers.csv')
    expect(dry.status).toBe(200)
    expect(dry.body).toMatchObject({
      mode: 'dry-run',
      status: 'invalid',
      totalRows: ROWS,
      creates: ROWS - 1,
      errorCount: 1,
    })
    // Data row BAD_ROW is the spreadsheet's line BAD_ROW + 1 (the header is line 1).
    expect(dry.body.errors).toEqual([
      { row: BAD_ROW + 1, column: 'functions', message: expect.stringContaining('juggling') },
    ])
    expect(dry.body.rows[BAD_ROW - 1]).toEqual({
      row: BAD_ROW + 1,
      slug: `imp-${BAD_ROW}`,
      action: 'invalid',
    })

    const commit = await post(text, 'commit=true')
    expect(commit.status).toBe(422)
    expect(errorBodySchema.parse(commit.body).error.name).toBe('ImportInvalid')
    expect(commit.body.error.message).toContain(`row ${BAD_ROW + 1} column functions`)
    expect(await count('providers', { source: 'import-test' })).toBe(0)
    expect(await count('audit_log', { action: 'import' })).toBe(0)
  })

  test('the fixed file commits every row in one transaction, each with an audit row, and is searchable', async () => {
    const text = file(false)
    const dry = await post(text, '')
    expect(dry.body).toMatchObject({ status: 'valid', creates: ROWS, updates: 0, errorCount: 0 })
    const commit = await post(text, 'commit=true&filename=providers.csv')
    expect(commit.status).toBe(201)
    expect(commit.body).toMatchObject({ mode: 'commit', status: 'committed', creates: ROWS, updates: 0 })
    expect(await count('providers', { source: 'import-test' })).toBe(ROWS)
    expect(await count('audit_log', { action: 'import' })).toBe(ROWS)
    const job = await editor.agent.get(`/api/imports/${commit.body.id}`)
    expect(job.body).toMatchObject({ id: commit.body.id, status: 'committed', filename: 'providers.csv' })
    const search = await editor.agent.get(`/api/providers?area=${areas.bradford}&q=imported&perPage=1`)
    // Two rows in three list Bradford.
    expect(search.body.total).toBe(ROWS - Math.floor(ROWS / 3))
  }, 240_000)

  test('re-importing a changed row updates it (an unchanged one is left alone) and audits before and after', async () => {
    const text = [header.join(','), row(1, { name: 'Renamed by import' }), row(2)].join('\n')
    const dry = await post(text, '')
    expect(dry.body.rows).toEqual([
      { row: 2, slug: 'imp-1', action: 'update' },
      { row: 3, slug: 'imp-2', action: 'unchanged' },
    ])
    expect(dry.body).toMatchObject({ creates: 0, updates: 1, unchanged: 1 })
    const commit = await post(text, 'commit=true')
    expect(commit.status).toBe(201)
    expect(commit.body).toMatchObject({ creates: 0, updates: 1, unchanged: 1 })
    const untouched = await editor.agent.get('/api/providers/imp-2')
    expect(untouched.body.version).toBe(1)
    const record = await editor.agent.get('/api/providers/imp-1')
    expect(record.body).toMatchObject({ name: 'Renamed by import', version: 2 })
    const audit = await db.knex('audit_log').where({ entity_id: record.body.id }).orderBy('id')
    expect(audit.at(-1).diff).toEqual({ name: { from: 'Imported body 1', to: 'Renamed by import' } })
  })
})

describe('CSV and GeoJSON errors name row and column', () => {
  test.each([
    ['an unknown area', { coverage_areas: 'E08999999' }, 'coverage_areas', 'not loaded'],
    ['a bad email', { email: 'nope' }, 'email', 'email'],
    [
      'a bad boolean',
      { membership_based: 'perhaps' },
      'membership_based',
      'membership_based must be yes or no',
    ],
    ['a bad latitude', { office_lat: 'north' }, 'office_lat', 'office_lat must be a number'],
    ['no name', { name: '' }, 'name', 'name is required'],
    ['no kind', { kind: '' }, 'kind', 'kind is required'],
    ['a long summary', { summary: 'x'.repeat(501) }, 'summary', 'summary must be at most 500 characters'],
    [
      'hours that are not JSON',
      { opening_hours: 'Mon-Fri 9-5' },
      'opening_hours',
      'opening_hours has the wrong form',
    ],
  ])('%s: named on its spreadsheet line, in plain words', async (_label, overrides, column, message) => {
    const text = [header.join(','), row(90_001), row(90_002, overrides)].join('\n')
    const dry = await post(text, '')
    expect(dry.body.status).toBe('invalid')
    // The header is line 1, the first record line 2: the bad second record is on line 3.
    expect(dry.body.errors[0]).toMatchObject({ row: 3, column })
    expect(dry.body.errors[0].message).toContain(message)
    expect(dry.body.errors[0].message).not.toMatch(/Invalid input|expected \w+, received/)
  })

  test('the list of imports shows the same counts as the report, dry run or commit', async () => {
    const text = [header.join(','), row(90_010)].join('\n')
    const dry = await post(text, 'filename=counts.csv')
    expect(dry.body).toMatchObject({ status: 'valid', creates: 1, updates: 0 })
    const list = await editor.agent.get('/api/imports')
    const listed = list.body.items.find((i: { id: string }) => i.id === dry.body.id)
    expect(listed).toMatchObject({ mode: 'dry-run', creates: 1, updates: 0, totalRows: 1 })
  })

  test('a duplicate slug in the file, an unknown column and a missing column', async () => {
    const dup = await post([header.join(','), row(90_003), row(90_003)].join('\n'), '')
    expect(dup.body.errors).toEqual([
      { row: 3, column: 'slug', message: 'slug "imp-90003" is also on row 2' },
    ])
    const unknown = await post('slug,name,colour\na,b,c\n', '')
    expect(unknown.body.errors.map((e: { column: string }) => e.column)).toEqual(
      expect.arrayContaining(['colour', 'kind', 'functions']),
    )
  })

  test('GeoJSON: properties plus the polygon as coverage; errors name the feature and property', async () => {
    const feature = (
      slug: string,
      extra: Record<string, unknown> = {},
      geometry: unknown = centralBradfordSquare,
    ) => ({
      type: 'Feature',
      geometry,
      properties: {
        slug,
        name: `GeoJSON ${slug}`,
        kind: 'generalist',
        level: 'neighbourhood',
        orgType: 'infrastructure',
        summary: 'Drawn service area.',
        cost: { type: 'free' },
        functions: ['networks'],
        source: 'geojson-test',
        coverageAreas: [],
        ...extra,
      },
    })
    const good = JSON.stringify({ type: 'FeatureCollection', features: [feature('geo-1')] })
    const commit = await post(good, 'commit=true', 'application/geo+json')
    expect(commit.status).toBe(201)
    const record = await editor.agent.get('/api/providers/geo-1')
    expect(record.body.coverage.hasPolygon).toBe(true)
    const bad = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        feature('geo-2'),
        feature('geo-3', { level: 'galactic' }),
        feature(
          'geo-4',
          {},
          {
            type: 'Polygon',
            coordinates: [
              [
                [5, 5],
                [6, 5],
                [6, 6],
                [5, 5],
              ],
            ],
          },
        ),
      ],
    })
    const dry = await post(bad, '', 'application/geo+json')
    expect(dry.body.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [2, 'properties.level'],
      [3, 'geometry'],
    ])
  })

  test('an ORUK document that is not one is an invalid dry run with its errors; no body is a 415', async () => {
    const oruk = await post('{}', 'format=oruk', 'application/vnd.oruk+json')
    expect(oruk.status).toBe(200)
    expect(oruk.body).toMatchObject({ format: 'oruk', status: 'invalid', totalRows: 0 })
    expect(oruk.body.errorCount).toBeGreaterThan(0)
    const none = await editor.agent.post('/api/imports').set('X-CSRF-Token', editor.csrfToken)
    expect(none.status).toBe(415)
  })
})

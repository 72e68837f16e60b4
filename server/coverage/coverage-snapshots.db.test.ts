import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { anonymous, type SignedIn, signIn } from '../../test/helpers/auth'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import { seedDirectory } from '../directory/directory-seed'
import type { Database } from '../lib/db'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'
import { createTaxonomyService } from '../taxonomy/taxonomy-service'
import { baselineKeys } from './coverage-baseline-seed'
import { coverageAreas as a, coverageDirectory, coverageSlugs as s } from './coverage-fixture'
import { CHANGES_CSV_HEADER } from './coverage-snapshot-export'
import { pruneSnapshots } from './coverage-snapshot-queries'
import type { ChangesResponse, SnapshotSummary } from './coverage-snapshot-schemas'
import { createSnapshotService } from './coverage-snapshot-service'

let db: Database
let app: ReturnType<typeof createApp>
let editor: SignedIn

beforeAll(async () => {
  db = await openTestDatabase()
  await seedDirectory(db.knex, await readTaxonomy(db.knex), coverageDirectory())
  app = createApp({ db, config: testConfig() })
  editor = await signIn(app, db, 'editor')
})
afterAll(async () => {
  await db?.close()
})

async function takeSnapshot(): Promise<SnapshotSummary> {
  const res = await editor.agent.post('/api/coverage/snapshots').set('X-CSRF-Token', editor.csrfToken)
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body
}

async function changes(query: string): Promise<ChangesResponse> {
  const res = await request(app).get(`/api/coverage/changes?${query}`)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body
}

/** A service on the same database with its own retention, as a second process would have. */
function serviceWith(retention: { retain: number; retainDays: number }) {
  const taxonomy = createTaxonomyService(db.knex, { cacheSeconds: 0 })
  return createSnapshotService({
    knex: db.knex,
    taxonomy,
    coverage: { ensureCurrent: async () => {} },
    options: { ...retention, maxCells: 250_000 },
  })
}

const snapshotCount = async () => Number((await db.knex('coverage_snapshots').count('* as n'))[0]?.n)

describe(`coverage snapshots on the ${currentEngine()} engine`, () => {
  test('an edit between two snapshots: exactly the areas that lost and gained a level, the closed provider, the turned baselines', async () => {
    const before = await takeSnapshot()
    expect(before).toMatchObject({ trigger: 'on-demand', takenBy: editor.email, minSharePercent: 50 })
    expect(before.providerCount).toBe(coverageDirectory().providers.length)

    // Through the real editing service: Leeds's only local generalist closes, and Bradford's CVS
    // takes on Kirklees (whose own CVS is closed).
    const closed = await editor.agent
      .post(`/api/providers/${s.leedsCvs}/close`)
      .set('X-CSRF-Token', editor.csrfToken)
      .send({})
    expect(closed.status, JSON.stringify(closed.body)).toBe(200)
    const bradford = await request(app).get(`/api/providers/${s.bradfordCvs}`)
    const moved = await editor.agent
      .put(`/api/providers/${s.bradfordCvs}/coverage`)
      .set('X-CSRF-Token', editor.csrfToken)
      .set('If-Match', `"${bradford.body.version}"`)
      .send({ areas: [a.bradford, a.kirklees] })
    expect(moved.status, JSON.stringify(moved.body)).toBe(200)

    const after = await takeSnapshot()
    const body = await changes(`from=${before.id}&to=${after.id}&level=local&within=${a.westYorkshire}`)
    expect(body.from).toMatchObject({ id: before.id, live: false })
    expect(body.to).toMatchObject({ id: after.id, live: false })
    expect(body.within).toMatchObject({ code: a.westYorkshire })
    // Any support, every strand's specialists and generalists: only the generalist column moved.
    expect(body.areas).toEqual([
      {
        code: a.kirklees,
        name: 'Kirklees',
        nameCy: null,
        change: 'gained',
        cells: [
          {
            key: 'any|generalist',
            function: null,
            strand: 'generalist',
            before: 'subregional',
            after: 'local',
            change: 'gained',
          },
        ],
      },
      {
        code: a.leeds,
        name: 'Leeds',
        nameCy: null,
        change: 'lost',
        cells: [
          {
            key: 'any|generalist',
            function: null,
            strand: 'generalist',
            before: 'local',
            after: 'subregional',
            change: 'lost',
          },
        ],
      },
    ])
    expect(body.baselines.map((b) => [b.area.name, b.baseline.key, b.before, b.after])).toEqual([
      ['Kirklees', baselineKeys.localGeneralist, 'fail', 'pass'],
      ['Leeds', baselineKeys.localGeneralist, 'pass', 'fail'],
    ])
    expect(body.providers.closed.map((p) => [p.slug, p.before, p.status])).toEqual([
      [s.leedsCvs, 'active', 'closed'],
    ])
    expect(body.providers.opened).toEqual([])
    expect(body.providers.serviceAreaChanged.map((p) => [p.slug, p.added, p.removed])).toEqual([
      [s.bradfordCvs, [a.kirklees], []],
    ])
    expect(body.summary).toEqual({
      areasGained: 1,
      areasLost: 1,
      areasMixed: 0,
      opened: 0,
      closed: 1,
      baselinesNowFailing: 1,
      baselinesNowPassing: 1,
    })

    // "now" reads the live data the same way: the same changes; and nothing since the last snapshot.
    const sinceThen = await changes(`from=${before.id}&level=local&within=${a.westYorkshire}`)
    expect(sinceThen.to).toMatchObject({ live: true })
    expect(sinceThen.areas).toEqual(body.areas)
    expect(sinceThen.baselines).toEqual(body.baselines)
    expect(sinceThen.providers).toEqual(body.providers)
    const today = new Date().toISOString().slice(0, 10)
    const none = await changes(`from=${today}&to=now&level=local`)
    expect(none.from).toMatchObject({ id: after.id })
    expect([none.areas, none.baselines, none.providers.closed, none.providers.serviceAreaChanged]).toEqual([
      [],
      [],
      [],
      [],
    ])

    // A function and help:<strand> column: training for disability groups (generalists or specialists).
    const training = await changes(
      `from=${before.id}&to=${after.id}&level=local&within=${a.westYorkshire}&function=training&strand=help:disability`,
    )
    expect(training.areas.map((x) => [x.name, x.cells.map((c) => [c.key, c.before, c.after])])).toEqual([
      [
        'Kirklees',
        [
          ['function:training|help:disability', 'subregional', 'local'],
          ['function:training|generalist', 'subregional', 'local'],
        ],
      ],
      [
        'Leeds',
        [
          ['function:training|help:disability', 'local', 'subregional'],
          ['function:training|generalist', 'local', 'subregional'],
        ],
      ],
    ])

    // The exports carry the same changes.
    const csv = await request(app).get(
      `/api/coverage/changes?from=${before.id}&to=${after.id}&level=local&within=${a.westYorkshire}&format=csv`,
    )
    expect(csv.status).toBe(200)
    expect(csv.headers['content-type']).toMatch(/^text\/csv/)
    const lines = csv.text.trim().split('\r\n')
    expect(lines[0]).toBe(CHANGES_CSV_HEADER.join(','))
    expect(lines.slice(1)).toEqual([
      `area,${a.kirklees},Kirklees,,,generalist,,subregional,local,gained`,
      `area,${a.leeds},Leeds,,,generalist,,local,subregional,lost`,
      `baseline,${a.kirklees},Kirklees,,,,${baselineKeys.localGeneralist},fail,pass,now-passing`,
      `baseline,${a.leeds},Leeds,,,,${baselineKeys.localGeneralist},pass,fail,now-failing`,
      `provider,${s.leedsCvs},CV Leeds CVS,,,,,active,closed,closed`,
      `provider,${s.bradfordCvs},CV Bradford CVS,,,,,,,service-area +${a.kirklees}`,
    ])
    const geo = await request(app).get(
      `/api/coverage/changes?from=${before.id}&to=${after.id}&level=local&within=${a.westYorkshire}&format=geojson`,
    )
    expect(geo.status).toBe(200)
    const collection = JSON.parse(geo.text)
    expect(collection.type).toBe('FeatureCollection')
    expect(
      collection.features.map(
        (f: { id: string; properties: { change: string }; geometry: { type: string } }) => [
          f.id,
          f.properties.change,
          f.geometry.type,
        ],
      ),
    ).toEqual([
      [a.kirklees, 'gained', 'MultiPolygon'],
      [a.leeds, 'lost', 'MultiPolygon'],
    ])
  })

  test('listing: newest first; who took one is shown to editors only; taking one is audited and for editors', async () => {
    const taken = await takeSnapshot()
    const mine = await editor.agent.get('/api/coverage/snapshots')
    expect(mine.body.items[0]).toMatchObject({ id: taken.id, takenBy: editor.email, trigger: 'on-demand' })
    const times = mine.body.items.map((x: SnapshotSummary) => x.takenAt)
    expect(times).toEqual([...times].sort().reverse())
    const publicList = await request(app).get('/api/coverage/snapshots')
    expect(publicList.body.items[0]).toMatchObject({ id: taken.id, takenBy: null })
    const audit = await db.knex('audit_log').where({ entity_type: 'coverage-snapshot', entity_id: taken.id })
    expect(audit.map((r) => [r.action, r.actor_label])).toEqual([['create', editor.email]])
    const visitor = await anonymous(app)
    const refused = await visitor.agent.post('/api/coverage/snapshots').set('X-CSRF-Token', visitor.csrfToken)
    expect(refused.status).toBe(401)
  })

  test('concurrent requests take one snapshot: the one that waited gets the same', async () => {
    const count = await snapshotCount()
    const [one, two] = await Promise.all([
      editor.agent.post('/api/coverage/snapshots').set('X-CSRF-Token', editor.csrfToken),
      editor.agent.post('/api/coverage/snapshots').set('X-CSRF-Token', editor.csrfToken),
    ])
    expect([one.status, two.status].sort()).toEqual([200, 201])
    expect(one.body.id).toBe(two.body.id)
    expect(await snapshotCount()).toBe(count + 1)
  })

  test('two processes on a schedule take one snapshot between them, and none while the newest is recent', async () => {
    await db.knex('coverage_snapshots').delete()
    const first = serviceWith({ retain: 0, retainDays: 0 })
    const second = serviceWith({ retain: 0, retainDays: 0 })
    const results = await Promise.all([first.takeScheduled(24), second.takeScheduled(24)])
    expect(results.map((r) => r.created).sort()).toEqual([false, true])
    expect(results[0]?.snapshot.id).toBe(results[1]?.snapshot.id)
    expect(await snapshotCount()).toBe(1)
    expect((await first.takeScheduled(24)).created).toBe(false)
    expect(await snapshotCount()).toBe(1)
  })

  test('retention keeps the newest N, drops those older than the age limit, and always keeps the newest', async () => {
    await db.knex('coverage_snapshots').delete()
    const service = serviceWith({ retain: 2, retainDays: 0 })
    const ids: string[] = []
    for (let i = 0; i < 3; i++) ids.push((await service.take({ userId: editor.userId })).snapshot.id)
    expect((await service.list(false)).map((x) => x.id)).toEqual([ids[2], ids[1]])

    const byAge = serviceWith({ retain: 0, retainDays: 30 })
    await db.knex('coverage_snapshots').update({ taken_at: db.knex.raw("now() - interval '40 days'") })
    const newest = (await byAge.take({ userId: editor.userId })).snapshot.id
    expect((await byAge.list(false)).map((x) => x.id)).toEqual([newest])
    // Even when the newest is itself over the age limit, it stays.
    await db.knex('coverage_snapshots').update({ taken_at: db.knex.raw("now() - interval '40 days'") })
    expect(await db.knex.transaction((trx) => pruneSnapshots(trx, { keep: 0, maxAgeDays: 30 }))).toBe(0)
    expect(await byAge.latestOnOrBefore('2999-01-01')).toMatchObject({ id: newest })
  })

  test.each([
    ['', 'from'],
    ['from=yesterday', 'from must be a date (YYYY-MM-DD), a snapshot id (UUID)'],
    ['from=2026-02-30', 'from must be a date'],
    ['from=2000-01-01', 'no snapshot was taken on or before 2000-01-01'],
    ['from=00000000-0000-4000-8000-000000000000', 'no snapshot with id 00000000-0000-4000-8000-000000000000'],
    ['from=2999-01-01&to=soon', 'to must be a date (YYYY-MM-DD), a snapshot id (UUID) or "now"'],
    ['from=2999-01-01&topic=governance', 'snapshots record functions, not topics'],
    ['from=2999-01-01&strand=nobody', 'unknown strand "nobody"'],
    ['from=2999-01-01&level=local&within=E08000032&level=regional', 'give level once'],
    ['from=2999-01-01&level=regional&within=E08000032', 'holds no regional areas'],
  ])('GET /api/coverage/changes?%s is a 400 naming the problem', async (query, message) => {
    if (query.includes('2999')) await takeSnapshot()
    const res = await request(app).get(`/api/coverage/changes?${query}`)
    expect(res.status).toBe(400)
    expect(res.body.error.name).toBe('ValidationError')
    expect(res.body.error.message).toContain(message)
  })

  test('an earlier "to" than "from" is a 400 saying which way round', async () => {
    const older = await takeSnapshot()
    const newer = await takeSnapshot()
    const res = await request(app).get(`/api/coverage/changes?from=${newer.id}&to=${older.id}`)
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('give the earlier date as from')
  })
})

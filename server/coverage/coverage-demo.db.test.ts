import { readFileSync } from 'node:fs'
import path from 'node:path'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildDemoDirectory } from '../../seeds/demo/demo-directory'
import { loadDemoGeography } from '../../seeds/demo/demo-geography'
import { DISTRICTS_WITHOUT_LOCAL_GENERALIST } from '../../seeds/demo/demo-local-bodies'
import { currentEngine } from '../../test/helpers/engines'
import { repoRoot, testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import { seedDirectory } from '../directory/directory-seed'
import type { Database } from '../lib/db'
import { rebuildCoverageCells } from '../providers/coverage-cells-queries'
import type { DirectoryContent } from '../providers/provider-schema'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'
import { baselineKeys } from './coverage-baseline-seed'
import { naiveCells } from './coverage-naive-queries'
import type { CellRow } from './coverage-queries'
import type { CoverageResponse } from './coverage-schemas'

let db: Database
let app: ReturnType<typeof createApp>
let demo: DirectoryContent
/** England's and Wales's districts: the areas the directory's records cover. */
let demoDistrictCount: number

beforeAll(async () => {
  db = await openTestDatabase()
  demo = buildDemoDirectory(testConfig().geoDataDir)
  demoDistrictCount = loadDemoGeography(testConfig().geoDataDir).districts.length
  await seedDirectory(db.knex, await readTaxonomy(db.knex), demo)
  // As the demo seed does: one set-based build after the bulk load.
  await db.knex.transaction((trx) => rebuildCoverageCells(trx, 0.5))
  app = createApp({ db, config: testConfig() })
})
afterAll(async () => {
  await db?.close()
})

describe(`coverage of the demo directory on the ${currentEngine()} engine`, () => {
  test("acceptance 2: the coverage page's districts without a local generalist are exactly the deliberate gaps, as many as the README says", async () => {
    // The number README.md states, read from it so the two can never drift apart (issue 16).
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8').replace(/\s+/g, ' ')
    const stated = readme.match(/leaves (\d+) districts without a local generalist/)?.[1]
    expect(stated).toBeDefined()
    // The coverage page's first view: every district of the UK, generalists, closest level.
    const res = await request(app).get('/api/coverage?level=local&strand=generalist')
    expect(res.status).toBe(200)
    const body = res.body as CoverageResponse
    const inDirectory = body.areas.filter((area) => area.inDirectory)
    expect(inDirectory).toHaveLength(demoDistrictCount)
    const withoutLocal: string[] = []
    const failing: string[] = []
    for (const area of inDirectory) {
      const cell = area.cells.find((c) => c.key === 'any|generalist')
      expect(cell?.baseline?.rules.map((r) => r.key)).toEqual([baselineKeys.localGeneralist])
      if (cell?.depth !== 'local' && cell?.depth !== 'neighbourhood') withoutLocal.push(area.code)
      if (cell?.baseline?.status === 'fail') failing.push(area.code)
    }
    expect(withoutLocal.sort()).toEqual(demo.districtsWithoutLocalGeneralist)
    expect(failing.sort()).toEqual(demo.districtsWithoutLocalGeneralist)
    expect(withoutLocal).toHaveLength(Number(stated))
  })

  test.each(DISTRICTS_WITHOUT_LOCAL_GENERALIST.map((d) => [d.code, d.why] as const))(
    'the profile of %s (%s) says why it fails',
    async (code, why) => {
      const res = await request(app).get(`/api/areas/${code}/profile`)
      expect(res.status).toBe(200)
      const rule = res.body.baselines.find((b: { key: string }) => b.key === baselineKeys.localGeneralist)
      expect(rule).toMatchObject({ status: 'fail', counted: 0 })
      expect(rule.reason).toMatch(
        /^No generalist provider at local level or closer covers this area \(1 needed\)/,
      )
      // Where a local body exists but is closed or only a draft, the profile names it.
      if (/closed/.test(why)) expect(rule.reason).toMatch(/not counted because not active: .+ \(closed\)/)
      if (/draft/.test(why)) expect(rule.reason).toMatch(/not counted because not active: .+ \(draft\)/)
      // Generalist support still reaches it from further away (the national generalists at least).
      expect(rule.depth).not.toBeNull()
      expect(rule.reason).toContain(`the nearest is at`)
      expect(rule.nearest.length).toBeGreaterThan(0)
    },
  )

  test('the stored cells equal the naive join-and-count for every district, function and group', async () => {
    const taxonomy = await readTaxonomy(db.knex)
    const facets = [
      { kind: 'any', code: '' },
      ...taxonomy.functions.map((f) => ({ kind: 'function', code: f.code })),
      ...taxonomy.topics.map((t) => ({ kind: 'topic', code: t.code })),
    ]
    const groups = ['any', 'generalist', ...taxonomy.strands.map((x) => x.code)]
    const naive = await naiveCells(db.knex, { level: 'local', within: null, facets, groups })
    const sortKey = (r: CellRow) => `${r.area_code}|${r.facet_kind}|${r.facet_code}|${r.group_code}`
    const stored: CellRow[] = await db
      .knex('coverage_cells as c')
      .join('areas as a', 'a.code', 'c.area_code')
      .where('a.level', 'local')
      .select('c.*')
    const byKey = (rows: CellRow[]) => [...rows].sort((x, y) => sortKey(x).localeCompare(sortKey(y)))
    expect(naive.length).toBeGreaterThan(10_000)
    expect(byKey(stored)).toEqual(byKey(naive))
  })
})

import type { Knex } from 'knex'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { anonymous, type SignedIn, signIn } from '../../test/helpers/auth'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import { seedDirectory } from '../directory/directory-seed'
import type { Database } from '../lib/db'
import { rebuildCoverageCells } from '../providers/coverage-cells-queries'
import { replaceCoverage } from '../providers/provider-writes'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'
import { baselineId, baselineKeys } from './coverage-baseline-seed'
import { CSV_HEADER } from './coverage-export'
import {
  coverageAreas as a,
  coverageDirectory,
  coveragePopulations as pop,
  coverageSlugs as s,
} from './coverage-fixture'
import { naiveCells } from './coverage-naive-queries'
import { type CellRow, selectCells } from './coverage-queries'
import type { CoverageArea, CoverageCell, CoverageResponse } from './coverage-schemas'

let db: Database
let app: ReturnType<typeof createApp>

beforeAll(async () => {
  db = await openTestDatabase()
  await seedDirectory(db.knex, await readTaxonomy(db.knex), coverageDirectory())
  app = createApp({ db, config: testConfig() })
})
afterAll(async () => {
  await db?.close()
})

async function get(path: string) {
  const res = await request(app).get(path)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body
}

async function idOf(slug: string): Promise<string> {
  return (await db.knex('providers').where({ slug }).first('id')).id
}

/** [area code, [strand, count, byLevel without zeros, depth, perCapita, partial] per cell]. */
function compact(body: CoverageResponse) {
  return body.areas.map((area) => [
    area.code,
    area.cells.map((c) => [
      c.strand,
      c.count,
      Object.fromEntries(Object.entries(c.byLevel).filter(([, n]) => n > 0)),
      c.depth,
      c.perCapita,
      c.partial,
    ]),
  ])
}

const cellOf = (area: CoverageArea | undefined, key: string): CoverageCell | undefined =>
  area?.cells.find((c) => c.key === key)

/**
 * The cells the coverage read builds (stored groups, and help:<strand> by inclusion-exclusion) and
 * the naive join-and-count, for every facet and every group including help:<strand>, at `level`.
 */
async function materialisedAndNaive(level: string) {
  const taxonomy = await readTaxonomy(db.knex)
  const facets = [
    { kind: 'any', code: '' },
    ...taxonomy.functions.map((f) => ({ kind: 'function', code: f.code })),
    ...taxonomy.topics.map((t) => ({ kind: 'topic', code: t.code })),
  ]
  const strands = taxonomy.strands.map((x) => x.code)
  const groups = ['any', 'generalist', ...strands, ...strands.map((x) => `help:${x}`)]
  const q = { level, within: null, facets, groups }
  const sortKey = (r: CellRow) => `${r.area_code}|${r.facet_kind}|${r.facet_code}|${r.group_code}`
  const sorted = (rows: CellRow[]) => [...rows].sort((x, y) => sortKey(x).localeCompare(sortKey(y)))
  return {
    materialised: sorted(await selectCells(db.knex, q)),
    naive: sorted(await naiveCells(db.knex, q)),
  }
}

/** Every stored cell, in a stable order, for comparing the incremental result with a rebuild. */
async function allCells(knex: Knex) {
  return knex('coverage_cells').orderBy(['area_code', 'facet_kind', 'facet_code', 'group_code'])
}

describe(`coverage on the ${currentEngine()} engine: the hand-checkable fixture`, () => {
  test('West Yorkshire districts × training for disability, plus the generalist column: counts, levels, depth, per 100,000', async () => {
    const body: CoverageResponse = await get(
      `/api/coverage?level=local&within=${a.westYorkshire}&function=training&strand=disability`,
    )
    expect(body.level).toBe('local')
    expect(body.within).toMatchObject({ code: a.westYorkshire, name: 'West Yorkshire', level: 'subregional' })
    expect(body.minSharePercent).toBe(50)
    expect(body.columns).toEqual([
      {
        key: 'function:training|disability',
        function: 'training',
        topic: null,
        strand: 'disability',
        counted: 'specialists',
      },
      {
        key: 'function:training|generalist',
        function: 'training',
        topic: null,
        strand: 'generalist',
        counted: 'generalists',
      },
    ])
    expect(body.areas.map((x) => [x.name, x.population])).toEqual([
      ['Bradford', pop.bradford],
      ['Calderdale', pop.calderdale],
      ['Kirklees', pop.kirklees],
      ['Leeds', pop.leeds],
      ['Wakefield', pop.wakefield],
    ])
    // Bradford: three local disability trainers (3 / 523,115 × 100,000 = 0.57); the Bradford CVS
    // (local) and the West Yorkshire generalist (sub-regional) both train. Kirklees' CVS is closed
    // and Calderdale's a draft: neither counts, so only the sub-regional body reaches them.
    expect(compact(body)).toEqual([
      [
        a.bradford,
        [
          ['disability', 3, { local: 3 }, 'local', 0.57, 0],
          ['generalist', 2, { local: 1, subregional: 1 }, 'local', 0.38, 0],
        ],
      ],
      [
        a.calderdale,
        [
          ['disability', 0, {}, null, 0, 0],
          ['generalist', 1, { subregional: 1 }, 'subregional', 0.49, 0],
        ],
      ],
      [
        a.kirklees,
        [
          ['disability', 0, {}, null, 0, 0],
          ['generalist', 1, { subregional: 1 }, 'subregional', 0.24, 0],
        ],
      ],
      [
        a.leeds,
        [
          ['disability', 0, {}, null, 0, 0],
          ['generalist', 2, { local: 1, subregional: 1 }, 'local', 0.27, 0],
        ],
      ],
      [
        a.wakefield,
        [
          ['disability', 0, {}, null, 0, 0],
          ['generalist', 1, { subregional: 1 }, 'subregional', 0.31, 0],
        ],
      ],
    ])
  })

  test("for whom: help:<strand> counts generalists and the strand's specialists once each; the bare strand only its specialists", async () => {
    // Leeds has a local generalist that trains but no disability specialist: a gap for
    // "specialists only", local cover for "any provider that would help" (issue 19).
    const body: CoverageResponse = await get(
      `/api/coverage?level=local&within=${a.westYorkshire}&function=training&strand=help:disability&strand=disability`,
    )
    expect(body.columns.map((c) => [c.strand, c.counted])).toEqual([
      ['help:disability', 'generalists-and-specialists'],
      ['disability', 'specialists'],
      ['generalist', 'generalists'],
    ])
    const leeds = body.areas.find((x) => x.code === a.leeds)
    expect(cellOf(leeds, 'function:training|disability')).toMatchObject({ count: 0, depth: null })
    expect(cellOf(leeds, 'function:training|help:disability')).toMatchObject({
      count: 2,
      byLevel: { local: 1, subregional: 1 },
      depth: 'local',
    })
    // Bradford: three disability trainers, its CVS and the West Yorkshire body.
    const bradford = body.areas.find((x) => x.code === a.bradford)
    expect(cellOf(bradford, 'function:training|help:disability')).toMatchObject({
      count: 5,
      byLevel: { local: 4, subregional: 1 },
    })

    // The issue's own example, in Wales: advice for refugee groups. No specialist anywhere, but the
    // national generalist helps every group; it also lists Welsh-language communities and counts once.
    const wales: CoverageResponse = await get(
      `/api/coverage?level=local&within=${a.wales}&function=information-advice&strand=refugees-migrants&strand=help:refugees-migrants&strand=help:welsh-language`,
    )
    const cardiff = wales.areas.find((x) => x.code === a.cardiff)
    expect(cellOf(cardiff, 'function:information-advice|refugees-migrants')).toMatchObject({
      count: 0,
      depth: null,
    })
    expect(cellOf(cardiff, 'function:information-advice|help:refugees-migrants')).toMatchObject({
      count: 1,
      depth: 'national',
    })
    expect(cellOf(cardiff, 'function:information-advice|help:welsh-language')).toMatchObject({
      count: 1,
      byLevel: { national: 1 },
    })
    expect(
      wales.areas.every((x) => cellOf(x, 'function:information-advice|help:refugees-migrants')?.count === 1),
    ).toBe(true)
  })

  test.each(['local', 'neighbourhood', 'national'])(
    'the %s cells read for every facet and group (help:<strand> included) equal the naive join-and-count',
    async (level) => {
      const { materialised, naive } = await materialisedAndNaive(level)
      expect(naive.filter((r) => r.group_code.startsWith('help:')).length).toBeGreaterThan(20)
      expect(materialised).toEqual(naive)
    },
  )

  test('without filters: any support, every strand then generalists, each checked against its baseline', async () => {
    const body: CoverageResponse = await get(`/api/coverage?level=local&within=${a.westYorkshire}`)
    const taxonomy = await readTaxonomy(db.knex)
    expect(body.columns.map((c) => c.strand)).toEqual([...taxonomy.strands.map((t) => t.code), 'generalist'])
    expect(body.columns.every((c) => c.function === null && c.topic === null)).toBe(true)
    const status = (key: string) =>
      Object.fromEntries(body.areas.map((area) => [area.name, cellOf(area, key)?.baseline?.status]))
    // Every district has a local generalist: only Bradford and Leeds (closed, draft and
    // sub-regional bodies do not count at local depth).
    expect(status('any|generalist')).toEqual({
      Bradford: 'pass',
      Calderdale: 'fail',
      Kirklees: 'fail',
      Leeds: 'pass',
      Wakefield: 'fail',
    })
    const bradford = body.areas.find((x) => x.code === a.bradford)
    expect(cellOf(bradford, 'any|generalist')?.baseline).toEqual({
      status: 'pass',
      rules: [
        {
          id: baselineId(baselineKeys.localGeneralist),
          key: baselineKeys.localGeneralist,
          status: 'pass',
          counted: 1,
          minCount: 1,
          acceptableDepth: 'local',
        },
      ],
    })
    // Specialist reach at any level: race (regional) and LGBT (national) reach everyone, disability
    // only Bradford, carers nobody.
    expect(Object.values(status('any|race'))).toEqual(['pass', 'pass', 'pass', 'pass', 'pass'])
    expect(Object.values(status('any|sexual-orientation'))).toEqual(['pass', 'pass', 'pass', 'pass', 'pass'])
    expect(status('any|disability')).toMatchObject({ Bradford: 'pass', Leeds: 'fail' })
    expect(Object.values(status('any|carers'))).toEqual(['fail', 'fail', 'fail', 'fail', 'fail'])
    expect(cellOf(bradford, 'any|carers')).toMatchObject({ count: 0, depth: null })
  })

  test('a drawn polygon counts where it covers at least 50 % of an area, and is reported as partial elsewhere', async () => {
    const hub = await idOf(s.bradfordHub)
    const shares = Object.fromEntries(
      (await db.knex('provider_coverage_index').where({ provider_id: hub }).select('area_code', 'share')).map(
        (r: { area_code: string; share: number }) => [r.area_code, Number(r.share)],
      ),
    )
    expect(shares[a.bradfordCityWard]).toBeGreaterThanOrEqual(0.5)
    expect(shares[a.bradford]).toBeGreaterThan(0)
    expect(shares[a.bradford]).toBeLessThan(0.05)

    const ward: CoverageResponse = await get(
      `/api/coverage?level=neighbourhood&within=${a.bradford}&function=meeting-space&strand=refugees-migrants`,
    )
    expect(ward.areas).toHaveLength(30)
    const city = ward.areas.find((x) => x.code === a.bradfordCityWard)
    expect(cellOf(city, 'function:meeting-space|refugees-migrants')).toMatchObject({
      count: 1,
      byLevel: { neighbourhood: 1 },
      depth: 'neighbourhood',
      partial: 0,
      perCapita: null, // wards have no population figure
    })
    const district: CoverageResponse = await get(
      `/api/coverage?level=local&within=${a.bradford}&function=meeting-space&strand=refugees-migrants`,
    )
    expect(district.areas.map((x) => x.code)).toEqual([a.bradford])
    expect(cellOf(district.areas[0], 'function:meeting-space|refugees-migrants')).toMatchObject({
      count: 0,
      depth: null,
      partial: 1,
    })
    const profile = await get(`/api/areas/${a.bradford}/profile`)
    expect(profile.partial).toEqual([
      expect.objectContaining({
        slug: s.bradfordHub,
        via: null,
        share: Math.round((shares[a.bradford] ?? 0) * 1000) / 1000,
      }),
    ])
  })

  test('the minimum share is a setting: at 100 % the hub no longer counts in the City ward (the cells are rebuilt)', async () => {
    const strict = createApp({ db, config: testConfig({ coverageMinSharePercent: 100 }) })
    const path = `/api/coverage?level=neighbourhood&within=${a.bradfordCityWard}&function=meeting-space&strand=refugees-migrants`
    const res = await request(strict).get(path)
    expect(res.body.minSharePercent).toBe(100)
    expect(res.body.areas[0].cells[0]).toMatchObject({ count: 0, partial: 1 })
    // Back at the default the next read rebuilds again.
    const back: CoverageResponse = await get(path)
    expect(back.areas[0]?.cells[0]).toMatchObject({ count: 1, partial: 0 })
  })

  test('duplication: three local providers training disabled people in Bradford, named', async () => {
    const body = await get(`/api/coverage/duplication?level=local&within=${a.westYorkshire}`)
    expect(body).toMatchObject({ level: 'local', minProviders: 3, total: 1 })
    expect(body.items).toEqual([
      {
        area: { code: a.bradford, name: 'Bradford', nameCy: null },
        function: 'training',
        strand: 'disability',
        level: 'local',
        count: 3,
        providers: s.bradfordDisability.map((slug, i) =>
          expect.objectContaining({ slug, name: `CV Bradford Disability Trainers ${i + 1}` }),
        ),
      },
    ])
    expect((await get(`/api/coverage/duplication?level=local&min=4`)).items).toEqual([])
    // Two is enough for the Bradford and West Yorkshire generalists? No: they are at different levels.
    const two = await get(
      `/api/coverage/duplication?level=local&within=${a.bradford}&min=2&strand=generalist`,
    )
    expect(two.items).toEqual([])
    const profile = await get(`/api/areas/${a.bradford}/profile`)
    expect(profile.duplication).toEqual([
      expect.objectContaining({ function: 'training', strand: 'disability', level: 'local', count: 3 }),
    ])
  })

  test('impact of closing the Bradford CVS: what loses all coverage and what loses its local depth', async () => {
    const impact = await get(`/api/coverage/impact?provider=${s.bradfordCvs}&level=local`)
    expect(impact.provider).toMatchObject({ slug: s.bradfordCvs, level: 'local', status: 'active' })
    expect(impact.counted).toBe(true)
    expect(impact.areasCovered).toBe(1)
    const keys = (
      items: Array<{ area: { code: string }; function: string | null; topic: string | null; strand: string }>,
    ) => items.map((i) => `${i.area.code} ${i.function ?? i.topic ?? 'any'} ${i.strand}`).sort()
    // Only it offers grants, advice and community development in Bradford.
    expect(keys(impact.lostCoverage)).toEqual(
      [
        'community-development any',
        'community-development generalist',
        'grants any',
        'grants generalist',
        'information-advice any',
        'information-advice generalist',
      ].map((k) => `${a.bradford} ${k}`),
    )
    // Generalist support (any, and training) falls back to the sub-regional body.
    expect(keys(impact.lostLocalDepth)).toEqual([
      `${a.bradford} any generalist`,
      `${a.bradford} training generalist`,
    ])
    expect(impact.lostLocalDepth[0]).toMatchObject({
      depthBefore: 'local',
      depthAfter: 'subregional',
      countBefore: 2,
    })

    // Every ward of Bradford loses the same, except that the City ward keeps its own generalist forum.
    const wards = await get(`/api/coverage/impact?provider=${s.bradfordCvs}&level=neighbourhood`)
    expect(wards.areasCovered).toBe(30)
    const anyGeneralist = wards.lostLocalDepth.filter(
      (i: { function: string | null; topic: string | null; strand: string }) =>
        i.function === null && i.topic === null && i.strand === 'generalist',
    )
    expect(anyGeneralist).toHaveLength(29)
    expect(anyGeneralist.map((i: { area: { code: string } }) => i.area.code)).not.toContain(
      a.bradfordCityWard,
    )

    // Close it for real: the coverage agrees with the prediction; reopen it afterwards.
    const id = await idOf(s.bradfordCvs)
    await db.knex('providers').where({ id }).update({ status: 'closed' })
    try {
      const after: CoverageResponse = await get(
        `/api/coverage?level=local&within=${a.bradford}&function=grants&function=training&strand=generalist`,
      )
      expect(compact(after)[0]).toEqual([
        a.bradford,
        [
          ['generalist', 0, {}, null, 0, 0],
          ['generalist', 1, { subregional: 1 }, 'subregional', 0.19, 0],
        ],
      ])
      const closed = await get(`/api/coverage/impact?provider=${s.bradfordCvs}`)
      expect(closed).toMatchObject({ counted: false, areasCovered: 0, lostCoverage: [], lostLocalDepth: [] })
    } finally {
      await db.knex('providers').where({ id }).update({ status: 'active' })
    }
    const reopened: CoverageResponse = await get(
      `/api/coverage?level=local&within=${a.bradford}&function=grants`,
    )
    expect(cellOf(reopened.areas[0], 'function:grants|generalist')?.count).toBe(1)
  })

  test('CSV and GeoJSON exports agree with the JSON', async () => {
    const query = `level=local&within=${a.westYorkshire}&function=training&topic=community-development&strand=disability&strand=any&strand=help:disability`
    const json: CoverageResponse = await get(`/api/coverage?${query}`)
    const geo = await request(app).get(`/api/coverage?${query}&format=geojson`)
    expect(geo.status).toBe(200)
    expect(geo.headers['content-type']).toMatch(/^application\/geo\+json/)
    const collection = JSON.parse(geo.text)
    expect(collection.type).toBe('FeatureCollection')
    expect(collection.columns).toEqual(json.columns)
    expect(collection.features.map((f: { properties: unknown }) => f.properties)).toEqual(json.areas)
    for (const feature of collection.features) {
      expect(feature.id).toBe(feature.properties.code)
      expect(feature.geometry.type).toBe('MultiPolygon')
      expect(feature.geometry.coordinates[0][0].length).toBeGreaterThan(3)
    }

    const csv = await request(app).get(`/api/coverage?${query}&format=csv`)
    expect(csv.status).toBe(200)
    expect(csv.headers['content-type']).toMatch(/^text\/csv/)
    expect(csv.headers['content-disposition']).toBe(
      `attachment; filename="coverage-local-${a.westYorkshire}.csv"`,
    )
    const [header, ...lines] = csv.text.trimEnd().split('\r\n')
    expect(header).toBe(CSV_HEADER.join(','))
    const rows = lines.map((line) =>
      Object.fromEntries(CSV_HEADER.map((h, i) => [h, line.split(',')[i] ?? ''])),
    )
    const expected = json.areas.flatMap((area) =>
      area.cells.map((cell) => ({
        area_code: area.code,
        area_name: area.name,
        area_name_cy: area.nameCy ?? '',
        population: String(area.population ?? ''),
        function: cell.function ?? '',
        topic: cell.topic ?? '',
        strand: cell.strand,
        counted: json.columns.find((c) => c.key === cell.key)?.counted,
        count: String(cell.count),
        neighbourhood: String(cell.byLevel.neighbourhood),
        local: String(cell.byLevel.local),
        subregional: String(cell.byLevel.subregional),
        regional: String(cell.byLevel.regional),
        national: String(cell.byLevel.national),
        depth: cell.depth ?? '',
        per_capita: cell.perCapita === null ? '' : String(cell.perCapita),
        partial: String(cell.partial),
        baseline_status: cell.baseline?.status ?? '',
        unmet_need: String(area.unmetNeed),
        in_directory: area.inDirectory ? 'yes' : 'no',
        imd_weighted_rank: String(area.deprivation.figures?.weightedRank ?? ''),
        imd_share_most_deprived_10: String(area.deprivation.figures?.shareMostDeprived10 ?? ''),
        imd_share_most_deprived_20: String(area.deprivation.figures?.shareMostDeprived20 ?? ''),
        imd_unavailable: area.deprivation.unavailable ?? '',
      })),
    )
    expect(rows).toEqual(expected)
    expect(rows).toHaveLength(5 * 2 * 4)
    expect([...new Set(rows.map((r) => `${r.strand} ${r.counted}`))].sort()).toEqual([
      'any every-provider',
      'disability specialists',
      'generalist generalists',
      'help:disability generalists-and-specialists',
    ])
  })

  test.each([
    [
      'an unknown level',
      'level=county',
      'unknown level "county"; allowed: neighbourhood, hex, local, subregional, regional, national',
    ],
    ['a repeated level', 'level=local&level=regional', 'give level once'],
    [
      'an unknown function',
      'function=knitting',
      'unknown function "knitting"; allowed codes: information-advice, consultancy',
    ],
    [
      'an unknown strand',
      'strand=martians',
      'unknown strand "martians"; allowed codes: any, generalist, age',
    ],
    ['an unknown topic', 'topic=cake', 'unknown topic "cake"; allowed codes: governance'],
    ['a malformed within', 'within=Bradford', 'within must be a GSS area code'],
    ['a within that is not loaded', 'within=E08999999', 'no area with code E08999999'],
    ['a within below the level', `level=local&within=${a.bradfordCityWard}`, 'allowed levels: neighbourhood'],
    ['an unknown format', 'format=xlsx', 'unknown format "xlsx"; allowed: json, geojson, csv'],
    ['an unknown parameter', 'colour=red', 'Unrecognized key'],
  ])('GET /api/coverage rejects %s with a 400 naming what is allowed', async (_name, query, message) => {
    const res = await request(app).get(`/api/coverage?${query}`)
    expect(res.status).toBe(400)
    expect(res.body.error.name).toBe('ValidationError')
    expect(res.body.error.message).toContain(message)
  })

  test('a request larger than COVERAGE_MAX_CELLS is refused, not truncated', async () => {
    const small = createApp({ db, config: testConfig({ coverageMaxCells: 10_000 }) })
    const res = await request(small).get('/api/coverage?level=local&function=training&function=grants')
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('11730 cells asked for (391 areas × 30 columns); at most 10000')
  })

  test.each([
    ['min below 2', 'min=1', 'min must be a whole number from 2 to 100'],
    ['min above 100', 'min=101', 'min must be a whole number from 2 to 100'],
    ['limit 0', 'limit=0', 'limit must be a whole number from 1 to 1000'],
    ['the any group', 'strand=any', 'unknown strand "any"'],
  ])('GET /api/coverage/duplication rejects %s', async (_name, query, message) => {
    const res = await request(app).get(`/api/coverage/duplication?${query}`)
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain(message)
  })

  test('impact and profile: unknown things are 404s, malformed ones 400s', async () => {
    expect((await request(app).get('/api/coverage/impact?provider=cv-no-such-body')).status).toBe(404)
    expect((await request(app).get('/api/coverage/impact?provider=Not%20a%20slug')).status).toBe(400)
    expect((await request(app).get('/api/coverage/impact')).status).toBe(400)
    expect((await request(app).get('/api/areas/E08999999/profile')).status).toBe(404)
    const bad = await request(app).get('/api/areas/bradford/profile')
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toContain('must be a GSS area code')
  })
})

describe(`the area profile on the ${currentEngine()} engine`, () => {
  test('Kirklees: why the local-generalist baseline fails, providers by level, parents, strands without reach', async () => {
    const profile = await get(`/api/areas/${a.kirklees}/profile`)
    expect(profile.area).toMatchObject({
      code: a.kirklees,
      name: 'Kirklees',
      level: 'local',
      population: pop.kirklees,
    })
    expect(profile.area.parents.map((p: { code: string }) => p.code)).toEqual(
      expect.arrayContaining([a.westYorkshire, a.yorkshire, a.england]),
    )
    expect(profile.area.parents[0].level).toBe('subregional')
    expect(profile.area.parents.at(-1).code).toBe(a.england)
    expect(
      profile.levels.map((l: { level: string; providers: Array<{ slug: string }> }) => [
        l.level,
        l.providers.map((p) => p.slug),
      ]),
    ).toEqual([
      ['neighbourhood', []],
      ['local', []],
      ['subregional', [s.westYorkshireGeneralist]],
      ['regional', [s.yorkshireRace]],
      ['national', [s.nationalLgbt]],
    ])
    const rule = profile.baselines.find((b: { key: string }) => b.key === baselineKeys.localGeneralist)
    expect(rule).toMatchObject({
      status: 'fail',
      counted: 0,
      depth: 'subregional',
      nearest: [expect.objectContaining({ slug: s.westYorkshireGeneralist })],
      inactive: [expect.objectContaining({ slug: s.kirkleesCvs, status: 'closed' })],
    })
    expect(rule.reason).toBe(
      'No generalist provider at local level or closer covers this area (1 needed); the nearest is at sub-regional level: CV West Yorkshire Voluntary Support; not counted because not active: CV Kirklees CVS (closed)',
    )
    // The generalist rule and the strand rules apply to districts; in England not the
    // Welsh-language one, whose scope is Wales (issue 17).
    expect(profile.baselines).toHaveLength(14)
    expect(profile.baselines.map((b: { key: string }) => b.key)).not.toContain('strand-welsh-language')
    expect(profile.noSpecialistReach).toEqual(
      expect.arrayContaining(['age', 'disability', 'carers', 'welsh-language']),
    )
    expect(profile.noSpecialistReach).not.toContain('race')
    expect(profile.strands.find((x: { strand: string }) => x.strand === 'race')).toEqual({
      strand: 'race',
      count: 1,
      depth: 'regional',
      byLevel: { neighbourhood: 0, local: 0, subregional: 0, regional: 1, national: 0 },
    })
    expect(profile.unmetNeed.total).toBe(0)
  })

  test('Calderdale: a draft record is named as not counting', async () => {
    const profile = await get(`/api/areas/${a.calderdale}/profile`)
    const rule = profile.baselines.find((b: { key: string }) => b.key === baselineKeys.localGeneralist)
    expect(rule.reason).toContain('not counted because not active: CV Calderdale CVS (draft)')
  })

  test('Bradford City ward: the ward baselines, the forum and the drawn hub, and the matrix', async () => {
    const profile = await get(`/api/areas/${a.bradfordCityWard}/profile`)
    expect(profile.area).toMatchObject({ level: 'neighbourhood', type: 'ward', population: null })
    expect(profile.area.parents[0].code).toBe(a.bradford)
    const results = Object.fromEntries(
      profile.baselines.map((b: { key: string; status: string; counted: number }) => [
        b.key,
        [b.status, b.counted],
      ]),
    )
    expect(results).toEqual({
      [baselineKeys.wardForum]: ['pass', 1],
      [baselineKeys.wardHub]: ['pass', 2],
      [baselineKeys.wardCapacityBuilding]: ['pass', 1],
      [baselineKeys.wardSmallGrants]: ['pass', 1],
    })
    expect(profile.levels[0].providers.map((p: { slug: string }) => p.slug).sort()).toEqual(
      [s.bradfordHub, s.cityWardForum].sort(),
    )
    const hub = profile.levels[0].providers.find((p: { slug: string }) => p.slug === s.bradfordHub)
    expect(hub.via).toBeNull()
    // A listed area a provider comes through carries its type, so a page can tell same-named areas apart.
    const wardForum = profile.levels[0].providers.find((p: { slug: string }) => p.slug === s.cityWardForum)
    expect(wardForum.via).toMatchObject({ code: a.bradfordCityWard, level: 'neighbourhood', type: 'ward' })
    const taxonomy = await readTaxonomy(db.knex)
    expect(profile.matrix.functions).toEqual(taxonomy.functions.map((f) => f.code))
    expect(profile.matrix.groups).toEqual([...taxonomy.strands.map((t) => t.code), 'generalist'])
    const at = (fn: string, group: string) =>
      profile.matrix.cells[profile.matrix.functions.indexOf(fn)][profile.matrix.groups.indexOf(group)]
    expect(at('training', 'refugees-migrants')).toEqual({ count: 1, depth: 'neighbourhood' })
    expect(at('training', 'race')).toEqual({ count: 1, depth: 'regional' })
    expect(at('research', 'carers')).toEqual({ count: 0, depth: null })

    // Another Bradford ward has neither a forum nor a hub.
    const other = await get('/api/areas/E05001359/profile')
    const forum = other.baselines.find((b: { key: string }) => b.key === baselineKeys.wardForum)
    expect(forum).toMatchObject({ status: 'fail', counted: 0, depth: null })
    expect(forum.reason).toBe(
      'No provider offering networks and forums at neighbourhood level or closer covers this area (1 needed); nothing reaches it at any level',
    )
  })
})

describe(`unmet need beside supply on the ${currentEngine()} engine`, () => {
  let helpline: SignedIn
  let admin: SignedIn

  beforeAll(async () => {
    helpline = await signIn(app, db, 'helpline')
    admin = await signIn(app, db, 'admin')
    const log = (areaCode: string, fn: string, strands: string[], outcome = 'no-suitable-provider') =>
      helpline.agent
        .post('/api/enquiries')
        .set('X-CSRF-Token', helpline.csrfToken)
        .send({ areaCode, function: fn, strands, channel: 'phone', outcome })
        .expect(201)
    for (let i = 0; i < 2; i++) await log(a.bradford, 'training', ['disability'])
    for (let i = 0; i < 6; i++) await log(a.wakefield, 'training', ['disability'])
    await log(a.wakefield, 'training', ['carers'])
    await log(a.wakefield, 'grants', ['disability'])
    await log(a.wakefield, 'training', ['disability'], 'advice-only')
  })

  test('"no suitable provider" enquiries for the asked function and strand, rounded to 5 for the public', async () => {
    const path = `/api/coverage?level=local&within=${a.westYorkshire}&function=training&strand=disability`
    const unmet = (body: CoverageResponse) => Object.fromEntries(body.areas.map((x) => [x.name, x.unmetNeed]))
    const publicView: CoverageResponse = await get(path)
    expect(publicView.suppressed).toBe(true)
    // Exact 2 and 6 (decision 0010): every figure rounded to a multiple of 5 on its own.
    expect(unmet(publicView)).toEqual({ Bradford: 0, Calderdale: 0, Kirklees: 0, Leeds: 0, Wakefield: 5 })
    const adminView = await admin.agent.get(path).expect(200)
    expect(adminView.body.suppressed).toBe(false)
    expect(unmet(adminView.body)).toEqual({ Bradford: 2, Calderdale: 0, Kirklees: 0, Leeds: 0, Wakefield: 6 })
    // Every function and strand: all eight Wakefield enquiries with no suitable provider.
    const all = await admin.agent.get(`/api/coverage?level=local&within=${a.wakefield}`).expect(200)
    expect(all.body.areas[0].unmetNeed).toBe(8)
    const profile = await get(`/api/areas/${a.wakefield}/profile`)
    expect(profile.unmetNeed).toEqual({
      total: 10,
      byOutcome: { referred: 0, 'advice-only': 0, 'no-suitable-provider': 10 },
    })
    // Below districts there is no figure: enquiries are recorded by district.
    const wards: CoverageResponse = await get(`/api/coverage?level=neighbourhood&within=${a.bradford}`)
    expect(new Set(wards.areas.map((x) => x.unmetNeed))).toEqual(new Set([null]))
  })
})

describe(`editing baselines on the ${currentEngine()} engine`, () => {
  const rule = {
    key: 'two-local-disability-trainers',
    label: 'Two local disability trainers per district',
    labelCy: 'Dau hyfforddwr anabledd lleol ym mhob ardal leol',
    level: 'local',
    function: 'training',
    group: 'disability',
    minCount: 2,
    acceptableDepth: 'local',
  }

  test('anyone may read them; only admins and editors may change them', async () => {
    const list = await get('/api/coverage/baselines')
    expect(list.items).toHaveLength(19)
    expect(list.items[0]).toMatchObject({ key: baselineKeys.wardCapacityBuilding, level: 'neighbourhood' })
    const anon = await anonymous(app)
    const refused = await anon.agent
      .post('/api/coverage/baselines')
      .set('X-CSRF-Token', anon.csrfToken)
      .send(rule)
    expect(refused.status).toBe(401)
    const helpline = await signIn(app, db, 'helpline')
    const forbidden = await helpline.agent
      .post('/api/coverage/baselines')
      .set('X-CSRF-Token', helpline.csrfToken)
      .send(rule)
    expect(forbidden.status).toBe(403)
    const editor = await signIn(app, db, 'editor')
    const noToken = await editor.agent.post('/api/coverage/baselines').send(rule)
    expect(noToken.status).toBe(403)
    expect(noToken.body.error.name).toBe('CsrfTokenInvalid')
  })

  test('an editor adds, edits and removes a rule; each change is audited and shows in the coverage', async () => {
    const editor = await signIn(app, db, 'editor')
    const send = (method: 'post' | 'patch' | 'delete', path: string, body?: object) =>
      editor.agent[method](path).set('X-CSRF-Token', editor.csrfToken).send(body)

    const created = await send('post', '/api/coverage/baselines', rule)
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ ...rule, topic: null, source: null, version: 1 })
    const id = created.body.id
    expect((await send('post', '/api/coverage/baselines', rule)).status).toBe(409)

    const path = `/api/coverage?level=local&within=${a.westYorkshire}&function=training&strand=disability`
    const checked: CoverageResponse = await get(path)
    const status = (body: CoverageResponse) =>
      body.areas.map((x) => cellOf(x, 'function:training|disability')?.baseline?.status)
    // Bradford's three local trainers are enough; nobody else trains disabled people locally.
    expect(status(checked)).toEqual(['pass', 'fail', 'fail', 'fail', 'fail'])

    const stale = await send('patch', `/api/coverage/baselines/${id}`, { minCount: 4, version: 7 })
    expect(stale.status).toBe(409)
    const edited = await send('patch', `/api/coverage/baselines/${id}`, { minCount: 4, version: 1 })
    expect(edited.status).toBe(200)
    expect(edited.body).toMatchObject({ minCount: 4, version: 2 })
    expect(status(await get(path))).toEqual(['fail', 'fail', 'fail', 'fail', 'fail'])

    const both = await send('patch', `/api/coverage/baselines/${id}`, { topic: 'governance', version: 2 })
    expect(both.status).toBe(400)
    expect(both.body.error.message).toContain('give a function or a topic, not both')

    expect((await send('delete', `/api/coverage/baselines/${id}`)).status).toBe(204)
    expect((await request(app).get(`/api/coverage/baselines/${id}`)).status).toBe(404)
    expect(status(await get(path))).toEqual([undefined, undefined, undefined, undefined, undefined])

    const trail = await db
      .knex('audit_log')
      .where({ entity_type: 'coverage-baseline', entity_id: id })
      .orderBy('id')
    expect(trail.map((r: { action: string; actor_label: string }) => [r.action, r.actor_label])).toEqual([
      ['create', editor.email],
      ['update', editor.email],
      ['purge', editor.email],
    ])
    expect(trail[1].diff).toMatchObject({ minCount: { from: 2, to: 4 }, version: { from: 1, to: 2 } })
  })

  test.each([
    ['a zero minimum', { minCount: 0 }, 'minCount must be a whole number from 1 to 1000'],
    ['a fractional minimum', { minCount: 1.5 }, 'minCount must be a whole number from 1 to 1000'],
    ['an unknown group', { group: 'martians' }, 'unknown group "martians"; allowed: any, generalist, age'],
    [
      'an unknown depth',
      { acceptableDepth: 'galactic' },
      'unknown acceptableDepth "galactic"; allowed: neighbourhood',
    ],
    ['both a function and a topic', { topic: 'governance' }, 'give a function or a topic, not both'],
    ['an unknown field', { colour: 'red' }, 'Unrecognized key'],
    ['a bad key', { key: 'Two Trainers' }, 'key must be lower-case words joined by hyphens'],
  ])('a new rule with %s is a 400', async (_name, change, message) => {
    const editor = await signIn(app, db, 'editor')
    const res = await editor.agent
      .post('/api/coverage/baselines')
      .set('X-CSRF-Token', editor.csrfToken)
      .send({ ...rule, key: 'rejected-rule', ...change })
    expect(res.status).toBe(400)
    expect(res.body.error.name).toBe('ValidationError')
    expect(res.body.error.message).toContain(message)
    expect(await db.knex('coverage_baselines').where({ key: 'rejected-rule' }).first()).toBeUndefined()
  })
})

// Last: these edits change the fixture.
describe(`incremental maintenance on the ${currentEngine()} engine`, () => {
  test('incremental refresh after edits of every kind equals a rebuild from scratch', async () => {
    const leeds = await idOf(s.leedsCvs)
    const race = await idOf(s.yorkshireRace)
    const forum = await idOf(s.cityWardForum)
    // A service-area edit through the directory (refreshed in its transaction) ...
    await db.knex.transaction((trx) => replaceCoverage(trx, leeds, { areas: [a.leeds, a.wakefield] }))
    // The directory folded the edit into the cells in its own transaction: nothing left to refresh.
    expect(await db.knex('coverage_dirty').select('provider_id')).toEqual([])
    const wakefield: CoverageResponse = await get(
      `/api/coverage?level=local&within=${a.wakefield}&strand=generalist`,
    )
    expect(cellOf(wakefield.areas[0], 'any|generalist')).toMatchObject({
      byLevel: { local: 1, subregional: 1 },
      baseline: { status: 'pass' },
    })
    // ... and changes made outside it: codes, level, a deleted record (marked by the triggers).
    await db.knex('provider_strands').insert({ provider_id: race, strand_code: 'religion-belief' })
    await db.knex('provider_functions').where({ provider_id: race, function_code: 'advocacy' }).delete()
    await db.knex('providers').where({ id: forum }).update({ level: 'local' })
    const temporary = await db.knex('providers').where({ slug: s.bradfordDisability[2] }).first('id')
    await db.knex('providers').where({ id: temporary.id }).delete()
    // A generalist starts listing a strand, another stops: the help:<strand> cells follow.
    await db.knex('provider_strands').insert({ provider_id: leeds, strand_code: 'refugees-migrants' })
    await db
      .knex('provider_strands')
      .where({ provider_id: await idOf(s.walesNational) })
      .delete()

    const trainers: CoverageResponse = await get(
      `/api/coverage?level=local&within=${a.bradford}&function=training&strand=disability`,
    )
    expect(cellOf(trainers.areas[0], 'function:training|disability')?.count).toBe(2)
    const incremental = await allCells(db.knex)
    expect(incremental.length).toBeGreaterThan(1000)
    const leedsRefugees: CoverageResponse = await get(
      `/api/coverage?level=local&within=${a.leeds}&strand=help:refugees-migrants&strand=refugees-migrants`,
    )
    expect(cellOf(leedsRefugees.areas[0], 'any|help:refugees-migrants')?.byLevel.local).toBe(1)
    expect(cellOf(leedsRefugees.areas[0], 'any|refugees-migrants')?.byLevel.local).toBe(1)
    for (const level of ['local', 'neighbourhood']) {
      const { materialised, naive } = await materialisedAndNaive(level)
      expect(materialised).toEqual(naive)
    }
    await db.knex.transaction((trx) => rebuildCoverageCells(trx, 0.5))
    expect(await allCells(db.knex)).toEqual(incremental)
  })
})

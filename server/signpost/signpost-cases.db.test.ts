import express from 'express'
import { pino } from 'pino'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildDemoDirectory } from '../../seeds/demo/demo-directory'
import { demoKeyAreas } from '../../seeds/demo/demo-key-records'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import { baselineKeys } from '../coverage/coverage-baseline-seed'
import type { CoverageResponse } from '../coverage/coverage-schemas'
import { createDirectoryScope } from '../directory/directory-scope'
import { seedDirectory } from '../directory/directory-seed'
import { createGeoService } from '../geo/geo-service'
import { defaultGeoOptions } from '../geo/place-resolver'
import { postcodeStore } from '../geo/postcode-store'
import type { Database } from '../lib/db'
import { errorHandler } from '../lib/errors'
import { mountRoutes } from '../lib/route-table'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'
import { createTaxonomyService } from '../taxonomy/taxonomy-service'
import { signpostCases as cases, written } from './signpost-cases'
import { signpostRoutes } from './signpost-routes'
import type { SignpostProvider, SignpostResponse } from './signpost-schemas'
import { createSignpostService, signpostOptions } from './signpost-service'

/** The table and how an option is written: ./signpost-cases.ts. */

/** Monday 23 November 2026, 10:30 in London: verification recency is measured from here. */
const NOW = new Date('2026-11-23T10:30:00Z')

let db: Database
let app: express.Express
let infrastructureOnly: Set<string>
let slugs: Set<string>

beforeAll(async () => {
  db = await openTestDatabase()
  await seedDirectory(db.knex, await readTaxonomy(db.knex), buildDemoDirectory(testConfig().geoDataDir))
  slugs = new Set((await db.knex('providers').select('slug')).map((r) => r.slug))
  infrastructureOnly = new Set(
    (await db.knex('providers').where({ serves_infrastructure_only: true }).select('slug')).map(
      (r) => r.slug,
    ),
  )
  const taxonomy = createTaxonomyService(db.knex, { cacheSeconds: 60 })
  const geo = createGeoService(db, { ...defaultGeoOptions, postcodes: () => postcodeStore(testConfig()) })
  app = express()
    .use(
      '/api',
      mountRoutes(
        signpostRoutes(
          createSignpostService({
            knex: db.knex,
            geo,
            taxonomy,
            options: signpostOptions(testConfig()),
            scope: createDirectoryScope({ knex: db.knex, nations: testConfig().directoryNations }),
            now: () => NOW,
          }),
        ),
        { prefix: '/api', taxonomy: () => taxonomy.getTaxonomy() },
      ),
    )
    .use(errorHandler(pino({ level: 'silent' })))
})
afterAll(async () => {
  await db?.close()
})

const ask = async (query: string): Promise<SignpostResponse> => {
  const res = await request(app).get(`/api/signpost?${query.replace(/ /g, '+')}`)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body as SignpostResponse
}

const providersOf = (body: SignpostResponse): SignpostProvider[] => body.groups.flatMap((g) => g.providers)

describe(`issue 17's signposting cases over the demo directory on the ${currentEngine()} engine`, () => {
  test('the table has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30)
  })

  test.each(cases)('$name', async (c) => {
    const body = await ask(c.query)
    expect(body.groups.map((g) => [g.level, g.providers.map(written)])).toEqual(c.groups)
    const all = providersOf(body)
    for (const slug of c.never ?? []) {
      expect(slugs).toContain(slug)
      expect(all.map((p) => p.slug)).not.toContain(slug)
    }
    // Rule 1: a body serving infrastructure only is never offered, whatever the case.
    expect(all.filter((p) => infrastructureOnly.has(p.slug)).map((p) => p.slug)).toEqual([])
    const shownPathways = all.flatMap((p) => p.pathways.map((w) => [p.slug, w.to.slug]))
    for (const pathway of c.pathways ?? []) expect(shownPathways).toContainEqual(pathway)
  })

  test('explain names, for each excluded near miss, the rule that excluded it', async () => {
    const excluded = async (query: string) => {
      const body = await ask(`${query}&explain=1`)
      const shown = new Set(providersOf(body).map((p) => p.slug))
      const list = body.explain?.excluded ?? []
      // Nothing excluded is also offered, and every near miss names at least one rule.
      expect(list.filter((e) => shown.has(e.slug))).toEqual([])
      for (const e of list) expect(e.reasonCodes.length).toBeGreaterThan(0)
      return new Map(list.map((e) => [e.slug, e]))
    }

    const bradford = await excluded('postcode=BD1 1HY&function=advocacy&strand=disability')
    expect(bradford.get('example-yorkshire-and-the-humber-voluntary-sector-network')).toMatchObject({
      reasonCodes: [{ code: 'infrastructure-only' }],
      reasons: ['Not offered to front-line groups: serves other infrastructure bodies only'],
    })
    expect(bradford.get('example-bradford-anti-poverty-alliance')?.reasonCodes).toEqual([
      { code: 'wrong-strand', strands: ['socio-economic'], requested: ['disability'] },
    ])
    expect(bradford.get('example-volunteer-centre-bradford')?.reasonCodes).toEqual([
      { code: 'lacks-need', functions: ['advocacy'], topics: [] },
    ])

    const youth = await excluded(
      'lat=54.9082&lng=-1.38608&function=networks&strandDetail=children-young-people',
    )
    expect(youth.get('example-north-east-older-peoples-network')).toMatchObject({
      reasonCodes: [
        { code: 'sibling-detail', strandDetails: ['older-people'], requested: ['children-young-people'] },
      ],
      reasons: [
        'Works only with other groups within the strand: Older people (asked: Children and young people)',
      ],
    })

    const marked = await excluded(
      'postcode=CF10 3ND&function=information-advice&qualityMark=navca-quality-award',
    )
    expect(marked.get('example-wales-council-for-voluntary-action')?.reasonCodes).toEqual([
      { code: 'lacks-quality-mark', qualityMarks: ['trusted-charity'], requested: ['navca-quality-award'] },
    ])

    const ryedale = await excluded('area=E07000167&function=information-advice')
    expect(ryedale.get('example-ryedale-voluntary-action')?.reasonCodes).toEqual([
      { code: 'not-active', status: 'closed' },
    ])
  })

  test('the Welsh-language baseline is judged in Wales, not in England (Bradford vs Cardiff)', async () => {
    const full = createApp({ db, config: testConfig() })
    const welsh = baselineKeys.strand('welsh-language')
    const rulesOf = async (code: string) => {
      const res = await request(full).get(`/api/areas/${code}/profile`)
      expect(res.status).toBe(200)
      return (res.body.baselines as Array<{ key: string }>).map((b) => b.key)
    }
    expect(await rulesOf(demoKeyAreas.bradford)).not.toContain(welsh)
    expect(await rulesOf(demoKeyAreas.bradford)).toContain(baselineKeys.strand('race'))
    expect(await rulesOf(demoKeyAreas.cardiff)).toContain(welsh)

    // The grid: the Welsh-language column carries the rule in Welsh districts only.
    const res = await request(full).get('/api/coverage?level=local&strand=welsh-language')
    expect(res.status).toBe(200)
    const body = res.body as CoverageResponse
    const ruleKeys = (code: string) =>
      body.areas.find((a) => a.code === code)?.cells.flatMap((c) => c.baseline?.rules.map((r) => r.key) ?? [])
    expect(ruleKeys(demoKeyAreas.bradford)).not.toContain(welsh)
    expect(ruleKeys(demoKeyAreas.cardiff)).toContain(welsh)
    const listed = await request(full).get('/api/coverage/baselines')
    expect(listed.body.items.find((b: { key: string }) => b.key === welsh)).toMatchObject({ scope: 'wales' })
  })
})

import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import { seedDirectory } from '../directory/directory-seed'
import type { Database } from '../lib/db'
import type { DirectoryContent, RawProvider } from '../providers/provider-schema'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'
import { provider } from './coverage-fixture'
import { duplicationResponseSchema } from './duplication-schemas'

/**
 * Issue 17: providers duplicate each other only within one group — generalists with generalists;
 * for a strand, the same strand detail, or the whole strand when a body records no detail under
 * it (docs/decisions/0005-coverage-gap-rule.md, "Duplication"). Every body here is a local one in
 * Leeds; the threshold is two, so each pair below is on the edge.
 */
const LEEDS = 'E08000035'
const WEST_YORKSHIRE = 'E11000006'

function body(slug: string, p: Pick<RawProvider, 'kind' | 'functions'> & Partial<RawProvider>): RawProvider {
  return provider({
    slug: `dd-${slug}`,
    name: `DD ${slug}`,
    level: 'local',
    coverage: { areas: [LEEDS] },
    ...p,
  })
}

const disability = (slug: string, functions: string[], strandDetails: string[]) =>
  body(slug, { kind: 'specialist', functions, strands: ['disability'], strandDetails })

function directory(): DirectoryContent {
  return {
    providers: [
      // Advocacy: a sight-loss body and a learning-disability body do different jobs.
      disability('sight-loss-voice', ['advocacy'], ['sensory-impairment']),
      disability('learning-disability-voice', ['advocacy'], ['learning-disability']),
      // Training: two sight-loss bodies duplicate; the one with two details sits in both groups.
      disability('sight-loss-training', ['training'], ['sensory-impairment']),
      disability('sight-and-mind-training', ['training'], ['sensory-impairment', 'mental-health']),
      disability('mind-training', ['training'], ['mental-health']),
      disability('learning-disability-training', ['training'], ['learning-disability']),
      // Networks: two whole-strand networks duplicate; a sight-loss network is not one of them.
      disability('disability-network-a', ['networks'], []),
      disability('disability-network-b', ['networks'], []),
      disability('sight-loss-network', ['networks'], ['sensory-impairment']),
      // A youth body and an older people's body under age, one function: not duplicates either.
      body('youth-forum', {
        kind: 'specialist',
        functions: ['consultation'],
        strands: ['age'],
        strandDetails: ['children-young-people'],
      }),
      body('older-peoples-forum', {
        kind: 'specialist',
        functions: ['consultation'],
        strands: ['age'],
        strandDetails: ['older-people'],
      }),
      // Generalists with generalists, as before.
      body('cvs-one', { kind: 'generalist', functions: ['grants'] }),
      body('cvs-two', { kind: 'generalist', functions: ['grants'] }),
    ],
    pathways: [],
    districtsWithoutLocalGeneralist: [],
  }
}

let db: Database
let app: ReturnType<typeof createApp>

beforeAll(async () => {
  db = await openTestDatabase()
  await seedDirectory(db.knex, await readTaxonomy(db.knex), directory())
  app = createApp({ db, config: testConfig({ coverageDuplicationMinProviders: 2 }) })
})
afterAll(async () => {
  await db?.close()
})

async function get(path: string) {
  const res = await request(app).get(path)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body
}

const slugs = (names: string[]) => names.map((n) => `dd-${n}`)

interface Item {
  function: string
  strand: string
  strandDetail: string | null
  level: string
  count: number
  providers: Array<{ slug: string }>
}
const compact = (items: Item[]) =>
  items
    .map((i) => ({
      function: i.function,
      strand: i.strand,
      strandDetail: i.strandDetail,
      level: i.level,
      count: i.count,
      providers: i.providers.map((p) => p.slug),
    }))
    .sort((x, y) =>
      `${x.function} ${x.strand} ${x.strandDetail}`.localeCompare(
        `${y.function} ${y.strand} ${y.strandDetail}`,
      ),
    )

/** What Leeds should show: one item per group of at least two, none across sibling details. */
const expected = [
  {
    function: 'grants',
    strand: 'generalist',
    strandDetail: null,
    level: 'local',
    count: 2,
    providers: slugs(['cvs-one', 'cvs-two']),
  },
  {
    function: 'networks',
    strand: 'disability',
    strandDetail: null,
    level: 'local',
    count: 2,
    providers: slugs(['disability-network-a', 'disability-network-b']),
  },
  {
    function: 'training',
    strand: 'disability',
    strandDetail: 'mental-health',
    level: 'local',
    count: 2,
    providers: slugs(['mind-training', 'sight-and-mind-training']),
  },
  {
    function: 'training',
    strand: 'disability',
    strandDetail: 'sensory-impairment',
    level: 'local',
    count: 2,
    providers: slugs(['sight-and-mind-training', 'sight-loss-training']),
  },
]

describe(`duplication by strand detail on the ${currentEngine()} engine`, () => {
  test('the list route: same detail or both whole-strand duplicate; sibling details and whole-strand beside a detail do not', async () => {
    const res = await get(`/api/coverage/duplication?level=local&within=${WEST_YORKSHIRE}`)
    expect(duplicationResponseSchema.parse(res)).toEqual(res)
    expect(res).toMatchObject({ level: 'local', minProviders: 2, total: expected.length })
    expect(compact(res.items)).toEqual(expected)
    for (const item of res.items) expect(item.area).toEqual({ code: LEEDS, name: 'Leeds', nameCy: null })
    // Neither advocacy (sight loss beside learning disability) nor consultation (youth beside older people).
    expect(res.items.filter((i: Item) => ['advocacy', 'consultation'].includes(i.function))).toEqual([])
  })

  test('the area profile lists the same groups as the list route', async () => {
    const profile = await get(`/api/areas/${LEEDS}/profile`)
    expect(compact(profile.duplication)).toEqual(expected)
    const listed = await get(`/api/coverage/duplication?level=local&within=${LEEDS}`)
    expect(compact(profile.duplication)).toEqual(compact(listed.items))
  })

  test('filters and the threshold still apply: by strand, by function, and three of a detail needed at min=3', async () => {
    const disabilityOnly = await get(
      `/api/coverage/duplication?level=local&within=${LEEDS}&strand=disability`,
    )
    expect(compact(disabilityOnly.items)).toEqual(expected.filter((e) => e.strand === 'disability'))
    const training = await get(`/api/coverage/duplication?level=local&within=${LEEDS}&function=training`)
    expect(compact(training.items).map((i) => i.strandDetail)).toEqual([
      'mental-health',
      'sensory-impairment',
    ])
    // The strand's cell has four trainers, but no detail has three.
    expect((await get(`/api/coverage/duplication?level=local&within=${LEEDS}&min=3`)).items).toEqual([])
  })

  test('paging counts detail groups: total is every group, limit cuts the list', async () => {
    const page = await get(`/api/coverage/duplication?level=local&within=${LEEDS}&limit=1`)
    expect(page.total).toBe(expected.length)
    expect(page.items).toHaveLength(1)
  })

  test('the area report names the detail: a sub-group, or every sub-group for whole-strand bodies, in English and Welsh', async () => {
    const text = (page: string) =>
      page
        .replace(/<style>[\s\S]*?<\/style>/, '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
    const english = text((await request(app).get(`/api/areas/${LEEDS}/report`).expect(200)).text)
    expect(english).toContain('Training Disability — Sight or hearing loss Local 2')
    expect(english).toContain('Training Disability — Mental health Local 2')
    expect(english).toContain('Networks and forums Disability — every sub-group Local 2')
    expect(english).not.toMatch(/Representation, lobbying and advocacy Disability/)
    const welsh = text((await request(app).get(`/api/areas/${LEEDS}/report?lang=cy`).expect(200)).text)
    expect(welsh).toContain('Anabledd — pob is-grŵp')
    expect(welsh).toContain('Anabledd — Iechyd meddwl')
  })

  test('the OpenAPI document describes the answer, strandDetail included', async () => {
    const doc = (await request(app).get('/api/openapi.json').expect(200)).body
    const answer =
      doc.paths['/api/coverage/duplication'].get.responses['200'].content['application/json'].schema
    const item = answer.properties.items.items
    expect(item.required).toEqual(expect.arrayContaining(['strand', 'strandDetail', 'count', 'providers']))
    expect(item.properties.strandDetail.anyOf ?? item.properties.strandDetail.type).toBeDefined()
  })
})

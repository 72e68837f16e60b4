import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type SignedIn, signIn } from '../../test/helpers/auth'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import type { Database } from '../lib/db'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'
import {
  fixtureAreas as areas,
  bradfordPoint,
  fixtureDirectory,
  fixtureSlugs as s,
} from './directory-fixture'
import { seedDirectory } from './directory-seed'

let db: Database
let app: ReturnType<typeof createApp>
/** Drafts are listed to editors and admins only. */
let editor: SignedIn

beforeAll(async () => {
  db = await openTestDatabase()
  await seedDirectory(db.knex, await readTaxonomy(db.knex), fixtureDirectory())
  app = createApp({ db, config: testConfig() })
  editor = await signIn(app, db, 'editor')
})
afterAll(async () => {
  await db?.close()
})

type Item = {
  slug: string
  level: string
  kind: string
  matchedArea?: { code: string; viaPolygon: boolean; share: number }
  distanceMetres?: number | null
  reasons: Record<string, unknown>
}

async function search(query: string) {
  const client = query.includes('status=draft') ? editor.agent : request(app)
  const res = await client.get(`/api/providers?${query}`)
  if (res.status !== 200)
    throw new Error(`GET /api/providers?${query} -> ${res.status} ${JSON.stringify(res.body)}`)
  return res.body as { items: Item[]; total: number; page: number; perPage: number; place?: unknown }
}

const slugs = async (query: string) => (await search(`${query}&perPage=100`)).items.map((i) => i.slug).sort()

const activeFixture = fixtureDirectory()
  .providers.filter((p) => p.status === 'active')
  .map((p) => p.slug)

describe(`provider search filters on the ${currentEngine()} engine`, () => {
  test('no filter lists every active record, by name', async () => {
    const body = await search('perPage=100')
    expect(body.total).toBe(activeFixture.length)
    const names = body.items.map((i) => i.slug)
    expect(names.sort()).toEqual([...activeFixture].sort())
    expect(body.place).toBeUndefined()
    expect(body.items[0]).not.toHaveProperty('matchedArea')
  })

  test.each([
    ['level=national', [s.nationalLgbt, s.ukEquality]],
    ['level=neighbourhood&level=regional', [s.cityWardForum, s.drawnArea, s.yorkshireBme]],
    ['kind=generalist', [s.bradfordCvs, s.cardiffCvc, s.cityWardForum, s.leedsCvs, s.norfolkRural]],
    ['function=grants', [s.bradfordCvs, s.cardiffCvc]],
    ['function=advocacy&function=policy', [s.nationalLgbt, s.yorkshireBme]],
    ['topic=premises', [s.norfolkRural]],
    // Strands: any of; a generalist stays in as the fallback (it supports any group).
    [
      'strand=race',
      [
        s.bradfordCvs,
        s.cardiffCvc,
        s.cityWardForum,
        s.leedsCvs,
        s.norfolkRural,
        s.ukEquality,
        s.westYorkshireEquality,
        s.yorkshireBme,
      ],
    ],
    ['strand=carers&kind=specialist', []],
    ['strand=refugees-migrants&strand=rural&kind=specialist', [s.drawnArea]],
    ['language=cy', [s.cardiffCvc, s.ukEquality]],
    ['language=ur&language=bn', [s.bradfordCvs, s.yorkshireBme]],
    ['format=bsl', [s.cardiffCvc, s.ukEquality]],
    ['format=hearing-loop&format=easy-read', [s.bradfordCvs, s.ukEquality]],
    // Quality marks: any of the requested marks (the controlled list of ../shared/docs/taxonomy.md).
    ['qualityMark=trusted-charity', [s.bradfordCvs]],
    ['qualityMark=matrix&qualityMark=navca-quality-award', [s.bradfordCvs]],
    ['qualityMark=matrix', []],
    ['status=closed', [s.closedBody]],
    ['status=draft&status=closed', [s.closedBody, s.draftBody]],
    [
      'verifiedSince=2024-01-15',
      activeFixture.filter((x) => ![s.nationalLgbt, s.norfolkRural].includes(x as never)),
    ],
    ['verifiedSince=2025-06-02', []],
    [`area=${areas.norfolk}`, [s.nationalLgbt, s.norfolkRural, s.ukEquality]],
    [`area=${areas.cardiff}`, [s.cardiffCvc, s.ukEquality]],
    [`area=${areas.wales}`, [s.ukEquality]],
    [
      `postcode=${encodeURIComponent(bradfordPoint.postcode)}`,
      [
        s.bradfordCvs,
        s.bradfordLgb,
        s.cityWardForum,
        s.drawnArea,
        s.nationalLgbt,
        s.ukEquality,
        s.westYorkshireEquality,
        s.yorkshireBme,
      ],
    ],
  ])('%s', async (query, expected) => {
    expect(await slugs(query)).toEqual([...expected].sort())
  })

  test('drafts are not published: anonymous 401, helpline 403, editors see them; by id or slug a draft is 404 but to editors', async () => {
    const anonymous = await request(app).get('/api/providers?status=draft')
    expect(anonymous.status).toBe(401)
    expect(anonymous.body.error.message).toMatch(/status=draft/)
    const helpline = await signIn(app, db, 'helpline')
    expect((await helpline.agent.get('/api/providers?status=draft')).status).toBe(403)
    const listed = await editor.agent.get('/api/providers?status=draft')
    expect(listed.status).toBe(200)
    expect(listed.headers['cache-control']).toBe('private, no-store')
    expect(listed.body.items.map((i: Item) => i.slug)).toEqual([s.draftBody])

    for (const path of [`/api/providers/${s.draftBody}`, `/api/providers/${s.draftBody}/coverage`]) {
      const hidden = await request(app).get(path)
      expect(hidden.status).toBe(404)
      expect(hidden.body.error.name).toBe('NotFound')
      expect((await helpline.agent.get(path)).status).toBe(404)
      const shown = await editor.agent.get(path)
      expect(shown.status).toBe(200)
      expect(shown.headers['cache-control']).toBe('private, no-store')
    }
    // A closed record stays public (its page says it has closed).
    expect((await request(app).get(`/api/providers/${s.closedBody}`)).status).toBe(200)
  })

  test('filters combine with AND', async () => {
    expect(
      await slugs(`postcode=BD1+1HY&function=training&strand=sexual-orientation&kind=specialist`),
    ).toEqual([s.bradfordLgb, s.nationalLgbt, s.ukEquality, s.westYorkshireEquality].sort())
    expect(await slugs('postcode=BD1+1HY&function=training&level=local&language=ur')).toEqual([s.bradfordCvs])
    expect(await slugs('area=E08000035&function=grants')).toEqual([])
    expect(await slugs('q=training&level=national&format=bsl')).toEqual([s.ukEquality])
    expect(await slugs('postcode=BD1+1HY&q=LGBT')).toEqual(
      [s.bradfordLgb, s.nationalLgbt, s.ukEquality, s.westYorkshireEquality].sort(),
    )
    expect(await slugs('area=E08000035&q=LGBT&topic=governance')).toEqual([])
    expect(await slugs('area=E08000035&topic=governance&language=en&verifiedSince=2025-01-01')).toEqual([
      s.leedsCvs,
    ])
  })

  test.each([
    [
      'level=county',
      'level',
      /unknown level "county"; allowed codes: neighbourhood, local, subregional, regional, national/,
    ],
    ['kind=umbrella', 'kind', /unknown kind "umbrella"; allowed codes: generalist, specialist/],
    [
      'function=fundraising',
      'function',
      /unknown function "fundraising"; allowed codes: information-advice, /,
    ],
    ['topic=training', 'topic', /unknown topic "training"; allowed codes: governance, /],
    ['strand=race&strand=lgbt', 'strand', /unknown strand "lgbt"; allowed codes: age, disability, /],
    ['qualityMark=kitemark', 'qualityMark', /unknown qualityMark "kitemark"; allowed codes: /],
    ['language=english', 'language', /unknown language "english"; allowed codes: en, cy, /],
    ['format=sign', 'format', /unknown format "sign"; allowed codes: large-print, /],
    ['status=open', 'status', /unknown status "open"; allowed codes: active, draft, closed/],
    ['verifiedSince=2025-13-01', 'verifiedSince', /YYYY-MM-DD/],
    ['verifiedSince=yesterday', 'verifiedSince', /YYYY-MM-DD/],
    ['perPage=0', 'perPage', /perPage must be a whole number from 1 to 100 \(got "0"\)/],
    ['perPage=101', 'perPage', /perPage must be a whole number from 1 to 100 \(got "101"\)/],
    ['perPage=2.5', 'perPage', /from 1 to 100/],
    ['perPage=10&perPage=20', 'perPage', /give perPage once/],
    ['page=0', 'page', /page must be a whole number from 1 to 10000/],
    ['page=abc', 'page', /page must be a whole number/],
    ['lat=53.79', 'lng', /give both lat and lng/],
    ['lng=-1.75', 'lat', /give both lat and lng/],
    ['lat=91&lng=0', 'lat', /lat must be a number from -90 to 90/],
    ['lat=53&lng=east', 'lng', /lng must be a number from -180 to 180/],
    ['postcode=BD1+1HY&area=E08000032', 'postcode', /give one place/],
    ['lat=53.79&lng=-1.75&area=E08000032', 'postcode', /give one place/],
    ['area=Bradford', 'area', /must be a GSS area code/],
    ['area=E08999999', 'area', /E08999999 is not a loaded area/],
    ['postcode=NOTAPOSTCODE', 'postcode', /full UK postcode/],
    [`q=${'x'.repeat(201)}`, 'q', /at most 200 characters/],
    ['q=a&q=b', 'q', /give q once/],
    ['strands=race', 'query', /strands/],
  ])('%s is a 400 naming %s', async (query, field, message) => {
    const res = await request(app).get(`/api/providers?${query}`)
    expect(res.status).toBe(400)
    expect(res.body.error.name).toBe('ValidationError')
    expect(res.body.error.message).toMatch(message)
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field)
  })

  test('a postcode with no UK location (Jersey) has a place with no point, no areas and the reason', async () => {
    const body = await search('postcode=JE2+3AB')
    expect(body.total).toBe(0)
    expect(body.place).toEqual({
      kind: 'postcode',
      postcode: 'JE2 3AB',
      precision: null,
      lng: null,
      lat: null,
      areas: [],
      outside: 'crown-dependency',
    })
  })

  test('a point outside the loaded geography (Douglas, Isle of Man) has a place with no areas and no results', async () => {
    // Edinburgh served here until Scotland's council areas were loaded (decision 0012).
    const body = await search('lat=54.15&lng=-4.48')
    expect(body.total).toBe(0)
    expect(body.place).toMatchObject({ kind: 'point', areas: [] })
  })
})

describe(`full text search on the ${currentEngine()} engine`, () => {
  test.each([
    // Synonyms from taxonomy.md, through the codes a record carries.
    ['BAME', [s.ukEquality, s.westYorkshireEquality, s.yorkshireBme]],
    ['LGBT', [s.bradfordLgb, s.nationalLgbt, s.ukEquality, s.westYorkshireEquality]],
    ['deaf', [s.ukEquality, s.westYorkshireEquality]],
    // Stemmed words in the record's own text.
    ['funding surgery', [s.bradfordCvs]],
    // Welsh labels are searchable too.
    [
      'hyfforddiant',
      [
        s.bradfordCvs,
        s.bradfordLgb,
        s.cardiffCvc,
        s.leedsCvs,
        s.nationalLgbt,
        s.norfolkRural,
        s.ukEquality,
        s.westYorkshireEquality,
      ],
    ],
    // What a provider does not do never matches: "legal" is only in a record's limits.
    ['legal', []],
  ])('q=%s', async (q, expected) => {
    expect(await slugs(`q=${encodeURIComponent(q)}`)).toEqual([...expected].sort())
  })

  test('results are ranked: a name match outranks a synonym match', async () => {
    const body = await search('q=LGBT')
    expect(body.items[0]?.slug).toBe(s.nationalLgbt)
    const relevances = body.items.map((i) => (i as unknown as { relevance: number }).relevance)
    expect([...relevances].sort((a, b) => b - a)).toEqual(relevances)
    expect(body.items.every((i) => i.reasons.text === true)).toBe(true)
  })

  test('a query of stop words only filters nothing', async () => {
    expect((await search('q=the')).total).toBe(activeFixture.length)
  })
})

describe(`search with a place on the ${currentEngine()} engine`, () => {
  test('orders by level, neighbourhood first, with the matched area, distance and reasons', async () => {
    const body = await search('postcode=bd11hy&function=training&strand=sexual-orientation')
    expect(body.place).toEqual({
      kind: 'postcode',
      postcode: 'BD1 1HY',
      precision: 'postcode',
      lng: bradfordPoint.lng,
      lat: bradfordPoint.lat,
      areas: expect.arrayContaining([
        expect.objectContaining({ code: areas.bradfordCityWard, level: 'neighbourhood' }),
        expect.objectContaining({ code: areas.bradford, level: 'local', name: 'Bradford' }),
        expect.objectContaining({ code: areas.england, level: 'national' }),
      ]),
    })
    expect(body.items.map((i) => [i.slug, i.level])).toEqual([
      // Local: the specialist first, the generalist fallback after it.
      [s.bradfordLgb, 'local'],
      [s.bradfordCvs, 'local'],
      [s.westYorkshireEquality, 'subregional'],
      // National: equal relevance, so nearest office first; no office sorts last.
      [s.nationalLgbt, 'national'],
      [s.ukEquality, 'national'],
    ])
    const [lgb, cvs, wy, national, uk] = body.items as [Item, Item, Item, Item, Item]
    expect(lgb.matchedArea).toEqual({
      code: areas.bradford,
      name: 'Bradford',
      nameCy: null,
      level: 'local',
      type: 'lad',
      viaPolygon: false,
      share: 1,
    })
    expect(lgb.reasons).toEqual({
      functions: ['training'],
      topics: [],
      strands: ['sexual-orientation'],
      generalistFallback: false,
      languages: [],
      formats: [],
      qualityMarks: [],
      text: false,
    })
    expect(cvs.reasons).toMatchObject({ strands: [], generalistFallback: true, functions: ['training'] })
    expect(wy.matchedArea?.code).toBe(areas.westYorkshire)
    expect(national.matchedArea?.code).toBe(areas.england)
    expect(uk.distanceMetres).toBeNull()
    // Office 0.0013° west and 0.0007° north of the postcode: roughly 110 m.
    expect(lgb.distanceMetres).toBeGreaterThan(80)
    expect(lgb.distanceMetres).toBeLessThan(140)
    expect(national.distanceMetres).toBeGreaterThan(250_000)
  })

  test('a point search gives the same providers as its postcode', async () => {
    const byPostcode = await slugs('postcode=BD1+1HY')
    const byPoint = await slugs(`lat=${bradfordPoint.lat}&lng=${bradfordPoint.lng}`)
    expect(byPoint).toEqual(byPostcode)
  })

  test('a provider covering a county is found from a ward inside it, through the county', async () => {
    const body = await search(`area=${areas.bradfordCityWard}&level=subregional`)
    expect(body.items.map((i) => i.slug)).toEqual([s.westYorkshireEquality])
    expect(body.items[0]?.matchedArea?.code).toBe(areas.westYorkshire)
  })

  test('an area search covers only providers whose service area includes all of it', async () => {
    // Leeds CVS covers Leeds, not West Yorkshire; the sub-regional body does.
    expect(await slugs(`area=${areas.westYorkshire}`)).toEqual(
      [s.nationalLgbt, s.ukEquality, s.westYorkshireEquality, s.yorkshireBme].sort(),
    )
  })

  test('paging: perPage and page slice the same ordering; total is the whole count', async () => {
    const all = (await search('postcode=BD1+1HY&perPage=100')).items.map((i) => i.slug)
    const first = await search('postcode=BD1+1HY&perPage=3&page=1')
    const second = await search('postcode=BD1+1HY&perPage=3&page=2')
    expect(first.total).toBe(all.length)
    expect(first.perPage).toBe(3)
    expect(second.page).toBe(2)
    expect([...first.items, ...second.items].map((i) => i.slug)).toEqual(all.slice(0, 6))
    const beyond = await search('postcode=BD1+1HY&perPage=3&page=50')
    expect(beyond).toMatchObject({ items: [], total: all.length, page: 50 })
  })

  test('the grouped path for plain place searches pages exactly like the general path', async () => {
    // verifiedSince=1900-01-01 filters nothing here but sends the search down the general path.
    for (const query of [
      'postcode=BD1+1HY',
      'postcode=BD1+1HY&strand=sexual-orientation',
      'area=E08000032&kind=specialist',
    ]) {
      const whole = await search(`${query}&perPage=100`)
      expect(whole).toEqual(await search(`${query}&perPage=100&verifiedSince=1900-01-01`))
      for (const perPage of [1, 2, 3, 5]) {
        for (let page = 1; page <= Math.ceil(whole.total / perPage) + 1; page++) {
          const grouped = await search(`${query}&perPage=${perPage}&page=${page}`)
          expect(grouped.total).toBe(whole.total)
          expect(grouped.items).toEqual(whole.items.slice((page - 1) * perPage, page * perPage))
        }
      }
    }
  })

  test('the default page size is 20', async () => {
    expect((await search('')).perPage).toBe(20)
  })
})

describe(`provider record and coverage on the ${currentEngine()} engine`, () => {
  test('GET /api/providers/{slug} returns the full record with coverage and pathways both ways', async () => {
    const res = await request(app).get(`/api/providers/${s.bradfordCvs}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      slug: s.bradfordCvs,
      name: 'Fixture Bradford Council for Voluntary Service',
      kind: 'generalist',
      level: 'local',
      orgType: 'infrastructure',
      status: 'active',
      limits: 'Does not provide legal advice or training in sign language.',
      cost: { type: 'free', text: null },
      membershipBased: false,
      functions: ['information-advice', 'training', 'grants'],
      topics: ['governance', 'fundraising', 'volunteering'],
      strands: [],
      // In vocabulary order, not input order.
      languages: ['en', 'pa', 'ur'],
      formats: ['large-print', 'hearing-loop'],
      office: { lng: -1.756, lat: 53.795 },
      lastVerifiedAt: '2025-06-01',
      source: 'fixture',
      version: 1,
      coverage: {
        areas: [{ code: areas.bradford, name: 'Bradford', nameCy: null, level: 'local', type: 'lad' }],
        hasPolygon: false,
      },
    })
    expect(res.body.referralPathways.outgoing).toEqual([
      {
        id: expect.any(String),
        provider: expect.objectContaining({ slug: s.bradfordLgb, kind: 'specialist' }),
        strands: ['sexual-orientation'],
        topics: ['equality-diversity'],
        criteria: 'LGB groups needing specialist development support.',
        followUp: 'A joint follow-up call after six weeks.',
      },
    ])
    expect(res.body.referralPathways.incoming).toEqual([
      expect.objectContaining({
        provider: expect.objectContaining({ slug: s.bradfordLgb }),
        topics: ['governance', 'fundraising'],
        followUp: null,
      }),
    ])
    const byId = await request(app).get(`/api/providers/${res.body.id}`)
    expect(byId.status).toBe(200)
    expect(byId.body).toEqual(res.body)
  })

  test.each([
    ['/api/providers/no-such-provider', 404, /No provider with id or slug "no-such-provider"/],
    ['/api/providers/00000000-0000-4000-8000-000000000000', 404, /No provider/],
    ['/api/providers/Not_A_Slug', 400, /provider id \(UUID\) or slug/],
    ['/api/providers/no-such-provider/coverage', 404, /No provider/],
  ])('%s is a %i', async (url, status, message) => {
    const res = await request(app).get(url)
    expect(res.status).toBe(status)
    expect(res.body.error.message).toMatch(message)
  })

  test('GET /api/providers/{id}/coverage is a GeoJSON Feature of the service area', async () => {
    const res = await request(app).get(`/api/providers/${s.ukEquality}/coverage`)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toMatch(/application\/geo\+json/)
    expect(res.body).toMatchObject({
      type: 'Feature',
      properties: {
        slug: s.ukEquality,
        areaCodes: [areas.england, areas.wales],
        hasPolygon: false,
        drawnPolygon: null,
      },
      geometry: { type: 'MultiPolygon' },
    })
    const lngs = (res.body.geometry.coordinates as number[][][][]).flat(2).map((p) => p[0] as number)
    // England and Wales together: from Land's End to Lowestoft.
    expect(Math.min(...lngs)).toBeLessThan(-5.5)
    expect(Math.max(...lngs)).toBeGreaterThan(1.7)
    const drawn = await request(app).get(`/api/providers/${s.drawnArea}/coverage`)
    expect(drawn.body.properties).toMatchObject({ areaCodes: [], hasPolygon: true })
    expect(drawn.body.geometry.type).toBe('MultiPolygon')
  })
})

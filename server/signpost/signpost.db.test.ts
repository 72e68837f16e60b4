import express from 'express'
import { pino } from 'pino'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildDemoDirectory } from '../../seeds/demo/demo-directory'
import { demoKeyAreas, demoKeySlugs } from '../../seeds/demo/demo-key-records'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
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
import { type SignpostCase, signpostCases } from './signpost-cases'
import { signpostRoutes } from './signpost-routes'
import type { SignpostProvider, SignpostResponse } from './signpost-schemas'
import {
  createSignpostService,
  type SignpostOptions,
  selectWithFallbacks,
  signpostOptions,
} from './signpost-service'

/** Monday 23 November 2026, 10:30 in London (GMT): verification recency and "open now" are measured from here. */
const NOW = new Date('2026-11-23T10:30:00Z')
const LEVELS = ['neighbourhood', 'local', 'subregional', 'regional', 'national']

let db: Database
let app: express.Express
let appWith: (options: Partial<SignpostOptions>) => express.Express
const statusBySlug = new Map<string, string>()

beforeAll(async () => {
  db = await openTestDatabase()
  // The template holds geography and taxonomy; the demo directory is this file's fixture.
  await seedDirectory(db.knex, await readTaxonomy(db.knex), buildDemoDirectory(testConfig().geoDataDir))
  for (const row of await db.knex('providers').select('slug', 'status'))
    statusBySlug.set(row.slug, row.status)
  const taxonomy = createTaxonomyService(db.knex, { cacheSeconds: 60 })
  const geo = createGeoService(db, { ...defaultGeoOptions, postcodes: () => postcodeStore(testConfig()) })
  // The feature's own router with a fixed clock, so the ranking does not drift with the calendar.
  appWith = (options) =>
    express()
      .use(
        '/api',
        mountRoutes(
          signpostRoutes(
            createSignpostService({
              knex: db.knex,
              geo,
              taxonomy,
              options: { ...signpostOptions(testConfig()), ...options },
              scope: createDirectoryScope({ knex: db.knex, nations: testConfig().directoryNations }),
              now: () => NOW,
            }),
          ),
          { prefix: '/api', taxonomy: () => taxonomy.getTaxonomy() },
        ),
      )
      .use(errorHandler(pino({ level: 'silent' })))
  app = appWith({})
})
afterAll(async () => {
  await db?.close()
})

const get = (target: express.Express, query: string) =>
  request(target).get(`/api/signpost?${query.replace(/ /g, '+')}`)

const providersOf = (body: SignpostResponse): SignpostProvider[] => body.groups.flatMap((g) => g.providers)

interface Case {
  name: string
  query: string
  /** Exact groups and order: [level, slugs]. */
  groups: Array<[string, string[]]>
  localGeneralist: string | null
  national: string | null
}

/**
 * The acceptance table (./signpost-cases.ts, asserted label by label in signpost-cases.db.test.ts),
 * read here as slugs and fallbacks: every answer is checked against the rules below, and its
 * short list against the long one.
 */
const slugOf = (option: string) => option.replace(/ \[.*\]$/, '')
const labelled = (c: SignpostCase, label: string) =>
  c.groups.flatMap(([, options]) => options.filter((o) => o.includes(label)).map(slugOf))[0] ?? null
const cases: Case[] = signpostCases.map((c) => ({
  name: c.name,
  query: c.query,
  groups: c.groups.map(([level, options]) => [level, options.map(slugOf)]),
  localGeneralist: labelled(c, 'fallback:local'),
  national: labelled(c, 'fallback:national'),
}))

describe(`signposting over the demo directory on the ${currentEngine()} engine`, () => {
  test.each(cases)('$name', async (c) => {
    const res = await get(app, c.query)
    expect(res.status).toBe(200)
    const body = res.body as SignpostResponse
    expect(body.groups.map((g) => [g.level, g.providers.map((p) => p.slug)])).toEqual(c.groups)
    const all = providersOf(body)
    expect(all.filter((p) => p.fallback === 'local-generalist').map((p) => p.slug)).toEqual(
      c.localGeneralist ? [c.localGeneralist] : [],
    )
    expect(all.filter((p) => p.fallback === 'national').map((p) => p.slug)).toEqual(
      c.national ? [c.national] : [],
    )
    // The kept bodies are named whether or not they are labelled fallback, and are in the list.
    const shownIds = all.map((p) => p.id)
    for (const kept of [body.fallbacks.localGeneralist, body.fallbacks.national])
      if (kept) expect(shownIds).toContain(kept.id)
    const labelled = (kind: string) => all.find((p) => p.fallback === kind)?.id
    if (labelled('local-generalist'))
      expect(body.fallbacks.localGeneralist?.id).toBe(labelled('local-generalist'))
    if (labelled('national')) expect(body.fallbacks.national?.id).toBe(labelled('national'))

    // The rules, checked on every answer (not only through the expected lists).
    const params = new URLSearchParams(c.query)
    const strands = params.getAll('strand')
    const functions = params.getAll('function')
    const topics = params.getAll('topic')
    const levels = body.groups.map((g) => LEVELS.indexOf(g.level))
    expect(levels.every((l, i) => l >= 0 && (i === 0 || l > (levels[i - 1] as number)))).toBe(true)
    expect(body.shown).toBe(all.length)
    expect(all.length).toBeLessThanOrEqual(10)
    expect(body.matchedTotal).toBeGreaterThanOrEqual(
      all.filter((p) => p.reasonCodes.some((r) => r.code === 'offers')).length,
    )
    for (const group of body.groups) {
      const fitting = group.providers.filter((p) => p.reasonCodes.some((r) => r.code === 'offers'))
      const scores = fitting.map((p) => p.score)
      expect(scores).toEqual([...scores].sort((a, b) => b - a))
      // Only the local generalist fallback and the community-context half of a pair may lack the
      // need, and they then come last in their group.
      const lacking = group.providers.filter((p) => !fitting.includes(p))
      for (const p of lacking) {
        if (p.communityContext) expect(p).toMatchObject({ pair: 'specialist', fallback: null })
        else expect(p).toMatchObject({ fallback: 'local-generalist', level: 'local' })
      }
      expect(group.providers.slice(fitting.length)).toEqual(lacking)
    }
    for (const p of all) {
      expect(statusBySlug.get(p.slug)).toBe('active')
      expect(p.level).toBe(
        LEVELS.find((l) => body.groups.some((g) => g.level === l && g.providers.includes(p))),
      )
      expect(p.reasonCodes.some((r) => r.code === 'covers')).toBe(true)
      expect(p.reasons).toHaveLength(p.reasonCodes.length)
      if (p.reasonCodes.some((r) => r.code === 'offers')) {
        expect([...p.matched.functions, ...p.matched.topics].length).toBeGreaterThan(0)
        expect(p.matched.functions.every((f) => functions.includes(f))).toBe(true)
        expect(p.matched.topics.every((t) => topics.includes(t))).toBe(true)
      }
      // Never offered: a body serving infrastructure only (checked by name in the cases table too).
      expect(p.reasonCodes.some((r) => r.code === 'fallback') === (p.fallback !== null)).toBe(true)
      if (strands.length > 0 && p.kind === 'specialist' && !p.actsAsGeneralist && !p.activitySpecialist) {
        expect(p.matched.strands.length).toBeGreaterThan(0)
        expect(p.matched.strands.every((s) => strands.includes(s))).toBe(true)
        expect(p.scoreParts.strand).toBe(p.matched.strands.length)
      }
      if (strands.length > 0 && p.kind === 'generalist') {
        expect(p.reasonCodes).toContainEqual({ code: 'serves-all-groups' })
        expect(p.scoreParts.strand).toBe(0)
      }
      const { access, strand, fit, verified, distance } = p.scoreParts
      expect(p.score).toBe(access * 10000 + strand * 1000 + fit * 100 + verified * 10 + distance)
    }
  })

  test('the Bradford answer carries contact, reasons, the pair and the pathway to the LGB body', async () => {
    const res = await get(app, 'postcode=BD1 1HY&function=training&strand=sexual-orientation')
    const body = res.body as SignpostResponse
    expect(body.place).toMatchObject({ postcode: 'BD1 1HY', precision: 'postcode' })
    expect(body.place.areas.map((a) => a.code)).toEqual(
      expect.arrayContaining(['E05001347', demoKeyAreas.bradford]),
    )
    expect(body.need).toEqual({
      functions: ['training'],
      topics: [],
      strands: ['sexual-orientation'],
      strandDetails: [],
      languages: [],
      formats: [],
      qualityMarks: [],
    })
    const [lgb, cvs] = body.groups[0]?.providers ?? []
    expect(lgb).toMatchObject({
      slug: demoKeySlugs.bradfordLgbBody,
      kind: 'specialist',
      level: 'local',
      matchedArea: { code: demoKeyAreas.bradford, name: 'Bradford', level: 'local', viaPolygon: false },
      matched: { functions: ['training'], topics: [], strands: ['sexual-orientation'], strandDetails: [] },
      reasons: [
        'The specialist of the pair at this level: for the community',
        'Covers Bradford (local)',
        'Works with groups: Sexual orientation',
        'Offers training',
        'Details verified 1 July 2008',
      ],
      pair: 'specialist',
      communityContext: false,
      fallback: null,
      openNow: null,
    })
    expect(lgb?.reasonCodes[1]).toEqual({
      code: 'covers',
      area: { code: demoKeyAreas.bradford, name: 'Bradford', nameCy: null, level: 'local' },
      viaPolygon: false,
    })
    // The CVS offers training itself: the generalist of the local pair, not a fallback (decision 0004, rule 5).
    expect(cvs).toMatchObject({
      slug: demoKeySlugs.bradfordGeneralist,
      pair: 'generalist',
      fallback: null,
      openNow: true,
    })
    expect(body.fallbacks.localGeneralist?.id).toBe(cvs?.id)
    expect(cvs?.phone).toMatch(/^01632 960\d{3}$/)
    expect(cvs?.email).toContain('@')
    expect(cvs?.website).toMatch(/^https:\/\//)
    expect(cvs?.openingHours?.weekly).toContainEqual({ day: 'mon', opens: '09:00', closes: '17:00' })
    expect(cvs?.referralCriteria).toEqual(expect.any(String))
    expect(cvs?.limits).toEqual(expect.any(String))
    expect(cvs?.pathways).toEqual([
      expect.objectContaining({
        to: expect.objectContaining({
          slug: demoKeySlugs.bradfordLgbBody,
          name: 'Bradford Equity Partnership',
        }),
        strands: ['sexual-orientation'],
      }),
    ])
    expect(cvs?.reasons).toContain('The generalist of the pair at this level: for the need itself')
    expect(cvs?.reasons).toContain('Refers on to Bradford Equity Partnership: Sexual orientation')
    expect(cvs?.reasonCodes).toContainEqual(
      expect.objectContaining({ code: 'refers', strands: ['sexual-orientation'], topics: [] }),
    )
  })

  test('opening hours are read in London time (closed on a Sunday, open on a BST summer morning)', async () => {
    const at = (iso: string) =>
      express()
        .use(
          '/api',
          mountRoutes(
            signpostRoutes(
              createSignpostService({
                knex: db.knex,
                geo: createGeoService(db, {
                  ...defaultGeoOptions,
                  postcodes: () => postcodeStore(testConfig()),
                }),
                taxonomy: createTaxonomyService(db.knex, { cacheSeconds: 60 }),
                options: signpostOptions(testConfig()),
                scope: createDirectoryScope({ knex: db.knex, nations: testConfig().directoryNations }),
                now: () => new Date(iso),
              }),
            ),
            {
              prefix: '/api',
              taxonomy: () => createTaxonomyService(db.knex, { cacheSeconds: 60 }).getTaxonomy(),
            },
          ),
        )
        .use(errorHandler(pino({ level: 'silent' })))
    const cvsOpen = async (iso: string) => {
      const res = await get(at(iso), 'postcode=BD1 1HY&function=training&strand=sexual-orientation')
      return providersOf(res.body).find((p) => p.slug === demoKeySlugs.bradfordGeneralist)?.openNow
    }
    expect(await cvsOpen('2026-11-22T10:30:00Z')).toBe(false) // Sunday
    expect(await cvsOpen('2026-07-06T08:30:00Z')).toBe(true) // Monday 09:30 BST
    expect(await cvsOpen('2026-07-06T16:30:00Z')).toBe(false) // Monday 17:30 BST
  })

  test('a short list still holds the local generalist and the national option: the ranked list gives way (SIGNPOST_MAX_RESULTS=3)', async () => {
    const res = await get(appWith({ maxResults: 3 }), 'lat=54.9082&lng=-1.38608&function=training')
    const body = res.body as SignpostResponse
    // The CVS does not list training (a fallback); the national option fits while nearer bodies
    // fit too, so it is kept but not labelled fallback (decision 0004, rules 5 and 6).
    expect(body.groups.map((g) => [g.level, g.providers.map((p) => [p.slug, p.fallback])])).toEqual([
      [
        'local',
        [
          ['example-volunteer-centre-sunderland', null],
          [demoKeySlugs.sunderlandCvs, 'local-generalist'],
        ],
      ],
      ['national', [['example-trustee-governance-consultancy', null]]],
    ])
    expect(body).toMatchObject({ shown: 3, matchedTotal: 17 })
  })

  test('a short list keeps the pairs before the rest of the ranked list (SIGNPOST_MAX_RESULTS=3)', async () => {
    const res = await get(
      appWith({ maxResults: 3 }),
      'postcode=BD1 1HY&function=training&strand=sexual-orientation',
    )
    const body = res.body as SignpostResponse
    // Kept, in order: the local generalist, the national option, then the pairs nearest first;
    // here the three places go to the CVS, the national LGBT consortium and the local LGB body.
    expect(body.groups.map((g) => [g.level, g.providers.map((p) => [p.slug, p.pair])])).toEqual([
      [
        'local',
        [
          [demoKeySlugs.bradfordLgbBody, 'specialist'],
          [demoKeySlugs.bradfordGeneralist, 'generalist'],
        ],
      ],
      ['national', [[demoKeySlugs.nationalLgbtConsortium, 'specialist']]],
    ])
    expect(body).toMatchObject({ shown: 3, matchedTotal: 15 })
  })

  test.each(cases)('a short list is the long list cut, fallbacks and pairs kept: $name', async (c) => {
    // With 50 places nothing is cut on the demo; with 3 the ranked list gives way to the kept
    // bodies (decision 0004, rule 6). Both must agree with that rule applied to the long list.
    const long = (await get(appWith({ maxResults: 50 }), c.query)).body as SignpostResponse
    const short = (await get(appWith({ maxResults: 3 }), c.query)).body as SignpostResponse
    const all = providersOf(long)
    const ranked = all.filter((p) => p.reasonCodes.some((r) => r.code === 'offers'))
    expect(ranked.length).toBe(long.matchedTotal)
    const byId = (ref: { id: string } | null) => all.find((p) => p.id === ref?.id)
    const pairs = all.filter((p) => p.pair !== null)
    const kept = new Set(
      selectWithFallbacks(
        ranked,
        [byId(long.fallbacks.localGeneralist), byId(long.fallbacks.national), ...pairs],
        3,
      ).map((p) => p.id),
    )
    expect(providersOf(short).map((p) => p.slug)).toEqual(
      all.filter((p) => kept.has(p.id)).map((p) => p.slug),
    )
    expect(short.matchedTotal).toBe(long.matchedTotal)
    expect(short.fallbacks).toEqual(long.fallbacks)
  })

  test('explain lists the near misses with why: closed, draft, wrong strand, lacking the need, not covering', async () => {
    const ryedale = await get(app, 'area=E07000167&function=information-advice&explain=1')
    const closed = ryedale.body.explain.excluded.find(
      (e: { slug: string }) => e.slug === 'example-ryedale-voluntary-action',
    )
    expect(closed).toMatchObject({
      status: 'closed',
      kind: 'generalist',
      reasonCodes: [{ code: 'not-active', status: 'closed' }],
      reasons: ['Not signposted: the record is closed'],
    })

    const rutland = await get(app, 'area=E06000017&function=training&strand=age&explain=1')
    expect(rutland.body.explain.excluded).toContainEqual(
      expect.objectContaining({
        slug: 'example-rutland-community-and-voluntary-service',
        status: 'draft',
        reasonCodes: [{ code: 'not-active', status: 'draft' }],
      }),
    )

    const bradford = await request(app).get(
      '/api/signpost/explain?postcode=BD1+1HY&function=training&strand=sexual-orientation',
    )
    expect(bradford.status).toBe(200)
    const excluded = bradford.body.explain.excluded as NonNullable<SignpostResponse['explain']>['excluded']
    const bySlug = new Map(excluded.map((e) => [e.slug, e]))
    expect(bySlug.get('example-bradford-disabled-peoples-forum')).toMatchObject({
      reasonCodes: [{ code: 'wrong-strand', strands: ['disability'], requested: ['sexual-orientation'] }],
      reasons: ['Works only with other groups: Disability'],
    })
    expect(bySlug.get('example-bradford-interfaith-forum')?.reasons).toEqual([
      'Works only with other groups: Religion or belief',
    ])
    expect(bySlug.get('example-bradford-city-centre-community-network')).toMatchObject({
      reasonCodes: [{ code: 'lacks-need', functions: ['training'], topics: [] }],
      reasons: ['Does not offer training'],
    })
    // Bodies covering the place come before those that do not; with room for more, a body
    // elsewhere is listed with the areas it does cover.
    const wide = await get(
      appWith({ explainMaxCandidates: 60 }),
      'postcode=BD1 1HY&function=training&strand=sexual-orientation&explain=1',
    )
    const leeds = (wide.body as SignpostResponse).explain?.excluded.find(
      (e) => e.slug === 'example-leeds-lgbt-groups-forum',
    )
    expect(leeds).toMatchObject({
      reasonCodes: [
        { code: 'not-covering', areas: [{ code: 'E08000035', name: 'Leeds', nameCy: null, level: 'local' }] },
      ],
      reasons: ['Does not cover this place (covers Leeds)'],
    })
    const coversFlags = ((wide.body as SignpostResponse).explain?.excluded ?? [])
      .filter((e) => e.reasonCodes.length === 1)
      .map((e) => e.reasonCodes[0]?.code !== 'not-covering')
    expect(coversFlags).toEqual([...coversFlags].sort((a, b) => Number(b) - Number(a)))
    // Fewest failed checks first, then those covering the place, then level; nothing excluded is
    // also in the answer.
    expect(excluded.length).toBe(testConfig().signpostExplainMaxCandidates)
    const shown = new Set(providersOf(bradford.body).map((p) => p.slug))
    expect(excluded.filter((e) => shown.has(e.slug))).toEqual([])
    const failures = excluded.map((e) => e.reasonCodes.length)
    expect(failures).toEqual([...failures].sort((a, b) => a - b))

    // explain=1 on the main route gives the same near misses; without it there are none.
    const same = await get(app, 'postcode=BD1 1HY&function=training&strand=sexual-orientation&explain=1')
    expect(same.body.explain).toEqual(bradford.body.explain)
    const plain = await get(app, 'postcode=BD1 1HY&function=training&strand=sexual-orientation')
    expect(plain.body.explain).toBeUndefined()
  })

  test('the route is mounted in the app and public: no session needed to read it', async () => {
    const full = createApp({ db, config: testConfig() })
    const res = await request(full).get('/api/signpost?area=W06000008&topic=fundraising')
    expect(res.status).toBe(200)
    expect(providersOf(res.body).map((p) => p.slug)).toEqual([demoKeySlugs.walesNationalGeneralist])
    expect(res.headers['set-cookie']).toBeUndefined()
  })

  test('a postcode with no UK location (Guernsey) is a 200 with no options, saying why', async () => {
    const res = await get(app, 'postcode=GY1 1AA&function=training')
    expect(res.status).toBe(200)
    expect(res.body.place).toEqual({
      postcode: 'GY1 1AA',
      precision: null,
      location: null,
      areas: [],
      outside: 'crown-dependency',
    })
    expect(res.body.groups).toEqual([])
    expect(res.body.matchedTotal).toBe(0)
  })

  test('a postcode not in the file is placed at its sector centroid, and says so', async () => {
    const res = await get(app, 'postcode=BD1 1ZZ&function=training')
    expect(res.status).toBe(200)
    expect(res.body.place).toMatchObject({ postcode: 'BD1 1ZZ', precision: 'sector' })
    expect(res.body.place.areas.map((a: { code: string }) => a.code)).toContain('E08000032')
  })

  test.each([
    ['no need', 'postcode=BD1 1HY&strand=race', 'function: give at least one function or topic'],
    ['no place', 'function=training', 'postcode: give a place'],
    ['two places', 'postcode=BD1 1HY&area=E08000032&function=training', 'postcode: give one place'],
    ['lat without lng', 'lat=53.8&function=training', 'lng: give both lat and lng'],
    ['latitude out of range', 'lat=91&lng=0&function=training', 'lat: lat must be a number from -90 to 90'],
    ['unknown strand', 'postcode=BD1 1HY&function=training&strand=lgbt', 'unknown strand "lgbt"'],
    ['unknown function', 'postcode=BD1 1HY&function=fundraising', 'unknown function "fundraising"'],
    ['area twice', 'area=E08000032&area=E08000035&function=training', 'area: give area once'],
    ['malformed area code', 'area=Bradford&function=training', 'area: must be a GSS area code'],
    ['area not loaded', 'area=E08999999&function=training', 'area: E08999999 is not a loaded area'],
    ['malformed postcode', 'postcode=BD1&function=training', 'Invalid postcode'],
    ['bad explain flag', 'postcode=BD1 1HY&function=training&explain=yes', 'explain: explain must be 1 or 0'],
    ['unknown parameter', 'postcode=BD1 1HY&function=training&perPage=5', 'Unrecognized key'],
  ])('%s is a 400 that says what is wrong', async (_name, query, message) => {
    const res = await get(app, query)
    expect(res.status).toBe(400)
    expect(res.body.error.name).toBe('ValidationError')
    expect(res.body.error.message).toContain(message)
  })
})

import express from 'express'
import { pino } from 'pino'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { coverageRoutes } from '../coverage/coverage-routes'
import type { CoverageResponse } from '../coverage/coverage-schemas'
import { createCoverageService } from '../coverage/coverage-service'
import { fixtureProviderBase } from '../directory/directory-fixture'
import { createDirectoryScope } from '../directory/directory-scope'
import { seedDirectory } from '../directory/directory-seed'
import { createEnquiryQueries } from '../enquiries/enquiry-queries'
import { createEnquiryService } from '../enquiries/enquiry-service'
import { createGeoService } from '../geo/geo-service'
import { defaultGeoOptions } from '../geo/place-resolver'
import { postcodeStore } from '../geo/postcode-store'
import type { Database } from '../lib/db'
import { errorHandler } from '../lib/errors'
import { mountRoutes } from '../lib/route-table'
import { type FreshnessPolicy, freshnessPolicy } from '../providers/freshness'
import type { RawProvider } from '../providers/provider-schema'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'
import { createTaxonomyService } from '../taxonomy/taxonomy-service'
import { signpostRoutes } from './signpost-routes'
import type { SignpostResponse } from './signpost-schemas'
import { createSignpostService, signpostOptions } from './signpost-service'

/**
 * The freshness policy (docs/decisions/0020) over a small directory in Bradford, with the clock
 * fixed: Monday 23 November 2026 in London. With the default policy (12 and 36 months) a record
 * verified before 2025-11-23 is stale and one verified before 2023-11-23 expired.
 */
const NOW = new Date('2026-11-23T10:30:00Z')
const BRADFORD = 'E08000032'
const ENGLAND = 'E92000001'
const policy: FreshnessPolicy = freshnessPolicy(testConfig())

function provider(p: Pick<RawProvider, 'slug' | 'name'> & Partial<RawProvider>): RawProvider {
  return {
    ...fixtureProviderBase,
    kind: 'generalist',
    level: 'local',
    summary: `${p.name} (freshness test fixture).`,
    functions: ['training'],
    website: `https://example.org/${p.slug}`,
    lastVerifiedAt: '2026-10-01',
    coverage: { areas: [BRADFORD] },
    ...p,
  }
}

const slugs = {
  fresh: 'fz-fresh-cvs',
  stale: 'fz-stale-cvs',
  expired: 'fz-expired-cvs',
  contactless: 'fz-contactless-cvs',
  historical: 'fz-historical-national-body',
} as const

const directory = {
  providers: [
    // Offers one of the two functions asked for: without the policy it ranks below the stale one.
    provider({ slug: slugs.fresh, name: 'FZ Fresh CVS' }),
    // Offers both, so it scores higher, but was last verified 18 months before NOW.
    provider({
      slug: slugs.stale,
      name: 'FZ Stale CVS',
      functions: ['training', 'information-advice'],
      lastVerifiedAt: '2025-06-01',
    }),
    provider({
      slug: slugs.expired,
      name: 'FZ Expired CVS',
      functions: ['training', 'information-advice'],
      lastVerifiedAt: '2022-01-10',
    }),
    provider({
      slug: slugs.contactless,
      name: 'FZ Contactless CVS',
      functions: ['training', 'information-advice'],
      website: undefined,
      // A postal address alone is not a contact route: a caller cannot use it today.
      address: '1 Example Street, Bradford (fictional address)',
    }),
    // Like the bodies taken from the 2004 strategy: no contacts, verified on the document's date.
    provider({
      slug: slugs.historical,
      name: 'FZ Historical National Body',
      level: 'national',
      source: 'source:001',
      website: undefined,
      lastVerifiedAt: '2004-02-01',
      coverage: { areas: [ENGLAND] },
    }),
  ],
  pathways: [],
  districtsWithoutLocalGeneralist: [],
}

let db: Database
let appAt: (now: Date, withPolicy?: boolean) => express.Express

beforeAll(async () => {
  db = await openTestDatabase()
  await seedDirectory(db.knex, await readTaxonomy(db.knex), directory)
  const taxonomy = createTaxonomyService(db.knex, { cacheSeconds: 60 })
  const geo = createGeoService(db, { ...defaultGeoOptions, postcodes: () => postcodeStore(testConfig()) })
  const config = testConfig()
  appAt = (now, withPolicy = true) => {
    const coverageOptions = {
      minShare: config.coverageMinSharePercent / 100,
      duplicationMinProviders: config.coverageDuplicationMinProviders,
      maxCells: config.coverageMaxCells,
      directoryNations: config.directoryNations,
      ...(withPolicy ? { freshness: { policy, now: () => now } } : {}),
    }
    const coverage = createCoverageService({
      knex: db.knex,
      taxonomy,
      enquiries: createEnquiryService({ queries: createEnquiryQueries(db.knex), geo, taxonomy }),
      options: coverageOptions,
    })
    const signpost = createSignpostService({
      knex: db.knex,
      geo,
      taxonomy,
      options: signpostOptions(config),
      scope: createDirectoryScope({ knex: db.knex, nations: config.directoryNations }),
      now: () => now,
      ...(withPolicy ? { freshness: policy } : {}),
    })
    // The public reads only (the baseline edits need sessions this test does not mount).
    const routes = [...signpostRoutes(signpost), ...coverageRoutes(coverage, coverageOptions)]
    return express()
      .use(
        '/api',
        mountRoutes(
          routes.filter((r) => !r.roles),
          {
            prefix: '/api',
            taxonomy: () => taxonomy.getTaxonomy(),
          },
        ),
      )
      .use(errorHandler(pino({ level: 'silent' })))
  }
})
afterAll(async () => {
  await db?.close()
})

const NEED = `area=${BRADFORD}&function=training&function=information-advice`

async function signpost(app: express.Express, query: string): Promise<SignpostResponse> {
  const res = await request(app).get(`/api/signpost?${query}`)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body as SignpostResponse
}

async function coverage(app: express.Express): Promise<CoverageResponse> {
  const res = await request(app).get(
    `/api/coverage?level=local&within=${BRADFORD}&function=training&strand=generalist`,
  )
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body as CoverageResponse
}

const generalistCell = (body: CoverageResponse) =>
  body.areas.find((a) => a.code === BRADFORD)?.cells.find((c) => c.key === 'function:training|generalist')

const optionSlugs = (body: SignpostResponse) => body.groups.flatMap((g) => g.providers.map((p) => p.slug))

describe(`the freshness policy on the ${currentEngine()} engine`, () => {
  test('without the policy the stale record outranks the fresh one (the fixture makes the demotion visible)', async () => {
    const body = await signpost(appAt(NOW, false), NEED)
    const local = optionSlugs(body).filter((s) => s === slugs.fresh || s === slugs.stale)
    expect(local).toEqual([slugs.stale, slugs.fresh])
    expect(optionSlugs(body)).toContain(slugs.expired)
    expect(body.followUp).toEqual([])
  })

  test('a stale record is demoted below an equivalent fresh one of its level, and marked stale', async () => {
    const body = await signpost(appAt(NOW), NEED)
    const local = body.groups.find((g) => g.level === 'local')?.providers ?? []
    expect(local.map((p) => p.slug)).toEqual([slugs.fresh, slugs.stale])
    expect(local[0]?.freshness).toMatchObject({ state: 'fresh', offered: true, reasons: [] })
    expect(local[1]?.freshness).toMatchObject({
      state: 'stale',
      lastVerifiedAt: '2025-06-01',
      offered: true,
      reasons: [{ code: 'stale', lastVerifiedAt: '2025-06-01', months: 12 }],
    })
  })

  test('expired and contactless records are not offered but listed after the options with the reason', async () => {
    const body = await signpost(appAt(NOW), `${NEED}&explain=1`)
    const offered = optionSlugs(body)
    for (const slug of [slugs.expired, slugs.contactless, slugs.historical])
      expect(offered).not.toContain(slug)
    expect(body.shown).toBe(2)
    const followUp = Object.fromEntries(body.followUp.map((f) => [f.slug, f]))
    expect(body.followUp.map((f) => f.slug)).toEqual([slugs.contactless, slugs.expired, slugs.historical])
    expect(followUp[slugs.expired]?.freshness.reasons).toEqual([
      { code: 'expired', lastVerifiedAt: '2022-01-10', months: 36 },
    ])
    expect(followUp[slugs.expired]?.reasons).toEqual([
      'Last verified 2022: not verified for over 36 months — check it still exists before referring',
    ])
    expect(followUp[slugs.contactless]?.freshness.reasons).toEqual([{ code: 'no-contact' }])
    // explain carries the reason codes of what the policy left out.
    const explained = Object.fromEntries(body.explain?.excluded.map((e) => [e.slug, e.reasonCodes]) ?? [])
    expect(explained[slugs.expired]).toEqual([{ code: 'expired', lastVerifiedAt: '2022-01-10', months: 36 }])
    expect(explained[slugs.contactless]).toEqual([{ code: 'no-contact' }])
    expect(explained[slugs.historical]).toEqual([
      { code: 'expired', lastVerifiedAt: '2004-02-01', months: 36 },
      { code: 'no-contact' },
    ])
  })

  test('a body from the 2004 strategy is marked historical until it is verified', async () => {
    const body = await signpost(appAt(NOW), NEED)
    const historical = body.followUp.find((f) => f.slug === slugs.historical)
    expect(historical?.freshness.historical).toEqual({ source: 'source:001', year: 2004 })
    expect(historical?.reasons[0]).toBe('Named in a 2004 strategy; not verified since')
    // The national fallback is not this body: nothing without a contact route is offered.
    expect(body.fallbacks.national).toBeNull()
  })

  test('expired and contactless records are not counted in coverage, and the page says how many were left out', async () => {
    const body = await coverage(appAt(NOW))
    const cell = generalistCell(body)
    expect(cell?.byLevel).toMatchObject({ local: 2, national: 0 })
    expect(body.leftOut).toEqual({
      total: 3,
      expired: 2,
      noContact: 2,
      expiredMonths: 36,
      countedOn: '2026-11-23',
    })
  })

  test('a record passing its expiry date drops out of coverage without an edit (clock moved)', async () => {
    // 2 June 2028: the stale record (verified 2025-06-01) is now over 36 months old.
    const later = new Date('2028-06-02T09:00:00Z')
    const before = await db.knex('providers').where({ slug: slugs.stale }).first('version', 'updated_at')
    const body = await coverage(appAt(later))
    expect(generalistCell(body)?.byLevel).toMatchObject({ local: 1 })
    expect(body.leftOut).toMatchObject({ total: 4, expired: 3, countedOn: '2028-06-02' })
    expect(await db.knex('providers').where({ slug: slugs.stale }).first('version', 'updated_at')).toEqual(
      before,
    )
    // And signposting stops offering it the same day.
    const answer = await signpost(appAt(later), NEED)
    expect(optionSlugs(answer)).toEqual([slugs.fresh])
    expect(answer.followUp.map((f) => f.slug)).toContain(slugs.stale)
    // Back to the earlier day (the clock is what decides): it counts again.
    const again = await coverage(appAt(NOW))
    expect(generalistCell(again)?.byLevel).toMatchObject({ local: 2 })
  })
})

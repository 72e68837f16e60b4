import express from 'express'
import { pino } from 'pino'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildDemoDirectory } from '../../seeds/demo/demo-directory'
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
import { errorHandler, parseOrThrow } from '../lib/errors'
import { mountRoutes } from '../lib/route-table'
import type { OrukService } from '../oruk/oruk-schemas'
import { analyzeDirectory } from '../providers/provider-queries'
import type { DirectoryContent, RawProvider } from '../providers/provider-schema'
import { providerInputSchema } from '../providers/provider-schema'
import { insertProviderRecords } from '../providers/provider-writes'
import { signpostRoutes } from '../signpost/signpost-routes'
import type { SignpostResponse } from '../signpost/signpost-schemas'
import { createSignpostService, signpostOptions } from '../signpost/signpost-service'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import { createTaxonomyService } from '../taxonomy/taxonomy-service'
import type { MappedProvider } from './imports-oruk-fields'
import { mapOrukDocument, type OrukImportReport } from './imports-oruk-mapping'

/**
 * Acceptance 3: export the demo directory as ORUK (our own /oruk feed), map it back with the
 * import mapping, load it into a fresh database through the directory's insert path, and ask
 * both databases the signposting questions of the Signposting issue's table: the answers agree
 * wherever ORUK carries the facts. Referral pathways are the one signposting fact ORUK cannot
 * carry, so the comparison leaves out the "refers on" reasons and the pathways they come from.
 */

/** Monday 23 November 2026, 10:30 in London, as in the signposting tests. */
const NOW = new Date('2026-11-23T10:30:00Z')

/** The places and needs of the signposting table (server/signpost/signpost.db.test.ts). */
const signpostQueries = [
  'postcode=BD1 1HY&function=training&strand=sexual-orientation',
  'postcode=BD1 1HY&function=networks',
  'postcode=BD1 1HY&topic=volunteering',
  'postcode=BD7 1DP&function=consultancy&topic=fundraising',
  'postcode=BD1 1HY&function=advocacy&strand=disability',
  'area=E07000166&function=information-advice&strand=rural',
  'area=E07000167&function=information-advice',
  'area=E06000017&function=training&strand=age',
  'area=E07000133&function=information-advice',
  'postcode=CF10 3ND&function=information-advice&strand=welsh-language',
  'area=W06000008&topic=fundraising',
  'area=W06000008&function=information-advice&strand=welsh-language',
  'postcode=BN1 1JA&function=networks&strand=marriage-civil-partnership',
  'postcode=LE1 1FZ&function=consultancy&strand=race&strand=religion-belief',
  'postcode=CF24 4HQ&topic=community-development&strand=refugees-migrants&strand=race',
  'lat=54.9082&lng=-1.38608&function=training',
  'area=E07000239&function=training&strand=sex',
  'lat=55.95031&lng=-3.19036&function=training',
]

let source: Database
let target: Database
let demo: DirectoryContent
let taxonomy: Taxonomy
let exported: OrukService[]
let mapped: MappedProvider[]
let report: OrukImportReport

function signpostApp(db: Database) {
  const taxonomyService = createTaxonomyService(db.knex, { cacheSeconds: 60 })
  return express()
    .use(
      '/api',
      mountRoutes(
        signpostRoutes(
          createSignpostService({
            knex: db.knex,
            geo: createGeoService(db, { ...defaultGeoOptions, postcodes: () => postcodeStore(testConfig()) }),
            taxonomy: taxonomyService,
            options: signpostOptions(testConfig()),
            scope: createDirectoryScope({ knex: db.knex, nations: testConfig().directoryNations }),
            now: () => NOW,
          }),
        ),
        { prefix: '/api', taxonomy: () => taxonomyService.getTaxonomy() },
      ),
    )
    .use(errorHandler(pino({ level: 'silent' })))
}

beforeAll(async () => {
  source = await openTestDatabase()
  target = await openTestDatabase()
  demo = buildDemoDirectory(testConfig().geoDataDir)
  taxonomy = await readTaxonomy(source.knex)
  await seedDirectory(source.knex, taxonomy, demo)

  // Export: every page of the public feed, fully nested.
  const app = createApp({ db: source, config: testConfig() })
  exported = []
  for (let page = 1; ; page++) {
    const res = await request(app).get(`/oruk/services?full=true&per_page=100&page=${page}`)
    expect(res.status).toBe(200)
    exported.push(...res.body.contents)
    if (res.body.last_page) break
  }

  // Import: map, validate through the provider input schema, insert into the fresh database.
  const knownAreaCodes = new Set(await target.knex('areas').pluck('code'))
  ;({ providers: mapped, report } = mapOrukDocument(
    { contents: exported },
    { taxonomy, source: 'oruk-import', knownAreaCodes },
  ))
  const schema = providerInputSchema(taxonomy)
  const records = mapped.map(({ id, ...record }) => ({ ...parseOrThrow(schema, record, 'body'), id }))
  await target.knex.transaction((trx) => insertProviderRecords(trx, records))
  await analyzeDirectory(target.knex)
}, 600_000)

afterAll(async () => {
  await source?.close()
  await target?.close()
})

const published = () => demo.providers.filter((p) => p.status !== 'draft')
const sorted = <T>(list: T[]) => [...list].sort()

/** Polygon or MultiPolygon coordinates as a list of polygons (the database stores MultiPolygons). */
const polygonsOf = (g: RawProvider['coverage']['polygon']) =>
  g ? (g.type === 'Polygon' ? [g.coordinates] : (g.coordinates as unknown[])) : []

describe(`ORUK round trip of the demo directory on the ${currentEngine()} engine`, () => {
  test('our own feed maps back completely: nothing skipped, nothing unmapped', () => {
    expect(exported.length).toBe(published().length)
    expect(report.skipped).toEqual([])
    expect(report.unmapped).toEqual([])
    expect(report).toMatchObject({ services: published().length, mapped: published().length })
  })

  test('every record comes back with the facts ORUK carries, under the same id and slug', async () => {
    const bySlug = new Map(mapped.map((m) => [m.slug, m]))
    const ids = new Map((await source.knex('providers').select('slug', 'id')).map((r) => [r.slug, r.id]))
    for (const original of published()) {
      const back = bySlug.get(original.slug)
      expect({ slug: original.slug, found: Boolean(back) }).toEqual({ slug: original.slug, found: true })
      if (!back) continue
      expect(back.id).toBe(ids.get(original.slug))
      const carried = (p: RawProvider | MappedProvider) => ({
        slug: p.slug,
        name: p.name,
        kind: p.kind,
        level: p.level,
        orgType: p.orgType,
        status: p.status,
        summary: p.summary,
        description: p.description,
        mission: p.mission === p.summary ? undefined : p.mission,
        remit: p.remit,
        limits: p.limits,
        referralCriteria: p.referralCriteria,
        howToAccess: p.howToAccess,
        cost: p.cost,
        functions: sorted(p.functions),
        topics: sorted(p.topics),
        strands: sorted(p.strands),
        languages: sorted(p.languages),
        formats: sorted(p.formats),
        openingHours: p.openingHours,
        website: p.website,
        email: p.email,
        phone: p.phone,
        address: p.address,
        office: p.office,
        charityNumber: p.charityNumber,
        companyNumber: p.companyNumber,
        qualityMarks: p.qualityMarks,
        lastVerifiedAt: p.lastVerifiedAt,
        areas: sorted(p.coverage.areas),
        polygons: polygonsOf(p.coverage.polygon),
      })
      expect(carried(back)).toEqual(carried(original))
    }
  })

  test('the target database holds the published records under the original ids', async () => {
    const sourceRows = await source.knex('providers').whereNot('status', 'draft').orderBy('id').pluck('id')
    const targetRows = await target.knex('providers').orderBy('id').pluck('id')
    expect(targetRows).toEqual(sourceRows)
    const index = (db: Database) =>
      db
        .knex('provider_coverage_index')
        .orderBy(['provider_id', 'area_code'])
        .select('provider_id', 'area_code', 'via_area_code')
    const sourceIndex = (await index(source)).filter((r) => targetRows.includes(r.provider_id))
    expect(await index(target)).toEqual(sourceIndex)
  })

  test.each(signpostQueries)('signposting gives the same answer: %s', async (query) => {
    const ask = (db: Database) => request(signpostApp(db)).get(`/api/signpost?${query.replace(/ /g, '+')}`)
    const [before, after] = await Promise.all([ask(source), ask(target)])
    expect(after.status).toBe(before.status)
    const comparable = (body: SignpostResponse) => ({
      place: body.place,
      need: body.need,
      matchedTotal: body.matchedTotal,
      fallbacks: body.fallbacks,
      groups: body.groups.map((g) => ({
        level: g.level,
        providers: g.providers.map(({ pathways: _p, reasons: _r, reasonCodes, ...p }) => ({
          ...p,
          reasonCodes: reasonCodes.filter((r) => r.code !== 'refers'),
        })),
      })),
    })
    expect(comparable(after.body)).toEqual(comparable(before.body))
    if (before.body.groups.length > 0) expect(before.body.shown).toBeGreaterThan(0)
  })
})

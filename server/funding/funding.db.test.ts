import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { grantRecipientBodies, grantRecipients } from '../../seeds/demo/demo-grant-recipients'
import { type SignedIn, signIn } from '../../test/helpers/auth'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import { seedDirectory } from '../directory/directory-seed'
import type { Database } from '../lib/db'
import type { ReportContext } from '../report/report-section'
import { fundingSection } from '../report/sections/funding-section'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'
import { parseGrantsArgs, runGrantsCli } from './grants-cli'
import { type GrantImportReport, planGrantImport } from './grants-import'
import { loadGrantStandard } from './grants-schema'

/**
 * Issue 20, acceptance 1 (decision 0016): the 48 real sample grants imported into a directory that
 * holds their recipients (the real bodies, with the charity and company numbers the grants give);
 * a copy with one invalid grant refused whole with that grant's JSON path; funding per head for a
 * district checked against the sum worked out by hand; the editors' list and link.
 */

const standardDir = path.resolve(__dirname, '../../../shared/360giving')
const sample = path.join(standardDir, 'grants/infrastructure_grants_extract.json')
const sampleCsv = path.join(standardDir, 'grants/infrastructure_grants_extract.csv')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'grants-db-'))
const standard = loadGrantStandard(standardDir)

let db: Database
let app: ReturnType<typeof createApp>
let editor: SignedIn

const uttlesford = 'E07000077'

async function runCli(argv: string[]) {
  const options = parseGrantsArgs(argv)
  if ('usageError' in options) throw new Error(options.usageError)
  let out = ''
  const err: string[] = []
  const code = await runGrantsCli(options, {
    knex: db.knex,
    standardDir,
    out: (t) => {
      out += t
    },
    err: (l) => err.push(l),
  })
  return { code, out, err }
}

beforeAll(async () => {
  db = await openTestDatabase()
  app = createApp({ db, config: testConfig() })
  editor = await signIn(app, db, 'editor')
  await seedDirectory(db.knex, await readTaxonomy(db.knex), {
    providers: grantRecipientBodies(sample),
    pathways: [],
    districtsWithoutLocalGeneralist: [],
  })
})

afterAll(async () => {
  await db?.close()
  fs.rmSync(tmp, { recursive: true, force: true })
})

describe('importing the 360Giving sample', () => {
  let dryRun: GrantImportReport

  test('the --json dry run prints the report: every recipient the directory holds matched by org-id, nothing written', async () => {
    const { code, out, err } = await runCli([sample, '--json'])
    expect(code).toBe(0)
    dryRun = JSON.parse(out)
    expect(dryRun).toMatchObject({
      file: 'infrastructure_grants_extract.json',
      format: 'json',
      mode: 'dry-run',
      status: 'valid',
      totalGrants: 48,
      creates: 48,
      updates: 0,
      errorCount: 0,
      errors: [],
    })
    // 13 bodies held: 17 grants (Castle Point, Mid Sussex, NAVCA — under two org-ids — and NCVO have two each).
    const held = new Set(grantRecipients.map((r) => r.slug))
    const matched = dryRun.grants.filter((g) => g.match)
    expect(matched.every((g) => g.match?.method === 'org-id' && held.has(g.match.slug))).toBe(true)
    expect(dryRun.matched).toEqual({
      'org-id': 17,
      'charity-number': 0,
      'name-postcode': 0,
      editor: 0,
      unmatched: 31,
    })
    expect(new Set(matched.map((g) => g.match?.slug))).toEqual(held)
    expect(
      dryRun.grants.find((g) => g.grantId === '360G-barrowcadbury-0063z000014iLp0')?.match,
    ).toMatchObject({
      slug: 'navca',
      method: 'org-id',
    })
    // The day-first dates of the older files are read and said so, with their paths.
    expect(dryRun.warnings).toContainEqual({
      path: '/grants/34/awardDate',
      message: 'day-first date "09/02/2010" read as 2010-02-09',
    })
    expect(err.at(-1)).toContain('dry run, nothing written')
    expect(await db.knex('grants').count({ n: '*' }).first()).toEqual({ n: 0 })
  })

  test('a copy with one invalid grant is refused whole, naming that grant by its JSON path', async () => {
    const data = JSON.parse(fs.readFileSync(sample, 'utf8'))
    data.grants[3].amountAwarded = 'a lot'
    delete data.grants[3].currency
    const file = path.join(tmp, 'one-invalid.json')
    fs.writeFileSync(file, JSON.stringify(data))
    const { code, out } = await runCli([file, '--commit', '--json'])
    expect(code).toBe(1)
    const report: GrantImportReport = JSON.parse(out)
    expect(report.status).toBe('invalid')
    expect(report.errors).toEqual([
      { path: '/grants/3', message: 'is missing currency' },
      { path: '/grants/3/amountAwarded', message: 'must be number' },
    ])
    expect(await db.knex('grants').count({ n: '*' }).first()).toEqual({ n: 0 })
  })

  test('a commit stores every grant with its matches, sets and publisher; importing it again changes nothing', async () => {
    const { code } = await runCli([sample, '--commit'])
    expect(code).toBe(0)
    const grants = await db.knex('grants').orderBy('grant_id')
    expect(grants).toHaveLength(48)
    const maldon = grants.find((g) => g.grant_id === '360G-EssexCF-A546813')
    expect(maldon).toMatchObject({
      funder_name: 'Essex Community Foundation',
      recipient_org_id: 'GB-COH-04170241',
      recipient_charity_number: '1086460',
      match_method: 'org-id',
      match_confirmed: false,
      currency: 'GBP',
    })
    expect(Number(maldon.amount_awarded)).toBe(12000)
    expect(
      await db
        .knex('grant_locations')
        .where({ grant_id: maldon.id })
        .select('geo_code', 'geo_code_type', 'name'),
    ).toEqual([{ geo_code: 'E07000074', geo_code_type: 'NMD', name: 'Maldon' }])
    expect(await db.knex('grant_programmes').where({ grant_id: maldon.id }).select('code', 'title')).toEqual([
      { code: '2019/20', title: 'Essex Coronavirus Response and Recovery Programme' },
    ])
    const dulverton = grants.find((g) => g.grant_id === '360G-dulverton-006D000000MJrVC')
    expect(dulverton.award_date_published).toBe('09/02/2010')

    const again = await runCli([sample, '--commit', '--json'])
    const report: GrantImportReport = JSON.parse(again.out)
    expect(report).toMatchObject({ status: 'committed', creates: 0, updates: 48 })
    expect(await db.knex('grants').count({ n: '*' }).first()).toEqual({ n: 48 })
  })

  test('CSV: the sample extract lacks the required Description column, and says so per grant with its line', async () => {
    const plan = await planGrantImport(db.knex, standard, {
      text: fs.readFileSync(sampleCsv, 'utf8'),
      format: 'csv',
      file: sampleCsv,
    })
    expect(plan.report.status).toBe('invalid')
    expect(plan.report.errorCount).toBe(48)
    expect(plan.report.errors[0]).toEqual({ path: '/grants/0', message: 'is missing description', line: 2 })
    expect(plan.report.warnings).toContainEqual({
      path: '',
      message: 'column "source" is not a 360Giving column title: ignored',
    })
  })

  test('CSV with the flattened column titles unflattens to the JSON shape (numbered repeats, typed numbers)', async () => {
    const csv = [
      'Identifier,Title,Description,Currency,Amount Awarded,Award Date,Recipient Org:Identifier,Recipient Org:Name,Recipient Org:Charity Number,Funding Org:Identifier,Funding Org:Name,Beneficiary Location:Name,Beneficiary Location:Geographic Code,Beneficiary Location:Geographic Code Type,Beneficiary Location:1:Name,Grant Programme:Title',
      '360G-EssexCF-A546813,Grant to Maldon & District Community Voluntary Services,"to support community response helping people during the COVID19 pandemic",GBP,"12,000",2020-03-27,GB-COH-04170241,Maldon & District Community Voluntary Services,1086460,GB-CHC-1052061,Essex Community Foundation,Maldon,E07000074,NMD,Essex,Essex Coronavirus Response and Recovery Programme',
    ].join('\r\n')
    const plan = await planGrantImport(db.knex, standard, { text: csv, format: 'csv', file: 'one.csv' })
    expect(plan.report.errors).toEqual([])
    const [grant] = plan.writes
    expect(grant).toMatchObject({
      amountAwarded: 12000,
      awardDate: '2020-03-27',
      recipient: { orgId: 'GB-COH-04170241', charityNumber: '1086460' },
      locations: [
        { geoCode: 'E07000074', geoCodeType: 'NMD', name: 'Maldon' },
        { geoCode: null, geoCodeType: null, name: 'Essex' },
      ],
      programmes: [{ code: null, title: 'Essex Coronavirus Response and Recovery Programme' }],
      matchMethod: 'org-id',
    })
  })

  test("a DEI code outside the extension's list is an error at its path", async () => {
    const data = JSON.parse(fs.readFileSync(sample, 'utf8'))
    data.grants[0].deiDetails = {
      leadership: { askedStatus: 'AS200' },
      mission: { askedStatus: 'AS200', response: { taxonomyCodes: ['DEI020000', 'DEI999999'] } },
      project: { askedStatus: 'AS200' },
    }
    const plan = await planGrantImport(db.knex, standard, {
      text: JSON.stringify(data),
      format: 'json',
      file: 'dei.json',
    })
    expect(plan.report.errors).toEqual([
      {
        path: '/grants/0/deiDetails/mission/response/taxonomyCodes/1',
        message: 'is not a DEI taxonomy code (DEI010000 … DEI800030, taxonomyCodes.csv): "DEI999999"',
      },
    ])
  })
})

describe('funding per area', () => {
  test('Uttlesford: the grants of its two local bodies, per head of its 2011 population; national bodies apart', async () => {
    const res = await request(app).get(`/api/areas/${uttlesford}/funding`)
    expect(res.status).toBe(200)
    // By hand: CVS Uttlesford £15,000 (Essex CF, 2020-03-31) + Volunteer Centre Uttlesford £5,500 (Essex CF,
    // 2020-04-08) = £20,500; Uttlesford's 2011 population 80,032 -> £0.2561... -> £0.26 a head.
    expect(res.body).toMatchObject({
      area: { code: uttlesford, name: 'Uttlesford', population: 80032 },
      currency: 'GBP',
      total: 20500,
      grants: 2,
      perHead: 0.26,
      // NAVCA £30,000 + £30,000 and NCVO £20,000 + £15,000 cover all England: not in the district's figure.
      national: { total: 95000, grants: 4 },
      byFunder: [{ key: 'GB-CHC-1052061', label: 'Essex Community Foundation', total: 20500, grants: 2 }],
      byYear: [{ key: '2020', total: 20500, grants: 2 }],
      byStrand: [{ key: 'general', total: 20500, grants: 2 }],
    })
    expect(res.body.perHead).toBe(Math.round((20500 / 80032) * 100) / 100)
    expect(
      res.body.list
        .filter((g: { national: boolean }) => !g.national)
        .map((g: { funder: { name: string } }) => g.funder.name),
    ).toEqual(['Essex Community Foundation', 'Essex Community Foundation'])
  })

  test('the per-area measure for a level agrees, as JSON, CSV and GeoJSON', async () => {
    const json = await request(app).get('/api/funding?level=local&within=E10000012')
    expect(json.status).toBe(200)
    const row = json.body.areas.find((a: { code: string }) => a.code === uttlesford)
    expect(row).toMatchObject({
      total: 20500,
      grants: 2,
      perHead: 0.26,
      population: 80032,
      nationalTotal: 95000,
    })
    const csv = await request(app).get('/api/funding?level=local&within=E10000012&format=csv')
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.text.split('\r\n')[0]).toBe(
      'area_code,area_name,level,area_type,population_2011,grants,total_gbp,per_head_gbp,national_bodies_gbp',
    )
    expect(csv.text).toContain(`${uttlesford},Uttlesford,local,`)
    const geo = await request(app).get('/api/funding?level=local&within=E10000012&format=geojson')
    const feature = JSON.parse(geo.text).features.find((f: { id: string }) => f.id === uttlesford)
    expect(feature.properties.perHead).toBe(0.26)
    expect(feature.geometry.type).toBe('MultiPolygon')
  })

  test.each([
    ['/api/areas/nonsense/funding', 400, 'code must be a GSS area code'],
    ['/api/areas/E07999999/funding', 404, 'No area has the code E07999999'],
    ['/api/funding?level=street', 400, 'unknown level "street"'],
    ['/api/funding?within=E10999999', 404, 'No area has the code E10999999'],
  ])('%s is a clear %i', async (url, status, message) => {
    const res = await request(app).get(url)
    expect(res.status).toBe(status)
    expect(res.body.error.message).toContain(message)
  })
})

describe('recipients for editors', () => {
  test('the unmatched recipients are listed for editors only, and an editor links one (audited, then counted)', async () => {
    expect((await request(app).get('/api/grants/unmatched')).status).toBe(401)
    const list = await editor.agent.get('/api/grants/unmatched')
    expect(list.status).toBe(200)
    const thurrock = list.body.recipients.find(
      (r: { recipientName: string }) => r.recipientName === 'Thurrock CVS',
    )
    expect(thurrock).toBeUndefined()
    const swindon = list.body.recipients.find(
      (r: { recipientOrgId: string }) => r.recipientOrgId === 'GB-COH-01604168',
    )
    expect(swindon).toMatchObject({
      recipientName: 'Voluntary Action Swindon',
      grants: 1,
      amount: 5000,
      suggestion: null,
    })

    // Voluntary Action Swindon is not in this directory: link its grant to Volunteer Centre Swindon's record
    // to exercise the link (a real editor would create the record first).
    const target = await db.knex('providers').where({ slug: 'volunteer-centre-swindon' }).first('id')
    const before = await request(app).get('/api/areas/E06000030/funding')
    const link = await editor.agent
      .put('/api/grants/recipient-match')
      .set('X-CSRF-Token', editor.csrfToken)
      .send({ recipientOrgId: 'GB-COH-01604168', providerId: target.id })
    expect(link.status).toBe(200)
    expect(link.body).toMatchObject({ grants: 1, provider: { slug: 'volunteer-centre-swindon' } })
    const after = await request(app).get('/api/areas/E06000030/funding')
    expect(after.body.total).toBe(before.body.total + 5000)
    const audit = await db.knex('audit_log').where({ entity_type: 'grant', action: 'update' })
    expect(audit).toHaveLength(1)
    expect(audit[0].after).toMatchObject({ match_method: 'editor', match_confirmed: true })
    const relisted = await editor.agent.get('/api/grants/unmatched')
    expect(relisted.body.recipients.map((r: { recipientOrgId: string }) => r.recipientOrgId)).not.toContain(
      'GB-COH-01604168',
    )
  })

  test('a link to no provider is a 400 naming providerId', async () => {
    const res = await editor.agent
      .put('/api/grants/recipient-match')
      .set('X-CSRF-Token', editor.csrfToken)
      .send({ recipientOrgId: 'GB-COH-01604168', providerId: 'not-a-uuid' })
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body.error)).toContain('providerId must be a provider id (UUID)')
  })
})

describe('the report section', () => {
  const ctxFor = (code: string, lang: 'en' | 'cy' = 'en'): ReportContext => {
    const locale = lang === 'cy' ? 'cy-GB' : 'en-GB'
    return {
      db: db.knex,
      // The section reads only the area's code from the profile.
      profile: { area: { code } } as unknown as ReportContext['profile'],
      lang,
      since: null,
      generatedAt: new Date('2026-12-07T12:00:00Z'),
      say: (t) => t[lang],
      number: (v, o) => new Intl.NumberFormat(locale, o).format(v),
      money: (v) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'GBP' }).format(v),
      date: (v) =>
        new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(v)),
    }
  }

  test('for an area with grants: the figures, charts, every grant with its funder credited, and its sources', async () => {
    const section = await fundingSection.build(ctxFor(uttlesford))
    expect(section?.heading).toBe('Funding flows')
    const text = section?.body.value ?? ''
    expect(text).toContain('£20,500.00 (2 grants)')
    expect(text).toContain('£0.26 (per resident, 2011 Census population: 80,032)')
    expect(text).toContain('<title>Funding by funder</title>')
    expect(text).toMatch(
      /Grant data published under the 360Giving Data Standard by [^<]*Essex Community Foundation/,
    )
    expect(text).toContain('The Dulverton Trust')
    expect(section?.sources.map((s) => s.name)).toContain(
      'Population: 2011 Census, usual residents (lad_population.csv)',
    )
    const welsh = await fundingSection.build(ctxFor(uttlesford, 'cy'))
    expect(welsh?.heading).toBe('Llif cyllid')
  })

  test('for an area without grants it says so', async () => {
    // Cardiff: no recipient of the sample grants covers it.
    const section = await fundingSection.build(ctxFor('W06000015'))
    expect(section?.body.value).toContain(
      'No published grants to the bodies covering this area are recorded.',
    )
  })
})

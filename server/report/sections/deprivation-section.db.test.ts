import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { currentEngine } from '../../../test/helpers/engines'
import { testConfig } from '../../../test/helpers/test-config'
import { openTestDatabase } from '../../../test/helpers/test-database'
import { createApp } from '../../app'
import type { AreaProfile } from '../../coverage/coverage-schemas'
import type { Database } from '../../lib/db'
import type { ReportContext, ReportLanguage } from '../report-section'
import { deprivationSection } from './deprivation-section'

/** The report's deprivation section for an area with figures (Blackpool) and for areas without. */

let db: Database
let app: ReturnType<typeof createApp>

beforeAll(async () => {
  db = await openTestDatabase()
  app = createApp({ db, config: testConfig() })
})
afterAll(async () => {
  await db?.close()
})

async function contextFor(code: string, lang: ReportLanguage = 'en'): Promise<ReportContext> {
  const res = await request(app).get(`/api/areas/${code}/profile`)
  expect(res.status).toBe(200)
  const locale = lang === 'cy' ? 'cy-GB' : 'en-GB'
  return {
    db: db.knex,
    profile: res.body as AreaProfile,
    lang,
    since: null,
    generatedAt: new Date('2026-12-08T10:00:00Z'),
    say: (text) => text[lang],
    number: (value, options) => new Intl.NumberFormat(locale, options).format(value),
    money: (value) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'GBP' }).format(value),
    date: (value) => new Date(value).toISOString().slice(0, 10),
  }
}

describe(`the report's deprivation section on the ${currentEngine()} engine`, () => {
  test('Blackpool: its rank, shares and ages, charted beside its region and England', async () => {
    const result = await deprivationSection.build(await contextFor('E06000009'))
    expect(result).not.toBeNull()
    const body = result?.body.value ?? ''
    expect(result?.heading).toBe('Deprivation')
    // The published district summary: population-weighted rank 6,079.7; 1st of 326 districts.
    expect(body).toContain('Population-weighted average rank</th><td>6,079.7 of 32,844 small areas')
    expect(body).toContain('<td>1 / 326</td>')
    expect(body).toContain('<td>140,162</td>')
    expect(body).toContain(
      '<title>Share of people living in England’s most deprived 20 % of small areas</title>',
    )
    expect(body).toMatch(/<text[^>]*>Blackpool<\/text>/)
    expect(body).toMatch(/<text[^>]*>North West<\/text>/)
    expect(body).toMatch(/<text[^>]*>England<\/text>/)
    expect(result?.sources).toEqual([
      {
        name: 'English Indices of Deprivation 2019, MHCLG',
        date: '2019-09-26',
        licence: 'Open Government Licence v3.0',
      },
    ])
  })

  test('in Welsh, headings and words are Welsh', async () => {
    const result = await deprivationSection.build(await contextFor('E06000009', 'cy'))
    expect(result?.heading).toBe('Amddifadedd')
    expect(result?.body.value).toContain('Safle cyfartalog wedi’i bwysoli yn ôl poblogaeth')
  })

  test('Cardiff: the section says plainly that the English index does not apply, with no figures', async () => {
    const result = await deprivationSection.build(await contextFor('W06000015'))
    expect(result?.body.value).toBe(
      '<p>The English Indices of Deprivation do not apply here: Wales, Scotland and Northern Ireland measure deprivation with their own indices on different small areas, which this report does not hold.</p>',
    )
  })

  test('a ward: the section points to the district, where the figures are', async () => {
    const result = await deprivationSection.build(await contextFor('E05001341'))
    expect(result?.body.value).toContain('the small areas are not coded to wards')
  })
})

import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type SignedIn, signIn } from '../../../test/helpers/auth'
import { currentEngine } from '../../../test/helpers/engines'
import { testConfig } from '../../../test/helpers/test-config'
import { openTestDatabase } from '../../../test/helpers/test-database'
import { createApp } from '../../app'
import { coverageAreas as a, coverageDirectory, coverageSlugs as s } from '../../coverage/coverage-fixture'
import type { AreaProfile } from '../../coverage/coverage-schemas'
import { seedDirectory } from '../../directory/directory-seed'
import type { Database } from '../../lib/db'
import { readTaxonomy } from '../../taxonomy/taxonomy-queries'
import type { ReportContext, ReportLanguage } from '../report-section'
import { changeSection } from './change-section'

let db: Database
let app: ReturnType<typeof createApp>
let editor: SignedIn

beforeAll(async () => {
  db = await openTestDatabase()
  await seedDirectory(db.knex, await readTaxonomy(db.knex), coverageDirectory())
  app = createApp({ db, config: testConfig() })
  editor = await signIn(app, db, 'editor')
})
afterAll(async () => {
  await db?.close()
})

async function context(
  code: string,
  since: string | null,
  lang: ReportLanguage = 'en',
): Promise<ReportContext> {
  const profile: AreaProfile = (await request(app).get(`/api/areas/${code}/profile`)).body
  const locale = lang === 'cy' ? 'cy-GB' : 'en-GB'
  return {
    db: db.knex,
    profile,
    lang,
    since,
    generatedAt: new Date(),
    say: (text) => text[lang],
    number: (value, options) => new Intl.NumberFormat(locale, options).format(value),
    money: (value) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'GBP' }).format(value),
    date: (value) => new Date(value).toISOString().slice(0, 10),
  }
}

const text = (body: { value: string }) => body.value.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')

describe(`the report's change section on the ${currentEngine()} engine`, () => {
  test('no date chosen and no snapshots: says so', async () => {
    const out = await changeSection.build(await context(a.leeds, null))
    expect(out?.heading).toBe('Change since a chosen date')
    expect(text(out?.body ?? { value: '' })).toContain('No comparison date was chosen for this report')
    expect(text(out?.body ?? { value: '' })).toContain('No coverage snapshots have been taken yet.')
    expect(out?.sources).toEqual([])
  })

  test('a date before every snapshot: nothing to compare with, and the dates there are', async () => {
    const taken = await editor.agent.post('/api/coverage/snapshots').set('X-CSRF-Token', editor.csrfToken)
    expect(taken.status).toBe(201)
    const out = await changeSection.build(await context(a.leeds, '2000-01-01'))
    expect(out?.heading).toBe('Change since 2000-01-01')
    const words = text(out?.body ?? { value: '' })
    expect(words).toContain('No coverage snapshot was taken on or before 2000-01-01')
    expect(words).toContain(`Snapshots available: ${taken.body.takenAt.slice(0, 10)}`)
  })

  test('an area with a change since the date: figures, the cell, the baseline and the provider, in English and Welsh', async () => {
    const today = new Date().toISOString().slice(0, 10)
    const closed = await editor.agent
      .post(`/api/providers/${s.leedsCvs}/close`)
      .set('X-CSRF-Token', editor.csrfToken)
      .send({})
    expect(closed.status).toBe(200)
    const out = await changeSection.build(await context(a.leeds, today))
    expect(out?.id).toBe('change-since')
    expect(out?.heading).toBe(`Change since ${today}`)
    const words = text(out?.body ?? { value: '' })
    expect(words).toContain('Areas that lost support: 1')
    expect(words).toContain('Providers closed: 1')
    expect(words).toContain('Leeds generalists local sub-regional lost (farther away)')
    expect(words).toContain('A local generalist provider in every district met not met')
    expect(words).toContain('CV Leeds CVS')
    expect(out?.body.value).toContain('<svg class="chart"')
    expect(out?.sources.map((x) => x.name)).toEqual([
      'Coverage snapshot',
      'Directory records and coverage now',
    ])

    const cy = await changeSection.build(await context(a.leeds, today, 'cy'))
    expect(cy?.heading).toBe(`Newid ers ${today}`)
    expect(text(cy?.body ?? { value: '' })).toContain('Darparwyr a gaeodd: 1')

    // A region lists its districts: West Yorkshire's change is Leeds's.
    const region = await changeSection.build(await context(a.westYorkshire, today))
    expect(text(region?.body ?? { value: '' })).toContain('Areas that lost support: 1')
  })

  test('an area without change says so', async () => {
    const today = new Date().toISOString().slice(0, 10)
    const out = await changeSection.build(await context(a.wakefield, today))
    expect(text(out?.body ?? { value: '' })).toContain('No change in coverage, baselines or providers.')
  })
})

import path from 'node:path'
import type { Express } from 'express'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { signIn } from '../../test/helpers/auth'
import { browserSkipReason } from '../../test/helpers/browser'
import { currentEngine } from '../../test/helpers/engines'
import { pdfPageTexts, renderPdfPage } from '../../test/helpers/pdf'
import { repoRoot, testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { closeApp, createApp } from '../app'
import { coverageAreas as a, coverageDirectory, coveragePopulations } from '../coverage/coverage-fixture'
import type { AreaProfile } from '../coverage/coverage-schemas'
import { seedDirectory } from '../directory/directory-seed'
import type { Database } from '../lib/db'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'

/**
 * Issue 20, acceptance 4: the area report of Bradford over the coverage fixture (a local generalist,
 * three local disability trainers — duplication —, a ward forum, a drawn hub, the West Yorkshire,
 * Yorkshire and national bodies) with helpline enquiries logged, as a web page on both engines and
 * as a PDF (embedded engine: one Chromium print per language), read back with pdfjs-dist.
 */

const engine = currentEngine()
let db: Database
let app: Express
let profile: AreaProfile
let taxonomy: Awaited<ReturnType<typeof readTaxonomy>>

const english = {
  summary: 'Summary',
  map: 'Map of the area and its providers',
  baselines: 'Baselines',
  depth: 'Depth by function and group',
  duplication: 'Possible duplication',
  unmet: 'Unmet need',
  funding: 'Funding flows',
  deprivation: 'Deprivation',
  change: 'Change since a chosen date',
  sources: 'Data sources and their dates',
}
const welsh = {
  summary: 'Crynodeb',
  map: 'Map o’r ardal a’i darparwyr',
  baselines: 'Llinellau sylfaen',
  depth: 'Dyfnder yn ôl swyddogaeth a grŵp',
  duplication: 'Dyblygu posibl',
  unmet: 'Angen heb ei ddiwallu',
  funding: 'Llif cyllid',
  deprivation: 'Amddifadedd',
  change: 'Newid ers dyddiad a ddewiswyd',
  sources: 'Ffynonellau data a’u dyddiadau',
}

beforeAll(async () => {
  db = await openTestDatabase()
  taxonomy = await readTaxonomy(db.knex)
  await seedDirectory(db.knex, taxonomy, coverageDirectory())
  app = createApp({ db, config: testConfig() })
  const helpline = await signIn(app, db, 'helpline')
  const log = (outcome: string) =>
    helpline.agent
      .post('/api/enquiries')
      .set('X-CSRF-Token', helpline.csrfToken)
      .send({
        areaCode: a.bradford,
        function: 'training',
        strands: ['disability'],
        channel: 'phone',
        outcome,
      })
      .expect(201)
  // Exact: 7 with no suitable provider, 3 advice only (10 in all); published: 5, 5 and 10.
  for (let i = 0; i < 7; i++) await log('no-suitable-provider')
  for (let i = 0; i < 3; i++) await log('advice-only')
  profile = (await request(app).get(`/api/areas/${a.bradford}/profile`).expect(200)).body
})
afterAll(async () => {
  if (app) await closeApp(app)
  await db?.close()
})

/** One figure each section must print for Bradford, as the report words it in English. */
function englishFigures(): Record<keyof typeof english, string[]> {
  const label = (code: string) => taxonomy.levels.find((l) => l.code === code)?.label ?? code
  const local = profile.levels.find((l) => l.level === 'local')?.providers ?? []
  const cell = (fn: string, group: string) =>
    profile.matrix.cells[profile.matrix.functions.indexOf(fn)]?.[profile.matrix.groups.indexOf(group)]
  const training = cell('training', 'disability')
  const local3 = profile.duplication.find(
    (d) => d.function === 'training' && d.strand === 'disability' && d.level === 'local',
  )
  return {
    summary: [`Population (mid-2011) ${coveragePopulations.bradford.toLocaleString('en-GB')}`],
    map: [`${label('local')} ${local.length}`],
    baselines: ['A local generalist provider in every district Every nation ✓ Met'],
    depth: [`${label(training?.depth ?? '')} (${training?.count})`],
    duplication: [
      `offered by several providers at once in Bradford: ${profile.duplication.length}.`,
      `Training Disability Local ${local3?.count}`,
    ],
    unmet: ['with no suitable provider: 5 (of 10 enquiries logged)'],
    // The fixture holds no grants (server/funding/funding.db.test.ts prints the figures of an area with some).
    funding: ['No published grants to the bodies covering this area are recorded.'],
    // Bradford's mid-2015 population in ../shared/stats/imd2019_lad13_summary.csv.
    deprivation: ['Population, mid-2015 529,879'],
    // No date chosen here (server/report/sections/change-section.db.test.ts compares two snapshots).
    change: ['No comparison date was chosen for this report'],
    sources: ['Helpline enquiry log'],
  }
}

const squeeze = (s: string) => s.normalize('NFKC').replace(/\s+/g, '')

const text = (htmlText: string) =>
  htmlText
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')

describe(`the area report as a web page on the ${engine} engine`, () => {
  test('every section in order under its heading, each with its figure, in one self-contained document', async () => {
    const res = await request(app).get(`/api/areas/${a.bradford}/report`)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    const page = res.text
    expect(page).toMatch(/^<!doctype html>\s*<html lang="en">/)
    expect(page).toContain('<title>Area report: Bradford (district)</title>')
    // Nothing fetched from elsewhere: no script, stylesheet link, image or frame.
    expect(page).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|url\(/i)
    const ids = [...page.matchAll(/<section class="report-section" id="([a-z-]+)"/g)].map((m) => m[1])
    expect(ids).toEqual([
      'summary',
      'map',
      'baselines',
      'depth',
      'duplication',
      'unmet-need',
      'funding-flows',
      'deprivation',
      'change-since',
      'data-sources',
    ])
    // The contents list links each section; headings come in order: one h1, then h2s.
    expect([...page.matchAll(/<li><a href="#([a-z-]+)">/g)].map((m) => m[1])).toEqual(ids)
    const headings = [...page.matchAll(/<h2 id="([a-z-]+)-heading">([^<]+)<\/h2>/g)].map((m) => m[2])
    expect(headings).toEqual(['Contents', ...Object.values(english)])
    const body = text(page)
    const figures = englishFigures()
    for (const [section, expected] of Object.entries(figures)) {
      for (const figure of expected) expect(body, section).toContain(figure)
    }
    // Tables have captions and header cells; the map is inline SVG with a title.
    expect(page.match(/<table/g)?.length).toBe(page.match(/<caption>/g)?.length)
    expect(page).toMatch(/<svg class="area-map" role="img"[^>]*><title>Map of Bradford/)
    expect(page).toMatch(/<path class="area" d="M[\d. L]+Z/)
  })

  test('the unmet need is rounded to 5 for everyone, an admin included: never the exact 7 or 3', async () => {
    const admin = await signIn(app, db, 'admin')
    const exact = await admin.agent.get(`/api/areas/${a.bradford}/profile`).expect(200)
    expect(exact.body.unmetNeed.byOutcome['no-suitable-provider']).toBe(7)
    const res = await admin.agent.get(`/api/areas/${a.bradford}/report`).expect(200)
    const body = text(res.text)
    expect(body).toContain('with no suitable provider: 5 (of 10 enquiries logged)')
    expect(body).toContain('Counts are rounded to the nearest 5')
    expect(body).toMatch(/No suitable provider 5 Referred to a provider 0 Advice only 5 All enquiries 10/)
    expect(body).not.toMatch(/\b[37] \(of/)
  })

  test('in Welsh: lang="cy", Welsh headings and the taxonomy’s Welsh labels', async () => {
    const res = await request(app).get(`/api/areas/${a.bradford}/report?lang=cy`).expect(200)
    expect(res.headers['content-language']).toBe('cy')
    expect(res.text).toMatch(/<html lang="cy">/)
    const headings = [...res.text.matchAll(/<h2 id="([a-z-]+)-heading">([^<]+)<\/h2>/g)].map((m) => m[2])
    expect(headings).toEqual(['Cynnwys', ...Object.values(welsh)])
    const body = text(res.text)
    const localCy = taxonomy.levels.find((l) => l.code === 'local')?.labelCy as string
    expect(body).toContain(`Lefel ${localCy}`)
    expect(body).toContain('Ymholiadau o Bradford heb ddarparwr addas: 5 (o 10 o ymholiadau a gofnodwyd)')
    expect(body).toContain('Darparwr cyffredinol lleol ym mhob ardal leol Pob gwlad ✓ Wedi’i bodloni')
  })

  test('a hostile area name is escaped everywhere it is printed', async () => {
    const hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
    await db.knex('areas').where({ code: a.leeds }).update({ name: hostile })
    try {
      const res = await request(app).get(`/api/areas/${a.leeds}/report`).expect(200)
      expect(res.text).not.toContain('<script>')
      expect(res.text).not.toContain('<img')
      expect(res.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x')
    } finally {
      await db.knex('areas').where({ code: a.leeds }).update({ name: 'Leeds' })
    }
  })

  test('a ward has no unmet-need figures (enquiries are recorded by district) and still renders', async () => {
    const res = await request(app).get(`/api/areas/${a.bradfordCityWard}/report`).expect(200)
    expect(text(res.text)).toContain('Enquiries are recorded by district, not by ward')
  })

  test('an unknown area is a 404 in the one error shape', async () => {
    const res = await request(app).get('/api/areas/E08999999/report')
    expect(res.status).toBe(404)
    expect(res.body).toEqual({ error: { name: 'NotFound', message: 'No area with code E08999999' } })
  })

  test.each([
    ['format=doc', 'format', 'must be html (a web page) or pdf'],
    ['lang=fr', 'lang', 'must be en (English) or cy (Welsh)'],
    ['since=2026-13-01', 'since', 'must be a date, YYYY-MM-DD'],
    ['since=2999-01-01', 'since', 'must not be in the future'],
    ['colour=red', 'query', 'allowed parameters are format, lang and since'],
  ])('?%s is a 400 naming %s', async (query, field, message) => {
    const res = await request(app).get(`/api/areas/${a.bradford}/report?${query}`)
    expect(res.status).toBe(400)
    expect(res.body.error.name).toBe('ValidationError')
    expect(res.body.error.details).toContainEqual({ field, message })
  })

  test('without Chromium, format=pdf is a 503 saying so, and the web page still works', async () => {
    const noChromium = createApp({ db, config: testConfig({ chromiumPath: '/nonexistent/chromium' }) })
    try {
      const res = await request(noChromium).get(`/api/areas/${a.bradford}/report?format=pdf`)
      expect(res.status).toBe(503)
      expect(res.body).toEqual({
        error: {
          name: 'ServiceUnavailable',
          message:
            'PDF reports are not available on this server: Chromium is not installed. The web page version (format=html) still works.',
        },
      })
      await request(noChromium).get(`/api/areas/${a.bradford}/report?format=html`).expect(200)
    } finally {
      await closeApp(noChromium)
    }
  })
})

describe.skipIf(engine !== 'embedded' || browserSkipReason !== undefined)(
  'the area report as a PDF printed by Chromium',
  () => {
    const pdfOf = async (lang: 'en' | 'cy') => {
      const res = await request(app)
        .get(`/api/areas/${a.bradford}/report?format=pdf&lang=${lang}`)
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = []
          r.on('data', (c: Buffer) => chunks.push(c))
          r.on('end', () => done(null, Buffer.concat(chunks)))
        })
      expect(res.status).toBe(200)
      expect(res.headers['content-type']).toBe('application/pdf')
      expect(res.headers['content-disposition']).toMatch(
        new RegExp(
          `^inline; filename="support-atlas-report-${a.bradford}-\\d{4}-\\d{2}-\\d{2}-${lang}\\.pdf"$`,
        ),
      )
      return res.body as Buffer
    }

    test('acceptance 4: the PDF text holds each section’s heading and one figure from each; the first page is saved as a picture', async () => {
      const pdf = await pdfOf('en')
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
      const pages = await pdfPageTexts(pdf)
      const all = pages.join(' ')
      // Compared without white space and with ligatures unfolded: a PDF's text runs break where the
      // lines do ("mid-" / "2011") and a ligature is its own run ("o ffi ces").
      const squeezed = squeeze(all)
      for (const heading of Object.values(english)) expect(squeezed).toContain(squeeze(heading))
      for (const [section, expected] of Object.entries(englishFigures())) {
        for (const figure of expected) expect(squeezed, section).toContain(squeeze(figure))
      }
      // Every page's footer: the area, the date and "Page n of N".
      pages.forEach((page, i) => {
        expect(page).toContain('Bradford (district) ·')
        expect(page).toContain(`Page ${i + 1} of ${pages.length}`)
      })
      const file = await renderPdfPage(
        pdf,
        1,
        path.join(repoRoot, 'test-results', 'area-report-first-page.png'),
      )
      console.log(`[report] first page of the English PDF: ${file}`)
    })

    test('the Welsh PDF has the Welsh headings and footer', async () => {
      const pages = await pdfPageTexts(await pdfOf('cy'))
      const all = pages.join(' ')
      for (const heading of Object.values(welsh)) expect(squeeze(all)).toContain(squeeze(heading))
      expect(squeeze(all)).toContain(
        squeeze('Ymholiadau o Bradford heb ddarparwr addas: 5 (o 10 o ymholiadau a gofnodwyd)'),
      )
      expect(pages[0]).toContain(`Tudalen 1 o ${pages.length}`)
    })
  },
)

import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type SignedIn, signIn } from '../../test/helpers/auth'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import { fixtureDirectory, fixtureSlugs as s } from '../directory/directory-fixture'
import { seedDirectory } from '../directory/directory-seed'
import type { Database } from '../lib/db'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'
import { loadProviders } from './provider-queries'
import { insertProviderRecords } from './provider-writes'

/**
 * A provider's Welsh name, summary, description and how-to-access go through the one write path:
 * stored, read back, searched, audited, downloaded, and served by the ORUK feed to a Welsh reader.
 */

let db: Database
let app: ReturnType<typeof createApp>
let editor: SignedIn

const WELSH_NAME = 'Cyngor Gweithredu Gwirfoddol Caerdydd'

beforeAll(async () => {
  db = await openTestDatabase()
  await seedDirectory(db.knex, await readTaxonomy(db.knex), fixtureDirectory())
  app = createApp({ db, config: testConfig() })
  editor = await signIn(app, db, 'editor')
})
afterAll(async () => {
  await db?.close()
})

const searchSlugs = async (q: string) =>
  (await request(app).get(`/api/providers?q=${encodeURIComponent(q)}`)).body.items.map(
    (i: { slug: string }) => i.slug,
  )

async function patch(body: Record<string, unknown>) {
  const current = await request(app).get(`/api/providers/${s.cardiffCvc}`)
  return editor.agent
    .patch(`/api/providers/${s.cardiffCvc}`)
    .set('X-CSRF-Token', editor.csrfToken)
    .set('If-Match', `"${current.body.version}"`)
    .send(body)
}

describe('welshName', () => {
  test('an edit stores it: the record shows it, a Welsh search finds it, the audit row names it', async () => {
    expect(await searchSlugs('Caerdydd')).toEqual([])
    const res = await patch({ welshName: ` ${WELSH_NAME} ` })
    expect(res.status).toBe(200)
    const detail = await request(app).get(`/api/providers/${s.cardiffCvc}`)
    expect(detail.body.welshName).toBe(WELSH_NAME)
    expect(await searchSlugs('Caerdydd')).toEqual([s.cardiffCvc])
    expect(await searchSlugs('gweithredu gwirfoddol')).toEqual([s.cardiffCvc])
    const last = await db.knex('audit_log').where({ entity_id: detail.body.id }).orderBy('id', 'desc').first()
    expect(last.action).toBe('update')
    expect(Object.keys(last.diff)).toEqual(['welshName'])
    expect(last.after.welshName).toBe(WELSH_NAME)
  })

  test('null clears it, and the search no longer finds the record by it', async () => {
    const res = await patch({ welshName: null })
    expect(res.status).toBe(200)
    const detail = await request(app).get(`/api/providers/${s.cardiffCvc}`)
    expect(detail.body.welshName).toBeNull()
    expect(await searchSlugs('Caerdydd')).toEqual([])
  })

  test('too long a Welsh name is a 400 naming the field', async () => {
    const res = await patch({ welshName: 'a'.repeat(201) })
    expect(res.status).toBe(400)
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'welshName' })])
  })

  test('a bulk insert round-trips it into the stored record (the shape audit rows and imports read)', async () => {
    const base = fixtureDirectory().providers.find((p) => p.slug === s.cardiffCvc)
    if (!base) throw new Error('fixture record missing')
    const id = await db.knex.transaction(async (trx) => {
      const [created] = await insertProviderRecords(trx, [
        {
          ...base,
          status: 'active',
          slug: 'fx-welsh-round-trip',
          welshName: 'Canolfan Gwirfoddoli Prawf',
          functions: [...base.functions],
          topics: [...base.topics],
          strands: [...base.strands],
          strandDetails: [...(base.strandDetails ?? [])],
          actsAsGeneralist: base.actsAsGeneralist ?? false,
          activitySpecialist: base.activitySpecialist ?? false,
          servesInfrastructureOnly: base.servesInfrastructureOnly ?? false,
          languages: [...base.languages],
          formats: [...base.formats],
          qualityMarks: [...base.qualityMarks],
          coverage: { areas: [...base.coverage.areas] },
        },
      ])
      return created as string
    })
    const stored = (await loadProviders(db.knex, [id])).get(id)
    expect(stored?.record.welshName).toBe('Canolfan Gwirfoddoli Prawf')
    expect(await searchSlugs('Canolfan Prawf')).toEqual(['fx-welsh-round-trip'])
  })
})

describe('welshSummary, welshDescription and welshHowToAccess', () => {
  const welsh = {
    welshSummary: 'Cymorth i grwpiau gwirfoddol yng Nghaerdydd: cyllid, llywodraethu a gwirfoddolwyr.',
    welshDescription: 'Yn cynnal cymhorthfa cyllido a hyfforddiant i ymddiriedolwyr.',
    welshHowToAccess: 'Ffoniwch y llinell gymorth neu galwch heibio ar ddydd Mercher.',
  }

  test('an edit stores them: the record shows them, a Welsh search finds the summary, the audit names them', async () => {
    // "cymhorthfa" (surgery) is in no English text and no Welsh taxonomy label.
    expect(await searchSlugs('cymhorthfa')).toEqual([])
    const res = await patch({ welshName: WELSH_NAME, ...welsh })
    expect(res.status).toBe(200)
    const detail = await request(app).get(`/api/providers/${s.cardiffCvc}`)
    expect(detail.body).toMatchObject({ welshName: WELSH_NAME, ...welsh })
    // The English texts are untouched.
    expect(detail.body.summary).toMatch(/^[A-Z][a-z]/)
    expect(detail.body.summary).not.toBe(welsh.welshSummary)
    expect(await searchSlugs('cymhorthfa')).toEqual([s.cardiffCvc])
    const last = await db.knex('audit_log').where({ entity_id: detail.body.id }).orderBy('id', 'desc').first()
    expect(Object.keys(last.diff).sort()).toEqual(
      ['welshDescription', 'welshHowToAccess', 'welshName', 'welshSummary'].sort(),
    )
  })

  test('the CSV download carries them in their own columns', async () => {
    const res = await request(app).get(`/api/exports/providers.csv?q=${encodeURIComponent('Caerdydd')}`)
    expect(res.status).toBe(200)
    const [header, row] = res.text.replace(/^\uFEFF/, '').split('\r\n')
    const columns = (header ?? '').split(',')
    for (const c of ['welsh_summary', 'welsh_description', 'welsh_how_to_access'])
      expect(columns).toContain(c)
    expect(row).toContain(welsh.welshHowToAccess)
  })

  test('the ORUK feed serves the Welsh texts to a reader asking for Welsh, English otherwise', async () => {
    const detail = await request(app).get(`/api/providers/${s.cardiffCvc}`)
    const english = await request(app).get(`/oruk/services/${detail.body.id}`)
    expect(english.status).toBe(200)
    expect(english.headers['content-language']).toBe('en')
    expect(english.headers.vary).toMatch(/Accept-Language/i)
    expect(english.body.name).toBe(detail.body.name)
    expect(english.body.description).not.toContain(welsh.welshSummary)

    const cymraeg = await request(app)
      .get(`/oruk/services/${detail.body.id}`)
      .set('Accept-Language', 'cy, en;q=0.5')
    expect(cymraeg.status).toBe(200)
    expect(cymraeg.headers['content-language']).toBe('cy')
    expect(cymraeg.body.name).toBe(WELSH_NAME)
    expect(cymraeg.body.description).toContain(welsh.welshSummary)
    expect(cymraeg.body.description).toContain(welsh.welshDescription)
    expect(cymraeg.body.description).toContain(welsh.welshHowToAccess)
    // English is preferred here, so English it is.
    const preferEnglish = await request(app)
      .get(`/oruk/services/${detail.body.id}`)
      .set('Accept-Language', 'en-GB, cy;q=0.8')
    expect(preferEnglish.body.name).toBe(detail.body.name)
  })

  test('a record without Welsh texts is served in English to a Welsh reader', async () => {
    const other = await request(app).get(`/api/providers/${s.bradfordCvs}`)
    const res = await request(app).get(`/oruk/services/${other.body.id}`).set('Accept-Language', 'cy')
    expect(res.status).toBe(200)
    expect(res.body.name).toBe(other.body.name)
    expect(res.body.description).toContain(other.body.summary)
  })

  test('too long a Welsh summary is a 400 naming the field', async () => {
    const res = await patch({ welshSummary: 'a'.repeat(501) })
    expect(res.status).toBe(400)
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'welshSummary' })])
  })
})

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

/** A provider's Welsh name goes through the one write path: stored, read back, searched, audited. */

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

import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import type { Database } from '../lib/db'
import type { DirectoryContent } from '../providers/provider-schema'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'
import { DEMO_SOURCE } from './demonstration-data'
import { fixtureDirectory } from './directory-fixture'
import { GENERATED_SOURCE } from './directory-generator'
import { seedDirectory } from './directory-seed'

let db: Database
let app: ReturnType<typeof createApp>

beforeAll(async () => {
  db = await openTestDatabase()
  app = createApp({ db, config: testConfig() })
})
afterAll(async () => {
  await db?.close()
})

async function demonstrationData(): Promise<boolean> {
  const res = await request(app).get('/api/config')
  expect(res.status).toBe(200)
  return res.body.demonstrationData
}

/** The fixture directory with its first record's source changed (a demo or a generated record). */
function withOneRecordFrom(source: string, status: 'active' | 'closed'): DirectoryContent {
  const directory = fixtureDirectory()
  const [first, ...rest] = directory.providers
  if (!first) throw new Error('the fixture directory is empty')
  return { ...directory, providers: [{ ...first, source, status }, ...rest] }
}

describe(`GET /api/config: demonstration data on the ${currentEngine()} engine (issue 16)`, () => {
  test('false while the directory holds no demo or generated record, true while it holds one', async () => {
    const taxonomy = await readTaxonomy(db.knex)
    expect(await demonstrationData()).toBe(false)
    await seedDirectory(db.knex, taxonomy, fixtureDirectory())
    expect(Number((await db.knex('providers').count({ n: '*' }).first())?.n)).toBeGreaterThan(0)
    expect(await demonstrationData()).toBe(false)

    // One demo record, even a closed one, is enough: the directory is not wholly real.
    await seedDirectory(db.knex, taxonomy, withOneRecordFrom(DEMO_SOURCE, 'closed'))
    expect(await demonstrationData()).toBe(true)
    await seedDirectory(db.knex, taxonomy, fixtureDirectory())
    expect(await demonstrationData()).toBe(false)
  })

  test('generated benchmark records are demonstration data too', async () => {
    const taxonomy = await readTaxonomy(db.knex)
    const directory = fixtureDirectory()
    const [first] = directory.providers
    if (!first) throw new Error('the fixture directory is empty')
    await seedDirectory(db.knex, taxonomy, directory)
    await db.knex('providers').where({ slug: first.slug }).update({ source: GENERATED_SOURCE })
    expect(await demonstrationData()).toBe(true)
    await db.knex('providers').where({ source: GENERATED_SOURCE }).update({ source: first.source })
    expect(await demonstrationData()).toBe(false)
  })
})

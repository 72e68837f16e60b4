import fs from 'node:fs'
import path from 'node:path'
import request from 'supertest'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type SignedIn, signIn } from '../../test/helpers/auth'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import { fixtureDirectory } from '../directory/directory-fixture'
import { seedDirectory } from '../directory/directory-seed'
import type { Database } from '../lib/db'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'

/** ORUK JSON through POST /api/imports: our own feed round-trips; the standard's examples are reported. */

let source: Database
let target: Database
let exported: unknown[]
let editor: SignedIn

beforeAll(async () => {
  source = await openTestDatabase()
  await seedDirectory(source.knex, await readTaxonomy(source.knex), fixtureDirectory())
  const sourceApp = createApp({ db: source, config: testConfig() })
  exported = []
  for (let page = 1; ; page++) {
    const res = await request(sourceApp).get(`/oruk/services?full=true&per_page=100&page=${page}`)
    expect(res.status).toBe(200)
    exported.push(...res.body.contents)
    if (res.body.last_page) break
  }
  target = await openTestDatabase()
  editor = await signIn(createApp({ db: target, config: testConfig() }), target, 'editor')
})
afterAll(async () => {
  await source?.close()
  await target?.close()
})

const post = (body: string, query: string) =>
  editor.agent
    .post(`/api/imports?${query}`)
    .set('X-CSRF-Token', editor.csrfToken)
    .set('Content-Type', 'application/vnd.oruk+json')
    .send(body)

test('our ORUK feed imports into an empty database: every service a create, then an update', async () => {
  const text = JSON.stringify({ contents: exported })
  const dry = await post(text, 'filename=feed.json')
  expect(dry.status).toBe(200)
  expect(dry.body).toMatchObject({ format: 'oruk', status: 'valid', errorCount: 0, creates: exported.length })
  const commit = await post(text, 'commit=true')
  expect(commit.status).toBe(201)
  // The feed carries the records that are not closed; each comes back under its own slug.
  const slugs = await source.knex('providers').pluck('slug')
  const imported = await target.knex('providers').where({ source: 'oruk-import' }).pluck('slug')
  expect(imported).toHaveLength(exported.length)
  for (const slug of imported) expect(slugs).toContain(slug)
  const again = await post(text, '')
  expect(again.body).toMatchObject({ status: 'valid', creates: 0 })
  // Each service matches its record again: updated, or left alone where nothing differs.
  expect(again.body.updates + again.body.unchanged).toBe(exported.length)
}, 240_000)

test("the standard's own examples are read, and what cannot become a record is reported by row", async () => {
  const dir = path.resolve(__dirname, '../../../shared/oruk/3.0/examples')
  const files = ['service_full.json', 'service_list.json']
  expect(files.length).toBeGreaterThan(0)
  for (const file of files) {
    const res = await post(fs.readFileSync(path.join(dir, file), 'utf8'), `filename=${file}`)
    expect(res.status, file).toBe(200)
    expect(['valid', 'invalid']).toContain(res.body.status)
    for (const e of res.body.errors) expect(typeof e.column).toBe('string')
  }
})

import { once } from 'node:events'
import fs from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { anonymous, type SignedIn, signIn } from '../../test/helpers/auth'
import { writeCleanCcewExtract } from '../../test/helpers/ccew-clean-extract'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import { fixtureDirectory } from '../directory/directory-fixture'
import { seedDirectory } from '../directory/directory-seed'
import { postcodeLocator } from '../imports/ccew-cli'
import { commitCcewPlan, planCcewImport } from '../imports/ccew-service'
import { harvestIntoImport } from '../imports/imports-harvest'
import { createImportService } from '../imports/imports-service'
import type { Database } from '../lib/db'
import { loadProviders } from '../providers/provider-queries'
import type { ProviderInput } from '../providers/provider-schema'
import { createProvider } from '../providers/provider-writes'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'
import { createTaxonomyService } from '../taxonomy/taxonomy-service'

/**
 * The review queue of imported drafts (issue 16 §1 and §2, decision 0015): the register import's
 * drafts listed with their evidence and a merge suggestion, accepted (published, searchable,
 * signposted), merged (the link moves, the draft goes), rejected with a remembered reason (a
 * re-import skips it as `rejected`), and a harvested feed's services in the same queue.
 */

const referenceDir = path.resolve(__dirname, '../../../shared/charity')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'candidates-db-'))

let db: Database
let app: ReturnType<typeof createApp>
let editor: SignedIn
let extract = ''
let existingId = ''
let locate: (postcode: string) => { lng: number; lat: number } | undefined

interface Item {
  id: string
  name: string
  sourceId: string
  source: string
  score: number | null
  evidence: Array<{ from: string; match: string }>
  areasOfOperation: string[]
  areas: Array<{ code: string; name: string | null }>
  orgIds: string[]
  matches: Array<{ id: string; matchedBy: string[] }>
  functions: string[]
  level: string
}

const plan = async () =>
  planCcewImport(db.knex, await readTaxonomy(db.knex), { dir: extract, referenceDir, locate })

async function queue(query = ''): Promise<Item[]> {
  const res = await editor.agent.get(`/api/candidates${query}`)
  expect(res.status).toBe(200)
  return res.body.items
}
const byNumber = async (n: string) => (await queue()).find((c) => c.sourceId === n) as Item
const post = (url: string, body: object = {}) =>
  editor.agent.post(url).set('X-CSRF-Token', editor.csrfToken).send(body)

beforeAll(async () => {
  db = await openTestDatabase()
  const config = testConfig()
  app = createApp({ db, config })
  editor = await signIn(app, db, 'editor')
  locate = postcodeLocator(config)
  extract = await writeCleanCcewExtract(path.join(tmp, 'clean'))
  await commitCcewPlan(db.knex, await plan())
  // A record the directory already holds, entered by hand: the same body as the register's
  // Volunteer Centre Exampleton (same name, same postcode), without its charity number.
  const draftId = (await db.knex('providers').where({ charity_number: '1190004' }).first('id')).id as string
  const draft = (await loadProviders(db.knex, [draftId])).get(draftId)
  const {
    charityNumber: _c,
    companyNumber: _k,
    website: _w,
    ...rest
  } = (draft?.record ?? {}) as Record<string, unknown>
  const input = {
    ...rest,
    slug: 'volunteer-centre-exampleton',
    status: 'active',
    source: 'editor',
  } as ProviderInput
  existingId = await db.knex.transaction(async (trx) => {
    const made = await createProvider(trx, input, { actor: { userId: null, label: 'test' } })
    return made.id
  })
})
afterAll(async () => {
  await db?.close()
  fs.rmSync(tmp, { recursive: true, force: true })
})

describe(`the review queue of imported drafts on the ${currentEngine()} engine`, () => {
  test('lists the drafts with their evidence, and a merge suggestion for a body already listed', async () => {
    const items = await queue()
    expect(items.map((c) => c.sourceId).sort()).toEqual([
      '1190001',
      '1190002',
      '1190003',
      '1190004',
      '1190005',
      '1190006',
      '1190007',
      '1190008',
      '1190012',
      '1190013',
    ])
    const cvs = items.find((c) => c.sourceId === '1190001') as Item
    expect(cvs).toMatchObject({
      name: 'Anytown Council for Voluntary Service',
      source: 'ccew',
      level: 'local',
      orgIds: ['GB-CHC-1190001', 'GB-COH-08000001'],
      areas: [{ code: 'E08000032', name: 'Bradford' }],
      functions: expect.arrayContaining(['information-advice']),
    })
    expect(cvs.score).toBeGreaterThanOrEqual(4)
    expect(cvs.evidence.map((e) => e.from)).toContain('name')
    expect(cvs.areasOfOperation.length).toBeGreaterThan(0)
    expect(cvs.matches).toEqual([])
    const vc = items.find((c) => c.sourceId === '1190004') as Item
    expect(vc.matches).toEqual([expect.objectContaining({ id: existingId, matchedBy: ['name-postcode'] })])
    // Filters: by source, by words of the name, and a page beyond the end.
    expect((await queue('?source=ccew')).length).toBe(10)
    expect((await queue('?q=voluntary%20action')).map((c) => c.sourceId).sort()).toEqual([
      '1190005',
      '1190007',
      '1190012',
    ])
    expect(await queue('?page=2')).toEqual([])
  })

  test('bad input is a 400 naming the field; other roles get 403, anonymous 401, no CSRF token 403', async () => {
    const bad = await editor.agent.get('/api/candidates?page=0')
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toMatch(/page/)
    const { id } = await byNumber('1190002')
    const empty = await post(`/api/candidates/${id}/reject`, { reason: ' ' })
    expect(empty.status).toBe(400)
    expect(empty.body.error.details).toEqual([expect.objectContaining({ field: 'reason' })])
    const long = await post(`/api/candidates/${id}/reject`, { reason: 'x'.repeat(501) })
    expect(long.status).toBe(400)
    expect((await post(`/api/candidates/${id}/merge`, { into: 'nope' })).status).toBe(400)
    for (const role of ['provider', 'helpline'] as const) {
      const other = await signIn(app, db, role)
      expect((await other.agent.get('/api/candidates')).status).toBe(403)
      const res = await other.agent
        .post(`/api/candidates/${id}/accept`)
        .set('X-CSRF-Token', other.csrfToken)
        .send({})
      expect(res.status).toBe(403)
    }
    const anon = await anonymous(app)
    expect((await anon.agent.get('/api/candidates')).status).toBe(401)
    expect((await editor.agent.post(`/api/candidates/${id}/accept`).send({})).status).toBe(403)
    const unknown = await post('/api/candidates/00000000-0000-4000-8000-000000000000/accept')
    expect(unknown.status).toBe(404)
    expect(unknown.body.error).toMatchObject({ name: 'NotFound' })
  })

  test('accept publishes the draft: searchable and signposted, audited with its source', async () => {
    const { id } = await byNumber('1190001')
    const res = await post(`/api/candidates/${id}/accept`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id, status: 'active' })
    const found = await request(app).get('/api/providers?q=Anytown%20Council%20for%20Voluntary%20Service')
    expect(found.body.items.map((i: { id: string }) => i.id)).toContain(id)
    const signposted = await request(app).get('/api/signpost?postcode=BD1+1HY&function=training')
    const local = signposted.body.groups.find((g: { level: string }) => g.level === 'local')
    expect(local.providers.map((p: { id: string }) => p.id)).toContain(id)
    const audit = await db.knex('audit_log').where({ entity_id: id }).orderBy('id', 'desc').first()
    expect(audit).toMatchObject({ action: 'reopen', actor_label: editor.email })
    expect(audit.note).toMatch(
      /accepted from the review queue: the Charity Commission register \(ccew\), id 1190001/,
    )
    expect((await queue()).map((c) => c.sourceId)).not.toContain('1190001')
    // No longer a candidate: a second accept is a 404.
    expect((await post(`/api/candidates/${id}/accept`)).status).toBe(404)
  })

  test('merge refuses a draft or a closed record, then moves the link, fills the gaps and deletes the draft', async () => {
    const { id } = await byNumber('1190004')
    const other = await byNumber('1190003')
    const intoDraft = await post(`/api/candidates/${id}/merge`, { into: other.id })
    expect(intoDraft.status).toBe(409)
    expect(intoDraft.body.error.message).toMatch(/is draft/)
    // The accepted CVS, closed: not a record to merge into either.
    const cvs = (await db.knex('providers').where({ charity_number: '1190001' }).first('id')).id as string
    expect((await post(`/api/providers/${cvs}/close`)).status).toBe(200)
    const intoClosed = await post(`/api/candidates/${id}/merge`, { into: cvs })
    expect(intoClosed.status).toBe(409)
    expect(intoClosed.body.error.message).toMatch(/is closed/)
    expect((await post(`/api/providers/${cvs}/reopen`)).status).toBe(200)
    const intoNothing = await post(`/api/candidates/${id}/merge`, {
      into: '00000000-0000-4000-8000-000000000000',
    })
    expect(intoNothing.status).toBe(404)
    const res = await post(`/api/candidates/${id}/merge`, { into: existingId })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: existingId, status: 'active' })
    expect(await db.knex('providers').where({ id }).first()).toBeUndefined()
    const link = await db.knex('provider_sources').where({ provider_id: existingId }).first()
    expect(link).toMatchObject({ source: 'ccew', source_id: '1190004', org_ids: ['GB-CHC-1190004'] })
    const record = (await loadProviders(db.knex, [existingId])).get(existingId)
    expect(record?.record.charityNumber).toBe('1190004')
    const targetAudit = await db
      .knex('audit_log')
      .where({ entity_id: existingId })
      .orderBy('id', 'desc')
      .first()
    expect(targetAudit.note).toMatch(
      /merged from the candidate "Volunteer Centre Exampleton".*filled.*charityNumber/,
    )
    const draftAudit = await db.knex('audit_log').where({ entity_id: id }).orderBy('id', 'desc').first()
    expect(draftAudit).toMatchObject({ action: 'purge' })
    expect(draftAudit.note).toMatch(/merged into "Volunteer Centre Exampleton"/)
    // A record already linked to a source takes no second link.
    const third = await byNumber('1190006')
    expect((await post(`/api/candidates/${third.id}/merge`, { into: existingId })).status).toBe(409)
  })

  test('a rejection is remembered: a re-import of the same extract does not recreate it and reports it', async () => {
    const { id } = await byNumber('1190005')
    const res = await post(`/api/candidates/${id}/reject`, { reason: 'Merged into a county body in 2025' })
    expect(res.status).toBe(204)
    expect(await db.knex('providers').where({ id }).first()).toBeUndefined()
    expect(
      await db.knex('candidate_rejections').where({ source: 'ccew', source_id: '1190005' }).first(),
    ).toMatchObject({
      reason: 'Merged into a county body in 2025',
      rejected_by_label: editor.email,
    })
    const again = await plan()
    expect(again.report.skipped.rejected).toBe(1)
    expect(again.report.candidates.map((c) => c.charityNumber)).not.toContain(1190005)
    await commitCcewPlan(db.knex, again)
    expect(await db.knex('providers').where({ charity_number: '1190005' }).first()).toBeUndefined()
    // The merged charity is found again by its link: unchanged, not a new draft.
    expect(again.report.candidates.find((c) => c.charityNumber === 1190004)?.action).not.toBe('create')
  })
})

describe(`a harvested feed's services in the same queue on the ${currentEngine()} engine`, () => {
  let feedDb: Database
  let feed: Server
  let feedUrl = ''
  const imports = () =>
    createImportService({
      knex: db.knex,
      taxonomy: createTaxonomyService(db.knex, { cacheSeconds: 0 }),
      options: { maxRows: 10_000, polygonMaxVertices: 1000 },
    })

  beforeAll(async () => {
    feedDb = await openTestDatabase()
    await seedDirectory(feedDb.knex, await readTaxonomy(feedDb.knex), fixtureDirectory())
    feed = createApp({ db: feedDb, config: testConfig() }).listen(0, '127.0.0.1')
    await once(feed, 'listening')
    feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/oruk`
  })
  afterAll(async () => {
    await new Promise((resolve) => (feed ? feed.close(resolve) : resolve(undefined)))
    await feedDb?.close()
  })

  test('harvested services are drafts in the queue, linked by (feed, service id); a re-harvest updates, a rejected one is skipped', async () => {
    const run = await harvestIntoImport({ baseUrl: feedUrl, commit: true, imports: imports() })
    expect(run.report.status).toBe('committed')
    const total = run.harvest.services.length
    const harvested = await queue(`?source=${encodeURIComponent(feedUrl)}`)
    const links = await db
      .knex('provider_sources')
      .where({ source: feedUrl })
      .select('source_id', 'provider_id')
    expect(links.map((l) => l.source_id).sort()).toEqual(run.harvest.services.map((s) => String(s.id)).sort())
    // New services are drafts (a service the feed marks inactive arrives closed, out of the queue).
    const statuses = await db
      .knex('providers')
      .whereIn(
        'id',
        links.map((l) => l.provider_id),
      )
      .pluck('status')
    const feedStatuses = run.harvest.services.map((s) => (s.status === 'active' ? 'draft' : 'closed'))
    expect(statuses.sort()).toEqual(feedStatuses.sort())
    expect(harvested.length).toBe(Math.min(statuses.filter((x) => x === 'draft').length, 20))
    expect(harvested.length).toBeGreaterThan(1)
    // An editor rejects one; the feed renames another (its slug would change): a second harvest
    // with since updates that record by its link and does not bring back the rejected one.
    const [first, second] = harvested as [Item, Item]
    expect((await post(`/api/candidates/${first.id}/reject`, { reason: 'Not infrastructure' })).status).toBe(
      204,
    )
    const since = new Date().toISOString()
    await new Promise((resolve) => setTimeout(resolve, 20))
    const feedId = links.find((l) => l.provider_id === second.id)?.source_id as string
    await feedDb
      .knex('providers')
      .where({ id: feedId })
      .update({ name: `${second.name} (renamed)`, updated_at: feedDb.knex.fn.now() })
    const again = await harvestIntoImport({ baseUrl: feedUrl, since, commit: true, imports: imports() })
    expect(again.report).toMatchObject({ status: 'committed', creates: 0, updates: 1 })
    const full = await harvestIntoImport({ baseUrl: feedUrl, commit: true, imports: imports() })
    expect(full.skipped).toEqual({ rejected: 1 })
    expect(full.report.creates).toBe(0)
    expect(await db.knex('provider_sources').where({ source: feedUrl }).count('* as n')).toEqual([
      { n: total - 1 },
    ])
    const renamed = (await loadProviders(db.knex, [second.id])).get(second.id)
    expect(renamed).toMatchObject({ status: 'draft', record: { name: `${second.name} (renamed)` } })
    // Reviewed and accepted: the harvested record is published under its new name, still linked to
    // the feed, and a later harvest updates it rather than adding a second record.
    expect((await post(`/api/candidates/${second.id}/accept`)).status).toBe(200)
    const published = (await loadProviders(db.knex, [second.id])).get(second.id)
    expect(published).toMatchObject({ status: 'active', record: { name: `${second.name} (renamed)` } })
    const found = await request(app).get(`/api/providers?q=${encodeURIComponent(`${second.name} (renamed)`)}`)
    expect(found.body.items.map((i: { id: string }) => i.id)).toContain(second.id)
    expect(await queue(`?source=${encodeURIComponent(feedUrl)}`)).not.toContainEqual(
      expect.objectContaining({ id: second.id }),
    )
    const later = await harvestIntoImport({ baseUrl: feedUrl, commit: true, imports: imports() })
    expect(later.report.creates).toBe(0)
    expect((await loadProviders(db.knex, [second.id])).get(second.id)?.status).toBe('active')
  })
})

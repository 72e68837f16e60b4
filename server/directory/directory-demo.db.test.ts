import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildDemoDirectory } from '../../seeds/demo/demo-directory'
import { demoKeyAreas, demoKeySlugs } from '../../seeds/demo/demo-key-records'
import { REAL_GENERALIST_DISTRICTS } from '../../seeds/demo/demo-local-bodies'
import { signIn } from '../../test/helpers/auth'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import type { Database } from '../lib/db'
import { freshnessOf, freshnessPolicy, londonDate } from '../providers/freshness'
import type { DirectoryContent } from '../providers/provider-schema'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'
import { seedDirectory } from './directory-seed'

let db: Database
let app: ReturnType<typeof createApp>
let demo: DirectoryContent

beforeAll(async () => {
  db = await openTestDatabase()
  demo = buildDemoDirectory(testConfig().geoDataDir)
  await seedDirectory(db.knex, await readTaxonomy(db.knex), demo)
  app = createApp({ db, config: testConfig() })
})
afterAll(async () => {
  await db?.close()
})

interface Item {
  slug: string
  name: string
  kind: string
  level: string
  strands: string[]
  matchedArea?: { code: string; level: string }
  reasons: { strands: string[]; functions: string[]; generalistFallback: boolean }
}

describe(`the demo directory on the ${currentEngine()} engine`, () => {
  test('every record is loaded and searchable, with stable ids from slugs', async () => {
    // Drafts are listed to editors only.
    const editor = await signIn(app, db, 'editor')
    const res = await editor.agent.get('/api/providers?perPage=1&status=active&status=draft&status=closed')
    expect(res.body.total).toBe(demo.providers.length)
    const active = await request(app).get('/api/providers?perPage=1')
    expect(active.body.total).toBeGreaterThanOrEqual(400)
    const before = await db.knex('providers').orderBy('slug').pluck('id')
    await seedDirectory(db.knex, await readTaxonomy(db.knex), demo)
    expect(await db.knex('providers').orderBy('slug').pluck('id')).toEqual(before)
    // Every page says so while the demo is loaded (issue 16).
    expect((await request(app).get('/api/config')).body.demonstrationData).toBe(true)
  })

  test('acceptance 1: Bradford postcode + training + sexual orientation', async () => {
    const res = await request(app).get(
      '/api/providers?postcode=BD1+1HY&function=training&strand=sexual-orientation&perPage=100',
    )
    expect(res.status).toBe(200)
    const items = res.body.items as Item[]
    const levels = ['neighbourhood', 'local', 'subregional', 'regional', 'national']
    const ranks = items.map((i) => levels.indexOf(i.level))
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks)

    // The Bradford LGB body of the source appendix, first at local level, matched through Bradford.
    const firstLocal = items.find((i) => i.level === 'local')
    expect(firstLocal).toMatchObject({
      slug: demoKeySlugs.bradfordLgbBody,
      name: 'Bradford Equity Partnership',
      matchedArea: { code: demoKeyAreas.bradford, level: 'local' },
      reasons: { strands: ['sexual-orientation'], functions: ['training'], generalistFallback: false },
    })

    // National LGBT and multi-strand bodies below it, with the strand that matched.
    const national = items.filter((i) => i.level === 'national')
    const nationalSlugs = national.map((i) => i.slug)
    expect(nationalSlugs).toEqual(
      expect.arrayContaining([demoKeySlugs.nationalLgbtConsortium, demoKeySlugs.nationalEqualityPartnership]),
    )
    const position = (slug: string) => items.findIndex((i) => i.slug === slug)
    expect(position(demoKeySlugs.nationalLgbtConsortium)).toBeGreaterThan(
      position(demoKeySlugs.bradfordLgbBody),
    )
    for (const item of national.filter((i) => i.kind === 'specialist')) {
      expect(item.reasons.strands).toEqual(['sexual-orientation'])
      expect(item.matchedArea?.level).toBe('national')
    }

    // A generalist fallback: Bradford's own generalist, flagged as such.
    const fallback = items.find((i) => i.slug === demoKeySlugs.bradfordGeneralist)
    expect(fallback).toMatchObject({
      kind: 'generalist',
      level: 'local',
      reasons: { generalistFallback: true },
    })
    expect(position(demoKeySlugs.bradfordGeneralist)).toBeGreaterThan(position(demoKeySlugs.bradfordLgbBody))
  })

  test('the districts left without a local generalist have none in search that the policy offers', async () => {
    expect(demo.districtsWithoutLocalGeneralist.length).toBeGreaterThan(0)
    const policy = freshnessPolicy(testConfig())
    const today = londonDate(new Date())
    const offered = (slug: string) => {
      const p = demo.providers.find((x) => x.slug === slug)
      return p ? freshnessOf({ ...p, lastVerifiedAt: p.lastVerifiedAt ?? null }, today, policy).offered : true
    }
    for (const code of demo.districtsWithoutLocalGeneralist) {
      const res = await request(app).get(`/api/providers?area=${code}&kind=generalist&level=local`)
      expect(res.status).toBe(200)
      // Sunderland and Wyre Forest keep their 2008 body in the directory, but it is neither
      // offered nor counted (decision 0020): the only generalists found there are such bodies.
      const found = (res.body.items as Array<{ slug: string }>).map((i) => i.slug)
      expect({ code, offered: found.filter(offered) }).toEqual({ code, offered: [] })
      expect(found.length > 0).toBe(REAL_GENERALIST_DISTRICTS.has(code))
    }
    const bradford = await request(app).get(
      `/api/providers?area=${demoKeyAreas.bradford}&kind=generalist&level=local`,
    )
    expect(bradford.body.total).toBeGreaterThan(0)
  })

  test('referral pathways show on both providers', async () => {
    const pathway = demo.pathways[0]
    expect(pathway).toBeDefined()
    if (!pathway) return
    const from = await request(app).get(`/api/providers/${pathway.fromSlug}`)
    const to = await request(app).get(`/api/providers/${pathway.toSlug}`)
    expect(
      from.body.referralPathways.outgoing.map((p: { provider: { slug: string } }) => p.provider.slug),
    ).toContain(pathway.toSlug)
    expect(
      to.body.referralPathways.incoming.map((p: { provider: { slug: string } }) => p.provider.slug),
    ).toContain(pathway.fromSlug)
  })
})

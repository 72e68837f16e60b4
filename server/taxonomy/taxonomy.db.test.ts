import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import type { Database } from '../lib/db'
import { writeTaxonomy } from './taxonomy-queries'
import { loadTaxonomy } from './taxonomy-service'
import { loadTaxonomyFile } from './taxonomy-source'

let db: Database
let app: ReturnType<typeof createApp>

beforeAll(async () => {
  db = await openTestDatabase()
  app = createApp({ db, config: testConfig() })
})
afterAll(async () => {
  await db?.close()
})

describe(`taxonomy on the ${currentEngine()} engine`, () => {
  test('GET /api/taxonomy returns every vocabulary in both languages, in document order', async () => {
    const res = await request(app).get('/api/taxonomy')
    expect(res.status).toBe(200)
    expect(Object.keys(res.body).sort()).toEqual(
      [
        'costTypes',
        'formats',
        'functionFamilies',
        'functions',
        'kinds',
        'languages',
        'levels',
        'orgTypes',
        'qualityMarks',
        'statuses',
        'strandDetails',
        'strands',
        'topics',
      ].sort(),
    )
    // Each strand detail names its strand; the quality marks are taxonomy.md's list.
    expect(
      res.body.strandDetails.map((d: { code: string; strand: string }) => `${d.strand}/${d.code}`),
    ).toEqual([
      'age/children-young-people',
      'age/older-people',
      'disability/sensory-impairment',
      'disability/learning-disability',
      'disability/physical-impairment',
      'disability/mental-health',
      'disability/neurodivergent',
    ])
    expect(res.body.qualityMarks.map((m: { code: string }) => m.code)).toEqual([
      'navca-quality-award',
      'trusted-charity',
      'investing-in-volunteers',
      'matrix',
      'advice-quality-standard',
      'other',
    ])
    expect(res.body.levels.map((l: { code: string }) => l.code)).toEqual([
      'neighbourhood',
      'local',
      'subregional',
      'regional',
      'national',
    ])
    expect(res.body.functions.find((f: { code: string }) => f.code === 'training')).toEqual({
      code: 'training',
      family: 'support',
      label: 'Training',
      labelCy: 'Hyfforddiant',
      description: null,
      descriptionCy: null,
      synonyms: ['courses', 'workshops', 'learning'],
    })
    expect(res.body.strands.find((s: { code: string }) => s.code === 'race')).toMatchObject({
      labelCy: 'Hil ac ethnigrwydd',
      protectedCharacteristic: true,
      synonyms: expect.arrayContaining(['BME']),
    })
    expect(res.body.strands.find((s: { code: string }) => s.code === 'carers').protectedCharacteristic).toBe(
      false,
    )
    expect(res.body.functionFamilies.map((f: { code: string }) => f.code)).toEqual([
      'support',
      'coordination',
      'representation',
      'promotion',
    ])
  })

  test('codes are enforced by foreign keys and check constraints', async () => {
    await expect(
      db.knex('taxonomy_functions').insert({
        code: 'not-a-family-member',
        label: 'x',
        label_cy: 'x',
        position: 99,
        bit: 60,
        family_code: 'no-such-family',
      }),
    ).rejects.toThrow(/foreign key/)
    await expect(
      db.knex('taxonomy_topics').insert({ code: 'Bad Code', label: 'x', label_cy: 'x', position: 99 }),
    ).rejects.toThrow(/taxonomy_topics_code_format/)
    await expect(
      db.knex('taxonomy_topics').insert({ code: 'no-welsh', label: 'x', label_cy: '', position: 99 }),
    ).rejects.toThrow(/taxonomy_topics_labels_present/)
  })

  test('re-loading taxonomy.md is idempotent', async () => {
    const before = await db.knex('taxonomy_strands').count<Array<{ count: number }>>('* as count')
    await loadTaxonomy(db.knex, testConfig().taxonomyFile)
    const after = await db.knex('taxonomy_strands').count<Array<{ count: number }>>('* as count')
    expect(Number(after[0]?.count)).toBe(Number(before[0]?.count))
    expect(Number(after[0]?.count)).toBe(14)
  })

  test('search bits: one per function and strand, kept by a code for life, reused only when free', async () => {
    const bits = async () =>
      Object.fromEntries(
        (await db.knex('taxonomy_strands').select('code', 'bit')).map((r: { code: string; bit: number }) => [
          r.code,
          r.bit,
        ]),
      )
    const before = await bits()
    expect(new Set(Object.values(before)).size).toBe(14)
    const taxonomy = loadTaxonomyFile(testConfig().taxonomyFile)
    // Reordered, with a new code: every code keeps its bit, the new code takes a free one.
    const strands = [...taxonomy.strands].reverse()
    strands.push({
      ...(strands[0] as (typeof strands)[number]),
      code: 'veterans',
      label: 'Veterans',
      labelCy: 'Cyn-filwyr',
    })
    await db.knex.transaction((trx) => writeTaxonomy(trx, { ...taxonomy, strands }))
    const after = await bits()
    for (const code of Object.keys(before)) expect(after[code]).toBe(before[code])
    expect(after.veterans).toBeGreaterThanOrEqual(0)
    expect(Object.values(before)).not.toContain(after.veterans)
    await loadTaxonomy(db.knex, testConfig().taxonomyFile)
    const restored = await bits()
    expect(restored.age).toBe(before.age)
    expect(restored.veterans).toBeUndefined()
  })

  test('a code still in use cannot be dropped by a reload', async () => {
    const taxonomy = loadTaxonomyFile(testConfig().taxonomyFile)
    await db.knex.raw(
      `INSERT INTO providers (slug, name, kind, level, org_type, summary, cost_type, source)
       VALUES ('tx-user', 'Uses carers', 'specialist', 'local', 'infrastructure', 's', 'free', 'test')`,
    )
    const { id } = await db.knex('providers').where({ slug: 'tx-user' }).first('id')
    await db.knex('provider_strands').insert({ provider_id: id, strand_code: 'carers' })
    const withoutCarers = { ...taxonomy, strands: taxonomy.strands.filter((s) => s.code !== 'carers') }
    await expect(db.knex.transaction((trx) => writeTaxonomy(trx, withoutCarers))).rejects.toThrow(
      /foreign key/,
    )
    expect(await db.knex('taxonomy_strands').where({ code: 'carers' }).first('code')).toEqual({
      code: 'carers',
    })
    await db.knex('providers').where({ id }).delete()
  })
})

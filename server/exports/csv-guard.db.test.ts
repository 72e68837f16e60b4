import { parse } from 'csv-parse/sync'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import { fixtureAreas as a, fixtureDirectory, fixtureSlugs as s } from '../directory/directory-fixture'
import { seedDirectory } from '../directory/directory-seed'
import type { Database } from '../lib/db'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'

/**
 * Issue 13, section 7: every CSV the server writes carries the one formula guard (server/lib/csv.ts).
 * The provider download let these two through its own guard; the coverage export had another.
 */
const hyperlink = '-1+1+HYPERLINK("http://evil.example","x")'
const calc = "-2+3+cmd|' /C calc'!A0"

let db: Database
let app: ReturnType<typeof createApp>

beforeAll(async () => {
  db = await openTestDatabase()
  await seedDirectory(db.knex, await readTaxonomy(db.knex), fixtureDirectory())
  await db.knex('providers').where({ slug: s.bradfordCvs }).update({
    name: hyperlink,
    summary: calc,
    phone: '+44 1274 000000',
    address: '@SUM(1+1)*cmd',
    how_to_access: '\t=1+1',
  })
  await db.knex('areas').where({ code: a.bradford }).update({ name: calc, name_cy: hyperlink })
  app = createApp({ db, config: testConfig() })
})
afterAll(async () => {
  await db?.close()
})

describe(`every CSV carries the formula guard on the ${currentEngine()} engine`, () => {
  test('providers.csv: text cells starting = + - @ or tab get an apostrophe; numbers stay numbers', async () => {
    const res = await request(app).get('/api/exports/providers.csv').buffer(true)
    expect(res.status).toBe(200)
    const rows = parse(res.text, { bom: true, columns: true }) as Array<Record<string, string>>
    const row = rows.find((r) => r.slug === s.bradfordCvs)
    expect(row).toMatchObject({
      name: `'${hyperlink}`,
      summary: `'${calc}`,
      phone: "'+44 1274 000000",
      address: "'@SUM(1+1)*cmd",
      how_to_access: "'\t=1+1",
    })
    // A longitude the server computed is a number, not text: west of Greenwich it stays negative.
    expect(Number(row?.office_lng)).toBeLessThan(0)
    expect(row?.office_lng?.startsWith("'")).toBe(false)
    // No cell of any row starts with a formula character.
    for (const r of rows) {
      for (const [column, cell] of Object.entries(r)) {
        if (column === 'office_lng' || column === 'office_lat') continue
        expect(cell, `${r.slug}.${column}`).not.toMatch(/^[=+\-@\t\r]/)
      }
    }
  })

  test('a search download (?q=) goes through the same writer', async () => {
    const res = await request(app).get('/api/exports/providers.csv?q=bradford').buffer(true)
    expect(res.status).toBe(200)
    expect(res.text).toContain(`"'${hyperlink.replaceAll('"', '""')}"`)
  })

  test('coverage CSV: area names get the same guard', async () => {
    const res = await request(app).get(`/api/coverage?level=local&within=${a.westYorkshire}&format=csv`)
    expect(res.status).toBe(200)
    const rows = parse(res.text, { columns: true }) as Array<Record<string, string>>
    const bradford = rows.filter((r) => r.area_code === a.bradford)
    expect(bradford.length).toBeGreaterThan(0)
    for (const r of bradford)
      expect(r).toMatchObject({ area_name: `'${calc}`, area_name_cy: `'${hyperlink}` })
    for (const r of rows) {
      for (const [column, cell] of Object.entries(r)) expect(cell, column).not.toMatch(/^[=+\-@\t\r]/)
    }
  })
})

import fs from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import type { Database } from '../lib/db'
import { HttpError } from '../lib/errors'
import { defaultGeoOptions, type GeoOptions, resolveArea, resolvePlace } from './place-resolver'
import { postcodeStore } from './postcode-store'

/**
 * The one place resolver (search, signposting, enquiries and coverage all use it): a postcode, the
 * point it stands at and the areas it is in describe the same place.
 */

let db: Database
const config = testConfig()
const options: GeoOptions = { ...defaultGeoOptions, postcodes: () => postcodeStore(config) }

beforeAll(async () => {
  db = await openTestDatabase()
})
afterAll(async () => {
  await db?.close()
})

const sample: Array<{ postcode: string; lad_code: string; ward_code: string }> = parse(
  fs.readFileSync(path.join(config.geoDataDir, 'postcodes_sample.csv')),
  { columns: true, skip_empty_lines: true },
)
const located = sample.filter((r) => r.lad_code !== '' && r.ward_code !== '').slice(0, 3)

describe(`resolving a place on the ${currentEngine()} engine`, () => {
  test.each(located)('postcode $postcode, its point and its ward are one place', async (row) => {
    const byPostcode = await resolvePlace(db.knex, { postcode: row.postcode }, options)
    expect(byPostcode).toMatchObject({ kind: 'postcode', precision: 'postcode' })
    expect(byPostcode.outside).toBeUndefined()
    const location = byPostcode.location as { lng: number; lat: number }
    const byPoint = await resolvePlace(db.knex, location, options)
    expect(byPoint).toEqual({
      kind: 'point',
      postcode: null,
      precision: null,
      location: { lat: location.lat, lng: location.lng },
      areas: byPostcode.areas,
    })
    const byWard = await resolvePlace(db.knex, { area: row.ward_code }, options)
    expect(byWard.kind).toBe('area')
    expect(byWard.areas[0]?.code).toBe(row.ward_code)
    expect(byWard.areas.map((a) => a.code)).toEqual(byPostcode.areas.map((a) => a.code))
    const byDistrict = await resolveArea(db.knex, row.lad_code)
    expect(byDistrict?.areas[0]).toMatchObject({ code: row.lad_code, type: 'lad' })
    expect(byDistrict?.areas.map((a) => a.code)).toEqual(
      byPostcode.areas.filter((a) => a.code !== row.ward_code).map((a) => a.code),
    )
  })

  test('a Jersey postcode has no place and says why; it is not an error', async () => {
    expect(await resolvePlace(db.knex, { postcode: 'JE2 3AB' }, options)).toEqual({
      kind: 'postcode',
      postcode: 'JE2 3AB',
      precision: null,
      location: null,
      areas: [],
      outside: 'crown-dependency',
    })
  })

  test.each([
    ['area', undefined],
    ['within', 'within'],
  ])('an area code no loaded area has is a 400 naming the field (%s)', async (field, areaField) => {
    expect(await resolveArea(db.knex, 'E99999999')).toBeUndefined()
    const refused = await resolvePlace(db.knex, { area: 'E99999999' }, options, areaField).catch((e) => e)
    expect(refused).toBeInstanceOf(HttpError)
    expect(refused).toMatchObject({
      status: 400,
      message: `Invalid query: ${field}: E99999999 is not a loaded area`,
      details: [{ field, message: 'E99999999 is not a loaded area' }],
    })
  })

  test('a malformed postcode is a 400 naming the postcode field', async () => {
    const refused = await resolvePlace(db.knex, { postcode: 'not a postcode' }, options).catch((e) => e)
    expect(refused).toMatchObject({ status: 400, details: [{ field: 'postcode' }] })
  })
})

import { describe, expect, test } from 'vitest'
import { testConfig } from '../../test/helpers/test-config'
import { HttpError } from '../lib/errors'
import { loadTaxonomyFile } from '../taxonomy/taxonomy-source'
import { formatForContentType, IMPORT_FORMATS, importAdapterFor, importAdapters } from './imports-registry'
import { importQuerySchema, importStateSchema } from './imports-schemas'

describe('the import adapter registry', () => {
  test('lists the three formats, in the order a Content-Type is matched', () => {
    expect(IMPORT_FORMATS).toEqual(['csv', 'geojson', 'oruk'])
    expect(Object.keys(importAdapters)).toEqual(IMPORT_FORMATS)
  })

  test.each([
    ['text/csv', 'csv'],
    ['application/geo+json', 'geojson'],
    ['application/vnd.oruk+json', 'oruk'],
    ['application/json', 'csv'],
    ['', 'csv'],
  ])('Content-Type %j means %s', (contentType, format) => {
    expect(formatForContentType(contentType)).toBe(format)
  })

  test.each(['xlsx', 'constructor', '__proto__', 'toString'])(
    'a format without an adapter (%s) is a 400 naming those there are',
    (format) => {
      let caught: unknown
      try {
        importAdapterFor(format)
      } catch (err) {
        caught = err
      }
      expect(caught).toBeInstanceOf(HttpError)
      expect((caught as HttpError).status).toBe(400)
      expect((caught as HttpError).message).toBe(
        `Invalid query: format: ${format} import is not available; formats: csv, geojson, oruk`,
      )
    },
  )

  test("the API's format lists come from the registry", () => {
    for (const format of IMPORT_FORMATS) {
      expect(importQuerySchema.safeParse({ format }).success).toBe(true)
      expect(importStateSchema.shape.format.safeParse(format).success).toBe(true)
    }
    const refused = importQuerySchema.safeParse({ format: 'xlsx' })
    expect(refused.success).toBe(false)
    expect(refused.error?.issues[0]?.message).toBe('format must be one of csv, geojson, oruk')
  })

  test('each adapter reads its own format into rows with their line or feature numbers', () => {
    const taxonomy = loadTaxonomyFile(testConfig().taxonomyFile)
    const csv = importAdapterFor('csv').parse(
      'slug,name,kind,level,org_type,summary,cost_type,functions\nadvice-hub,Advice Hub,service,local,charity,Advice,free,advice\n',
      { taxonomy },
    )
    expect(csv.errors).toEqual([])
    expect(csv.rows.map((r) => [r.row, r.input.slug])).toEqual([[2, 'advice-hub']])
    const geojson = importAdapterFor('geojson').parse(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: { slug: 'advice-hub' }, geometry: null }],
      }),
      { taxonomy },
    )
    expect(geojson.rows.map((r) => [r.row, r.input.slug])).toEqual([[1, 'advice-hub']])
    const oruk = importAdapterFor('oruk').parse('[]', { taxonomy })
    expect(oruk.rows).toEqual([])
    expect(oruk.errors[0]?.message).toBe('no ORUK services: expected a service, a list page or a package')
  })
})

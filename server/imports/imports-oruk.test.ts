import { beforeAll, describe, expect, test } from 'vitest'
import { testConfig } from '../../test/helpers/test-config'
import { stableId } from '../directory/directory-service'
import { gssUri } from '../oruk/oruk-records'
import { termId } from '../oruk/oruk-taxonomy'
import { providerInputSchema } from '../providers/provider-schema'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import { loadTaxonomyFile } from '../taxonomy/taxonomy-source'
import { orukColumnOf, orukImportParser } from './imports-oruk'

let taxonomy: Taxonomy
beforeAll(() => {
  taxonomy = loadTaxonomyFile(testConfig().taxonomyFile)
})

const good = {
  id: stableId('svc', 'good'),
  name: 'Example Networks',
  description: 'Networks for groups.',
  status: 'active',
  attributes: [
    { id: 'a1', taxonomy_term_id: termId('levels', 'local') },
    { id: 'a2', taxonomy_term_id: termId('functions', 'networks') },
    { id: 'a3', taxonomy_term: { id: 'x', name: 'Knitting', taxonomy: 'Hobbies' } },
  ],
  service_areas: [{ id: 's1', uri: gssUri('E08000032') }],
}

describe('the ORUK reader for the bulk import', () => {
  test('rows for mappable services, errors for skipped ones, warnings for facts left out', () => {
    const parse = orukImportParser(taxonomy)
    const result = parse(
      JSON.stringify({ contents: [{ id: 'bad', name: 'No facets', status: 'active' }, good] }),
    )
    expect(result.rows.map((r) => [r.row, r.input.slug])).toEqual([[2, 'example-networks']])
    expect(result.rows[0]?.input).not.toHaveProperty('id')
    expect(providerInputSchema(taxonomy).safeParse(result.rows[0]?.input).success).toBe(true)
    expect(result.errors).toEqual([
      { row: 1, column: 'service', message: 'No facets: no level: attach a term of "Support Atlas level"' },
      {
        row: 1,
        column: 'service',
        message: 'No facets: no function: attach a term of "Support Atlas function"',
      },
      { row: 1, column: 'service', message: 'No facets: no description to take a summary from' },
    ])
    expect(result.warnings).toContainEqual({
      row: 2,
      column: 'attributes',
      message: 'Hobbies: Knitting: no code of our taxonomy has this id, code or label',
    })
  })

  test.each([
    ['not json', 'not valid JSON'],
    ['[]', 'no ORUK services'],
  ])('%s is one file error', (text, message) => {
    const result = orukImportParser(taxonomy)(text)
    expect(result.rows).toEqual([])
    expect(result.errors).toEqual([{ row: 0, column: '', message: expect.stringContaining(message) }])
  })

  test.each([
    ['functions.0', 'attributes (Support Atlas function)'],
    ['coverage.areas.1', 'service_areas'],
    ['remit', 'description'],
    ['email', 'email'],
  ])('a problem with %s is named as the ORUK field %s', (path, column) => {
    expect(orukColumnOf(path)).toBe(column)
  })
})

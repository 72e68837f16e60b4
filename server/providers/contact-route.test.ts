import { describe, expect, test } from 'vitest'
import { contactRouteSql, hasContactRoute } from './contact-route'

describe('hasContactRoute', () => {
  test.each([
    [{ email: 'info@example.org' }, true],
    [{ phone: '01274 000000' }, true],
    [{ website: 'https://example.org' }, true],
    [{ email: '  ', phone: null, website: '' }, false],
    [{}, false],
  ])('%j has a contact route: %s', (record, expected) => {
    expect(hasContactRoute(record)).toBe(expected)
  })

  test('the SQL fragment names the three fields under the alias, and refuses anything but an identifier', () => {
    const sql = contactRouteSql('p')
    for (const field of ['p.email', 'p.phone', 'p.website']) expect(sql).toContain(field)
    expect(() => contactRouteSql('p; DROP TABLE providers')).toThrow(/bad alias/)
  })
})

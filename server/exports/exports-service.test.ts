import { describe, expect, test } from 'vitest'
import { csvCell, geoJsonOpening } from './exports-service'

describe('CSV cells', () => {
  test.each([
    ['plain', 'plain'],
    ['with, comma', '"with, comma"'],
    ['with "quotes"', '"with ""quotes"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['-cmd', "'-cmd"],
    ['+cmd', "'+cmd"],
    ['+44 1632 960000', '+44 1632 960000'],
    ['-1.75', '-1.75'],
    ['\tTab', "'\tTab"],
    ['', ''],
  ])('%j -> %j', (text, cell) => {
    expect(csvCell(text)).toBe(cell)
  })
})

describe('the GeoJSON opening', () => {
  test('carries the licence and attribution and leaves the features open', () => {
    const text = `${geoJsonOpening({ name: 'CC BY 4.0', url: 'https://example.org/l', attribution: '© Us' }, '2026-01-01T00:00:00.000Z')}]}`
    expect(JSON.parse(text)).toEqual({
      type: 'FeatureCollection',
      name: 'Support Atlas providers',
      licence: { name: 'CC BY 4.0', url: 'https://example.org/l' },
      attribution: '© Us',
      generated: '2026-01-01T00:00:00.000Z',
      features: [],
    })
  })
})

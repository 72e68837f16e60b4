import { describe, expect, test } from 'vitest'
import { escapeHtml, tileAttributionHost } from './map-attribution'

describe('tileAttributionHost', () => {
  test.each([
    ['https://tile.openstreetmap.org/{z}/{x}/{y}.png', { osm: true, host: 'tile.openstreetmap.org' }],
    ['https://{s}.tile.openstreetmap.fr/hot/{z}/{x}/{y}.png', { osm: true, host: 'tile.openstreetmap.fr' }],
    ['https://tiles.example.org/{z}/{x}/{y}.png', { osm: false, host: 'tiles.example.org' }],
    [
      'https://notopenstreetmap.org.evil.test/{z}/{x}/{y}.png',
      { osm: false, host: 'notopenstreetmap.org.evil.test' },
    ],
  ])('%s', (url, expected) => {
    expect(tileAttributionHost(url)).toEqual(expected)
  })
})

test('escapeHtml keeps attribution text as text', () => {
  expect(escapeHtml('<b>"A" & \'B\'</b>')).toBe('&#60;b&#62;&#34;A&#34; &#38; &#39;B&#39;&#60;/b&#62;')
})

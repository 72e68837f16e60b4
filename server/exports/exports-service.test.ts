import { describe, expect, test } from 'vitest'
import { geoJsonOpening } from './exports-service'

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

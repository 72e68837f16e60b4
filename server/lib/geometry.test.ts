import { describe, expect, test } from 'vitest'
import wkx from 'wkx'
import {
  geometryFromWkb,
  lngLatFromWkb,
  polygonalCoordinateProblem,
  polygonalGeometrySchema,
} from './geometry'

const square: Array<[number, number]> = [
  [-1.8, 53.7],
  [-1.7, 53.7],
  [-1.7, 53.8],
  [-1.8, 53.8],
  [-1.8, 53.7],
]

/** Hex EWKB with SRID 4326, as node-postgres returns a geometry column. */
function ewkbHex(geojson: object): string {
  const geometry = wkx.Geometry.parseGeoJSON(geojson)
  geometry.srid = 4326
  return geometry.toEwkb().toString('hex')
}

describe('geometryFromWkb', () => {
  test('a MultiPolygon with a hole comes back as GeoJSON in lng/lat order, rounded', () => {
    const hole = [
      [-1.76, 53.74],
      [-1.74, 53.74],
      [-1.74, 53.76],
      [-1.76, 53.76],
      [-1.76, 53.74],
    ]
    const input = { type: 'MultiPolygon', coordinates: [[square, hole]] }
    expect(geometryFromWkb(ewkbHex(input))).toEqual(input)
    const precise = {
      type: 'Polygon',
      coordinates: [square.map(([x, y]) => [x + 0.0000012345, y - 0.0000098765])],
    }
    const rounded = geometryFromWkb(ewkbHex(precise), 5)
    expect(rounded.coordinates).toEqual([
      square.map(([x, y]) => [Number((x + 0.0000012345).toFixed(5)), Number((y - 0.0000098765).toFixed(5))]),
    ])
  })

  test('a point is { lng, lat }', () => {
    expect(lngLatFromWkb(ewkbHex({ type: 'Point', coordinates: [-1.75329, 53.79232] }))).toEqual({
      lng: -1.75329,
      lat: 53.79232,
    })
  })

  test('other geometry types are refused', () => {
    expect(() => geometryFromWkb(ewkbHex({ type: 'LineString', coordinates: square }))).toThrow(/Unsupported/)
  })
})

describe('polygonal coordinates', () => {
  test.each([
    [{ type: 'Polygon', coordinates: [square] }, undefined],
    [{ type: 'MultiPolygon', coordinates: [[square], [square]] }, undefined],
    [{ type: 'Polygon', coordinates: [] }, 'coordinates: a polygon must be a non-empty array of rings'],
    [
      { type: 'Polygon', coordinates: [square.slice(0, 3)] },
      'coordinates[0]: a ring must have at least 4 positions',
    ],
    [
      { type: 'Polygon', coordinates: [[...square.slice(0, 2), [-1.7, 90.5], ...square.slice(3)]] },
      'coordinates[0][2]: latitude 90.5 is outside -90..90',
    ],
    [
      {
        type: 'MultiPolygon',
        coordinates: [[square], [[...square.slice(0, 1), [-181, 53], ...square.slice(2)]]],
      },
      'coordinates[1][0][1]: longitude -181 is outside -180..180',
    ],
    [
      { type: 'Polygon', coordinates: [square.map(([x, y]) => [x, y, 120])] },
      'coordinates[0][0]: a position must be [longitude, latitude]: 3 numbers given (altitude and measures are not accepted)',
    ],
    [
      {
        type: 'MultiPolygon',
        coordinates: [[square], [[...square.slice(0, 2), [-1.7, 53.8, 0, 1], ...square.slice(3)]]],
      },
      'coordinates[1][0][2]: a position must be [longitude, latitude]: 4 numbers given (altitude and measures are not accepted)',
    ],
    [
      { type: 'Polygon', coordinates: [[...square.slice(0, 1), ['-1.7', 53.7], ...square.slice(2)]] },
      'coordinates[0][1]: longitude and latitude must be finite numbers',
    ],
    [
      { type: 'Polygon', coordinates: [[...square.slice(0, 4), [1]]] },
      'coordinates[0][4]: a position must be an array [longitude, latitude]',
    ],
  ])('%j -> %s', (geometry, expected) => {
    const problem = polygonalCoordinateProblem(geometry)
    expect(problem ? `${problem.path}: ${problem.message}` : undefined).toBe(expected)
  })

  test('the input schema accepts a valid polygon and names the bad position otherwise', () => {
    expect(polygonalGeometrySchema.safeParse({ type: 'Polygon', coordinates: [square] }).success).toBe(true)
    const bad = polygonalGeometrySchema.safeParse({
      type: 'Polygon',
      coordinates: [[[200, 0], ...square.slice(1)]],
    })
    expect(bad.success).toBe(false)
    expect(bad.error?.issues[0]?.message).toBe('coordinates[0][0]: longitude 200 is outside -180..180')
    expect(polygonalGeometrySchema.safeParse({ type: 'Point', coordinates: [0, 0] }).success).toBe(false)
  })
})

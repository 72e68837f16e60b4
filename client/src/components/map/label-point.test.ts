import type { Polygon } from 'geojson'
import { describe, expect, test } from 'vitest'
import { type Box, labelPoint } from './label-point'

const world: Box = [-180, -90, 180, 90]
const square = (west: number, south: number, size: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [west, south],
      [west + size, south],
      [west + size, south + size],
      [west, south + size],
      [west, south],
    ],
  ],
})

describe('labelPoint', () => {
  test('a square is labelled at its centre', () => {
    expect(labelPoint(square(0, 0, 2), world)).toEqual({ lat: 1, lng: 1 })
  })

  test('a C shape is labelled on its body, not in the bay its bounding box centre falls in', () => {
    // 0..4 wide, 0..3 high, with the bay x 1..4, y 1..2 cut out of the east side.
    const c: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [4, 0],
          [4, 1],
          [1, 1],
          [1, 2],
          [4, 2],
          [4, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    }
    expect(labelPoint(c, world)).toEqual({ lat: 1.5, lng: 0.5 })
  })

  test('a hole is not land: the widest stretch beside it is chosen', () => {
    const holed: Polygon = {
      type: 'Polygon',
      coordinates: [
        square(0, 0, 10).coordinates[0] ?? [],
        [
          [2, 2],
          [9, 2],
          [9, 8],
          [2, 8],
          [2, 2],
        ],
      ],
    }
    expect(labelPoint(holed, world)).toEqual({ lat: 5, lng: 1 })
  })

  test('only the part in view counts; an area wholly out of view gets no label', () => {
    expect(labelPoint(square(0, 0, 10), [5, 5, 20, 20])).toEqual({ lat: 7.5, lng: 7.5 })
    expect(labelPoint(square(0, 0, 1), [5, 5, 20, 20])).toBeUndefined()
  })

  test('of a multipolygon, the polygon with the widest stretch in view carries the label', () => {
    const islands = {
      type: 'MultiPolygon' as const,
      coordinates: [square(0, 0, 1).coordinates, square(10, 10, 4).coordinates],
    }
    expect(labelPoint(islands, world)).toEqual({ lat: 12, lng: 12 })
  })
})

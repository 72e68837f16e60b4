import { describe, expect, test } from 'vitest'
import { FEATURES_MAX_SPAN_TILES, viewportFor } from './viewport-box'

const englandAndWales = { west: -6.42, south: 49.86, east: 1.77, north: 55.82 }
const spanOf = ([west, south, east, north]: number[]) =>
  Math.max((east ?? 0) - (west ?? 0), (north ?? 0) - (south ?? 0))
const limitAt = (zoom: number) => (360 / 2 ** zoom) * FEATURES_MAX_SPAN_TILES

describe('viewportFor', () => {
  test('the national view asks at its whole zoom for a box around the view, within the server limit', () => {
    const { bbox, zoom } = viewportFor(englandAndWales, 5.5)
    expect(zoom).toBe(5)
    const [west, south, east, north] = bbox
    expect(west).toBeLessThan(englandAndWales.west)
    expect(south).toBeLessThan(englandAndWales.south)
    expect(east).toBeGreaterThan(englandAndWales.east)
    expect(north).toBeGreaterThan(englandAndWales.north)
    expect(spanOf(bbox)).toBeLessThanOrEqual(limitAt(zoom))
  })

  test('a view too wide for its zoom asks at a lower zoom, never beyond the limit', () => {
    const { bbox, zoom } = viewportFor({ west: -60, south: 20, east: 60, north: 70 }, 6)
    expect(zoom).toBeLessThan(6)
    expect(spanOf(bbox)).toBeLessThanOrEqual(limitAt(zoom))
    expect(spanOf(bbox)).toBeGreaterThan(limitAt(zoom + 1))
  })

  test.each([
    [5, 5],
    [5.5, 5],
    [6, 6],
    [12.5, 12],
  ])('at map zoom %d the detail of zoom %d is asked for', (mapZoom, zoom) => {
    expect(viewportFor({ west: -1.95, south: 52.4, east: -1.7, north: 52.55 }, mapZoom).zoom).toBe(zoom)
  })

  test('a small pan asks for the same box again', () => {
    const view = { west: -1.95, south: 52.4, east: -1.7, north: 52.55 }
    const panned = { west: view.west + 0.001, south: view.south, east: view.east + 0.001, north: view.north }
    expect(viewportFor(panned, 12)).toEqual(viewportFor(view, 12))
  })

  test('boxes stay on the map: longitude within ±180, latitude within Web Mercator’s limit', () => {
    const { bbox } = viewportFor({ west: -179.9, south: -85, east: 179.9, north: 85 }, 0)
    expect(bbox).toEqual([-180, -85.0511, 180, 85.0511])
  })
})

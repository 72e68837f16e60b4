import { cellToBoundary, cellToLatLng, isValidCell, latLngToCell, polygonToCells } from 'h3-js'

/**
 * Pure pieces of the hexagon grid (docs/decisions/0008): which H3 cells cover a set of polygons
 * and points, each cell's ring, and the population estimate. No database here.
 */

/** H3 resolutions we accept: 5 (~253 km²) is coarser than most districts, 9 (~0.1 km²) is a street. */
export const HEX_RESOLUTION_MIN = 5
export const HEX_RESOLUTION_MAX = 9
/** ~36 km² cells: see docs/decisions/0008 for why not 7. */
export const HEX_RESOLUTION_DEFAULT = 6

export class HexResolutionError extends Error {
  override name = 'HexResolutionError'
}

/** Parses a resolution given as text (command line, environment); anything else is an error naming the range. */
export function parseHexResolution(raw: string, field = 'resolution'): number {
  const text = raw.trim()
  const value = Number(text)
  if (!/^\d+$/.test(text) || value < HEX_RESOLUTION_MIN || value > HEX_RESOLUTION_MAX) {
    throw new HexResolutionError(
      `${field} must be a whole number from ${HEX_RESOLUTION_MIN} to ${HEX_RESOLUTION_MAX} (got "${raw}")`,
    )
  }
  return value
}

/** GeoJSON polygon coordinates, [lng, lat] positions. */
export type PolygonCoordinates = number[][][]

export interface HexCell {
  code: string
  /** Closed ring, [lng, lat], counter-clockwise as H3 gives it. */
  ring: number[][]
  lng: number
  lat: number
}

/**
 * The cells whose centre lies in one of the polygons, plus the cell of every point (so every
 * postcode falls in a cell even where a coastal cell's centre is at sea). Sorted by code.
 */
export function coveringCells(
  polygons: PolygonCoordinates[],
  points: Array<{ lng: number; lat: number }>,
  resolution: number,
): string[] {
  const cells = new Set<string>()
  for (const polygon of polygons) {
    for (const cell of polygonToCells(polygon, resolution, true)) cells.add(cell)
  }
  for (const p of points) cells.add(latLngToCell(p.lat, p.lng, resolution))
  return [...cells].sort()
}

/** The cell of each point, counted. */
export function countPointsByCell(
  points: Array<{ lng: number; lat: number }>,
  resolution: number,
): Map<string, number> {
  const counts = new Map<string, number>()
  for (const p of points) {
    const cell = latLngToCell(p.lat, p.lng, resolution)
    counts.set(cell, (counts.get(cell) ?? 0) + 1)
  }
  return counts
}

export function hexCell(code: string): HexCell {
  if (!isValidCell(code)) throw new HexResolutionError(`"${code}" is not an H3 cell index`)
  const ring = cellToBoundary(code, true)
  const [lat, lng] = cellToLatLng(code)
  return { code, ring, lng, lat }
}

/** An H3 cell index as stored in areas.code: 15 lower-case hex digits. */
export const H3_CODE = /^8[0-9a-f]{14}$/

/**
 * Splits each district's population over its cells in proportion to their postcode counts
 * (largest-remainder rounding, so a district's cells add up to exactly its population). A
 * district whose cells hold no postcode at all splits evenly. Cells of a district without a
 * population get null.
 */
export function apportionPopulation(
  cells: Array<{ code: string; district: string; postcodes: number }>,
  populations: Map<string, number | null>,
): Map<string, number | null> {
  const byDistrict = new Map<string, Array<{ code: string; postcodes: number }>>()
  for (const c of cells) {
    const list = byDistrict.get(c.district) ?? []
    list.push(c)
    byDistrict.set(c.district, list)
  }
  const out = new Map<string, number | null>()
  for (const [district, list] of byDistrict) {
    const population = populations.get(district)
    if (population === undefined || population === null) {
      for (const c of list) out.set(c.code, null)
      continue
    }
    const total = list.reduce((sum, c) => sum + c.postcodes, 0)
    const weights = list.map((c) => (total > 0 ? c.postcodes / total : 1 / list.length))
    const exact = weights.map((w) => w * population)
    const floors = exact.map(Math.floor)
    let left = population - floors.reduce((s, n) => s + n, 0)
    const order = exact
      .map((x, i) => ({ i, rest: x - Math.floor(x), code: list[i]?.code ?? '' }))
      .sort((a, b) => b.rest - a.rest || a.code.localeCompare(b.code))
    for (const o of order) {
      if (left <= 0) break
      floors[o.i] = (floors[o.i] ?? 0) + 1
      left--
    }
    for (const [i, c] of list.entries()) out.set(c.code, floors[i] ?? 0)
  }
  return out
}

/** "Hexagon 87195da49ffffff near Leeds" / "Hecsagon … ger …": a name a person can read. */
export function hexNames(code: string, districtName: string, districtNameCy: string | null) {
  return {
    name: `Hexagon ${code} near ${districtName}`,
    nameCy: `Hecsagon ${code} ger ${districtNameCy ?? districtName}`,
  }
}

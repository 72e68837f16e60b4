import type { MultiPolygon, Polygon, Position } from 'geojson'

/** West, south, east, north in degrees. */
export type Box = [number, number, number, number]

function ringBox(ring: readonly Position[]): Box {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const [x = 0, y = 0] of ring) {
    west = Math.min(west, x)
    east = Math.max(east, x)
    south = Math.min(south, y)
    north = Math.max(north, y)
  }
  return [west, south, east, north]
}

function intersect(a: Box, b: Box): Box | undefined {
  const box: Box = [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])]
  return box[0] < box[2] && box[1] < box[3] ? box : undefined
}

/** Where the horizontal line at latitude `y` crosses the polygon's rings (holes included), west to east. */
function crossings(rings: readonly (readonly Position[])[], y: number): number[] {
  const xs: number[] = []
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi = 0, yi = 0] = ring[i] as Position
      const [xj = 0, yj = 0] = ring[j] as Position
      if (yi > y !== yj > y) xs.push(xi + ((y - yi) / (yj - yi)) * (xj - xi))
    }
  }
  return xs.sort((a, b) => a - b)
}

/**
 * A point inside the part of an area that lies within `view`, to hang its name on: on the line
 * across the middle of that part, the middle of the widest stretch inside the area (so a crescent
 * or a coast with inlets is labelled on land, not in the bay). Undefined when no part is in view.
 */
export function labelPoint(
  geometry: Polygon | MultiPolygon,
  view: Box,
): { lat: number; lng: number } | undefined {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  let best: { lat: number; lng: number; width: number } | undefined
  for (const rings of polygons) {
    const outer = rings[0]
    if (!outer) continue
    const box = intersect(ringBox(outer), view)
    if (!box) continue
    const y = (box[1] + box[3]) / 2
    const xs = crossings(rings, y)
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const west = Math.max(xs[k] as number, view[0])
      const east = Math.min(xs[k + 1] as number, view[2])
      const width = east - west
      if (width > 0 && (!best || width > best.width)) best = { lng: (west + east) / 2, lat: y, width }
    }
  }
  return best ? { lat: best.lat, lng: best.lng } : undefined
}

/** [west, south, east, north] in degrees. */
export type Bbox = [number, number, number, number]

/** What the viewport GeoJSON route is asked for: a box and the zoom whose detail it wants. */
export interface MapViewport {
  bbox: Bbox
  zoom: number
}

/**
 * The server's MAP_FEATURES_MAX_SPAN_TILES default: a box may be at most this many tiles across at
 * the zoom asked for. The client asks for a lower zoom when its box is wider (a very large screen).
 */
export const FEATURES_MAX_SPAN_TILES = 16
/** Web Mercator's latitude limit, as the server checks it. */
const MAX_LATITUDE = 85.0511
/** The margin fetched around the visible map (a share of its width and height on each side). */
const MARGIN = 0.25

const tileDegrees = (zoom: number) => 360 / 2 ** zoom
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value))

/** The visible part of a map in degrees. */
export interface MapView {
  west: number
  south: number
  east: number
  north: number
}

/**
 * The box and zoom to fetch for a view: the visible bounds plus a margin, snapped outwards to a
 * quarter-tile grid (so small pans ask for the same box again, which the browser and the server's
 * ETag answer cheaply), at the map's whole zoom or lower when the box would be too wide.
 */
export function viewportFor(view: MapView, mapZoom: number): MapViewport {
  const padX = (view.east - view.west) * MARGIN
  const padY = (view.north - view.south) * MARGIN
  const box = (z: number): Bbox => {
    const step = tileDegrees(z) / 4
    const snap = (value: number, round: (x: number) => number) =>
      Number((round(value / step) * step).toFixed(6))
    return [
      clamp(snap(view.west - padX, Math.floor), -180, 180),
      clamp(snap(view.south - padY, Math.floor), -MAX_LATITUDE, MAX_LATITUDE),
      clamp(snap(view.east + padX, Math.ceil), -180, 180),
      clamp(snap(view.north + padY, Math.ceil), -MAX_LATITUDE, MAX_LATITUDE),
    ]
  }
  const tooWide = (b: Bbox, z: number) =>
    Math.max(b[2] - b[0], b[3] - b[1]) > tileDegrees(z) * FEATURES_MAX_SPAN_TILES
  // A half-step zoom (zoomSnap 0.5) asks for the whole zoom below: the server's simplification at a
  // band's last zoom is still under half a pixel half a step later (0.41 px at worst, z11.5), and at
  // national scale (z5.5) the districts are 440 kB instead of 1.5 MB.
  let zoom = clamp(Math.floor(mapZoom + 1e-6), 0, 22)
  let bbox = box(zoom)
  while (zoom > 0 && tooWide(bbox, zoom)) {
    zoom -= 1
    bbox = box(zoom)
  }
  return { bbox, zoom }
}

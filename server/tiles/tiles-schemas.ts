import { z } from 'zod'
import { wholeNumber } from '../lib/query-string'

/**
 * Map-layer requests: vector tiles (`/api/tiles/{layer}/{z}/{x}/{y}.mvt`, server engine) and
 * viewport GeoJSON (`/api/tiles/{layer}/features?bbox=&zoom=`, both engines). A layer is an area
 * type from the area_types table (region, lad, ward, hex, ...) or `coverage`, the areas of one
 * coverage level carrying their counts for the coverage filters.
 */

export const COVERAGE_LAYER = 'coverage'
export const TILE_MAX_ZOOM = 22
/** Vector tile coordinate space and the buffer around it (in those units), as most renderers expect. */
export const TILE_EXTENT = 4096
export const TILE_BUFFER = 64
export const MVT_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile'

/**
 * Zoom bands of the pre-generalised boundaries (db/migrations/20261124120000_map_layers.ts holds
 * the tolerances: 0.005°, 0.001°, 0.0002°, 0.00004°) and the GeoJSON coordinate precision that
 * matches each (a decimal place below the tolerance).
 */
export const ZOOM_BANDS = [
  { band: 0, minZoom: 0, decimals: 3 },
  { band: 1, minZoom: 6, decimals: 4 },
  { band: 2, minZoom: 9, decimals: 5 },
  { band: 3, minZoom: 12, decimals: 6 },
] as const

export function bandOfZoom(zoom: number): (typeof ZOOM_BANDS)[number] {
  let chosen: (typeof ZOOM_BANDS)[number] = ZOOM_BANDS[0]
  for (const b of ZOOM_BANDS) if (zoom >= b.minZoom) chosen = b
  return chosen
}

const layerName = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, {
  message: 'layer must be an area type (such as lad or ward) or coverage',
})

/** Path of a tile: z from 0 to TILE_MAX_ZOOM, x and y from 0 to 2^z − 1. */
export const tileParamsSchema = z
  .object({
    layer: layerName,
    z: wholeNumber('z', 0, TILE_MAX_ZOOM, { stringOnly: true }),
    x: wholeNumber('x', 0, 2 ** TILE_MAX_ZOOM - 1, { stringOnly: true }),
    y: wholeNumber('y', 0, 2 ** TILE_MAX_ZOOM - 1, { stringOnly: true }),
  })
  .superRefine((p, ctx) => {
    const last = 2 ** p.z - 1
    for (const field of ['x', 'y'] as const) {
      if (p[field] > last) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `${field} must be from 0 to ${last} at zoom ${p.z} (got ${p[field]})`,
        })
      }
    }
  })
export type TileParams = z.infer<typeof tileParamsSchema>

export const layerParamsSchema = z.object({ layer: layerName })

/** Web Mercator's latitude limit: a bbox beyond it has no tiles and no map. */
export const MAX_LATITUDE = 85.0511

export type Bbox = [west: number, south: number, east: number, north: number]

const BBOX_FORMAT = 'bbox must be west,south,east,north in degrees (such as -3.2,51.4,-3.1,51.5)'

const bboxParam = z.string().transform((raw, ctx): Bbox => {
  const parts = raw.split(',').map((p) => p.trim())
  const numbers = parts.map(Number)
  if (parts.length !== 4 || parts.some((p) => p === '') || numbers.some((n) => !Number.isFinite(n))) {
    ctx.addIssue({ code: 'custom', message: `${BBOX_FORMAT} (got "${raw.slice(0, 80)}")` })
    return z.NEVER
  }
  const [west, south, east, north] = numbers as Bbox
  const problems: string[] = []
  if (west < -180 || east > 180) problems.push('west and east must be from -180 to 180')
  if (south < -MAX_LATITUDE || north > MAX_LATITUDE)
    problems.push(`south and north must be from -${MAX_LATITUDE} to ${MAX_LATITUDE}`)
  if (west >= east) problems.push('west must be less than east')
  if (south >= north) problems.push('south must be less than north')
  if (problems.length > 0) {
    ctx.addIssue({ code: 'custom', message: `${BBOX_FORMAT}: ${problems.join('; ')}` })
    return z.NEVER
  }
  return [west, south, east, north]
})

/** Degrees of longitude one 256-pixel tile spans at `zoom`. */
export const tileDegrees = (zoom: number) => 360 / 2 ** zoom

/**
 * GET /api/tiles/{layer}/features: `bbox` and `zoom`. The bbox may be at most `maxSpanTiles`
 * tiles wide and high at that zoom (a large screen and its margin), so a client cannot ask for
 * the whole country at street-level detail. The remaining query (coverage filters) is
 * validated by the layer.
 */
export function featuresQuerySchema(maxSpanTiles: number) {
  return z
    .looseObject({
      bbox: z
        .union([z.string(), z.array(z.string())])
        .pipe(z.string({ error: 'give bbox once' }).pipe(bboxParam)),
      zoom: z
        .union([z.string(), z.array(z.string())])
        .pipe(
          z
            .string({ error: 'give zoom once' })
            .pipe(wholeNumber('zoom', 0, TILE_MAX_ZOOM, { stringOnly: true })),
        ),
    })
    .superRefine((q, ctx) => {
      const [west, south, east, north] = q.bbox
      const limit = tileDegrees(q.zoom) * maxSpanTiles
      // Latitude degrees shrink towards the poles on the map; the longitude span is a fair bound for both.
      if (east - west > limit || north - south > limit) {
        ctx.addIssue({
          code: 'custom',
          path: ['bbox'],
          message: `bbox spans ${Math.max(east - west, north - south).toFixed(4)}°; at zoom ${q.zoom} at most ${limit.toFixed(4)}° (${maxSpanTiles} tiles): zoom out or ask for a smaller box`,
        })
      }
    })
}

export type FeaturesQuery = z.infer<ReturnType<typeof featuresQuerySchema>>

export { type MapLayerMode, mapLayerMode } from '../lib/db'

import wkx from 'wkx'
import { z } from 'zod'

/**
 * Geometry crosses the API boundary as GeoJSON (RFC 7946: WGS84, [lng, lat]). This module is the
 * only place that converts: PostGIS hands geometry to node-postgres as hex EWKB, which wkx reads;
 * GeoJSON going in is checked here and sent to SQL as text for ST_GeomFromGeoJSON.
 */

export type Position = [number, number]
export interface PointGeometry {
  type: 'Point'
  coordinates: Position
}
export interface PolygonGeometry {
  type: 'Polygon'
  coordinates: Position[][]
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon'
  coordinates: Position[][][]
}
export type Geometry = PointGeometry | PolygonGeometry | MultiPolygonGeometry

export interface Feature<G extends Geometry = Geometry, P = Record<string, unknown>> {
  type: 'Feature'
  id?: string
  properties: P
  geometry: G
}

export interface FeatureCollection<G extends Geometry = Geometry, P = Record<string, unknown>> {
  type: 'FeatureCollection'
  features: Array<Feature<G, P>>
}

export interface LngLat {
  lng: number
  lat: number
}

/** Decimal places kept on output: 6 is about 0.1 m (the source precision), 5 about 1 m. */
export const FULL_PRECISION = 6
export const DISPLAY_PRECISION = 5

function rounder(decimals: number): (v: number) => number {
  const f = 10 ** decimals
  return (v) => Math.round(v * f) / f
}

function ring(points: wkx.Point[], round: (v: number) => number): Position[] {
  return points.map((p) => [round(p.x), round(p.y)])
}

function polygonCoordinates(polygon: wkx.Polygon, round: (v: number) => number): Position[][] {
  return [ring(polygon.exteriorRing, round), ...polygon.interiorRings.map((r) => ring(r, round))]
}

/** Hex EWKB (as node-postgres returns a geometry column) or WKB bytes -> GeoJSON geometry. */
export function geometryFromWkb(value: string | Buffer, decimals = FULL_PRECISION): Geometry {
  const parsed = wkx.Geometry.parse(typeof value === 'string' ? Buffer.from(value, 'hex') : value)
  const round = rounder(decimals)
  if (parsed instanceof wkx.Point) return { type: 'Point', coordinates: [round(parsed.x), round(parsed.y)] }
  if (parsed instanceof wkx.Polygon) {
    return { type: 'Polygon', coordinates: polygonCoordinates(parsed, round) }
  }
  if (parsed instanceof wkx.MultiPolygon) {
    return { type: 'MultiPolygon', coordinates: parsed.polygons.map((p) => polygonCoordinates(p, round)) }
  }
  throw new Error(`Unsupported geometry type from the database: ${parsed.toWkt().split('(')[0]}`)
}

/** A point column (hex EWKB) -> { lng, lat }. */
export function lngLatFromWkb(value: string | Buffer, decimals = FULL_PRECISION): LngLat {
  const geometry = geometryFromWkb(value, decimals)
  if (geometry.type !== 'Point') throw new Error(`Expected a point, got ${geometry.type}`)
  return { lng: geometry.coordinates[0], lat: geometry.coordinates[1] }
}

export function toFeature<G extends Geometry, P>(id: string, properties: P, geometry: G): Feature<G, P> {
  return { type: 'Feature', id, properties, geometry }
}

export interface CoordinateProblem {
  /** Where in `coordinates`, e.g. "coordinates[0][12][3]". */
  path: string
  message: string
}

function positionProblem(position: unknown, path: string): CoordinateProblem | undefined {
  if (!Array.isArray(position) || position.length < 2) {
    return { path, message: 'a position must be an array [longitude, latitude]' }
  }
  // Areas are stored in two dimensions: a third (altitude) or fourth (measure) number would make
  // PostGIS refuse the whole write (22023), so it is refused here, naming the position.
  if (position.length > 2) {
    return {
      path,
      message: `a position must be [longitude, latitude]: ${position.length} numbers given (altitude and measures are not accepted)`,
    }
  }
  const [lng, lat] = position as unknown[]
  if (typeof lng !== 'number' || !Number.isFinite(lng) || typeof lat !== 'number' || !Number.isFinite(lat)) {
    return { path, message: 'longitude and latitude must be finite numbers' }
  }
  if (lng < -180 || lng > 180) return { path, message: `longitude ${lng} is outside -180..180` }
  if (lat < -90 || lat > 90) return { path, message: `latitude ${lat} is outside -90..90` }
  return undefined
}

/**
 * The first structural or range problem in a Polygon/MultiPolygon's coordinates, or undefined.
 * Walks arrays by hand: the importer runs this over hundreds of thousands of positions.
 */
export function polygonalCoordinateProblem(geometry: {
  type: string
  coordinates: unknown
}): CoordinateProblem | undefined {
  const polygons =
    geometry.type === 'Polygon' ? [geometry.coordinates] : (geometry.coordinates as unknown[] | undefined)
  if (!Array.isArray(polygons)) return { path: 'coordinates', message: 'coordinates must be an array' }
  const prefix = geometry.type === 'Polygon' ? 'coordinates' : ''
  for (let p = 0; p < polygons.length; p++) {
    const rings = polygons[p]
    const polygonPath = geometry.type === 'Polygon' ? prefix : `coordinates[${p}]`
    if (!Array.isArray(rings) || rings.length === 0) {
      return { path: polygonPath, message: 'a polygon must be a non-empty array of rings' }
    }
    for (let r = 0; r < rings.length; r++) {
      const positions = rings[r]
      const ringPath = `${polygonPath}[${r}]`
      if (!Array.isArray(positions) || positions.length < 4) {
        return { path: ringPath, message: 'a ring must have at least 4 positions' }
      }
      for (let i = 0; i < positions.length; i++) {
        const problem = positionProblem(positions[i], `${ringPath}[${i}]`)
        if (problem) return problem
      }
    }
  }
  return undefined
}

/**
 * Polygon or MultiPolygon input (a drawn service area, an imported boundary), lng/lat in range.
 * Parse with this at an edge, then send `JSON.stringify(value)` to ST_GeomFromGeoJSON.
 */
export const polygonalGeometrySchema = z
  .object({
    type: z.enum(['Polygon', 'MultiPolygon']),
    coordinates: z.array(z.unknown()),
  })
  .superRefine((value, ctx) => {
    const problem = polygonalCoordinateProblem(value)
    if (problem) ctx.addIssue({ code: 'custom', message: `${problem.path}: ${problem.message}` })
  })
  .transform((value) => value as PolygonGeometry | MultiPolygonGeometry)

/** GeoJSON text for ST_GeomFromGeoJSON (which reads [lng, lat] as x, y). */
export function geoJsonText(geometry: { type: string; coordinates: unknown }): string {
  return JSON.stringify({ type: geometry.type, coordinates: geometry.coordinates })
}

import type { Knex } from 'knex'
import type { Database } from '../lib/db'
import { NotFoundError, ValidationError } from '../lib/errors'
import {
  DISPLAY_PRECISION,
  FULL_PRECISION,
  geometryFromWkb,
  type LngLat,
  lngLatFromWkb,
  type MultiPolygonGeometry,
} from '../lib/geometry'
import {
  type AreaRow,
  areaExists,
  type GeometryColumn,
  type PointSource,
  selectArea,
  selectAreas,
  selectAreasForPoint,
  selectLayers,
} from './geo-queries'
import type {
  AreaDetail,
  AreaFeature,
  AreaFeatureCollection,
  AreaLevel,
  AreaList,
  AreaSummary,
  AreaType,
  GeoLayerSummary,
  GeometryOption,
  OutsidePostcodeResult,
  PlaceAreas,
  PostcodeResult,
} from './geo-schemas'
import { POSTCODE_FORMAT, type Postcode, parsePostcode } from './postcode'
import { type PostcodeStore, postcodeArea } from './postcode-store'

export interface GeoOptions {
  /** A point in no district but this close to one resolves to it (flagged nearest). */
  nearestFallbackMetres: number
  /** Every UK postcode (the packed file in DATA_DIR): opened on the first postcode lookup. */
  postcodes: () => PostcodeStore
}

export const defaultGeoOptions: Pick<GeoOptions, 'nearestFallbackMetres'> = { nearestFallbackMetres: 200 }

function toSummary(row: AreaRow): AreaSummary {
  return { code: row.code, name: row.name, nameCy: row.name_cy, level: row.level, type: row.type }
}

/**
 * The areas containing a point, ordered neighbourhood -> national (ward, district,
 * county/upper-tier/combined authority, region, nation). Other features call this directly.
 */
export async function areasForPoint(
  knex: Knex,
  point: LngLat,
  options: Pick<GeoOptions, 'nearestFallbackMetres'> = defaultGeoOptions,
  source: PointSource = 'area_parts',
): Promise<PlaceAreas> {
  const rows = await selectAreasForPoint(knex, {
    lng: point.lng,
    lat: point.lat,
    nearestMetres: options.nearestFallbackMetres,
    source,
  })
  return {
    location: { lat: point.lat, lng: point.lng },
    coverage: rows.length > 0 ? 'inside' : 'outside',
    nearest: rows.some((r) => r.nearest),
    areas: rows.map(toSummary),
  }
}

/** Postcode areas with no place in the UK's geography: the Crown dependencies and non-geographic areas. */
const crownDependencies: Record<string, string> = { GY: 'Guernsey', JE: 'Jersey', IM: 'the Isle of Man' }
const nonGeographic: Record<string, string> = {
  BF: 'British Forces Post Office',
  BX: 'non-geographic',
  XX: 'Royal Mail non-geographic',
  GIR: 'Girobank (non-geographic)',
}

function outside(parsed: Postcode): OutsidePostcodeResult {
  const area = postcodeArea(parsed)
  const base = {
    postcode: parsed.display,
    precision: null,
    location: null,
    coverage: 'outside' as const,
    nearest: false as const,
    areas: [],
  }
  const crown = crownDependencies[area]
  if (crown) {
    return {
      ...base,
      reason: 'crown-dependency',
      message: `${parsed.display} is a postcode in ${crown}, which is not part of the UK and not covered by Support Atlas`,
    }
  }
  const special = nonGeographic[area]
  if (special) {
    return {
      ...base,
      reason: 'non-geographic',
      message: `${parsed.display} is a ${special} postcode: it has no place on the map`,
    }
  }
  return {
    ...base,
    reason: 'unknown-area',
    message: `${parsed.display} is written like a postcode, but there is no postcode area ${area} in the UK postcode data`,
  }
}

/**
 * A postcode typed any way -> its location and areas. Malformed: ValidationError (400). A
 * well-formed postcode missing from the data falls back to its sector's, then its district's, then
 * its area's centroid (precision says which); a Crown-dependency, non-geographic or unknown-area
 * postcode answers coverage "outside" with a reason (not an error).
 */
export async function lookupPostcode(
  knex: Knex,
  postcode: string | Postcode,
  options: GeoOptions,
): Promise<PostcodeResult> {
  const parsed = typeof postcode === 'string' ? parsePostcode(postcode) : postcode
  if (!parsed) {
    throw new ValidationError(`Invalid postcode: expected ${POSTCODE_FORMAT}`, [
      { field: 'postcode', message: `expected ${POSTCODE_FORMAT}` },
    ])
  }
  const found = crownDependencies[postcodeArea(parsed)] ? undefined : options.postcodes().locate(parsed)
  if (!found) return outside(parsed)
  const place = await areasForPoint(knex, { lng: found.lng, lat: found.lat }, options)
  if (place.coverage === 'outside') {
    return {
      postcode: parsed.display,
      precision: found.precision,
      ...place,
      reason: 'no-area',
      message: `${parsed.display} has a location, but it is in none of the areas Support Atlas has loaded`,
    }
  }
  return { postcode: parsed.display, precision: found.precision, ...place }
}

export type PlaceInput = { postcode: string } | LngLat

/** A postcode or a point -> the place's areas (with the postcode and its precision when given one). */
export async function resolvePlace(
  knex: Knex,
  input: PlaceInput,
  options: GeoOptions,
): Promise<PostcodeResult | PlaceAreas> {
  if ('postcode' in input) return lookupPostcode(knex, input.postcode, options)
  return areasForPoint(knex, input, options)
}

const detailColumn: Record<GeometryOption, GeometryColumn> = { full: 'geom', display: 'geom_mid' }

function polygonal(wkb: string, decimals: number): MultiPolygonGeometry {
  const geometry = geometryFromWkb(wkb, decimals)
  if (geometry.type !== 'MultiPolygon') throw new Error(`Area geometry is ${geometry.type}, not MultiPolygon`)
  return geometry
}

function feature(summary: AreaSummary, wkb: string, decimals: number): AreaFeature {
  return { type: 'Feature', id: summary.code, properties: summary, geometry: polygonal(wkb, decimals) }
}

export async function getArea(knex: Knex, code: string, geometry?: GeometryOption): Promise<AreaDetail> {
  const row = await selectArea(knex, code, geometry ? detailColumn[geometry] : undefined)
  if (!row) throw new NotFoundError(`No area with code ${code}`)
  const summary = toSummary(row)
  const detail: AreaDetail = {
    ...summary,
    layers: row.layers,
    population: row.population,
    areaKm2: Math.round(row.area_km2 * 100) / 100,
    bbox: [row.bbox_west, row.bbox_south, row.bbox_east, row.bbox_north],
    labelPoint: lngLatFromWkb(row.label_point, DISPLAY_PRECISION),
    parents: row.parents,
    children: row.children,
  }
  if (geometry && row.geometry) {
    detail.feature = feature(summary, row.geometry, geometry === 'full' ? FULL_PRECISION : DISPLAY_PRECISION)
  }
  return detail
}

export interface ListAreasInput {
  level?: AreaLevel
  type?: AreaType
  within?: string
  geometry?: GeometryOption
}

/**
 * Areas by level, layer type and/or containing area. With geometry=display the list becomes a
 * FeatureCollection: ward lists use the medium simplification, larger areas the low one.
 */
export async function listAreas(
  knex: Knex,
  input: ListAreasInput,
): Promise<AreaList | AreaFeatureCollection> {
  if (input.within && !(await areaExists(knex, input.within))) {
    throw new NotFoundError(`No area with code ${input.within}`)
  }
  let column: GeometryColumn | undefined
  if (input.geometry === 'full') column = 'geom'
  if (input.geometry === 'display') {
    column = input.level === 'neighbourhood' || input.type === 'ward' ? 'geom_mid' : 'geom_low'
  }
  const rows = await selectAreas(knex, {
    level: input.level,
    type: input.type,
    within: input.within,
    geometry: column,
  })
  if (!column) return { areas: rows.map(toSummary) }
  const decimals = input.geometry === 'full' ? FULL_PRECISION : DISPLAY_PRECISION
  return {
    type: 'FeatureCollection',
    features: rows.map((row) => feature(toSummary(row), row.geometry as string, decimals)),
  }
}

export async function listLayers(knex: Knex): Promise<GeoLayerSummary[]> {
  const rows = await selectLayers(knex)
  return rows.map((r) => ({
    name: r.name,
    type: r.type,
    level: r.level,
    file: r.file,
    featureCount: r.feature_count,
    repairedCount: r.repaired_count,
    importedAt: new Date(r.imported_at).toISOString(),
  }))
}

/** The geography service wired once in createApp; other features receive it from there. */
export function createGeoService(db: Database, options: GeoOptions) {
  const knex = db.knex
  return {
    areasForPoint: (point: LngLat) => areasForPoint(knex, point, options),
    lookupPostcode: (postcode: string | Postcode) => lookupPostcode(knex, postcode, options),
    resolvePlace: (input: PlaceInput) => resolvePlace(knex, input, options),
    getArea: (code: string, geometry?: GeometryOption) => getArea(knex, code, geometry),
    listAreas: (input: ListAreasInput) => listAreas(knex, input),
    listLayers: () => listLayers(knex),
  }
}

export type GeoService = ReturnType<typeof createGeoService>

import type { Knex } from 'knex'
import { ValidationError } from '../lib/errors'
import type { LngLat } from '../lib/geometry'
import { type AreaRow, areaWithAncestors, type PointSource, selectAreasForPoint } from './geo-queries'
import type {
  AreaSummary,
  OutsidePostcodeResult,
  PlaceAreas,
  PostcodeOutsideReason,
  PostcodePrecision,
  PostcodeResult,
} from './geo-schemas'
import { POSTCODE_FORMAT, type Postcode, parsePostcode } from './postcode'
import { type PostcodeStore, postcodeArea } from './postcode-store'

/**
 * Resolving a place: a postcode, a point or an area code -> where it is and every area containing
 * it, most local first (with, for a postcode, how exact its location is, or why it has none).
 * Search, signposting, enquiries and coverage all ask this module; none resolves a place itself.
 */

export interface GeoOptions {
  /** A point in no district but this close to one resolves to it (flagged nearest). */
  nearestFallbackMetres: number
  /** Every UK postcode (the packed file in DATA_DIR): opened on the first postcode lookup. */
  postcodes: () => PostcodeStore
}

export const defaultGeoOptions: Pick<GeoOptions, 'nearestFallbackMetres'> = { nearestFallbackMetres: 200 }

export function toSummary(row: AreaRow): AreaSummary {
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

/** A place as search, signposting, enquiries and coverage are given it. */
export type PlaceQuery = { postcode: string } | LngLat | { area: string }

export interface ResolvedPlace {
  kind: 'postcode' | 'point' | 'area'
  /** Standard form ("BD1 1HY") for a postcode, else null. */
  postcode: string | null
  /** For a postcode: its own point, or the centroid used when the postcode itself is unknown. */
  precision: PostcodePrecision | null
  /** The point (for an area: its label point, a point inside it); null for a postcode with no UK location. */
  location: LngLat | null
  /** Every area containing the place (for an area: itself and its ancestors), most local first. */
  areas: AreaSummary[]
  /** Why a postcode has no areas: no UK location (its reason), or in no loaded area ("no-area"). */
  outside?: PostcodeOutsideReason | 'no-area'
}

/** An area code -> the area and its ancestors (most local first) at its label point; undefined when not loaded. */
export async function resolveArea(knex: Knex, code: string): Promise<ResolvedPlace | undefined> {
  const rows = await areaWithAncestors(knex, code)
  const first = rows[0]
  if (!first) return undefined
  return {
    kind: 'area',
    postcode: null,
    precision: null,
    location: { lng: first.point_lng, lat: first.point_lat },
    areas: rows.map(toSummary),
  }
}

/**
 * A postcode, point or area -> the place. A malformed postcode is a 400 (field `postcode`), an
 * area code no loaded area has a 400 naming `areaField`; a well-formed postcode with no place in
 * the loaded areas is not an error (`outside` says why).
 */
export async function resolvePlace(
  knex: Knex,
  query: PlaceQuery,
  options: GeoOptions,
  areaField = 'area',
): Promise<ResolvedPlace> {
  if ('postcode' in query) {
    const found = await lookupPostcode(knex, query.postcode, options)
    return {
      kind: 'postcode',
      postcode: found.postcode,
      precision: found.precision,
      location: found.location,
      areas: found.areas,
      ...(found.reason ? { outside: found.reason } : {}),
    }
  }
  if ('area' in query) {
    const place = await resolveArea(knex, query.area)
    if (!place) {
      throw new ValidationError(`Invalid query: ${areaField}: ${query.area} is not a loaded area`, [
        { field: areaField, message: `${query.area} is not a loaded area` },
      ])
    }
    return place
  }
  const found = await areasForPoint(knex, { lng: query.lng, lat: query.lat }, options)
  return { kind: 'point', postcode: null, precision: null, location: found.location, areas: found.areas }
}

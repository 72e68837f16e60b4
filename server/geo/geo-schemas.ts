import { z } from 'zod'
import type { Feature, FeatureCollection, LngLat, MultiPolygonGeometry } from '../lib/geometry'
import { POSTCODE_FORMAT, type Postcode, parsePostcode } from './postcode'

export const areaLevels = ['neighbourhood', 'local', 'subregional', 'regional', 'national'] as const
export type AreaLevel = (typeof areaLevels)[number]

export const areaTypes = [
  'ward',
  'hex',
  'lad',
  'county',
  'upper-tier',
  'combined-authority',
  'region',
  'nation',
] as const
export type AreaType = (typeof areaTypes)[number]

/** The level each type belongs to (mirrors the area_types table). */
export const levelOfType: Record<AreaType, AreaLevel> = {
  ward: 'neighbourhood',
  hex: 'neighbourhood',
  lad: 'local',
  county: 'subregional',
  'upper-tier': 'subregional',
  'combined-authority': 'subregional',
  region: 'regional',
  nation: 'national',
}

/** A GSS code: a country letter and eight digits (E08000032, W06000015). */
export const GSS_CODE = /^[EWSNLK]\d{8}$/

const gssCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(GSS_CODE, { message: 'must be a GSS area code: a letter and eight digits, such as E08000032' })

// ---------- requests ----------

function coordinate(name: 'lat' | 'lng', min: number, max: number) {
  return z.string().transform((raw, ctx) => {
    const text = raw.trim()
    const value = Number(text)
    if (
      text === '' ||
      !/^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/.test(text) ||
      !Number.isFinite(value)
    ) {
      ctx.addIssue({
        code: 'custom',
        message: `${name} must be a number from ${min} to ${max} (got "${raw}")`,
      })
      return z.NEVER
    }
    if (value < min || value > max) {
      ctx.addIssue({ code: 'custom', message: `${name} must be from ${min} to ${max} (got ${value})` })
      return z.NEVER
    }
    return value
  })
}

export const geometryOptions = ['full', 'display'] as const
export type GeometryOption = (typeof geometryOptions)[number]

const geometryParam = z.enum(geometryOptions, { error: 'geometry must be "full" or "display"' })

/** GET /api/geo/areas: either a point (lat and lng) or a listing (level, type, within). */
export const areasQuerySchema = z
  .object({
    lat: coordinate('lat', -90, 90).optional(),
    lng: coordinate('lng', -180, 180).optional(),
    level: z.enum(areaLevels, { error: `level must be one of ${areaLevels.join(', ')}` }).optional(),
    type: z.enum(areaTypes, { error: `type must be one of ${areaTypes.join(', ')}` }).optional(),
    within: gssCode.optional(),
    geometry: geometryParam.optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    const point = q.lat !== undefined || q.lng !== undefined
    if (point && (q.lat === undefined || q.lng === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [q.lat === undefined ? 'lat' : 'lng'],
        message: 'give both lat and lng',
      })
    }
    if (point && (q.level || q.type || q.within || q.geometry)) {
      ctx.addIssue({
        code: 'custom',
        path: ['lat'],
        message: 'a point query (lat, lng) takes no level, type, within or geometry',
      })
    }
    if (!point && !q.level && !q.type && !q.within) {
      ctx.addIssue({
        code: 'custom',
        path: ['level'],
        message: 'give lat and lng for a point, or at least one of level, type, within to list areas',
      })
    }
  })
export type AreasQuery = z.infer<typeof areasQuerySchema>

export const areaParamsSchema = z.object({ code: gssCode })

export const areaQuerySchema = z.object({ geometry: geometryParam.optional() }).strict()

export const postcodeParamsSchema = z.object({
  postcode: z.string().transform((raw, ctx): Postcode => {
    const parsed = parsePostcode(raw)
    if (!parsed) {
      ctx.addIssue({ code: 'custom', message: `"${raw.slice(0, 20)}" is not ${POSTCODE_FORMAT}` })
      return z.NEVER
    }
    return parsed
  }),
})

// ---------- responses (the client imports these types) ----------

export interface AreaSummary {
  code: string
  name: string
  nameCy: string | null
  level: AreaLevel
  type: AreaType
}

/** The areas containing a point, most local first (ward, district, county/upper-tier/CA, region, nation). */
export interface PlaceAreas {
  location: LngLat
  /** "outside" when no loaded boundary contains (or is within the fallback distance of) the point. */
  coverage: 'inside' | 'outside'
  /** True when the district or ward was resolved to the nearest one within the fallback distance (coastal and river gaps). */
  nearest: boolean
  areas: AreaSummary[]
}

export type PostcodePrecision = 'postcode' | 'sector' | 'district'

export interface PostcodeResult extends PlaceAreas {
  /** The postcode asked for, in standard form ("BD1 1AA"). */
  postcode: string
  /** "sector"/"district": the postcode is not in the data, so the centroid of its sector ("BD1 1") or district ("BD1") was used. */
  precision: PostcodePrecision
}

export type AreaFeature = Feature<MultiPolygonGeometry, AreaSummary>

export interface AreaDetail extends AreaSummary {
  /** Every layer type the code belongs to: a unitary authority is ["lad", "upper-tier"]. */
  layers: AreaType[]
  population: number | null
  areaKm2: number
  /** [west, south, east, north] in degrees. */
  bbox: [number, number, number, number]
  /** A point inside the area for its label. */
  labelPoint: LngLat
  /** Direct parents and children, most local first. */
  parents: string[]
  children: string[]
  /** Present when ?geometry=full|display was asked for. */
  feature?: AreaFeature
}

export interface AreaList {
  areas: AreaSummary[]
}

export type AreaFeatureCollection = FeatureCollection<MultiPolygonGeometry, AreaSummary>

export interface GeoLayerSummary {
  name: string
  type: AreaType
  level: AreaLevel
  file: string
  featureCount: number
  repairedCount: number
  importedAt: string
}

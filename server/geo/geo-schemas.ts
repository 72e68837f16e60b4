import { z } from 'zod'
import type { Feature, FeatureCollection, LngLat, MultiPolygonGeometry } from '../lib/geometry'
import { coordinate as queryCoordinate } from '../lib/query-string'
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

/** A string here (a repeated key is zod's type error); 5.3e1 is read too. */
const coordinate = (name: 'lat' | 'lng', min: number, max: number) =>
  queryCoordinate(name, min, max, { scientific: true, stringOnly: true })

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

/** How exact a postcode's location is: its own point, or the centroid of its sector ("HR1 2"), district ("HR1") or area ("HR"). */
export const postcodePrecisions = ['postcode', 'sector', 'district', 'area'] as const
export type PostcodePrecision = (typeof postcodePrecisions)[number]

/** Why a well-formed postcode has no place on the map: Channel Islands/Isle of Man, BFPO-style, or an unknown postcode area. */
export const postcodeOutsideReasons = ['crown-dependency', 'non-geographic', 'unknown-area'] as const
export type PostcodeOutsideReason = (typeof postcodeOutsideReasons)[number]

const areaSummarySchema = z.object({
  code: z.string(),
  name: z.string(),
  nameCy: z.string().nullable(),
  level: z.enum(areaLevels),
  type: z.enum(areaTypes),
})

/** GET /api/geo/postcodes/{postcode}: located (its own point or a centroid), or outside the UK's postcode geography. */
export const postcodeResultSchema = z.discriminatedUnion('coverage', [
  z.object({
    postcode: z.string().describe('The postcode in standard form ("HR1 2PJ")'),
    precision: z
      .enum(postcodePrecisions)
      .describe(
        '"postcode": its own point; "sector"/"district"/"area": the postcode is not in the data, so the centroid of its sector ("HR1 2"), district ("HR1") or area ("HR") was used',
      ),
    location: z.object({ lat: z.number(), lng: z.number() }),
    coverage: z.literal('inside'),
    nearest: z.boolean(),
    areas: z.array(areaSummarySchema).describe('Every area containing the point, most local first'),
  }),
  z.object({
    postcode: z.string(),
    precision: z
      .enum(postcodePrecisions)
      .nullable()
      .describe('null when the postcode has no UK location; otherwise as above (a point in no loaded area)'),
    location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
    coverage: z.literal('outside'),
    nearest: z.literal(false),
    areas: z.array(areaSummarySchema).length(0),
    reason: z
      .enum([...postcodeOutsideReasons, 'no-area'])
      .describe(
        '"crown-dependency": Guernsey (GY), Jersey (JE), the Isle of Man (IM); "non-geographic": BFPO and other non-geographic postcodes; "unknown-area": no such postcode area; "no-area": a UK location that no loaded boundary contains',
      ),
    message: z.string().describe('A plain sentence saying why'),
  }),
])

export interface LocatedPostcodeResult extends PlaceAreas {
  /** The postcode asked for, in standard form ("BD1 1AA"). */
  postcode: string
  precision: PostcodePrecision
  reason?: 'no-area'
  message?: string
}

/** A well-formed postcode with no UK location (GY, JE, IM; non-geographic; no known area): a 200, not an error. */
export interface OutsidePostcodeResult {
  postcode: string
  precision: null
  location: null
  coverage: 'outside'
  nearest: false
  areas: AreaSummary[]
  reason: PostcodeOutsideReason
  /** A plain English sentence saying why (the client words it in English and Welsh from `reason`). */
  message: string
}

export type PostcodeResult = LocatedPostcodeResult | OutsidePostcodeResult

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

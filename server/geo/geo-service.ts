import type { Knex } from 'knex'
import type { Database } from '../lib/db'
import { NotFoundError } from '../lib/errors'
import {
  DISPLAY_PRECISION,
  FULL_PRECISION,
  geometryFromWkb,
  type LngLat,
  lngLatFromWkb,
  type MultiPolygonGeometry,
} from '../lib/geometry'
import { areaExists, type GeometryColumn, selectArea, selectAreas, selectLayers } from './geo-queries'
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
} from './geo-schemas'
import {
  areasForPoint,
  type GeoOptions,
  lookupPostcode,
  type PlaceQuery,
  resolveArea,
  resolvePlace,
  toSummary,
} from './place-resolver'
import type { Postcode } from './postcode'

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
    /** A postcode, point or area -> the place and its areas (server/geo/place-resolver.ts). */
    resolvePlace: (query: PlaceQuery, areaField?: string) => resolvePlace(knex, query, options, areaField),
    resolveArea: (code: string) => resolveArea(knex, code),
    getArea: (code: string, geometry?: GeometryOption) => getArea(knex, code, geometry),
    listAreas: (input: ListAreasInput) => listAreas(knex, input),
    listLayers: () => listLayers(knex),
  }
}

export type GeoService = ReturnType<typeof createGeoService>

import { queryOptions, useQuery } from '@tanstack/react-query'
import { api, type QueryParams } from '../../../lib/api-client'
import type { AreaFeatureCollection } from './geo-types'

/** The boundary layers offered on the map, and the geography API query for each. */
export const mapLayers = {
  region: { level: 'regional' },
  county: { type: 'county' },
  district: { level: 'local' },
  ward: { level: 'neighbourhood' },
} as const satisfies Record<string, QueryParams>

export type MapLayer = keyof typeof mapLayers

export const mapLayerNames = Object.keys(mapLayers) as MapLayer[]

export function isMapLayer(value: unknown): value is MapLayer {
  return typeof value === 'string' && Object.hasOwn(mapLayers, value)
}

/** `GET /api/geo/areas?level=…&geometry=display`: the layer's areas as a FeatureCollection. */
export const getAreaShapes = (layer: MapLayer, { signal }: { signal?: AbortSignal } = {}) =>
  api.get<AreaFeatureCollection>('/geo/areas', {
    query: { ...mapLayers[layer], geometry: 'display' },
    signal,
  })

export const areaShapesQueryOptions = (layer: MapLayer) =>
  queryOptions({
    queryKey: ['geo', 'area-shapes', layer],
    queryFn: ({ signal }) => getAreaShapes(layer, { signal }),
    // Boundaries only change on re-import.
    staleTime: 60 * 60_000,
  })

export const useAreaShapes = (layer: MapLayer) => useQuery(areaShapesQueryOptions(layer))

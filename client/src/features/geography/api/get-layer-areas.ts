import { queryOptions, useQuery } from '@tanstack/react-query'
import { api, type QueryParams } from '../../../lib/api-client'
import type { AreaList, AreaType } from './geo-types'

/**
 * The boundary layers offered on the map: the geography API query that lists each layer's areas
 * (names for the table view) and the map layer (an area type) its boundaries are drawn from.
 */
export const mapLayers = {
  region: { query: { level: 'regional' }, tiles: 'region' },
  county: { query: { type: 'county' }, tiles: 'county' },
  district: { query: { level: 'local' }, tiles: 'lad' },
  ward: { query: { type: 'ward' }, tiles: 'ward' },
} as const satisfies Record<string, { query: QueryParams; tiles: AreaType }>

export type MapLayer = keyof typeof mapLayers

export const mapLayerNames = Object.keys(mapLayers) as MapLayer[]

export function isMapLayer(value: unknown): value is MapLayer {
  return typeof value === 'string' && Object.hasOwn(mapLayers, value)
}

/** `GET /api/geo/areas?…`: the layer's areas by name, without geometry (the map draws from map layers). */
export const getLayerAreas = (layer: MapLayer, { signal }: { signal?: AbortSignal } = {}) =>
  api.get<AreaList>('/geo/areas', { query: mapLayers[layer].query, signal })

export const layerAreasQueryOptions = (layer: MapLayer) =>
  queryOptions({
    queryKey: ['geo', 'layer-areas', layer],
    queryFn: ({ signal }) => getLayerAreas(layer, { signal }),
    // Boundaries only change on re-import.
    staleTime: 60 * 60_000,
  })

export const useLayerAreas = (layer: MapLayer) => useQuery(layerAreasQueryOptions(layer))

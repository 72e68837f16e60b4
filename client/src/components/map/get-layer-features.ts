import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import { api, apiUrl, type QueryParams } from '../../lib/api-client'
import type { MapViewport } from './viewport-box'

/** Every map-layer feature carries these; the coverage layer adds `count:<column>` and `depth:<column>`. */
export interface LayerFeatureProperties {
  code: string
  name: string
  nameCy: string | null
  type: string
  level: string
  [property: string]: unknown
}

export type LayerFeature = Feature<Polygon | MultiPolygon, LayerFeatureProperties>
export type LayerFeatureCollection = FeatureCollection<Polygon | MultiPolygon, LayerFeatureProperties>

/** `GET /api/tiles/{layer}/features?bbox=&zoom=&…`: the layer's areas in a viewport, simplified for its zoom. */
export const getLayerFeatures = (
  layer: string,
  viewport: MapViewport,
  filters: QueryParams,
  { signal }: { signal?: AbortSignal } = {},
) =>
  api.get<LayerFeatureCollection>(`/tiles/${encodeURIComponent(layer)}/features`, {
    query: { ...filters, bbox: viewport.bbox.join(','), zoom: viewport.zoom },
    signal,
  })

export const layerFeaturesQueryOptions = (layer: string, viewport: MapViewport, filters: QueryParams) =>
  queryOptions({
    queryKey: ['map-layer', layer, filters, viewport],
    // The signal aborts a request whose viewport or filters were superseded before it answered.
    queryFn: ({ signal }) => getLayerFeatures(layer, viewport, filters, { signal }),
    // The previous viewport's areas stay drawn while the new ones load.
    placeholderData: keepPreviousData,
    // The server revalidates with ETags; boundaries change only on import, coverage with edits.
    staleTime: 30_000,
  })

/** The layer's features for the viewport; disabled (idle) while `viewport` is undefined. */
export const useLayerFeatures = (layer: string, viewport: MapViewport | undefined, filters: QueryParams) =>
  useQuery({
    ...layerFeaturesQueryOptions(layer, viewport ?? { bbox: [0, 0, 0, 0], zoom: 0 }, filters),
    enabled: viewport !== undefined,
  })

/** The vector-tile address template of a layer (`{z}/{x}/{y}` left for the renderer to fill). */
export const layerTileUrl = (layer: string, filters: QueryParams = {}) =>
  apiUrl(`/tiles/${encodeURIComponent(layer)}/{z}/{x}/{y}.mvt`, filters)

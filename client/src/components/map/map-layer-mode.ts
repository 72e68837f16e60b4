import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '../../lib/api-client'

/** Where the maps get their layers: vector tiles (server engine) or viewport GeoJSON (both engines). */
export type MapLayerMode = 'mvt' | 'geojson'

interface Readiness {
  mapLayers?: MapLayerMode
}

/**
 * `GET /api/ready`, read once: its `mapLayers` names the mode. A server that is not ready (503) or
 * names no mode gets GeoJSON, which both engines serve.
 */
export const mapLayerModeQueryOptions = () =>
  queryOptions({
    queryKey: ['map-layer-mode'],
    queryFn: async ({ signal }): Promise<MapLayerMode> => {
      try {
        const ready = await api.get<Readiness>('/ready', { signal })
        return ready?.mapLayers === 'mvt' ? 'mvt' : 'geojson'
      } catch (err) {
        if (signal.aborted) throw err
        return 'geojson'
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  })

/** The map-layer mode, or undefined while /api/ready is being read. */
export const useMapLayerMode = (): MapLayerMode | undefined => useQuery(mapLayerModeQueryOptions()).data

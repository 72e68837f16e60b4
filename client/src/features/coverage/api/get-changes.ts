import { queryOptions, useQuery } from '@tanstack/react-query'
import type { FeatureCollection, MultiPolygon } from 'geojson'
import type {
  AreaChange,
  ChangesResponse,
  SnapshotSummary,
} from '../../../../../server/coverage/coverage-snapshot-schemas'
import { api, apiUrl, type QueryParams } from '../../../lib/api-client'

export type { AreaChange, ChangesResponse, SnapshotSummary }

/** `GET /api/coverage/snapshots`: the dated snapshots, newest first. */
export const snapshotsQueryOptions = () =>
  queryOptions({
    queryKey: ['coverage', 'snapshots'],
    queryFn: ({ signal }) => api.get<{ items: SnapshotSummary[] }>('/coverage/snapshots', { signal }),
  })

export const useSnapshots = () => useQuery(snapshotsQueryOptions())

/** `GET /api/coverage/changes?…` (null: nothing chosen yet), as JSON and as GeoJSON for the map. */
export const useChanges = (query: QueryParams | null) =>
  useQuery({
    queryKey: ['coverage', 'changes', query],
    queryFn: ({ signal }) => api.get<ChangesResponse>('/coverage/changes', { query: query ?? {}, signal }),
    enabled: query !== null,
  })

export const useChangedAreas = (query: QueryParams | null) =>
  useQuery({
    queryKey: ['coverage', 'changes', 'geojson', query],
    queryFn: ({ signal }) =>
      api.get<FeatureCollection<MultiPolygon, AreaChange>>('/coverage/changes', {
        query: { ...query, format: 'geojson' },
        signal,
      }),
    enabled: query !== null,
  })

export const changesExportUrl = (query: QueryParams, format: 'csv' | 'geojson') =>
  apiUrl('/coverage/changes', { ...query, format })

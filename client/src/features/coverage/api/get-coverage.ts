import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { api, apiUrl } from '../../../lib/api-client'
import { type CoverageState, toApiQuery } from '../lib/coverage-state'
import type { CoverageFeatureCollection } from './coverage-types'

/** `GET /api/coverage?…&format=geojson`: the chosen areas with display geometry and their cells. */
export const getCoverage = (state: CoverageState, { signal }: { signal?: AbortSignal } = {}) =>
  api.get<CoverageFeatureCollection>('/coverage', {
    query: { ...toApiQuery(state), format: 'geojson' },
    signal,
  })

export const coverageQueryOptions = (state: CoverageState) =>
  queryOptions({
    queryKey: ['coverage', 'map', toApiQuery(state)],
    queryFn: ({ signal }) => getCoverage(state, { signal }),
    placeholderData: keepPreviousData,
  })

export const useCoverage = (state: CoverageState) => useQuery(coverageQueryOptions(state))

/** Download addresses of the same answer as CSV (one row per area × column) and GeoJSON. */
export const exportUrl = (state: CoverageState, format: 'csv' | 'geojson') =>
  apiUrl('/coverage', { ...toApiQuery(state), format })

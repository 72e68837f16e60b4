import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { api, apiUrl } from '../../../lib/api-client'
import { type CoverageState, toApiQuery } from '../lib/coverage-state'
import type { CoverageResponse } from './coverage-types'

/** `GET /api/coverage?…`: the chosen areas and their cells (the map draws geometry from the map layers). */
export const getCoverage = (state: CoverageState, { signal }: { signal?: AbortSignal } = {}) =>
  api.get<CoverageResponse>('/coverage', { query: toApiQuery(state), signal })

export const coverageQueryOptions = (state: CoverageState) =>
  queryOptions({
    queryKey: ['coverage', 'table', toApiQuery(state)],
    queryFn: ({ signal }) => getCoverage(state, { signal }),
    placeholderData: keepPreviousData,
  })

export const useCoverage = (state: CoverageState) => useQuery(coverageQueryOptions(state))

/** Download addresses of the same answer as CSV (one row per area × column) and GeoJSON. */
export const exportUrl = (state: CoverageState, format: 'csv' | 'geojson') =>
  apiUrl('/coverage', { ...toApiQuery(state), format })

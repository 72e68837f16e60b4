import { queryOptions, useQueries } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import type { AreaOption } from './coverage-types'

/** The areas of interest offered: nations, regions, counties and districts (names only). */
const groups = {
  nation: { level: 'national' },
  region: { level: 'regional' },
  county: { type: 'county' },
  district: { level: 'local' },
} as const

export type AreaOptionGroup = keyof typeof groups
export const areaOptionGroups = Object.keys(groups) as AreaOptionGroup[]

export const areaOptionsQueryOptions = (group: AreaOptionGroup) =>
  queryOptions({
    queryKey: ['coverage', 'area-options', group],
    queryFn: ({ signal }) => api.get<{ areas: AreaOption[] }>('/geo/areas', { query: groups[group], signal }),
    // Boundaries change only on re-import.
    staleTime: 60 * 60_000,
  })

export function useAreaOptions(): Record<AreaOptionGroup, AreaOption[]> {
  const results = useQueries({ queries: areaOptionGroups.map(areaOptionsQueryOptions) })
  return Object.fromEntries(
    areaOptionGroups.map((group, i) => [group, results[i]?.data?.areas ?? []]),
  ) as Record<AreaOptionGroup, AreaOption[]>
}

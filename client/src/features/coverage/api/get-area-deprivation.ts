import { queryOptions, useQuery } from '@tanstack/react-query'
import type { AreaDeprivationAnswer } from '../../../../../server/deprivation/deprivation-service'
import { api } from '../../../lib/api-client'

export type { AreaDeprivationAnswer }

/** `GET /api/areas/{code}/deprivation`: IMD 2019 figures (England) or why there are none, and population by band. */
export const getAreaDeprivation = (code: string, { signal }: { signal?: AbortSignal } = {}) =>
  api.get<AreaDeprivationAnswer>(`/areas/${encodeURIComponent(code)}/deprivation`, { signal })

export const areaDeprivationQueryOptions = (code: string) =>
  queryOptions({
    queryKey: ['coverage', 'deprivation', code],
    queryFn: ({ signal }) => getAreaDeprivation(code, { signal }),
    // Reference data: it changes only when the statistics are reloaded.
    staleTime: 10 * 60_000,
  })

export const useAreaDeprivation = (code: string) => useQuery(areaDeprivationQueryOptions(code))

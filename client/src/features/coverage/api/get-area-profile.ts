import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import type { AreaProfile } from './coverage-types'

/** `GET /api/areas/{code}/profile`: providers by level, baselines, gaps, duplication, unmet need, matrix. */
export const getAreaProfile = (code: string, { signal }: { signal?: AbortSignal } = {}) =>
  api.get<AreaProfile>(`/areas/${encodeURIComponent(code)}/profile`, { signal })

export const areaProfileQueryOptions = (code: string) =>
  queryOptions({
    queryKey: ['coverage', 'profile', code],
    queryFn: ({ signal }) => getAreaProfile(code, { signal }),
  })

export const useAreaProfile = (code: string | undefined) =>
  useQuery({ ...areaProfileQueryOptions(code ?? ''), enabled: code !== undefined })

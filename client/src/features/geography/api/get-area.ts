import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import type { AreaDetail } from './geo-types'

/** `GET /api/geo/areas/{code}`: an area's bounding box and label point, to move to it and name it. */
export const getArea = (code: string, { signal }: { signal?: AbortSignal } = {}) =>
  api.get<AreaDetail>(`/geo/areas/${encodeURIComponent(code)}`, { signal })

export const areaQueryOptions = (code: string) =>
  queryOptions({
    queryKey: ['geo', 'area', code],
    queryFn: ({ signal }) => getArea(code, { signal }),
    // Boundaries only change on re-import.
    staleTime: 60 * 60_000,
  })

export const useArea = (code: string | undefined) =>
  useQuery({ ...areaQueryOptions(code ?? ''), enabled: code !== undefined })

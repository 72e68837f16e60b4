import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'

/** `GET /api/geo/areas/{code}`: only its bounding box is used here, to move the map to the area. */
export const getAreaBounds = (code: string, { signal }: { signal?: AbortSignal } = {}) =>
  api
    .get<{ bbox: [number, number, number, number] }>(`/geo/areas/${encodeURIComponent(code)}`, { signal })
    .then((area) => area.bbox)

export const areaBoundsQueryOptions = (code: string) =>
  queryOptions({
    queryKey: ['coverage', 'area-bounds', code],
    queryFn: ({ signal }) => getAreaBounds(code, { signal }),
    // Boundaries change only on re-import.
    staleTime: 60 * 60_000,
  })

export const useAreaBounds = (code: string | undefined) =>
  useQuery({ ...areaBoundsQueryOptions(code ?? ''), enabled: code !== undefined })

import { useQuery } from '@tanstack/react-query'
import type { Freshness } from '../../../../../server/freshness/freshness-schemas'
import { api } from '../../../lib/api-client'

export type { Freshness }

/** `GET /api/freshness?within=`: the records covering an area by freshness, and their review links. */
export const useFreshness = (within: string) =>
  useQuery({
    queryKey: ['admin-ops', 'freshness', within],
    queryFn: ({ signal }) =>
      api.get<Freshness>('/freshness', { signal, query: within ? { within } : undefined }),
    retry: false,
  })

import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import type { ProviderDetail } from './provider-types'

/** `GET /api/providers/{idOrSlug}`: the full record, its listed service areas and referral pathways. */
export const getProvider = (idOrSlug: string, { signal }: { signal?: AbortSignal } = {}) =>
  api.get<ProviderDetail>(`/providers/${encodeURIComponent(idOrSlug)}`, { signal })

export const providerQueryOptions = (idOrSlug: string) =>
  queryOptions({
    queryKey: ['providers', 'detail', idOrSlug],
    queryFn: ({ signal }) => getProvider(idOrSlug, { signal }),
  })

export const useProvider = (idOrSlug: string) => useQuery(providerQueryOptions(idOrSlug))

import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { type SearchState, toApiQuery, toSearchParams } from '../lib/search-state'
import type { SearchResponse } from './directory-types'

/** `GET /api/providers?…`: providers matching every filter, nearest level first when a place is given. */
export const searchProviders = (state: SearchState, { signal }: { signal?: AbortSignal } = {}) =>
  api.get<SearchResponse>('/providers', { query: toApiQuery(state), signal })

export const searchProvidersQueryOptions = (state: SearchState) =>
  queryOptions({
    // The canonical address-bar form identifies a search: equal searches share one cache entry.
    queryKey: ['providers', 'search', toSearchParams(state).toString()],
    queryFn: ({ signal }) => searchProviders(state, { signal }),
    // The page being left stays on screen until the next one arrives, so paging does not flash empty.
    placeholderData: keepPreviousData,
  })

export const useSearchProviders = (state: SearchState, enabled: boolean) =>
  useQuery({ ...searchProvidersQueryOptions(state), enabled })

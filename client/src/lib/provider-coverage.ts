import { queryOptions, useQuery } from '@tanstack/react-query'
import type { CoverageFeature } from '../../../server/directory/directory-schemas'
import { api } from './api-client'

export type { CoverageFeature } from '../../../server/directory/directory-schemas'

/**
 * `GET /api/providers/{idOrSlug}/coverage`: a provider's service area as one display-simplified
 * GeoJSON Feature (geometry null when no service area is recorded). Used by the results map and
 * the provider page, hence shared here rather than owned by either feature.
 */
export const getProviderCoverage = (idOrSlug: string, { signal }: { signal?: AbortSignal } = {}) =>
  api.get<CoverageFeature>(`/providers/${encodeURIComponent(idOrSlug)}/coverage`, { signal })

export const providerCoverageQueryOptions = (idOrSlug: string) =>
  queryOptions({
    queryKey: ['providers', 'coverage', idOrSlug],
    queryFn: ({ signal }) => getProviderCoverage(idOrSlug, { signal }),
    staleTime: 10 * 60_000,
  })

/** The coverage of `idOrSlug` when given; idle otherwise. */
export const useProviderCoverage = (idOrSlug: string | undefined) =>
  useQuery({ ...providerCoverageQueryOptions(idOrSlug ?? ''), enabled: Boolean(idOrSlug) })

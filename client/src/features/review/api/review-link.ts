import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { withCsrf } from '../../../lib/session'

/** The record as its public page shows it (the fields the review page lists). */
export interface ReviewRecord {
  slug: string
  name: string
  summary: string
  address?: string | null
  email?: string | null
  phone?: string | null
  website?: string | null
  lastVerifiedAt: string | null
}

export interface ReviewLinkState {
  expiresAt: string
  openedAt: string
  record: ReviewRecord
}

const path = (token: string) => `/reviews/${encodeURIComponent(token)}`

/** `GET /api/reviews/{token}`: the record to check (the server records the opening). */
export const reviewLinkQueryOptions = (token: string) =>
  queryOptions({
    queryKey: ['reviews', token],
    queryFn: ({ signal }) => api.get<ReviewLinkState>(path(token), { signal }),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  })

export const useReviewLink = (token: string) => useQuery(reviewLinkQueryOptions(token))

/** `POST /api/reviews/{token}/confirm`: the record is right; it is stamped verified today. */
export function useConfirmReview(token: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () =>
      withCsrf(client, (headers) =>
        api.post<{ providerId: string; lastVerifiedAt: string }>(`${path(token)}/confirm`, undefined, {
          headers,
        }),
      ),
  })
}

/** `POST /api/reviews/{token}/changes`: proposed changes, for an editor to check. */
export function useProposeChanges(token: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: { proposed: Record<string, string | null>; message?: string }) =>
      withCsrf(client, (headers) =>
        api.post<{ suggestion: { id: string } }>(`${path(token)}/changes`, body, { headers }),
      ),
  })
}

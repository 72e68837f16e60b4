import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { withCsrf } from '../../../lib/session'

export interface FieldChange {
  field: string
  current: unknown
  proposed: unknown
  changed: boolean
}

/** One queued change (a public suggestion or a provider-role edit) with its per-field diff. */
export interface ModerationItem {
  id: string
  providerId: string
  origin: 'public' | 'provider' | 'review-link'
  status: 'pending' | 'approved' | 'rejected'
  message: string | null
  baseVersion: number
  submittedBy: string | null
  decidedAt: string | null
  decisionReason: string | null
  createdAt: string
  provider: { id: string; slug: string | null; name: string | null; version: number | null }
  changes: FieldChange[]
}

export interface ModerationPage {
  items: ModerationItem[]
  page: number
  perPage: number
  total: number
}

export const moderationKeys = { all: ['admin-ops', 'moderation'] as const }

/** `GET /api/moderation?status=pending`: the queue, oldest first, a page at a time. */
export const moderationQueueOptions = (page: number) =>
  queryOptions({
    queryKey: [...moderationKeys.all, 'queue', page],
    queryFn: ({ signal }) =>
      api.get<ModerationPage>('/moderation', { query: { status: 'pending', page, perPage: 25 }, signal }),
    staleTime: 0,
  })

export const useModerationQueue = (page: number) => useQuery(moderationQueueOptions(page))

/** `GET /api/moderation/{id}`: one item, its diff against the record as it is now. */
export const useModerationItem = (id: string | null) =>
  useQuery({
    queryKey: [...moderationKeys.all, 'item', id],
    queryFn: ({ signal }) => api.get<ModerationItem>(`/moderation/${id}`, { signal }),
    enabled: id !== null,
    staleTime: 0,
  })

/** Approve (applies the proposal atomically) or reject (a reason is required). */
export function useDecide() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (decision: { id: string; approve: true } | { id: string; approve: false; reason: string }) =>
      withCsrf(client, (headers) =>
        decision.approve
          ? api.post<unknown>(`/moderation/${decision.id}/approve`, {}, { headers })
          : api.post<unknown>(`/moderation/${decision.id}/reject`, { reason: decision.reason }, { headers }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: moderationKeys.all }),
  })
}

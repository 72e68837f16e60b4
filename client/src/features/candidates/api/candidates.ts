import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Candidate, CandidatePage } from '../../../../../server/candidates/candidates-schemas'
import { api } from '../../../lib/api-client'
import { withCsrf } from '../../../lib/session'

export type { Candidate, CandidatePage }

export const candidateKeys = { all: ['admin-ops', 'candidates'] as const }

/** `GET /api/candidates?source=&page=`: imported drafts with their evidence and possible matches. */
export const useCandidates = (source: string, page: number) =>
  useQuery({
    queryKey: [...candidateKeys.all, source, page],
    queryFn: ({ signal }) =>
      api.get<CandidatePage>('/candidates', { signal, query: { page, ...(source ? { source } : {}) } }),
    staleTime: 0,
  })

export type Decision =
  | { kind: 'accept'; id: string }
  | { kind: 'merge'; id: string; into: string }
  | { kind: 'reject'; id: string; reason: string }

/** Accept, merge or reject one candidate; the queue (and records) are read again afterwards. */
export function useDecideCandidate() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (d: Decision) =>
      withCsrf(client, (headers) =>
        d.kind === 'accept'
          ? api.post<unknown>(`/candidates/${d.id}/accept`, {}, { headers })
          : d.kind === 'merge'
            ? api.post<unknown>(`/candidates/${d.id}/merge`, { into: d.into }, { headers })
            : api.post<unknown>(`/candidates/${d.id}/reject`, { reason: d.reason }, { headers }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin-ops'] }),
  })
}

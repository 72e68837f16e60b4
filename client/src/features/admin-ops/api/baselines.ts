import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Baseline } from '../../../../../server/coverage/coverage-schemas'
import { api } from '../../../lib/api-client'
import { withCsrf } from '../../../lib/session'

export type { Baseline }

/** The fields an editor writes; `version` comes from the baseline read. */
export type BaselineFields = Omit<Baseline, 'id' | 'version' | 'createdAt' | 'updatedAt'>

const baselinesKey = ['admin-ops', 'baselines'] as const

/** `GET /api/coverage/baselines`. */
export const useBaselines = () =>
  useQuery({
    queryKey: baselinesKey,
    queryFn: ({ signal }) => api.get<{ items: Baseline[] }>('/coverage/baselines', { signal }),
    staleTime: 0,
  })

/** Create (no id), change (id + the version read) or delete a baseline rule. */
export function useSaveBaseline() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (change: { id?: string; version?: number; fields: BaselineFields }) =>
      withCsrf(client, (headers) =>
        change.id
          ? api.patch<Baseline>(
              `/coverage/baselines/${change.id}`,
              { ...change.fields, version: change.version },
              { headers },
            )
          : api.post<Baseline>('/coverage/baselines', change.fields, { headers }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: baselinesKey }),
  })
}

export function useDeleteBaseline() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      withCsrf(client, (headers) => api.delete<void>(`/coverage/baselines/${id}`, { headers })),
    onSuccess: () => client.invalidateQueries({ queryKey: baselinesKey }),
  })
}

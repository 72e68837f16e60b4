import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { type Role, type SessionUser, withCsrf } from '../../../lib/session'

export type AccountUser = SessionUser
export const ROLES: readonly Role[] = ['admin', 'editor', 'helpline', 'provider']

const usersKey = ['admin-ops', 'users'] as const

/** `GET /api/users` (admin). */
export const useUsers = (enabled = true) =>
  useQuery({
    queryKey: usersKey,
    enabled,
    queryFn: ({ signal }) => api.get<{ items: AccountUser[] }>('/users', { signal }),
    staleTime: 0,
  })

/** `POST /api/users`: the answer carries `generatedPassword` once, when none was given. */
export function useCreateUser() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: { email: string; role: Role; displayName?: string }) =>
      withCsrf(client, (headers) =>
        api.post<AccountUser & { generatedPassword?: string }>('/users', body, { headers }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: usersKey }),
  })
}

/** `PATCH /api/users/{id}`: role, display name or disabled. */
export function useUpdateUser() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; role?: Role; disabled?: boolean }) =>
      withCsrf(client, (headers) => api.patch<AccountUser>(`/users/${id}`, body, { headers })),
    onSuccess: () => client.invalidateQueries({ queryKey: usersKey }),
  })
}

/** `POST /api/providers/{idOrSlug}/users`: lets a provider-role account propose changes to that record. */
export function useLinkProvider() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ provider, userId }: { provider: string; userId: string }) =>
      withCsrf(client, (headers) =>
        api.post<void>(`/providers/${encodeURIComponent(provider)}/users`, { userId }, { headers }),
      ),
  })
}

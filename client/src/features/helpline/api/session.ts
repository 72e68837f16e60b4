import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { PublicUser } from '../../../../../server/auth/auth-schemas'
import { api } from '../../../lib/api-client'

export interface SessionInfo {
  user: PublicUser | null
  csrfToken: string
}

/** Roles that may log an enquiry (POST /api/enquiries). */
export const ENQUIRY_ROLES: ReadonlyArray<PublicUser['role']> = ['helpline', 'editor', 'admin']

/** `GET /api/auth/session`: who is signed in, and the CSRF token every change must echo. */
export const getSession = ({ signal }: { signal?: AbortSignal } = {}) =>
  api.get<SessionInfo>('/auth/session', { signal })

export const sessionQueryOptions = () =>
  queryOptions({ queryKey: ['auth', 'session'], queryFn: getSession, staleTime: 5 * 60_000 })

export const useSession = () => useQuery(sessionQueryOptions())

/** `POST /api/auth/login`; the session (and its new CSRF token) replaces the cached one. */
export function useSignIn() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async (credentials: { email: string; password: string }) => {
      const session = await client.fetchQuery(sessionQueryOptions())
      return api.post<SessionInfo>('/auth/login', credentials, {
        headers: { 'X-CSRF-Token': session.csrfToken },
      })
    },
    onSuccess: (signedIn) => client.setQueryData(sessionQueryOptions().queryKey, signedIn),
  })
}

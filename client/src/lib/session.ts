import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { PublicUser } from '../../../server/auth/auth-schemas'
import { ApiError, api } from './api-client'

export type SessionUser = PublicUser
export type Role = PublicUser['role']

/** A provider record a provider-role account is linked to. */
export interface LinkedProvider {
  id: string
  slug: string
  name: string
}

export interface SessionInfo {
  user: SessionUser | null
  /** For a provider-role account: the records it may propose changes to; empty otherwise. */
  providers: LinkedProvider[]
  csrfToken: string
}

/** `GET /api/auth/session`: who is signed in, and the CSRF token every change must echo. */
export const getSession = ({ signal }: { signal?: AbortSignal } = {}) =>
  api.get<SessionInfo>('/auth/session', { signal })

export const sessionQueryOptions = () =>
  queryOptions({ queryKey: ['auth', 'session'], queryFn: getSession, staleTime: 5 * 60_000 })

/** The session query: `data.user` is the signed-in user (with role), or null when signed out. */
export const useSession = () => useQuery(sessionQueryOptions())

/** True when the signed-in user has one of the given roles. */
export function hasRole(user: SessionUser | null | undefined, roles: readonly Role[]): boolean {
  return user ? roles.includes(user.role) : false
}

type QueryClient = ReturnType<typeof useQueryClient>

/**
 * Runs a change with the session's `X-CSRF-Token`. A stale token (the session was renewed
 * elsewhere) is fetched afresh and the change tried once more; a 401 (signed out meanwhile)
 * refreshes the session so the page shows the sign-in form again.
 */
export async function withCsrf<T>(
  client: QueryClient,
  send: (headers: { 'X-CSRF-Token': string }) => Promise<T>,
): Promise<T> {
  const attempt = async () => {
    const session = await client.fetchQuery(sessionQueryOptions())
    return send({ 'X-CSRF-Token': session.csrfToken })
  }
  try {
    return await attempt()
  } catch (err) {
    if (err instanceof ApiError && err.errorName === 'CsrfTokenInvalid') {
      await client.invalidateQueries({ queryKey: sessionQueryOptions().queryKey })
      return attempt()
    }
    if (err instanceof ApiError && err.status === 401) {
      void client.invalidateQueries({ queryKey: sessionQueryOptions().queryKey })
    }
    throw err
  }
}

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

/** `POST /api/auth/logout`; every cached query is dropped so nothing of the account stays on screen. */
export function useSignOut() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () => withCsrf(client, (headers) => api.post<void>('/auth/logout', undefined, { headers })),
    onSettled: async () => {
      client.removeQueries()
      await client.fetchQuery(sessionQueryOptions())
    },
  })
}

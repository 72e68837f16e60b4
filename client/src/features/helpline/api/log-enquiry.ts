import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { CreateEnquiryBody } from '../../../../../server/enquiries/enquiry-schemas'
import { ApiError, api } from '../../../lib/api-client'
import { sessionQueryOptions } from './session'

export type EnquiryInput = CreateEnquiryBody

export interface LoggedEnquiry {
  id: string
  recordedAt: string
  districtCode: string
  wardCode: string | null
  outcome: CreateEnquiryBody['outcome']
  referredTo: string[]
}

/**
 * `POST /api/enquiries` with the session's CSRF token. The body holds the postcode only so the
 * server can find the district; the server stores the district and ward, never the postcode.
 */
export function useLogEnquiry() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async (input: EnquiryInput) => {
      const send = async () => {
        const session = await client.fetchQuery(sessionQueryOptions())
        return api.post<LoggedEnquiry>('/enquiries', input, {
          headers: { 'X-CSRF-Token': session.csrfToken },
        })
      }
      try {
        return await send()
      } catch (err) {
        // A stale token (the session was renewed elsewhere): fetch a fresh one and try once more.
        if (err instanceof ApiError && err.errorName === 'CsrfTokenInvalid') {
          await client.invalidateQueries({ queryKey: sessionQueryOptions().queryKey })
          return send()
        }
        throw err
      }
    },
    onError: (err) => {
      // Signed out meanwhile (timeout): show the sign-in form again.
      if (err instanceof ApiError && err.status === 401) {
        void client.invalidateQueries({ queryKey: sessionQueryOptions().queryKey })
      }
    },
  })
}

import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { CreateEnquiryBody } from '../../../../../server/enquiries/enquiry-schemas'
import { api } from '../../../lib/api-client'
import { withCsrf } from '../../../lib/session'

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
    mutationFn: (input: EnquiryInput) =>
      withCsrf(client, (headers) => api.post<LoggedEnquiry>('/enquiries', input, { headers })),
  })
}

import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { CreateEnquiryBody, EnquiryRecord } from '../../../../../server/enquiries/enquiry-schemas'
import { api } from '../../../lib/api-client'
import { withCsrf } from '../../../lib/session'

export type EnquiryInput = CreateEnquiryBody
export type LoggedEnquiry = EnquiryRecord

/**
 * `POST /api/enquiries` with the session's CSRF token. The body holds the postcode only so the
 * server can find the district; the server stores the district, never the postcode. The call's
 * `idempotencyKey` makes a repeat answer the enquiry already logged instead of logging it again.
 */
export function useLogEnquiry() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: EnquiryInput) =>
      withCsrf(client, (headers) => api.post<LoggedEnquiry>('/enquiries', input, { headers })),
  })
}

/** `DELETE /api/enquiries/{id}`: "undo last log", for the enquiry this session logged last. */
export function useUndoEnquiry() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      withCsrf(client, (headers) =>
        api.delete<LoggedEnquiry>(`/enquiries/${encodeURIComponent(id)}`, { headers }),
      ),
  })
}

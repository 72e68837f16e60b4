import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { withCsrf } from '../../../lib/session'

/** A grant recipient no record matches (or matched by name and postcode only), as GET /api/grants/unmatched lists it. */
export interface UnmatchedRecipient {
  recipientOrgId: string
  recipientName: string
  charityNumber: string | null
  postcode: string | null
  grants: number
  amount: number
  suggestion: { id: string; slug: string; name: string } | null
}

const unmatchedOptions = () =>
  queryOptions({
    queryKey: ['grants', 'unmatched'],
    queryFn: ({ signal }) => api.get<{ recipients: UnmatchedRecipient[] }>('/grants/unmatched', { signal }),
  })

export const useUnmatchedRecipients = () => useQuery(unmatchedOptions())

/** PUT /api/grants/recipient-match: link a recipient's grants to a record (audited). */
export function useLinkRecipient() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: { recipientOrgId: string; providerId: string }) =>
      withCsrf(client, (headers) =>
        api.put<{
          recipientOrgId: string
          grants: number
          provider: { id: string; slug: string; name: string }
        }>('/grants/recipient-match', body, { headers }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['grants'] }),
  })
}

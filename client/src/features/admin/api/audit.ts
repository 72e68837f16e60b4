import { useQuery } from '@tanstack/react-query'
import type { AuditAction } from '../../../../../server/audit/audit-schemas'
import { api } from '../../../lib/api-client'

export interface AuditItem {
  id: string
  at: string
  actor: { userId: string | null; label: string }
  action: AuditAction
  diff: Record<string, { from: unknown; to: unknown }> | null
  note: string | null
}

/** `GET /api/audit?entityType=provider&entityId=…`: one record's history, newest first. */
export const useRecordAudit = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: ['admin', 'audit', 'provider', id],
    queryFn: ({ signal }) =>
      api.get<{ items: AuditItem[]; total: number }>('/audit', {
        query: { entityType: 'provider', entityId: id, perPage: 50 },
        signal,
      }),
    enabled,
  })

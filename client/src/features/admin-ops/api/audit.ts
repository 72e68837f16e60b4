import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { AuditAction } from '../../../../../server/audit/audit-actions'
import { api } from '../../../lib/api-client'

export { AUDIT_ACTIONS, type AuditAction } from '../../../../../server/audit/audit-actions'

export interface AuditItem {
  id: string
  at: string
  actor: { userId: string | null; label: string }
  action: AuditAction
  entityType: string
  entityId: string
  diff: Record<string, { from: unknown; to: unknown }> | null
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
  requestId: string | null
  note: string | null
  /** A provider row's record name (its current name, else the name the change recorded). */
  recordName?: string | null
}

/** The filters `GET /api/audit` takes (auditQuerySchema); empty ones are left out. */
export interface AuditFilters {
  /** Part of a provider record's name. */
  name?: string
  actor?: string
  entityType?: string
  entityId?: string
  action?: AuditAction
  /** ISO date-times. */
  from?: string
  to?: string
  page: number
}

export const AUDIT_PER_PAGE = 25

export const useAudit = (filters: AuditFilters, enabled: boolean) =>
  useQuery({
    queryKey: ['admin-ops', 'audit', filters],
    queryFn: ({ signal }) =>
      api.get<{ items: AuditItem[]; page: number; perPage: number; total: number }>('/audit', {
        query: { ...filters, perPage: AUDIT_PER_PAGE },
        signal,
      }),
    enabled,
    staleTime: 0,
    placeholderData: keepPreviousData,
  })

import { z } from 'zod'
import { AUDIT_ACTIONS, type AuditAction } from './audit-actions'

export { AUDIT_ACTIONS, type AuditAction }

export interface AuditActor {
  userId: string | null
  /** Shown in the trail: the account's email, or "import", "system", "public suggestion". */
  label: string
}

export interface AuditEntry {
  actor: AuditActor
  action: AuditAction
  entityType: string
  entityId: string
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
  requestId?: string
  note?: string
}

const isoDate = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 date-time, e.g. 2026-11-01T00:00:00Z',
})

export const auditQuerySchema = z
  .object({
    entityType: z.string().min(1).max(50).optional(),
    entityId: z.string().min(1).max(200).optional(),
    actor: z.uuid({ error: 'actor must be a user id (UUID)' }).optional(),
    /** Part of a provider record's name (now or at the time of the change): that record's trail. */
    name: z
      .string()
      .trim()
      .min(2, { error: 'name must be at least 2 characters' })
      .max(200, { error: 'name must be at most 200 characters' })
      .optional(),
    action: z.enum(AUDIT_ACTIONS, { error: `action must be one of ${AUDIT_ACTIONS.join(', ')}` }).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    page: z.coerce
      .number({ error: 'page must be a whole number from 1' })
      .int()
      .min(1, { error: 'page must be 1 or more' })
      .default(1),
    perPage: z.coerce
      .number({ error: 'perPage must be a whole number from 1 to 100' })
      .int()
      .min(1, { error: 'perPage must be from 1 to 100' })
      .max(100, { error: 'perPage must be from 1 to 100' })
      .default(50),
  })
  .strict()

export type AuditQuery = z.infer<typeof auditQuerySchema>

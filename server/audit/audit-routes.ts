import { Router } from 'express'
import type { Knex } from 'knex'
import { requireRole } from '../auth/auth-middleware'
import { HttpError, parseOrThrow } from '../lib/errors'
import type { AuditRow } from './audit-queries'
import { createAuditQueries } from './audit-queries'
import { auditQuerySchema } from './audit-schemas'

function toApi(row: AuditRow) {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: { userId: row.actor_user_id, label: row.actor_label },
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    diff: row.diff,
    before: row.before,
    after: row.after,
    requestId: row.request_id,
    note: row.note,
  }
}

/**
 * Admins filter the whole trail; editors may read the trail of one record
 * (entityType + entityId), which is what the edit screen shows.
 */
export function auditRoutes(knex: Knex): Router {
  const queries = createAuditQueries(knex)
  const router = Router()
  router.get('/audit', requireRole('admin', 'editor'), async (req, res) => {
    const q = parseOrThrow(auditQuerySchema, req.query, 'query')
    if (req.session.role !== 'admin' && !(q.entityType && q.entityId)) {
      throw new HttpError(
        403,
        'Forbidden',
        'Editors can read the audit trail of one record: give entityType and entityId',
      )
    }
    const { rows, total } = await queries.list(q)
    res.json({ items: rows.map(toApi), page: q.page, perPage: q.perPage, total })
  })
  return router
}

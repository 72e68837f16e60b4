import type { Knex } from 'knex'
import { HttpError, ValidationError } from '../lib/errors'
import { defineRoute, type RouteDefinition } from '../lib/route-table'
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
    recordName: row.record_name ?? null,
  }
}

/**
 * Admins filter the whole trail. Editors may read the trail of the records they may edit: provider
 * records (all of them, or those whose name holds `name`), or any one record (entityType + entityId),
 * which is what the edit screen shows.
 */
export function auditRoutes(knex: Knex): RouteDefinition[] {
  const queries = createAuditQueries(knex)
  return [
    defineRoute({
      method: 'get',
      path: '/api/audit',
      tags: ['Accounts'],
      summary: 'The audit log of changes',
      roles: ['admin', 'editor'],
      query: auditQuerySchema,
      responses: { 200: { description: 'A page of audit entries' } },
      async handler({ query: q }, req, res) {
        if (q.name && q.entityType && q.entityType !== 'provider') {
          throw new ValidationError(
            'Invalid query: name: searches provider records; leave entityType out or give provider',
            [{ field: 'name', message: 'searches provider records; leave entityType out or give provider' }],
          )
        }
        const providerTrail =
          q.entityType === 'provider' || (q.name !== undefined && q.entityType === undefined)
        if (req.session.role !== 'admin' && !(q.entityType && q.entityId) && !providerTrail) {
          throw new HttpError(
            403,
            'Forbidden',
            'Editors can read the audit trail of provider records (entityType=provider, optionally name) or of one record (entityType and entityId)',
          )
        }
        const { rows, total } = await queries.list(q)
        res.json({ items: rows.map(toApi), page: q.page, perPage: q.perPage, total })
      },
    }),
  ]
}

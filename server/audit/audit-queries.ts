import type { Knex } from 'knex'
import { diffRecords } from './audit-diff'
import type { AuditEntry, AuditQuery } from './audit-schemas'

/** Writes one audit row inside the caller's transaction (never on its own connection). */
export async function recordAudit(trx: Knex | Knex.Transaction, entry: AuditEntry): Promise<void> {
  await trx('audit_log').insert({
    actor_user_id: entry.actor.userId,
    actor_label: entry.actor.label,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    before: entry.before === null ? null : JSON.stringify(entry.before),
    after: entry.after === null ? null : JSON.stringify(entry.after),
    diff: JSON.stringify(diffRecords(entry.before, entry.after)),
    request_id: entry.requestId ?? null,
    note: entry.note ?? null,
  })
}

export interface AuditRow {
  id: number
  at: Date
  actor_user_id: string | null
  actor_label: string
  action: string
  entity_type: string
  entity_id: string
  before: unknown
  after: unknown
  diff: unknown
  request_id: string | null
  note: string | null
}

export function createAuditQueries(knex: Knex) {
  return {
    async list(q: AuditQuery): Promise<{ rows: AuditRow[]; total: number }> {
      const base = knex<AuditRow>('audit_log').where((b) => {
        if (q.entityType) b.where('entity_type', q.entityType)
        if (q.entityId) b.where('entity_id', q.entityId)
        if (q.actor) b.where('actor_user_id', q.actor)
        if (q.action) b.where('action', q.action)
        if (q.from) b.where('at', '>=', q.from)
        if (q.to) b.where('at', '<', q.to)
      })
      const [count] = await base.clone().count<{ n: number }[]>({ n: '*' })
      const rows = await base
        .clone()
        .orderBy([
          { column: 'at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(q.perPage)
        .offset((q.page - 1) * q.perPage)
      return { rows, total: Number(count?.n ?? 0) }
    },
  }
}

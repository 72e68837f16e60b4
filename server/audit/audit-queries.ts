import type { Knex } from 'knex'
import type { AuditQuery } from './audit-schemas'

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
  /** A provider row's record name: the record's current name, else the name the change recorded. */
  record_name?: string | null
}

/** `%`, `_` and `\` typed in a search box are matched as themselves. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

export function createAuditQueries(knex: Knex) {
  return {
    async list(q: AuditQuery): Promise<{ rows: AuditRow[]; total: number }> {
      const base = knex<AuditRow>('audit_log').where((b) => {
        if (q.name) {
          const pattern = likePattern(q.name)
          b.where('entity_type', 'provider').where((n) =>
            n
              .whereIn(
                'entity_id',
                knex('providers').select(knex.raw('id::text')).whereILike('name', pattern),
              )
              .orWhereRaw("after->>'name' ILIKE ?", [pattern])
              .orWhereRaw("before->>'name' ILIKE ?", [pattern]),
          )
        }
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
        .select(
          'audit_log.*',
          knex.raw(
            `CASE WHEN audit_log.entity_type = 'provider' THEN COALESCE(
               (SELECT p.name FROM providers p WHERE p.id::text = audit_log.entity_id),
               audit_log.after->>'name', audit_log.before->>'name') END AS record_name`,
          ),
        )
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

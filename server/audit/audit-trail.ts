import type { Knex } from 'knex'
import { diffRecords } from './audit-diff'
import type { AuditEntry } from './audit-schemas'

/**
 * The audit trail's one writer: every feature's change writes its rows through here, inside the
 * transaction that made the change (never on its own connection), so a rolled-back change leaves
 * no row. Reads are in audit-queries.ts.
 */

const AUDIT_CHUNK_ROWS = 1000

const auditRow = (entry: AuditEntry) => ({
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

/** Writes one audit row inside the caller's transaction. */
export async function recordAudit(trx: Knex | Knex.Transaction, entry: AuditEntry): Promise<void> {
  await trx('audit_log').insert(auditRow(entry))
}

/** Many audit rows in one statement per chunk (a bulk import). */
export async function insertAuditRows(trx: Knex.Transaction, entries: AuditEntry[]): Promise<void> {
  const rows = entries.map(auditRow)
  for (let i = 0; i < rows.length; i += AUDIT_CHUNK_ROWS) {
    await trx('audit_log').insert(rows.slice(i, i + AUDIT_CHUNK_ROWS))
  }
}

/** The label an audit row shows for an account: its email (the id when the account is gone). */
export async function userLabel(knex: Knex, userId: string): Promise<string | undefined> {
  const row = await knex('users').where({ id: userId }).first('email')
  return row?.email
}

import type { Knex } from 'knex'
import type { AuditEntry } from '../audit/audit-schemas'
import { insertAuditRows, userLabel } from '../audit/audit-trail'
import type { Actor } from '../editing/editing-schemas'
import { loadProviders } from '../providers/provider-queries'
import { insertProviderRecords, rewriteProviders } from '../providers/provider-writes'
import type { ImportPlan, ProgressSink } from './imports-plan'
import { IMPORT_WRITE_BATCH } from './imports-report'

/**
 * A commit's writes, inside the caller's transaction: new records through the directory's insert
 * path, updates through editing's rewrite (so codes, search rows and coverage follow), then one
 * audit row per record, naming the import.
 */
export async function writeImport(
  trx: Knex.Transaction,
  planned: ImportPlan,
  actor: Actor | null,
  filename: string | undefined,
  track: ProgressSink,
): Promise<void> {
  const creates = planned.good.filter((g) => !planned.existing.has(g.input.slug))
  const updates = planned.good.filter((g) => planned.existing.has(g.input.slug))
  const toWrite = creates.length + updates.length
  const label = actor ? ((await userLabel(trx, actor.userId)) ?? actor.userId) : 'import'
  const updateIds = updates.map((u) => planned.existing.get(u.input.slug)?.id as string)
  const before = await loadProviders(trx, updateIds)
  await track.set('writing', 0, toWrite, true)
  const createdIds: string[] = []
  for (let i = 0; i < creates.length; i += IMPORT_WRITE_BATCH) {
    const batch = creates.slice(i, i + IMPORT_WRITE_BATCH)
    createdIds.push(
      ...(await insertProviderRecords(
        trx,
        batch.map((c) => c.input),
      )),
    )
    await track.set('writing', createdIds.length, toWrite, true)
  }
  for (let i = 0; i < updates.length; i += IMPORT_WRITE_BATCH) {
    await rewriteProviders(
      trx,
      updates.slice(i, i + IMPORT_WRITE_BATCH).map((u) => {
        const id = planned.existing.get(u.input.slug)?.id as string
        const { status, ...next } = u.input
        return { id, next, coverageChanged: true, status }
      }),
    )
    await track.set(
      'writing',
      creates.length + Math.min(i + IMPORT_WRITE_BATCH, updates.length),
      toWrite,
      true,
    )
  }
  // The audit trail and the import's own record, in the same transaction as the rows.
  await track.set('indexing', 0, toWrite, true)
  const ids = [...createdIds, ...updateIds]
  const after = await loadProviders(trx, ids)
  const actorRef = { userId: actor?.userId ?? null, label }
  const note = (verb: string) => `${verb} by import${filename ? ` of ${filename}` : ''}`
  const entries: AuditEntry[] = [
    ...createdIds.map((id) => ({
      actor: actorRef,
      action: 'import' as const,
      entityType: 'provider',
      entityId: id,
      before: null,
      after: after.get(id)?.record ?? null,
      requestId: actor?.requestId,
      note: note('created'),
    })),
    ...updateIds.map((id) => ({
      actor: actorRef,
      action: 'import' as const,
      entityType: 'provider',
      entityId: id,
      before: before.get(id)?.record ?? null,
      after: after.get(id)?.record ?? null,
      requestId: actor?.requestId,
      note: note('updated'),
    })),
  ]
  await insertAuditRows(trx, entries)
  await track.set('indexing', toWrite, toWrite, true)
}

import type { Knex } from 'knex'

/**
 * Rejections an editor made in the review queue (server/candidates), remembered per source and
 * source id so that a re-import of the register or a re-harvest of a feed does not bring the record
 * back: the imports read them when they plan, the queue writes them. Part of a record's provenance,
 * so it lives in the providers core, which both features call.
 */

/** The skipped reason of a charity or harvested service an editor rejected in the review queue. */
export const REJECTED = 'rejected'

export async function rejectedIds(knex: Knex, source: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const result = await knex.raw<{ rows: Array<{ source_id: string }> }>(
    'SELECT source_id FROM candidate_rejections WHERE source = ? AND source_id = ANY(?::text[])',
    [source, ids],
  )
  return new Set(result.rows.map((r) => r.source_id))
}

export async function insertRejection(
  trx: Knex.Transaction,
  row: { source: string; sourceId: string; name: string; reason: string; by: string | null; label: string },
): Promise<void> {
  await trx('candidate_rejections')
    .insert({
      source: row.source,
      source_id: row.sourceId,
      name: row.name,
      reason: row.reason,
      rejected_by: row.by,
      rejected_by_label: row.label,
    })
    .onConflict(['source', 'source_id'])
    .merge(['name', 'reason', 'rejected_by', 'rejected_by_label', 'rejected_at'])
}

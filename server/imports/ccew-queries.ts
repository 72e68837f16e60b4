import type { Knex } from 'knex'

/** SQL of the register import: the provider_sources rows (decision 0015). */

export interface SourceLinkRow {
  provider_id: string
  source_id: string
  org_ids: string[]
  register_values: Record<string, unknown>
  facts: Record<string, unknown>
  removed_on: string | null
}

export async function sourceLinks(knex: Knex, source: string): Promise<Map<string, SourceLinkRow>> {
  const result = await knex.raw<{ rows: SourceLinkRow[] }>(
    `SELECT provider_id, source_id, org_ids, register_values, facts, to_char(removed_on, 'YYYY-MM-DD') AS removed_on
     FROM provider_sources WHERE source = ?`,
    [source],
  )
  return new Map(result.rows.map((r) => [r.source_id, r]))
}

/** Records not from this source that hold one of these charity numbers: number -> slug. */
export async function unlinkedByCharityNumber(
  knex: Knex,
  source: string,
  numbers: string[],
): Promise<Map<string, string>> {
  if (numbers.length === 0) return new Map()
  const result = await knex.raw<{ rows: Array<{ charity_number: string; slug: string }> }>(
    `SELECT p.charity_number, p.slug FROM providers p
     WHERE p.charity_number = ANY(?::text[])
       AND NOT EXISTS (SELECT 1 FROM provider_sources s WHERE s.provider_id = p.id AND s.source = ?)`,
    [numbers, source],
  )
  return new Map(result.rows.map((r) => [r.charity_number, r.slug]))
}

export interface SourceLinkWrite {
  providerId: string
  sourceId: string
  orgIds: string[]
  fetchedAt: Date
  registerValues: Record<string, unknown>
  facts: object
  removedOn: string | null
}

export async function upsertSourceLinks(
  trx: Knex.Transaction,
  source: string,
  links: SourceLinkWrite[],
): Promise<void> {
  for (let i = 0; i < links.length; i += 500) {
    await trx('provider_sources')
      .insert(
        links.slice(i, i + 500).map((l) => ({
          provider_id: l.providerId,
          source,
          source_id: l.sourceId,
          org_ids: JSON.stringify(l.orgIds),
          fetched_at: l.fetchedAt,
          register_values: JSON.stringify(l.registerValues),
          facts: JSON.stringify(l.facts),
          removed_on: l.removedOn,
        })),
      )
      .onConflict('provider_id')
      .merge(['org_ids', 'fetched_at', 'register_values', 'facts', 'removed_on'])
  }
  if (links.length === 0) return
  await trx.raw('UPDATE provider_sources SET updated_at = now() WHERE provider_id = ANY(?::uuid[])', [
    links.map((l) => l.providerId),
  ])
}

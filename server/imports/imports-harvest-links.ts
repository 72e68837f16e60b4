import type { Knex } from 'knex'
import { providersBySlug } from '../providers/provider-queries'
import type { ImportPlan } from './imports-plan'

/**
 * A harvested feed's services in the review queue (decision 0015): each record harvested from a
 * feed is linked to its service by a provider_sources row (source = the feed's base URL,
 * source_id = the ORUK service id, fetched_at = the harvest), so the queue lists the drafts and a
 * later harvest finds the same record by (source, service id), not by a slug a renamed service
 * would change.
 */

/** Row number (1-based, the services' order) -> the slug of the record that service is linked to. */
export async function linkedSlugs(knex: Knex, source: string, ids: string[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const result = await knex.raw<{ rows: Array<{ source_id: string; slug: string }> }>(
    `SELECT s.source_id, p.slug FROM provider_sources s JOIN providers p ON p.id = s.provider_id
     WHERE s.source = ? AND s.source_id = ANY(?::text[])`,
    [source, ids],
  )
  const bySource = new Map(result.rows.map((r) => [r.source_id, r.slug]))
  const slugs = new Map<number, string>()
  ids.forEach((id, i) => {
    const slug = bySource.get(id)
    if (slug) slugs.set(i + 1, slug)
  })
  return slugs
}

/** Links every written record to its service; a record linked to another source keeps that link. */
export async function linkHarvested(
  trx: Knex.Transaction,
  source: string,
  planned: ImportPlan,
  harvest: { ids: string[]; fetchedAt: Date },
): Promise<void> {
  const written = planned.good.filter((g) => harvest.ids[g.row.row - 1] !== undefined)
  const ids = await providersBySlug(
    trx,
    written.map((g) => g.input.slug),
  )
  for (const g of written) {
    const provider = ids.get(g.input.slug)
    if (!provider) continue
    const serviceId = harvest.ids[g.row.row - 1] as string
    await trx.raw(
      `INSERT INTO provider_sources (provider_id, source, source_id, org_ids, fetched_at, register_values, facts)
       VALUES (?, ?, ?, '[]'::jsonb, ?, '{}'::jsonb, ?::jsonb)
       ON CONFLICT (provider_id) DO UPDATE SET fetched_at = EXCLUDED.fetched_at, updated_at = now()
       WHERE provider_sources.source = EXCLUDED.source AND provider_sources.source_id = EXCLUDED.source_id`,
      [provider.id, source, serviceId, harvest.fetchedAt, JSON.stringify({ feed: source, serviceId })],
    )
  }
}

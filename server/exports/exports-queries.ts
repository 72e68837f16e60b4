import type { Knex } from 'knex'
import { type ProviderReadRow, providerSelect } from '../providers/provider-row'

const factsColumns = providerSelect('p')

/** The listed service-area codes of some providers, and whether each has a drawn polygon. */
export async function selectCoverageSummaries(
  knex: Knex,
  providerIds: string[],
): Promise<Map<string, { areaCodes: string[]; hasPolygon: boolean }>> {
  if (providerIds.length === 0) return new Map()
  const result = await knex.raw<{ rows: Array<{ id: string; area_codes: string[]; has_polygon: boolean }> }>(
    `SELECT p.id,
            ARRAY(SELECT pca.area_code FROM provider_coverage_areas pca
                  WHERE pca.provider_id = p.id ORDER BY pca.area_code) AS area_codes,
            EXISTS (SELECT 1 FROM provider_coverage_polygons pp WHERE pp.provider_id = p.id) AS has_polygon
     FROM unnest(?::uuid[]) AS p(id)`,
    [providerIds],
  )
  return new Map(result.rows.map((r) => [r.id, { areaCodes: r.area_codes, hasPolygon: r.has_polygon }]))
}

/**
 * The published facts of some providers (a search's page of ids), in the order given. Drafts are
 * dropped here too, whatever the caller asked for: a download is always published data.
 */
export async function selectPublishedFactsByIds(
  knex: Knex,
  providerIds: string[],
  statuses: readonly string[],
): Promise<ProviderReadRow[]> {
  if (providerIds.length === 0) return []
  const result = await knex.raw<{ rows: ProviderReadRow[] }>(
    `SELECT ${factsColumns}
     FROM unnest(?::uuid[]) WITH ORDINALITY AS wanted(id, ord)
     JOIN providers p ON p.id = wanted.id
     WHERE p.status = ANY(?::text[])
     ORDER BY wanted.ord`,
    [providerIds, [...statuses]],
  )
  return result.rows
}

/** One page of the providers with the given statuses, in name order (id breaks ties: stable paging). */
export async function selectFactsPage(
  knex: Knex,
  statuses: readonly string[],
  page: { limit: number; offset: number },
): Promise<ProviderReadRow[]> {
  const result = await knex.raw<{ rows: ProviderReadRow[] }>(
    `SELECT ${factsColumns} FROM providers p WHERE p.status = ANY(?::text[])
     ORDER BY p.name, p.id LIMIT ? OFFSET ?`,
    [[...statuses], page.limit, page.offset],
  )
  return result.rows
}

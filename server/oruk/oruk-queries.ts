import type { Knex } from 'knex'
import { codeTables, type ProviderReadRow, providerSelect } from '../providers/provider-row'

/**
 * The ORUK feed's read model: set-based reads over the directory tables (a page of providers in
 * one query, their service areas in one more), so a page costs the same few round trips on the
 * embedded engine whatever its size. SQL text is built from fixed fragments; values are bindings.
 */

/** A provider row as the feed reads it: the whole record (the one mapper's select list). */
export type ProviderFactsRow = ProviderReadRow & {
  /** Only when a place was given: metres from it to the office (null without an office). */
  distance_metres?: number | null
}

export const factsColumns = providerSelect('p')

/** A taxonomy-term filter, resolved from the ORUK term id to one of our codes. */
export type TermFilter =
  | { vocabulary: 'levels' | 'kinds' | 'orgTypes' | 'costTypes'; code: string }
  | { vocabulary: 'functions' | 'topics' | 'strands' | 'formats'; code: string }
  | { vocabulary: 'functionFamilies'; code: string }

export interface ProviderFilter {
  statuses: readonly string[]
  text?: string
  /** Every term must match (AND); an id that names no term matches nothing. */
  terms: Array<TermFilter | 'none'>
  /** Has at least one code of this vocabulary; 'none' for an unknown taxonomy id. */
  anyOf?: keyof typeof codeTables | 'column' | 'none'
  providerId?: string
  modifiedAfter?: string
  /** Only providers with an office. */
  located?: boolean
  /** Covering the place: the most local area codes containing it, and the least share that counts. */
  covering?: { areaCodes: string[]; minShare: number }
  /** Offices within this many metres of the point. */
  near?: { lng: number; lat: number; metres?: number }
}

const columnOf = { levels: 'level', kinds: 'kind', orgTypes: 'org_type', costTypes: 'cost_type' } as const

function whereOf(f: ProviderFilter): { sql: string; bindings: Knex.RawBinding[] } {
  const conds: string[] = ['p.status = ANY(?::text[])']
  const bindings: Knex.RawBinding[] = [[...f.statuses]]
  if (f.text) {
    conds.push(
      "(numnode(websearch_to_tsquery('english', ?)) = 0 OR p.search_vector @@ websearch_to_tsquery('english', ?))",
    )
    bindings.push(f.text, f.text)
  }
  for (const t of f.terms) {
    if (t === 'none') {
      conds.push('false')
    } else if (t.vocabulary === 'functionFamilies') {
      conds.push(`EXISTS (SELECT 1 FROM provider_functions x JOIN taxonomy_functions v ON v.code = x.function_code
                          WHERE x.provider_id = p.id AND v.family_code = ?)`)
      bindings.push(t.code)
    } else if (t.vocabulary in columnOf) {
      conds.push('?? = ?')
      bindings.push(`p.${columnOf[t.vocabulary as keyof typeof columnOf]}`, t.code)
    } else {
      const { join, column } = codeTables[t.vocabulary as keyof typeof codeTables]
      conds.push('EXISTS (SELECT 1 FROM ?? x WHERE x.provider_id = p.id AND ?? = ?)')
      bindings.push(join, `x.${column}`, t.code)
    }
  }
  if (f.anyOf === 'none') conds.push('false')
  else if (f.anyOf && f.anyOf !== 'column') {
    conds.push('EXISTS (SELECT 1 FROM ?? x WHERE x.provider_id = p.id)')
    bindings.push(codeTables[f.anyOf].join)
  }
  if (f.providerId) {
    conds.push('p.id = ?::uuid')
    bindings.push(f.providerId)
  }
  if (f.modifiedAfter) {
    conds.push('p.updated_at >= ?::timestamptz')
    bindings.push(f.modifiedAfter)
  }
  if (f.located) conds.push('(p.office IS NOT NULL OR p.address IS NOT NULL)')
  if (f.covering) {
    conds.push(`EXISTS (SELECT 1 FROM provider_coverage_index ci
                        WHERE ci.provider_id = p.id AND ci.area_code = ANY(?::text[])
                          AND (ci.via_area_code IS NOT NULL OR ci.share >= ?))`)
    bindings.push(f.covering.areaCodes, f.covering.minShare)
  }
  if (f.near?.metres !== undefined) {
    conds.push(
      'p.office IS NOT NULL AND ST_DWithin(p.office::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?)',
    )
    bindings.push(f.near.lng, f.near.lat, f.near.metres)
  }
  return { sql: conds.join(' AND '), bindings }
}

/**
 * One page of providers with every fact the feed publishes, and the total. Ordered by name then
 * id (stable paging); with a point, nearest office first.
 */
export async function selectProviderFacts(
  knex: Knex,
  filter: ProviderFilter,
  page: { limit: number; offset: number },
): Promise<{ total: number; rows: ProviderFactsRow[] }> {
  const where = whereOf(filter)
  const near = filter.near
  const distance = near
    ? 'ST_Distance(p.office::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography)'
    : 'NULL::double precision'
  const distanceBindings = near ? [near.lng, near.lat] : []
  const order = near ? 'distance_metres ASC NULLS LAST, p.name, p.id' : 'p.name, p.id'
  const result = await knex.raw<{ rows: Array<ProviderFactsRow & { total: string }> }>(
    `SELECT ${factsColumns}, ${distance} AS distance_metres, count(*) OVER () AS total
     FROM providers p
     WHERE ${where.sql}
     ORDER BY ${order}
     LIMIT ? OFFSET ?`,
    [...distanceBindings, ...where.bindings, page.limit, page.offset],
  )
  if (result.rows.length > 0) {
    return { total: Number(result.rows[0]?.total), rows: result.rows }
  }
  // An empty page past the end still needs the total.
  const count = await knex.raw<{ rows: Array<{ total: string }> }>(
    `SELECT count(*) AS total FROM providers p WHERE ${where.sql}`,
    where.bindings,
  )
  return { total: Number(count.rows[0]?.total ?? 0), rows: [] }
}

export interface ServiceAreaRow {
  provider_id: string
  code: string | null
  name: string | null
  geojson: string | null
}

/**
 * The service areas of some providers: each listed area with its display-simplified outline
 * (the low-detail one for national and regional areas, as the directory's coverage map does),
 * and each drawn polygon at full precision (code null). `decimals` is the GeoJSON precision.
 */
export async function selectServiceAreas(
  knex: Knex,
  providerIds: string[],
  decimals: number,
): Promise<ServiceAreaRow[]> {
  if (providerIds.length === 0) return []
  const result = await knex.raw<{ rows: ServiceAreaRow[] }>(
    `SELECT pca.provider_id, a.code, a.name,
            ST_AsGeoJSON(CASE WHEN a.level IN ('national', 'regional') THEN a.geom_low ELSE a.geom_mid END, ?) AS geojson,
            t.rank, 0 AS part
     FROM provider_coverage_areas pca
     JOIN areas a ON a.code = pca.area_code
     JOIN area_types t ON t.type = a.type
     WHERE pca.provider_id = ANY(?::uuid[])
     UNION ALL
     SELECT pp.provider_id, NULL, NULL, ST_AsGeoJSON(pp.geom, 6), NULL, 1
     FROM provider_coverage_polygons pp
     WHERE pp.provider_id = ANY(?::uuid[])
     ORDER BY provider_id, part, rank DESC, name`,
    [decimals, providerIds, providerIds],
  )
  return result.rows
}

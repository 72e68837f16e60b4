import type { Knex } from 'knex'
import { COVERAGE_CODES, GENERALIST_WITH_STRAND } from '../providers/coverage-cells-queries'
import { areaFilter } from './coverage-queries'
import { GROUP_GENERALIST } from './coverage-schemas'

/**
 * Duplication (docs/decisions/0005-coverage-gap-rule.md): within one area, provider level and
 * function, providers duplicate each other only inside one group — generalists with generalists;
 * for a strand, the bodies sharing a strand detail, or the whole-strand bodies (those recording no
 * detail under it). A body with two details under the strand sits in both detail groups.
 *
 * The cells count by strand, not by detail, so they only shortlist: a detail group is a subset of
 * its strand's providers, so a cell below the threshold can hold no duplicated group. The
 * shortlisted cells' providers are then read and grouped by detail, in SQL, on both engines.
 */

export interface DuplicationRow {
  area_code: string
  area_name: string
  area_name_cy: string | null
  function_code: string
  group_code: string
  /** The strand detail the providers share; null: the whole strand, and always for generalists. */
  strand_detail: string | null
  level: string
  n: number
  total: number
  providers: Array<{ id: string; slug: string; name: string }>
}

export interface DuplicationSelection {
  /** The areas of one level, `within` one area (all when null); or exactly one area (a profile). */
  areas: { level: string; within: string | null } | { code: string }
  functions: string[]
  /** Strand codes and/or `generalist`; empty: every group. */
  groups: string[]
  minProviders: number
  /** Null: every group (an area profile lists them all). */
  limit: number | null
}

/** The duplicated groups, most crowded first, then by area name and the taxonomy's order. */
export async function selectDuplication(knex: Knex, q: DuplicationSelection): Promise<DuplicationRow[]> {
  const filter =
    'code' in q.areas
      ? { sql: 'a.code = ?', bindings: [q.areas.code] }
      : areaFilter(q.areas.level, q.areas.within)
  const where: string[] = []
  const bindings: Knex.RawBinding[] = [...filter.bindings, q.minProviders]
  if (q.functions.length > 0) {
    where.push('AND c.facet_code = ANY(?::text[])')
    bindings.push(q.functions)
  }
  if (q.groups.length > 0) {
    where.push('AND c.group_code = ANY(?::text[])')
    bindings.push(q.groups)
  }
  bindings.push(COVERAGE_CODES.activeStatus, GROUP_GENERALIST, COVERAGE_CODES.generalistKind, q.minProviders)
  if (q.limit !== null) bindings.push(q.limit)
  const { rows } = await knex.raw<{ rows: DuplicationRow[] }>(
    `WITH shortlist AS (
       SELECT c.area_code, a.name AS area_name, a.name_cy AS area_name_cy,
              c.facet_code AS function_code, c.group_code, l.level
       FROM areas a
       JOIN coverage_cells c ON c.area_code = a.code
       CROSS JOIN LATERAL (VALUES ('neighbourhood', c.n_neighbourhood), ('local', c.n_local),
         ('subregional', c.n_subregional), ('regional', c.n_regional), ('national', c.n_national)) AS l(level, n)
       WHERE ${filter.sql} AND c.facet_kind = 'function' AND c.group_code <> 'any'
         AND left(c.group_code, ${GENERALIST_WITH_STRAND.length}) <> '${GENERALIST_WITH_STRAND}' AND l.n >= ?
         ${where.join(' ')}),
     members AS (
       SELECT s.area_code, s.area_name, s.area_name_cy, s.function_code, s.group_code, s.level,
              d.strand_detail, p.id, p.slug, p.name
       FROM shortlist s
       JOIN provider_coverage_index ci ON ci.area_code = s.area_code
       JOIN providers p ON p.id = ci.provider_id AND p.level = s.level AND p.status = ?
       -- Each of the body's details under this strand, or one row with none: the whole strand.
       LEFT JOIN LATERAL (
         SELECT x.strand_detail_code AS strand_detail
         FROM provider_strand_details x
         JOIN taxonomy_strand_details t ON t.code = x.strand_detail_code
         WHERE x.provider_id = p.id AND t.strand_code = s.group_code) d ON true
       WHERE (ci.via_area_code IS NOT NULL OR ci.share >= (SELECT min_share FROM coverage_state))
         AND EXISTS (SELECT 1 FROM provider_functions x WHERE x.provider_id = p.id AND x.function_code = s.function_code)
         AND CASE WHEN s.group_code = ? THEN p.kind = ?
                  ELSE EXISTS (SELECT 1 FROM provider_strands x WHERE x.provider_id = p.id AND x.strand_code = s.group_code)
             END),
     grouped AS (
       SELECT m.area_code, m.area_name, m.area_name_cy, m.function_code, m.group_code, m.strand_detail, m.level,
              count(*)::int AS n,
              json_agg(json_build_object('id', m.id, 'slug', m.slug, 'name', m.name) ORDER BY m.name, m.id) AS providers
       FROM members m
       GROUP BY m.area_code, m.area_name, m.area_name_cy, m.function_code, m.group_code, m.strand_detail, m.level
       HAVING count(*) >= ?)
     SELECT g.*, count(*) OVER ()::int AS total
     FROM grouped g
     LEFT JOIN taxonomy_functions tf ON tf.code = g.function_code
     LEFT JOIN taxonomy_strands ts ON ts.code = g.group_code
     LEFT JOIN taxonomy_strand_details td ON td.code = g.strand_detail
     LEFT JOIN taxonomy_levels tl ON tl.code = g.level
     -- Strands in the taxonomy's order, generalists after them (as in the matrix); the whole strand before its details.
     ORDER BY g.n DESC, g.area_name, g.area_code, tf.position, ts.position NULLS LAST,
              td.position NULLS FIRST, tl.position
     ${q.limit === null ? '' : 'LIMIT ?'}`,
    bindings,
  )
  return rows
}

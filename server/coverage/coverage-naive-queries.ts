import type { Knex } from 'knex'
import { COVERAGE_CODES, countedSql, LEVEL_COLUMNS } from '../providers/coverage-cells-queries'
import { areaFilter, type CellQuery, type CellRow } from './coverage-queries'
import { HELP_PREFIX, strandHelped } from './coverage-schemas'

// ---------- the naive reference (benchmark and consistency tests) ----------

/**
 * The same counts computed the naive way, straight from the directory: join the coverage index to
 * the providers and their codes, and count per cell. Used by the benchmark as the reference the
 * materialised cells are measured against, and by the tests to check the cells agree with it.
 */
export async function naiveCells(knex: Knex, q: CellQuery): Promise<CellRow[]> {
  const filter = areaFilter(q.level, q.within)
  const { rows } = await knex.raw<{ rows: CellRow[] }>(
    `WITH st AS (SELECT min_share, counted_on, expired_months FROM coverage_state),
     hits AS (
       SELECT a.code AS area_code, p.id, p.level, p.kind,
              (ci.via_area_code IS NOT NULL OR ci.share >= st.min_share) AS counted
       FROM areas a
       JOIN provider_coverage_index ci ON ci.area_code = a.code
       JOIN providers p ON p.id = ci.provider_id AND p.status = ?
       CROSS JOIN st
       WHERE ${filter.sql} AND ${countedSql('p', 'st')}),
     facets AS (
       SELECT h.*, 'any' AS facet_kind, '' AS facet_code FROM hits h
       UNION ALL
       SELECT h.*, 'function', x.function_code FROM hits h JOIN provider_functions x ON x.provider_id = h.id
       UNION ALL
       SELECT h.*, 'topic', x.topic_code FROM hits h JOIN provider_topics x ON x.provider_id = h.id),
     grouped AS (
       SELECT f.*, 'any' AS group_code FROM facets f
       UNION ALL
       SELECT f.*, 'generalist' FROM facets f WHERE f.kind = ?
       UNION ALL
       SELECT f.*, x.strand_code FROM facets f JOIN provider_strands x ON x.provider_id = f.id
       UNION ALL
       -- Whoever would help a strand's groups: a generalist (for every strand) or its specialist.
       SELECT f.*, ? || t.code FROM facets f JOIN taxonomy_strands t
         ON f.kind = ? OR EXISTS (SELECT 1 FROM provider_strands x WHERE x.provider_id = f.id AND x.strand_code = t.code))
     SELECT g.area_code, g.facet_kind, g.facet_code, g.group_code,
       ${LEVEL_COLUMNS.map((col) => `(count(*) FILTER (WHERE g.counted AND g.level = '${col.slice(2)}'))::int AS ${col}`).join(',\n       ')},
       (count(*) FILTER (WHERE NOT g.counted))::int AS n_partial
     FROM grouped g
     JOIN unnest(?::text[], ?::text[]) AS f(kind, code) ON g.facet_kind = f.kind AND g.facet_code = f.code
     WHERE g.group_code = ANY(?::text[])
     GROUP BY 1, 2, 3, 4`,
    [
      COVERAGE_CODES.activeStatus,
      ...filter.bindings,
      COVERAGE_CODES.generalistKind,
      HELP_PREFIX,
      COVERAGE_CODES.generalistKind,
      q.facets.map((f) => f.kind),
      q.facets.map((f) => f.code),
      q.groups,
    ],
  )
  return rows
}

/**
 * One cell the naive way: a join-and-count query for a single area, facet and group (what a
 * per-cell implementation would run once per cell). For the benchmark only.
 */
export async function naiveCell(
  knex: Knex,
  cell: { areaCode: string; facetKind: string; facetCode: string; group: string },
): Promise<Array<{ level: string; n: number }>> {
  const facet =
    cell.facetKind === 'function'
      ? 'AND EXISTS (SELECT 1 FROM provider_functions x WHERE x.provider_id = p.id AND x.function_code = ?)'
      : cell.facetKind === 'topic'
        ? 'AND EXISTS (SELECT 1 FROM provider_topics x WHERE x.provider_id = p.id AND x.topic_code = ?)'
        : ''
  const helped = strandHelped(cell.group)
  const strandSpecialist =
    'EXISTS (SELECT 1 FROM provider_strands x WHERE x.provider_id = p.id AND x.strand_code = ?)'
  const group =
    cell.group === 'any'
      ? ''
      : cell.group === 'generalist'
        ? 'AND p.kind = ?'
        : helped !== undefined
          ? `AND (p.kind = ? OR ${strandSpecialist})`
          : `AND ${strandSpecialist}`
  const bindings: Knex.RawBinding[] = [cell.areaCode, COVERAGE_CODES.activeStatus]
  if (facet) bindings.push(cell.facetCode)
  if (cell.group === 'generalist') bindings.push(COVERAGE_CODES.generalistKind)
  else if (helped !== undefined) bindings.push(COVERAGE_CODES.generalistKind, helped)
  else if (group) bindings.push(cell.group)
  const { rows } = await knex.raw<{ rows: Array<{ level: string; n: number }> }>(
    `SELECT p.level, count(*)::int AS n
     FROM provider_coverage_index ci
     JOIN providers p ON p.id = ci.provider_id
     CROSS JOIN coverage_state st
     WHERE ci.area_code = ? AND p.status = ? AND ${countedSql('p', 'st')}
       AND (ci.via_area_code IS NOT NULL OR ci.share >= st.min_share)
       ${facet} ${group}
     GROUP BY p.level`,
    bindings,
  )
  return rows
}

import type { Knex } from 'knex'
import {
  cellColumnList,
  cellColumnsOf,
  GENERALIST_WITH_STRAND,
  LEVEL_COLUMNS,
  withoutJit,
} from '../providers/coverage-cells-queries'
import { GROUP_GENERALIST, HELP_PREFIX, strandHelped } from './coverage-schemas'

/**
 * SQL for coverage. The cells (see db/migrations/20261123170000_coverage.ts) are a materialised
 * aggregate of the directory: server/providers/coverage-cells-queries.ts keeps them current, and the reads
 * below only ever touch the cells of the areas asked about.
 */

/** Runs a read in its own short transaction with JIT off (the same estimate problem on large reads). */
export function readWithoutJit<T>(knex: Knex, read: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return knex.transaction(async (trx) => {
    await withoutJit(trx)
    return read(trx)
  })
}

/** The share the cells were built with, and whether any provider waits to be folded in: one round trip. */
export async function coverageState(knex: Knex): Promise<{
  minShare: number | undefined
  dirty: boolean
  /** The London day and expiry setting the freshness policy last counted with (decision 0020). */
  countedOn: string | null
  expiredMonths: number | null
}> {
  const { rows } = await knex.raw<{
    rows: Array<{
      min_share: number | null
      dirty: boolean
      counted_on: string | null
      expired_months: number | null
    }>
  }>(
    `SELECT (SELECT min_share FROM coverage_state) AS min_share,
            EXISTS (SELECT 1 FROM coverage_dirty) AS dirty,
            (SELECT to_char(counted_on, 'YYYY-MM-DD') FROM coverage_state) AS counted_on,
            (SELECT expired_months FROM coverage_state) AS expired_months`,
  )
  const row = rows[0]
  return {
    minShare: row?.min_share == null ? undefined : Number(row.min_share),
    dirty: row?.dirty === true,
    countedOn: row?.counted_on ?? null,
    expiredMonths: row?.expired_months ?? null,
  }
}

export async function analyzeCoverage(knex: Knex): Promise<void> {
  await knex.raw('ANALYZE coverage_cells, coverage_provider_snapshots')
}

// ---------- areas ----------

export interface AreaRow {
  code: string
  name: string
  name_cy: string | null
  level: string
  type: string
  population: number | null
}

export async function findArea(knex: Knex, code: string): Promise<AreaRow | undefined> {
  return knex('areas').where({ code }).first('code', 'name', 'name_cy', 'level', 'type', 'population')
}

/**
 * `a` is areas: the areas at `level` that are `within` or inside it (every one when within is
 * null). Level 'hex' is the hexagon grid; the neighbourhood level is every other neighbourhood
 * area (wards), so the two lists never mix.
 */
export function areaFilter(
  level: string,
  within: string | null,
): { sql: string; bindings: Knex.RawBinding[] } {
  const own =
    level === 'hex'
      ? { sql: `a.type = 'hex'`, bindings: [] }
      : level === 'neighbourhood'
        ? { sql: `a.level = ? AND a.type <> 'hex'`, bindings: [level] }
        : { sql: 'a.level = ?', bindings: [level] }
  if (within === null) return own
  return {
    sql: `${own.sql} AND (a.code = ? OR EXISTS (
            SELECT 1 FROM area_closure w WHERE w.ancestor_code = ? AND w.descendant_code = a.code))`,
    bindings: [...own.bindings, within, within],
  }
}

/** The nation an area is in (itself for a nation); undefined when no nation holds it. */
export async function selectNationOf(knex: Knex, code: string): Promise<string | undefined> {
  const { rows } = await knex.raw<{ rows: Array<{ code: string }> }>(
    `SELECT a.code FROM areas a WHERE a.code = ? AND a.level = 'national'
     UNION ALL
     (SELECT c.ancestor_code FROM area_closure c JOIN areas n ON n.code = c.ancestor_code
      WHERE c.descendant_code = ? AND n.level = 'national' ORDER BY c.ancestor_code LIMIT 1)`,
    [code, code],
  )
  return rows[0]?.code
}

export interface AreaWithGeometryRow extends AreaRow {
  /** The nation the area is in (itself for a nation); null when no nation holds it. */
  nation_code: string | null
  /** Hex EWKB of the display geometry, when asked for (server/lib/geometry.ts converts it). */
  geometry?: string
}

/** The areas of a coverage answer, by name; with their display geometry when asked. */
export async function selectCoverageAreas(
  knex: Knex,
  level: string,
  within: string | null,
  geometry: boolean,
): Promise<AreaWithGeometryRow[]> {
  const filter = areaFilter(level, within)
  // Ward lists use the medium simplification, larger areas the low one (as on the map).
  const geom = geometry
    ? `, CASE WHEN a.level = 'neighbourhood' THEN a.geom_mid ELSE a.geom_low END AS geometry`
    : ''
  const { rows } = await knex.raw<{ rows: AreaWithGeometryRow[] }>(
    `SELECT a.code, a.name, a.name_cy, a.level, a.type, a.population,
            CASE WHEN a.level = 'national' THEN a.code ELSE (
              SELECT c.ancestor_code FROM area_closure c JOIN areas n ON n.code = c.ancestor_code
              WHERE c.descendant_code = a.code AND n.level = 'national' ORDER BY c.ancestor_code LIMIT 1
            ) END AS nation_code${geom}
     FROM areas a WHERE ${filter.sql}
     ORDER BY a.name, a.code`,
    filter.bindings,
  )
  return rows
}

export interface CellRow {
  area_code: string
  facet_kind: string
  facet_code: string
  group_code: string
  n_neighbourhood: number
  n_local: number
  n_subregional: number
  n_regional: number
  n_national: number
  n_partial: number
}

/** Which cells a coverage read asks for: a level (within an area, or not) × facets × groups. */
export interface CellQuery {
  level: string
  within: string | null
  facets: Array<{ kind: string; code: string }>
  groups: string[]
}

/**
 * The cells of the areas at `level` within `within`, for the given facets and groups. Facet kinds
 * and codes are matched as two lists (function and topic codes never coincide; the caller picks the
 * exact pairs it asked for): plain array tests keep the planner's estimates sane. A `help:<strand>`
 * group is not stored: it is generalists + the strand's specialists − generalists listing the
 * strand (server/providers/coverage-cells-queries.ts), per level and for partial cover alike.
 */
export async function selectCells(knex: Knex, q: CellQuery): Promise<CellRow[]> {
  const filter = areaFilter(q.level, q.within)
  const facetBindings = [[...new Set(q.facets.map((f) => f.kind))], [...new Set(q.facets.map((f) => f.code))]]
  const stored = q.groups.filter((g) => strandHelped(g) === undefined)
  const helped = q.groups.flatMap((g) => strandHelped(g) ?? [])
  const facetMatch = 'c.facet_kind = ANY(?::text[]) AND c.facet_code = ANY(?::text[])'
  const counts = [...LEVEL_COLUMNS, 'n_partial']
    .map((col) => `sum(CASE WHEN c.group_code = h.both THEN -c.${col} ELSE c.${col} END)::int AS ${col}`)
    .join(', ')
  const { rows } = await knex.raw<{ rows: CellRow[] }>(
    `SELECT ${cellColumnsOf('c')}
     FROM areas a
     JOIN coverage_cells c ON c.area_code = a.code
     WHERE ${filter.sql} AND ${facetMatch} AND c.group_code = ANY(?::text[])
     UNION ALL
     SELECT c.area_code, c.facet_kind, c.facet_code, h.grp AS group_code, ${counts}
     FROM (SELECT ? || s AS grp, s AS strand, ? || s AS both FROM unnest(?::text[]) AS x(s)) h
     JOIN coverage_cells c ON c.group_code IN (?, h.strand, h.both)
     JOIN areas a ON a.code = c.area_code
     WHERE ${filter.sql} AND ${facetMatch}
     GROUP BY c.area_code, c.facet_kind, c.facet_code, h.grp`,
    [
      ...filter.bindings,
      ...facetBindings,
      stored,
      HELP_PREFIX,
      GENERALIST_WITH_STRAND,
      helped,
      GROUP_GENERALIST,
      ...filter.bindings,
      ...facetBindings,
    ],
  )
  return rows
}

/** Every stored cell of one area. */
export async function selectAreaCells(knex: Knex, code: string): Promise<CellRow[]> {
  return knex('coverage_cells')
    .where({ area_code: code })
    .select([...cellColumnList])
}

// ---------- the area profile ----------

export interface ProfileAreaRow extends AreaRow {
  area_km2: number
}

export interface RelatedAreaRow {
  relation: 'parent' | 'child'
  code: string
  name: string
  name_cy: string | null
  level: string
  type: string
}

/** Every containing area (most local first) and the direct children of an area. */
export async function selectRelatedAreas(knex: Knex, code: string): Promise<RelatedAreaRow[]> {
  const { rows } = await knex.raw<{ rows: RelatedAreaRow[] }>(
    `SELECT 'parent' AS relation, a.code, a.name, a.name_cy, a.level, a.type, t.rank, a.name AS sort_name
     FROM area_closure c JOIN areas a ON a.code = c.ancestor_code JOIN area_types t ON t.type = a.type
     WHERE c.descendant_code = ?
     UNION ALL
     SELECT 'child', a.code, a.name, a.name_cy, a.level, a.type, t.rank, a.name
     FROM area_relations r JOIN areas a ON a.code = r.child_code JOIN area_types t ON t.type = a.type
     WHERE r.parent_code = ?
     ORDER BY 1 DESC, 7, 8, 2`,
    [code, code],
  )
  return rows
}

export interface CoveringProviderRow {
  id: string
  slug: string
  name: string
  kind: string
  level: string
  status: string
  functions: string[]
  topics: string[]
  strands: string[]
  via_code: string | null
  via_name: string | null
  via_name_cy: string | null
  via_level: string | null
  via_type: string | null
  share: number
  counted: boolean
}

/**
 * Every provider (any status) whose service area reaches the area, with the listed area it comes
 * through (null for a drawn polygon), the covered share and whether that share counts.
 */
export async function selectCoveringProviders(knex: Knex, code: string): Promise<CoveringProviderRow[]> {
  const codes = (join: string, column: string, vocabulary: string) =>
    `ARRAY(SELECT x.${column} FROM ${join} x JOIN ${vocabulary} v ON v.code = x.${column}
           WHERE x.provider_id = p.id ORDER BY v.position)`
  const { rows } = await knex.raw<{ rows: CoveringProviderRow[] }>(
    `SELECT p.id, p.slug, p.name, p.kind, p.level, p.status,
            ${codes('provider_functions', 'function_code', 'taxonomy_functions')} AS functions,
            ${codes('provider_topics', 'topic_code', 'taxonomy_topics')} AS topics,
            ${codes('provider_strands', 'strand_code', 'taxonomy_strands')} AS strands,
            v.code AS via_code, v.name AS via_name, v.name_cy AS via_name_cy, v.level AS via_level,
            v.type AS via_type,
            ci.share,
            (ci.via_area_code IS NOT NULL OR ci.share >= (SELECT min_share FROM coverage_state)) AS counted
     FROM provider_coverage_index ci
     JOIN providers p ON p.id = ci.provider_id
     JOIN taxonomy_levels l ON l.code = p.level
     LEFT JOIN areas v ON v.code = ci.via_area_code
     WHERE ci.area_code = ?
     ORDER BY l.position, p.name, p.id`,
    [code],
  )
  return rows.map((r) => ({ ...r, share: Number(r.share) }))
}

// ---------- impact ----------

export interface ImpactProviderRow {
  id: string
  slug: string
  name: string
  kind: string
  level: string
  status: string
}

export async function findProviderForImpact(
  knex: Knex,
  by: { id: string } | { slug: string },
): Promise<ImpactProviderRow | undefined> {
  return knex('providers')
    .where('id' in by ? { id: by.id } : { slug: by.slug })
    .first('id', 'slug', 'name', 'kind', 'level', 'status')
}

export interface ImpactRow extends CellRow {
  area_name: string
  area_name_cy: string | null
  area_level: string
  area_type: string
}

/** Every cell the provider's recorded contribution counts towards, with the cell's current counts. */
export async function selectImpactCells(
  knex: Knex,
  providerId: string,
  levels: string[],
): Promise<ImpactRow[]> {
  const { rows } = await knex.raw<{ rows: ImpactRow[] }>(
    `SELECT ${cellColumnsOf('c')},
            a.name AS area_name, a.name_cy AS area_name_cy, a.level AS area_level, a.type AS area_type
     FROM coverage_provider_snapshots s
     CROSS JOIN LATERAL unnest(s.areas) AS x(area)
     CROSS JOIN LATERAL unnest(s.facets) AS f(facet)
     CROSS JOIN LATERAL unnest(s.groups) AS g(grp)
     JOIN coverage_cells c ON c.area_code = x.area AND c.facet_kind = split_part(f.facet, ':', 1)
       AND c.facet_code = split_part(f.facet, ':', 2) AND c.group_code = g.grp
     JOIN areas a ON a.code = x.area
     JOIN area_types t ON t.type = a.type
     WHERE s.provider_id = ? AND (cardinality(?::text[]) = 0 OR a.level = ANY(?::text[]))
       AND left(g.grp, ${GENERALIST_WITH_STRAND.length}) <> '${GENERALIST_WITH_STRAND}'
     ORDER BY t.rank, a.name, a.code, c.facet_kind, c.facet_code, c.group_code`,
    [providerId, levels, levels],
  )
  return rows
}

export async function userEmail(knex: Knex, userId: string): Promise<string | undefined> {
  const row = await knex('users').where({ id: userId }).first('email')
  return row?.email
}

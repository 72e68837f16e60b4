import type { Knex } from 'knex'

/**
 * SQL for coverage. The cells (see db/migrations/20261123170000_coverage.ts) are a materialised
 * aggregate of the directory: refreshCoverageCells keeps them current set-based, and the reads
 * below only ever touch the cells of the areas asked about.
 */

/** The taxonomy codes the contribution of a provider depends on (docs/taxonomy.md). */
export const COVERAGE_CODES = { generalistKind: 'generalist', activeStatus: 'active' } as const

/** Any number will do as long as nothing else uses it: serialises refreshes and rebuilds. */
const REFRESH_LOCK = 7_160_001

/**
 * The planner cannot know how many elements the unnested arrays hold and assumes 100 each, so a
 * refresh of one provider looks like millions of rows and PostgreSQL's JIT compiler spends most of a
 * second compiling it (measured: 20 ms refresh, 800+ ms with JIT). JIT never pays off here.
 */
async function withoutJit(trx: Knex.Transaction): Promise<void> {
  await trx.raw('SET LOCAL jit = off')
}

/** Runs a read in its own short transaction with JIT off (the same estimate problem on large reads). */
export function readWithoutJit<T>(knex: Knex, read: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return knex.transaction(async (trx) => {
    await withoutJit(trx)
    return read(trx)
  })
}

const LEVEL_COLUMNS = ['n_neighbourhood', 'n_local', 'n_subregional', 'n_regional', 'n_national'] as const

/**
 * The contribution each of the given providers would make now, one row per active provider:
 * counted and partly covered areas, facets and groups, each array sorted so equal states compare equal.
 */
const freshSnapshots = (providerFilter: string) => `
  SELECT p.id AS provider_id, p.level,
    ARRAY(SELECT ci.area_code FROM provider_coverage_index ci
          WHERE ci.provider_id = p.id AND (ci.via_area_code IS NOT NULL OR ci.share >= st.min_share)
          ORDER BY ci.area_code) AS areas,
    ARRAY(SELECT ci.area_code FROM provider_coverage_index ci
          WHERE ci.provider_id = p.id AND ci.via_area_code IS NULL AND ci.share < st.min_share
          ORDER BY ci.area_code) AS partial_areas,
    ARRAY['any']
      || ARRAY(SELECT 'function:' || x.function_code FROM provider_functions x WHERE x.provider_id = p.id ORDER BY 1)
      || ARRAY(SELECT 'topic:' || x.topic_code FROM provider_topics x WHERE x.provider_id = p.id ORDER BY 1) AS facets,
    ARRAY['any']
      || CASE WHEN p.kind = ? THEN ARRAY['generalist'] ELSE ARRAY[]::text[] END
      || ARRAY(SELECT x.strand_code FROM provider_strands x WHERE x.provider_id = p.id ORDER BY 1) AS groups
  FROM providers p CROSS JOIN coverage_state st
  WHERE p.status = ? ${providerFilter}`

/** Every (area, facet, group) a set of snapshots contributes to, signed, split by counted or partial. */
const exploded = (source: string, sign: number) => `
  SELECT ${sign} AS sign, s.level, true AS counted, a.area, f.facet, g.grp
  FROM ${source} s, unnest(s.areas) a(area), unnest(s.facets) f(facet), unnest(s.groups) g(grp)
  UNION ALL
  SELECT ${sign}, s.level, false, a.area, f.facet, g.grp
  FROM ${source} s, unnest(s.partial_areas) a(area), unnest(s.facets) f(facet), unnest(s.groups) g(grp)`

/** Signed contributions summed per cell, in coverage_cells' columns. */
const summed = (contributions: string) => `
  SELECT area AS area_code, split_part(facet, ':', 1) AS facet_kind, split_part(facet, ':', 2) AS facet_code,
         grp AS group_code,
         coalesce(sum(sign) FILTER (WHERE counted AND level = 'neighbourhood'), 0)::int AS n_neighbourhood,
         coalesce(sum(sign) FILTER (WHERE counted AND level = 'local'), 0)::int AS n_local,
         coalesce(sum(sign) FILTER (WHERE counted AND level = 'subregional'), 0)::int AS n_subregional,
         coalesce(sum(sign) FILTER (WHERE counted AND level = 'regional'), 0)::int AS n_regional,
         coalesce(sum(sign) FILTER (WHERE counted AND level = 'national'), 0)::int AS n_national,
         coalesce(sum(sign) FILTER (WHERE NOT counted), 0)::int AS n_partial
  FROM (${contributions}) c
  GROUP BY 1, 2, 3, 4`

const cellColumnList = [
  'area_code',
  'facet_kind',
  'facet_code',
  'group_code',
  ...LEVEL_COLUMNS,
  'n_partial',
] as const
const cellColumns = cellColumnList.join(', ')
const cellColumnsOf = (alias: string) => cellColumnList.map((c) => `${alias}.${c}`).join(', ')

const nonZero = `(n_neighbourhood <> 0 OR n_local <> 0 OR n_subregional <> 0 OR n_regional <> 0
  OR n_national <> 0 OR n_partial <> 0)`

const allZero = `n_neighbourhood = 0 AND n_local = 0 AND n_subregional = 0 AND n_regional = 0
  AND n_national = 0 AND n_partial = 0`

/**
 * Brings the cells up to date with every provider marked dirty (by the triggers) in one set-based
 * pass: retract each one's recorded contribution, add its current one, update only the cells whose
 * counts changed. Run it inside the transaction that changed the directory (or any transaction):
 * it takes a transaction-level lock so concurrent refreshes queue instead of double-counting.
 * Returns how many providers were refreshed.
 */
export async function refreshCoverageCells(trx: Knex.Transaction): Promise<number> {
  await trx.raw('SELECT pg_advisory_xact_lock(?)', [REFRESH_LOCK])
  await withoutJit(trx)
  const dirty = await trx.raw<{ rows: Array<{ provider_id: string }> }>(
    'DELETE FROM coverage_dirty RETURNING provider_id',
  )
  const ids = dirty.rows.map((r) => r.provider_id)
  if (ids.length === 0) return 0
  const same = `(o.level, o.areas, o.partial_areas, o.facets, o.groups)
                IS NOT DISTINCT FROM (f.level, f.areas, f.partial_areas, f.facets, f.groups)`
  await trx.raw(
    `WITH fresh AS (${freshSnapshots('AND p.id = ANY(?::uuid[])')}),
     old AS (SELECT * FROM coverage_provider_snapshots WHERE provider_id = ANY(?::uuid[])),
     retracted AS (
       SELECT o.* FROM old o LEFT JOIN fresh f ON f.provider_id = o.provider_id
       WHERE f.provider_id IS NULL OR NOT ${same}),
     added AS (
       SELECT f.* FROM fresh f LEFT JOIN old o ON o.provider_id = f.provider_id
       WHERE o.provider_id IS NULL OR NOT ${same}),
     removed_snapshots AS (
       DELETE FROM coverage_provider_snapshots s
       WHERE s.provider_id IN (SELECT provider_id FROM retracted)
         AND s.provider_id NOT IN (SELECT provider_id FROM added)
       RETURNING 1),
     saved_snapshots AS (
       INSERT INTO coverage_provider_snapshots (provider_id, level, areas, partial_areas, facets, groups)
       SELECT provider_id, level, areas, partial_areas, facets, groups FROM added
       ON CONFLICT (provider_id) DO UPDATE SET level = excluded.level, areas = excluded.areas,
         partial_areas = excluded.partial_areas, facets = excluded.facets, groups = excluded.groups
       RETURNING 1),
     delta AS (
       SELECT * FROM (${summed(`${exploded('retracted', -1)} UNION ALL ${exploded('added', 1)}`)}) d
       WHERE ${nonZero}),
     updated AS (
       UPDATE coverage_cells c SET
         ${[...LEVEL_COLUMNS, 'n_partial'].map((col) => `${col} = c.${col} + d.${col}`).join(', ')}
       FROM delta d
       WHERE c.area_code = d.area_code AND c.facet_kind = d.facet_kind
         AND c.facet_code = d.facet_code AND c.group_code = d.group_code
       RETURNING c.area_code, c.facet_kind, c.facet_code, c.group_code)
     INSERT INTO coverage_cells (${cellColumns})
     SELECT ${cellColumns} FROM delta d
     WHERE NOT EXISTS (
       SELECT 1 FROM updated u
       WHERE u.area_code = d.area_code AND u.facet_kind = d.facet_kind
         AND u.facet_code = d.facet_code AND u.group_code = d.group_code)`,
    [COVERAGE_CODES.generalistKind, COVERAGE_CODES.activeStatus, ids, ids],
  )
  await trx.raw(`DELETE FROM coverage_cells WHERE ${allZero}`)
  return ids.length
}

/**
 * Recomputes every snapshot and cell from the directory with `minShare` (a fraction): the first
 * build, and after the minimum-share setting changes. Set-based, in the caller's transaction.
 */
export async function rebuildCoverageCells(trx: Knex.Transaction, minShare: number): Promise<void> {
  await trx.raw('SELECT pg_advisory_xact_lock(?)', [REFRESH_LOCK])
  await withoutJit(trx)
  await trx.raw('UPDATE coverage_state SET min_share = ?, rebuilt_at = now()', [minShare])
  await trx.raw('DELETE FROM coverage_dirty')
  await trx.raw('DELETE FROM coverage_cells')
  await trx.raw('DELETE FROM coverage_provider_snapshots')
  await trx.raw(
    `INSERT INTO coverage_provider_snapshots (provider_id, level, areas, partial_areas, facets, groups)
     ${freshSnapshots('')}`,
    [COVERAGE_CODES.generalistKind, COVERAGE_CODES.activeStatus],
  )
  await trx.raw(
    `INSERT INTO coverage_cells (${cellColumns})
     SELECT ${cellColumns} FROM (${summed(exploded('coverage_provider_snapshots', 1))}) d WHERE ${nonZero}`,
  )
}

/** The share the cells were built with, and whether any provider waits to be folded in: one round trip. */
export async function coverageState(knex: Knex): Promise<{ minShare: number | undefined; dirty: boolean }> {
  const { rows } = await knex.raw<{ rows: Array<{ min_share: number | null; dirty: boolean }> }>(
    `SELECT (SELECT min_share FROM coverage_state) AS min_share,
            EXISTS (SELECT 1 FROM coverage_dirty) AS dirty`,
  )
  const row = rows[0]
  return { minShare: row?.min_share == null ? undefined : Number(row.min_share), dirty: row?.dirty === true }
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
function areaFilter(level: string, within: string | null): { sql: string; bindings: Knex.RawBinding[] } {
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

/**
 * The stored cells of the areas at `level` within `within`, for the given facets and groups. Facet
 * kinds and codes are matched as two lists (function and topic codes never coincide; the caller
 * picks the exact pairs it asked for): plain array tests keep the planner's estimates sane.
 */
export async function selectCells(
  knex: Knex,
  q: {
    level: string
    within: string | null
    facets: Array<{ kind: string; code: string }>
    groups: string[]
  },
): Promise<CellRow[]> {
  const filter = areaFilter(q.level, q.within)
  const { rows } = await knex.raw<{ rows: CellRow[] }>(
    `SELECT ${cellColumnsOf('c')}
     FROM areas a
     JOIN coverage_cells c ON c.area_code = a.code
     WHERE ${filter.sql}
       AND c.facet_kind = ANY(?::text[]) AND c.facet_code = ANY(?::text[]) AND c.group_code = ANY(?::text[])`,
    [
      ...filter.bindings,
      [...new Set(q.facets.map((f) => f.kind))],
      [...new Set(q.facets.map((f) => f.code))],
      q.groups,
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

// ---------- the naive reference (benchmark and consistency tests) ----------

/**
 * The same counts computed the naive way, straight from the directory: join the coverage index to
 * the providers and their codes, and count per cell. Used by the benchmark as the reference the
 * materialised cells are measured against, and by the tests to check the cells agree with it.
 */
export async function naiveCells(
  knex: Knex,
  q: {
    level: string
    within: string | null
    facets: Array<{ kind: string; code: string }>
    groups: string[]
  },
): Promise<CellRow[]> {
  const filter = areaFilter(q.level, q.within)
  const { rows } = await knex.raw<{ rows: CellRow[] }>(
    `WITH st AS (SELECT min_share FROM coverage_state),
     hits AS (
       SELECT a.code AS area_code, p.id, p.level, p.kind,
              (ci.via_area_code IS NOT NULL OR ci.share >= st.min_share) AS counted
       FROM areas a
       JOIN provider_coverage_index ci ON ci.area_code = a.code
       JOIN providers p ON p.id = ci.provider_id AND p.status = ?
       CROSS JOIN st
       WHERE ${filter.sql}),
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
       SELECT f.*, x.strand_code FROM facets f JOIN provider_strands x ON x.provider_id = f.id)
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
  const group =
    cell.group === 'any'
      ? ''
      : cell.group === 'generalist'
        ? 'AND p.kind = ?'
        : 'AND EXISTS (SELECT 1 FROM provider_strands x WHERE x.provider_id = p.id AND x.strand_code = ?)'
  const bindings: Knex.RawBinding[] = [cell.areaCode, COVERAGE_CODES.activeStatus]
  if (facet) bindings.push(cell.facetCode)
  if (group) bindings.push(cell.group === 'generalist' ? COVERAGE_CODES.generalistKind : cell.group)
  const { rows } = await knex.raw<{ rows: Array<{ level: string; n: number }> }>(
    `SELECT p.level, count(*)::int AS n
     FROM provider_coverage_index ci
     JOIN providers p ON p.id = ci.provider_id
     WHERE ci.area_code = ? AND p.status = ?
       AND (ci.via_area_code IS NOT NULL OR ci.share >= (SELECT min_share FROM coverage_state))
       ${facet} ${group}
     GROUP BY p.level`,
    bindings,
  )
  return rows
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

// ---------- duplication ----------

export interface DuplicationRow {
  area_code: string
  area_name: string
  area_name_cy: string | null
  function_code: string
  group_code: string
  level: string
  n: number
  total: number
  providers: Array<{ id: string; slug: string; name: string }>
}

/**
 * Cells where at least `minProviders` active providers of one level offer one function to one
 * group (a strand, or everyone for generalists), with those providers, most crowded first.
 */
export async function selectDuplication(
  knex: Knex,
  q: {
    level: string
    within: string | null
    functions: string[]
    groups: string[]
    minProviders: number
    limit: number
  },
): Promise<DuplicationRow[]> {
  const filter = areaFilter(q.level, q.within)
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
  const { rows } = await knex.raw<{ rows: DuplicationRow[] }>(
    `WITH dup AS (
       SELECT c.area_code, a.name AS area_name, a.name_cy AS area_name_cy,
              c.facet_code AS function_code, c.group_code, l.level, l.n
       FROM areas a
       JOIN coverage_cells c ON c.area_code = a.code
       CROSS JOIN LATERAL (VALUES ('neighbourhood', c.n_neighbourhood), ('local', c.n_local),
         ('subregional', c.n_subregional), ('regional', c.n_regional), ('national', c.n_national)) AS l(level, n)
       WHERE ${filter.sql} AND c.facet_kind = 'function' AND c.group_code <> 'any' AND l.n >= ?
         ${where.join(' ')}),
     page AS (
       SELECT d.*, count(*) OVER ()::int AS total FROM dup d
       ORDER BY d.n DESC, d.area_name, d.area_code, d.function_code, d.group_code, d.level
       LIMIT ?)
     SELECT pg.*,
       coalesce((
         SELECT json_agg(json_build_object('id', p.id, 'slug', p.slug, 'name', p.name) ORDER BY p.name, p.id)
         FROM provider_coverage_index ci
         JOIN providers p ON p.id = ci.provider_id
         WHERE ci.area_code = pg.area_code AND p.status = ? AND p.level = pg.level
           AND (ci.via_area_code IS NOT NULL OR ci.share >= (SELECT min_share FROM coverage_state))
           AND EXISTS (SELECT 1 FROM provider_functions x WHERE x.provider_id = p.id AND x.function_code = pg.function_code)
           AND CASE WHEN pg.group_code = 'generalist' THEN p.kind = ?
                    ELSE EXISTS (SELECT 1 FROM provider_strands x WHERE x.provider_id = p.id AND x.strand_code = pg.group_code)
               END
       ), '[]'::json) AS providers
     FROM page pg
     ORDER BY pg.n DESC, pg.area_name, pg.area_code, pg.function_code, pg.group_code, pg.level`,
    [...bindings, q.limit, COVERAGE_CODES.activeStatus, COVERAGE_CODES.generalistKind],
  )
  return rows
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
     ORDER BY t.rank, a.name, a.code, c.facet_kind, c.facet_code, c.group_code`,
    [providerId, levels, levels],
  )
  return rows
}

// ---------- baselines ----------

export interface BaselineRow {
  id: string
  key: string
  label: string
  label_cy: string
  area_level: string
  function_code: string | null
  topic_code: string | null
  group_kind: 'any' | 'generalist' | 'strand'
  strand_code: string | null
  min_count: number
  acceptable_depth: string
  source: string | null
  version: number
  created_at: Date
  updated_at: Date
}

export type BaselineWrite = Omit<BaselineRow, 'id' | 'version' | 'created_at' | 'updated_at'>

const baselineOrder = `(SELECT position FROM taxonomy_levels WHERE code = coverage_baselines.area_level), key`

export async function listBaselines(knex: Knex, level?: string): Promise<BaselineRow[]> {
  const query = knex<BaselineRow>('coverage_baselines').select('*').orderByRaw(baselineOrder)
  if (level) query.where({ area_level: level })
  return query
}

export async function findBaseline(knex: Knex, id: string): Promise<BaselineRow | undefined> {
  return knex<BaselineRow>('coverage_baselines').where({ id }).first()
}

export async function findBaselineByKey(knex: Knex, key: string): Promise<BaselineRow | undefined> {
  return knex<BaselineRow>('coverage_baselines').where({ key }).first()
}

export async function insertBaseline(
  trx: Knex.Transaction,
  row: BaselineWrite & { id?: string },
): Promise<BaselineRow> {
  const [saved] = await trx<BaselineRow>('coverage_baselines').insert(row).returning('*')
  return saved as BaselineRow
}

/** Updates when `version` is still current; undefined when someone else saved first. */
export async function updateBaseline(
  trx: Knex.Transaction,
  id: string,
  version: number,
  row: BaselineWrite,
): Promise<BaselineRow | undefined> {
  const [saved] = await trx<BaselineRow>('coverage_baselines')
    .where({ id, version })
    .update({ ...row, version: version + 1, updated_at: trx.fn.now() as unknown as Date })
    .returning('*')
  return saved
}

export async function deleteBaseline(trx: Knex.Transaction, id: string): Promise<number> {
  return trx('coverage_baselines').where({ id }).delete()
}

export async function replaceAllBaselines(
  trx: Knex.Transaction,
  rows: Array<BaselineWrite & { id: string }>,
): Promise<void> {
  await trx('coverage_baselines').delete()
  if (rows.length > 0) await trx('coverage_baselines').insert(rows)
}

export async function userEmail(knex: Knex, userId: string): Promise<string | undefined> {
  const row = await knex('users').where({ id: userId }).first('email')
  return row?.email
}

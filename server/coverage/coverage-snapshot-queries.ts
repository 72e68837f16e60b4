import type { Knex } from 'knex'
import { LEVEL_COLUMNS } from '../providers/coverage-cells-queries'

/**
 * SQL for coverage snapshots (db/migrations/20261208120000_coverage_snapshots.ts). The same
 * depth and provider reads serve a capture (written to the snapshot tables) and "now" in a
 * comparison (read live), so a stored snapshot and the live data are described the same way.
 */

/** Any number will do as long as nothing else uses it (the cells' refresh uses 7_160_001). */
export const SNAPSHOT_LOCK = 7_160_002

/** '0' neighbourhood … '4' national: the depth characters, in LEVEL_COLUMNS order; '-' none. */
const depthChar = `CASE ${LEVEL_COLUMNS.map((col, i) => `WHEN c.${col} > 0 THEN '${i}'`).join(' ')} END`
const anyCount = LEVEL_COLUMNS.map((col) => `c.${col} > 0`).join(' OR ')

export interface AreaFilterSql {
  sql: string
  bindings: Knex.RawBinding[]
}

/**
 * One row per area (of `filter`, over `areas a`) with any provider counted in any of `columns`:
 * its depth per column, one character each in the columns' order.
 */
function depthStringsSql(filter: AreaFilterSql, columns: string[]) {
  return {
    sql: `WITH cols AS (SELECT t.key, t.ord::int AS ord FROM unnest(?::text[]) WITH ORDINALITY AS t(key, ord)),
     marks AS (
       SELECT c.area_code, jsonb_object_agg(cols.ord::text, ${depthChar}) AS m
       FROM coverage_cells c
       JOIN areas a ON a.code = c.area_code
       JOIN cols ON cols.key = CASE WHEN c.facet_kind = 'any' THEN 'any'
                                    ELSE c.facet_kind || ':' || c.facet_code END || '|' || c.group_code
       WHERE ${filter.sql} AND (${anyCount})
       GROUP BY c.area_code)
     SELECT m.area_code,
            (SELECT string_agg(coalesce(m.m ->> cols.ord::text, '-'), '' ORDER BY cols.ord) FROM cols) AS depths
     FROM marks m`,
    bindings: [columns, ...filter.bindings],
  }
}

export async function selectDepthStrings(
  knex: Knex,
  filter: AreaFilterSql,
  columns: string[],
): Promise<Array<{ area_code: string; depths: string }>> {
  const q = depthStringsSql(filter, columns)
  const { rows } = await knex.raw<{ rows: Array<{ area_code: string; depths: string }> }>(q.sql, q.bindings)
  return rows
}

export interface ProviderStateRow {
  provider_id: string
  slug: string
  name: string
  kind: string
  level: string
  status: string
  /** Listed service areas and the districts a drawn polygon reaches, sorted. */
  area_codes: string[]
  has_polygon: boolean
}

const providerStatesSql = `
  SELECT p.id AS provider_id, p.slug, p.name, p.kind, p.level, p.status,
    ARRAY(SELECT x.code FROM (
            SELECT ca.area_code AS code FROM provider_coverage_areas ca WHERE ca.provider_id = p.id
            UNION
            SELECT ci.area_code FROM provider_coverage_index ci JOIN areas d ON d.code = ci.area_code
            WHERE ci.provider_id = p.id AND ci.via_area_code IS NULL AND d.level = 'local') x
          ORDER BY x.code) AS area_codes,
    EXISTS (SELECT 1 FROM provider_coverage_polygons g WHERE g.provider_id = p.id) AS has_polygon
  FROM providers p`

/** Every record, any status, as a snapshot keeps it. */
export async function selectProviderStates(knex: Knex): Promise<ProviderStateRow[]> {
  const { rows } = await knex.raw<{ rows: ProviderStateRow[] }>(`${providerStatesSql} ORDER BY p.name, p.id`)
  return rows
}

// ---------- writing a snapshot ----------

export interface SnapshotRow {
  id: string
  taken_at: Date
  completed_at: Date
  trigger: 'on-demand' | 'schedule'
  taken_by: string | null
  taken_by_label: string | null
  min_share: number
  columns: string[]
  baselines: unknown
  area_count: number
  provider_count: number
}

export const SNAPSHOT_SUMMARY_COLUMNS = [
  'id',
  'taken_at',
  'completed_at',
  'trigger',
  'taken_by',
  'taken_by_label',
  'min_share',
  'area_count',
  'provider_count',
] as const
export type SnapshotSummaryRow = Pick<SnapshotRow, (typeof SNAPSHOT_SUMMARY_COLUMNS)[number]>

/** Waits for any other snapshot in progress (in any process) until the transaction ends. */
export async function lockSnapshots(trx: Knex.Transaction): Promise<void> {
  await trx.raw('SELECT pg_advisory_xact_lock(?)', [SNAPSHOT_LOCK])
}

/** A snapshot written after this transaction began (one taken while this request waited for the lock). */
export async function snapshotCompletedSinceStart(
  trx: Knex.Transaction,
): Promise<SnapshotSummaryRow | undefined> {
  return trx('coverage_snapshots')
    .where('completed_at', '>=', trx.raw('now()'))
    .orderBy('completed_at', 'desc')
    .first(...SNAPSHOT_SUMMARY_COLUMNS)
}

export async function insertSnapshotHeader(
  trx: Knex.Transaction,
  row: {
    trigger: SnapshotRow['trigger']
    taken_by: string | null
    taken_by_label: string | null
    columns: string[]
    baselines: unknown[]
  },
): Promise<string> {
  const [saved] = await trx('coverage_snapshots')
    .insert({
      ...row,
      baselines: JSON.stringify(row.baselines),
      min_share: trx.raw('(SELECT min_share FROM coverage_state)'),
      area_count: 0,
      provider_count: 0,
    })
    .returning('id')
  return (saved as { id: string }).id
}

/** Copies every area's depths, the given baseline results and every record into the snapshot. */
export async function writeSnapshotBody(
  trx: Knex.Transaction,
  id: string,
  columns: string[],
  baselineResults: Map<string, string>,
): Promise<SnapshotSummaryRow> {
  const depths = depthStringsSql({ sql: 'true', bindings: [] }, columns)
  await trx.raw(
    `INSERT INTO coverage_snapshot_areas (snapshot_id, area_code, depths, baselines)
     SELECT ?, d.area_code, d.depths, '' FROM (${depths.sql}) d`,
    [id, ...depths.bindings],
  )
  await trx.raw(
    `INSERT INTO coverage_snapshot_areas (snapshot_id, area_code, depths, baselines)
     SELECT ?, x.key, '', x.value FROM jsonb_each_text(?::jsonb) AS x(key, value)
     ON CONFLICT (snapshot_id, area_code) DO UPDATE SET baselines = EXCLUDED.baselines`,
    [id, JSON.stringify(Object.fromEntries(baselineResults))],
  )
  await trx.raw(
    `INSERT INTO coverage_snapshot_providers
       (snapshot_id, provider_id, slug, name, kind, level, status, area_codes, has_polygon)
     SELECT ?, s.* FROM (${providerStatesSql}) s`,
    [id],
  )
  const [saved] = await trx('coverage_snapshots')
    .where({ id })
    .update({
      area_count: trx.raw('(SELECT count(*) FROM coverage_snapshot_areas WHERE snapshot_id = ?)', [id]),
      provider_count: trx.raw('(SELECT count(*) FROM coverage_snapshot_providers WHERE snapshot_id = ?)', [
        id,
      ]),
      completed_at: trx.raw('clock_timestamp()'),
    })
    .returning([...SNAPSHOT_SUMMARY_COLUMNS])
  return saved as SnapshotSummaryRow
}

/**
 * Retention: keeps the newest `keep` snapshots (0: no count limit) and drops those older than
 * `maxAgeDays` (0: no age limit); the newest one is always kept. Returns how many were dropped.
 */
export async function pruneSnapshots(
  trx: Knex.Transaction,
  retention: { keep: number; maxAgeDays: number },
): Promise<number> {
  const { rows } = await trx.raw<{ rows: Array<{ n: number }> }>(
    `WITH ranked AS (
       SELECT id, taken_at, row_number() OVER (ORDER BY taken_at DESC, completed_at DESC, id) AS rank
       FROM coverage_snapshots),
     gone AS (
       DELETE FROM coverage_snapshots s USING ranked r
       WHERE s.id = r.id AND r.rank > 1
         AND ((? > 0 AND r.rank > ?) OR (? > 0 AND r.taken_at < now() - make_interval(days => ?)))
       RETURNING 1)
     SELECT count(*)::int AS n FROM gone`,
    [retention.keep, retention.keep, retention.maxAgeDays, retention.maxAgeDays],
  )
  return rows[0]?.n ?? 0
}

// ---------- reading snapshots ----------

export async function listSnapshots(knex: Knex): Promise<SnapshotSummaryRow[]> {
  return knex('coverage_snapshots')
    .orderBy([
      { column: 'taken_at', order: 'desc' },
      { column: 'completed_at', order: 'desc' },
    ])
    .select(...SNAPSHOT_SUMMARY_COLUMNS)
}

export async function findSnapshot(knex: Knex, id: string): Promise<SnapshotRow | undefined> {
  return knex('coverage_snapshots').where({ id }).first('*')
}

/** The newest snapshot, if any. */
export async function latestSnapshot(knex: Knex): Promise<SnapshotRow | undefined> {
  return knex('coverage_snapshots')
    .orderBy([
      { column: 'taken_at', order: 'desc' },
      { column: 'completed_at', order: 'desc' },
    ])
    .first('*')
}

/** The latest snapshot taken before `before` (exclusive). */
export async function latestSnapshotBefore(knex: Knex, before: Date): Promise<SnapshotRow | undefined> {
  return knex('coverage_snapshots')
    .where('taken_at', '<', before)
    .orderBy([
      { column: 'taken_at', order: 'desc' },
      { column: 'completed_at', order: 'desc' },
    ])
    .first('*')
}

/** A snapshot's area rows for the areas of `filter` (over `areas a`). */
export async function selectSnapshotAreas(
  knex: Knex,
  id: string,
  filter: AreaFilterSql,
): Promise<Array<{ area_code: string; depths: string; baselines: string }>> {
  const { rows } = await knex.raw<{ rows: Array<{ area_code: string; depths: string; baselines: string }> }>(
    `SELECT s.area_code, s.depths, s.baselines
     FROM coverage_snapshot_areas s JOIN areas a ON a.code = s.area_code
     WHERE s.snapshot_id = ? AND ${filter.sql}`,
    [id, ...filter.bindings],
  )
  return rows
}

export async function selectSnapshotProviders(knex: Knex, id: string): Promise<ProviderStateRow[]> {
  return knex('coverage_snapshot_providers')
    .where({ snapshot_id: id })
    .orderBy(['name', 'provider_id'])
    .select('provider_id', 'slug', 'name', 'kind', 'level', 'status', 'area_codes', 'has_polygon')
}

/** `code`, every area that contains it and every area inside it. */
export async function selectRelatedCodes(knex: Knex, code: string): Promise<string[]> {
  const { rows } = await knex.raw<{ rows: Array<{ code: string }> }>(
    `SELECT ? AS code
     UNION SELECT ancestor_code FROM area_closure WHERE descendant_code = ?
     UNION SELECT descendant_code FROM area_closure WHERE ancestor_code = ?`,
    [code, code, code],
  )
  return rows.map((r) => r.code)
}

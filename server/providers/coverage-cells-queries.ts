import type { Knex } from 'knex'
import { contactRouteSql } from './contact-route'
import { expiredSql } from './freshness'

/**
 * The coverage cells (see db/migrations/20261123170000_coverage.ts) are a materialised aggregate
 * of the directory, so they are part of a provider write: refreshCoverageCells folds the providers
 * the triggers marked dirty into them, in the writing transaction. The coverage feature reads the
 * cells (server/coverage/); only this module writes them.
 */

/** The taxonomy codes the contribution of a provider depends on (docs/taxonomy.md). */
export const COVERAGE_CODES = { generalistKind: 'generalist', activeStatus: 'active' } as const

/**
 * Group `generalist:<strand>`: generalists that also list the strand. Never shown on its own: with
 * the `generalist` and `<strand>` groups it gives, by inclusion-exclusion, the providers that would
 * help a strand's groups (generalists or its specialists) without storing a copy of every
 * generalist's contribution under every strand (server/coverage/coverage-queries.ts).
 */
export const GENERALIST_WITH_STRAND = 'generalist:'

/** Any number will do as long as nothing else uses it: serialises refreshes and rebuilds. */
const REFRESH_LOCK = 7_160_001

/**
 * The planner cannot know how many elements the unnested arrays hold and assumes 100 each, so a
 * refresh of one provider looks like millions of rows and PostgreSQL's JIT compiler spends most of a
 * second compiling it (measured: 20 ms refresh, 800+ ms with JIT). JIT never pays off here.
 */
export async function withoutJit(trx: Knex.Transaction): Promise<void> {
  await trx.raw('SET LOCAL jit = off')
}

export const LEVEL_COLUMNS = [
  'n_neighbourhood',
  'n_local',
  'n_subregional',
  'n_regional',
  'n_national',
] as const

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
      || ARRAY(SELECT x.strand_code FROM provider_strands x WHERE x.provider_id = p.id ORDER BY 1)
      || CASE WHEN p.kind = ? THEN ARRAY(SELECT '${GENERALIST_WITH_STRAND}' || x.strand_code
                                   FROM provider_strands x WHERE x.provider_id = p.id ORDER BY 1)
              ELSE ARRAY[]::text[] END AS groups
  FROM providers p CROSS JOIN coverage_state st
  WHERE p.status = ? AND ${countedSql('p', 'st')} ${providerFilter}`

/** The expiry line of the day coverage counts on, over the coverage_state row `st`. */
export const expiredLine = (st: string) =>
  `(${st}.counted_on - make_interval(months => ${st}.expired_months))::date`

/**
 * The freshness policy's part of "counted" (docs/decisions/0020), for a providers row and the
 * coverage_state row: with a policy day set, a record verified before the expiry line, or without
 * a contact route, does not count. A record never verified is stale, not expired: it counts.
 */
export const countedSql = (p: string, st: string) => `(${st}.counted_on IS NULL OR (
    NOT ${expiredSql(`${p}.last_verified_at`, expiredLine(st))}
    AND ${contactRouteSql(p)}))`

/**
 * Moves the policy's day to `today` (a London YYYY-MM-DD) with `expiredMonths`, and folds in the
 * records whose standing changed: those whose verification date lies between the old and the new
 * expiry line, or every record when the setting changed or no day was set. Cheap on an ordinary
 * day (a day's worth of records cross the line). Returns how many providers were refreshed.
 */
export async function advanceCoverageFreshness(
  trx: Knex.Transaction,
  today: string,
  expiredMonths: number,
): Promise<number> {
  await trx.raw('SELECT pg_advisory_xact_lock(?)', [REFRESH_LOCK])
  const { rows } = await trx.raw<{
    rows: Array<{ counted_on: string | null; expired_months: number | null }>
  }>(`SELECT to_char(counted_on, 'YYYY-MM-DD') AS counted_on, expired_months FROM coverage_state`)
  const state = rows[0]
  if (state?.counted_on === today && state.expired_months === expiredMonths) return 0
  if (state?.counted_on == null || state.expired_months !== expiredMonths) {
    await trx.raw('INSERT INTO coverage_dirty (provider_id) SELECT id FROM providers ON CONFLICT DO NOTHING')
  } else {
    // Whoever's verification date lies between the two lines crossed one (either way, should the clock go back).
    await trx.raw(
      `WITH line AS (
         SELECT (?::date - make_interval(months => ?))::date AS old_line,
                (?::date - make_interval(months => ?))::date AS new_line)
       INSERT INTO coverage_dirty (provider_id)
       SELECT p.id FROM providers p CROSS JOIN line
       WHERE p.last_verified_at >= least(line.old_line, line.new_line)
         AND p.last_verified_at < greatest(line.old_line, line.new_line)
       ON CONFLICT DO NOTHING`,
      [state.counted_on, expiredMonths, today, expiredMonths],
    )
  }
  await trx.raw('UPDATE coverage_state SET counted_on = ?, expired_months = ?', [today, expiredMonths])
  return refreshCoverageCells(trx)
}

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

export const cellColumnList = [
  'area_code',
  'facet_kind',
  'facet_code',
  'group_code',
  ...LEVEL_COLUMNS,
  'n_partial',
] as const
const cellColumns = cellColumnList.join(', ')
export const cellColumnsOf = (alias: string) => cellColumnList.map((c) => `${alias}.${c}`).join(', ')

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
    [COVERAGE_CODES.generalistKind, COVERAGE_CODES.generalistKind, COVERAGE_CODES.activeStatus, ids, ids],
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
    [COVERAGE_CODES.generalistKind, COVERAGE_CODES.generalistKind, COVERAGE_CODES.activeStatus],
  )
  await trx.raw(
    `INSERT INTO coverage_cells (${cellColumns})
     SELECT ${cellColumns} FROM (${summed(exploded('coverage_provider_snapshots', 1))}) d WHERE ${nonZero}`,
  )
}

import type { Knex } from 'knex'
import { COVERAGE_CODES } from '../providers/coverage-cells-queries'

/**
 * SQL for funding per area (decision 0016). A grant counts for an area when it went to an active
 * directory record whose service area covers the area by the rule the coverage profile uses
 * (listed, or a drawn area covering at least the minimum share: provider_coverage_index), and its
 * match is an org-id or charity-number match or one an editor made or confirmed (a name + postcode
 * suggestion waits for an editor).
 */

const COUNTED_MATCH = `(g.match_method <> 'name-postcode' OR g.match_confirmed)`
const COUNTED_COVER = `(ci.via_area_code IS NOT NULL OR ci.share >= (SELECT min_share FROM coverage_state))`

export interface AreaGrantRow {
  id: string
  grant_id: string
  title: string
  amount: number
  currency: string
  award_date: string
  funder_org_id: string
  funder_name: string
  recipient_name: string
  match_method: string
  provider_id: string
  slug: string
  provider_name: string
  level: string
  strands: string[]
  dei_codes: string[]
  publisher: string | null
}

/** The grants that count for one area, newest first. */
export async function selectAreaGrants(knex: Knex, code: string): Promise<AreaGrantRow[]> {
  const { rows } = await knex.raw<{ rows: AreaGrantRow[] }>(
    `SELECT g.id, g.grant_id, g.title, g.amount_awarded::float8 AS amount, g.currency,
            to_char(g.award_date, 'YYYY-MM-DD') AS award_date, g.funder_org_id, g.funder_name,
            g.recipient_name, g.match_method, p.id AS provider_id, p.slug, p.name AS provider_name, p.level,
            ARRAY(SELECT s.strand_code FROM provider_strands s JOIN taxonomy_strands t ON t.code = s.strand_code
                  WHERE s.provider_id = p.id ORDER BY t.position) AS strands,
            ARRAY(SELECT d.dei_code FROM grant_dei_codes d WHERE d.grant_id = g.id ORDER BY d.dei_code) AS dei_codes,
            g.publisher
     FROM provider_coverage_index ci
     JOIN providers p ON p.id = ci.provider_id AND p.status = ?
     JOIN grants g ON g.provider_id = p.id AND ${COUNTED_MATCH}
     WHERE ci.area_code = ? AND ${COUNTED_COVER}
     ORDER BY g.award_date DESC, g.grant_id`,
    [COVERAGE_CODES.activeStatus, code],
  )
  return rows
}

export interface FundingAreaRow {
  code: string
  name: string
  name_cy: string | null
  level: string
  type: string
  population: number | null
  total: number
  grants: number
  national_total: number
  geometry?: string
}

/**
 * Per area at `level` (within `within`, or every one): the GBP total and count of grants to the
 * covering bodies below the national level, and the national bodies' total beside it.
 */
export async function selectLevelFunding(
  knex: Knex,
  q: { level: string; within: string | null; geometry: boolean },
): Promise<FundingAreaRow[]> {
  const own =
    q.level === 'neighbourhood'
      ? `a.level = ? AND a.type <> 'hex'`
      : q.level === 'hex'
        ? `a.type = 'hex'`
        : 'a.level = ?'
  const bindings: Knex.RawBinding[] = q.level === 'hex' ? [] : [q.level]
  const within =
    q.within === null
      ? ''
      : ` AND (a.code = ? OR EXISTS (SELECT 1 FROM area_closure w WHERE w.ancestor_code = ? AND w.descendant_code = a.code))`
  if (q.within !== null) bindings.push(q.within, q.within)
  const geom = q.geometry
    ? `, CASE WHEN a.level = 'neighbourhood' THEN a.geom_mid ELSE a.geom_low END AS geometry`
    : ''
  const { rows } = await knex.raw<{ rows: FundingAreaRow[] }>(
    `SELECT a.code, a.name, a.name_cy, a.level, a.type, a.population,
            coalesce(f.total, 0)::float8 AS total, coalesce(f.grants, 0)::int AS grants,
            coalesce(f.national_total, 0)::float8 AS national_total${geom}
     FROM areas a
     LEFT JOIN LATERAL (
       SELECT sum(g.amount_awarded) FILTER (WHERE p.level <> 'national') AS total,
              count(*) FILTER (WHERE p.level <> 'national') AS grants,
              sum(g.amount_awarded) FILTER (WHERE p.level = 'national') AS national_total
       FROM provider_coverage_index ci
       JOIN providers p ON p.id = ci.provider_id AND p.status = ?
       JOIN grants g ON g.provider_id = p.id AND ${COUNTED_MATCH} AND g.currency = 'GBP'
       WHERE ci.area_code = a.code AND ${COUNTED_COVER}
     ) f ON true
     WHERE ${own}${within}
     ORDER BY a.name, a.code`,
    [COVERAGE_CODES.activeStatus, ...bindings],
  )
  return rows.map((r) => ({ ...r, total: Number(r.total), national_total: Number(r.national_total) }))
}

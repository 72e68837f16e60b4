import type { Knex } from 'knex'
import { contactRouteSql } from '../providers/contact-route'
import { COVERAGE_CODES, countedSql, expiredLine } from '../providers/coverage-cells-queries'
import { expiredSql } from '../providers/freshness'
import { areaFilter } from './coverage-queries'
import { type CoverageLeftOut, GROUP_ANY, GROUP_GENERALIST, strandHelped } from './coverage-schemas'

/** The records the policy left out of the coverage asked for (see CoverageLeftOut). */
export async function selectLeftOut(
  knex: Knex,
  q: { level: string; within: string | null; functions: string[]; topics: string[]; strands: string[] },
): Promise<CoverageLeftOut | null> {
  const filter = areaFilter(q.level, q.within)
  // The columns' groups: any provider, generalists, a strand's specialists, or everyone helping a strand.
  const groups = q.strands.filter((g) => g !== GROUP_ANY)
  const generalists = groups.includes(GROUP_GENERALIST)
  const strands = groups.filter((g) => g !== GROUP_GENERALIST).map((g) => strandHelped(g) ?? g)
  const helping = groups.some((g) => strandHelped(g) !== undefined)
  const wantsGroup = groups.length > 0 && !q.strands.includes(GROUP_ANY)
  const { rows } = await knex.raw<{
    rows: Array<
      { total: number; expired: number; no_contact: number; months: number; day: string } | undefined
    >
  }>(
    `WITH st AS (SELECT * FROM coverage_state WHERE counted_on IS NOT NULL),
     cand AS (
       SELECT DISTINCT p.id, p.last_verified_at, p.phone, p.email, p.website
       FROM areas a
       JOIN provider_coverage_index ci ON ci.area_code = a.code
       JOIN providers p ON p.id = ci.provider_id
       CROSS JOIN st
       WHERE ${filter.sql} AND p.status = ?
         AND (ci.via_area_code IS NOT NULL OR ci.share >= st.min_share)
         AND ((cardinality(?::text[]) = 0 AND cardinality(?::text[]) = 0)
              OR EXISTS (SELECT 1 FROM provider_functions x WHERE x.provider_id = p.id AND x.function_code = ANY(?::text[]))
              OR EXISTS (SELECT 1 FROM provider_topics x WHERE x.provider_id = p.id AND x.topic_code = ANY(?::text[])))
         AND (NOT ?::boolean
              OR (?::boolean AND p.kind = ?)
              OR EXISTS (SELECT 1 FROM provider_strands x WHERE x.provider_id = p.id AND x.strand_code = ANY(?::text[])))
     )
     SELECT count(c.id) FILTER (WHERE NOT ${countedSql('c', 'st')})::int AS total,
            count(c.id) FILTER (WHERE ${expiredSql('c.last_verified_at', expiredLine('st'))})::int AS expired,
            count(c.id) FILTER (WHERE NOT ${contactRouteSql('c')})::int AS no_contact,
            st.expired_months AS months, to_char(st.counted_on, 'YYYY-MM-DD') AS day
     FROM st LEFT JOIN cand c ON true
     GROUP BY st.expired_months, st.counted_on`,
    [
      ...filter.bindings,
      COVERAGE_CODES.activeStatus,
      q.functions,
      q.topics,
      q.functions,
      q.topics,
      wantsGroup,
      generalists || helping,
      COVERAGE_CODES.generalistKind,
      strands,
    ],
  )
  const row = rows[0]
  if (!row) return null
  return {
    total: row.total,
    expired: row.expired,
    noContact: row.no_contact,
    expiredMonths: row.months,
    countedOn: row.day,
  }
}

import type { Knex } from 'knex'
import {
  matchedStrands,
  requestBindings,
  requestCte,
  type SignpostParams,
  servesAnyGroup,
  withoutJit,
} from './signpost-queries'

/**
 * Explain mode's near misses (docs/decisions/0004): providers covering the place that a rule
 * left out, each with every rule it fails, and providers that pass every rule but do not cover
 * the place, nearest office first. Fewest failed rules first, then those covering the place (a
 * body the rules left out here says more than one elsewhere), then level.
 */

export interface ExplainParams extends Omit<SignpostParams, 'limit' | 'today'> {
  limit: number
}

export interface ExcludedRow {
  id: string
  slug: string
  name: string
  kind: string
  level: string
  status: string
  covers: boolean
  active: boolean
  infrastructure_only: boolean
  need_fit: boolean
  strand_fit: boolean
  /** Lists a requested strand, but only with a sibling detail. */
  sibling_detail: boolean
  marks_fit: boolean
  strands: string[]
  strand_details: string[]
  functions: string[]
  topics: string[]
  quality_marks: string[]
  /** For providers not covering the place: the areas they list. */
  listed_areas: Array<{ code: string; name: string; name_cy: string | null; level: string }>
}

export async function signpostNearMisses(knex: Knex, s: ExplainParams): Promise<ExcludedRow[]> {
  // The rules, as columns of one provider_search row `x` (the same fragments the ranking uses).
  const checks = `
    x.status = req.active AS active,
    x.serves_infrastructure_only AS infrastructure_only,
    (x.functions && req.fns OR x.topics && req.tps) AS need_fit,
    (cardinality(req.sts) = 0 OR ${servesAnyGroup('x')} OR cardinality(${matchedStrands('x')}) > 0) AS strand_fit,
    (x.strands && req.sts AND cardinality(${matchedStrands('x')}) = 0) AS sibling_detail,
    (cardinality(req.qms) = 0 OR x.quality_marks && req.qms) AS marks_fit`
  const failures = `(NOT c.active)::int + c.infrastructure_only::int + (NOT c.need_fit)::int
                    + (NOT c.strand_fit)::int + (NOT c.marks_fit)::int`
  const sql = `
    WITH ${requestCte},
    covering AS (
      SELECT DISTINCT ci.provider_id
      FROM provider_coverage_index ci CROSS JOIN req
      WHERE ci.area_code = ANY(req.places) AND (ci.via_area_code IS NOT NULL OR ci.share >= req.min_share)
    ),
    inside AS (
      SELECT c.*, ${failures} AS failures, NULL::double precision AS distance
      FROM (
        SELECT x.provider_id AS id, true AS covers, ${checks}
        FROM covering v JOIN provider_search x ON x.provider_id = v.provider_id CROSS JOIN req
      ) c
      -- Rows the answer still offers by an exception (community context, the local generalist)
      -- fail the need only; the service drops those it shows.
      WHERE ${failures} > 0
    ),
    outside AS (
      SELECT c.*, 1 AS failures, c.d AS distance FROM (
        SELECT x.provider_id AS id, false AS covers, ${checks}, ST_DistanceSphere(x.office, req.origin) AS d,
               x.office <-> req.origin AS knn
        FROM provider_search x CROSS JOIN req
        WHERE x.status = req.active AND x.office IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM covering v WHERE v.provider_id = x.provider_id)
      ) c
      WHERE c.need_fit AND c.strand_fit AND c.marks_fit AND NOT c.infrastructure_only
      ORDER BY c.knn
      LIMIT (SELECT lim FROM req)
    ),
    misses AS (
      SELECT id, covers, active, infrastructure_only, need_fit, strand_fit, sibling_detail, marks_fit, failures, distance
      FROM inside
      UNION ALL
      SELECT id, covers, active, infrastructure_only, need_fit, strand_fit, sibling_detail, marks_fit, failures, distance
      FROM outside
    ),
    top AS (
      SELECT m.*, lv.position AS level_position, p.name
      FROM misses m JOIN providers p ON p.id = m.id JOIN taxonomy_levels lv ON lv.code = p.level
      ORDER BY m.failures, m.covers DESC, lv.position, m.distance NULLS FIRST, p.name, p.id
      LIMIT (SELECT lim FROM req)
    )
    SELECT p.id, p.slug, p.name, p.kind, p.level, p.status, t.covers, t.active, t.infrastructure_only,
           t.need_fit, t.strand_fit, t.sibling_detail, t.marks_fit,
           ps.strands, ps.strand_details, ps.functions, ps.topics, ps.quality_marks,
           CASE WHEN t.covers THEN ARRAY[]::json[] ELSE ARRAY(
             SELECT json_build_object('code', a.code, 'name', a.name, 'name_cy', a.name_cy, 'level', a.level)
             FROM provider_coverage_areas pca JOIN areas a ON a.code = pca.area_code JOIN area_types at ON at.type = a.type
             WHERE pca.provider_id = p.id ORDER BY at.rank, a.name LIMIT 5) END AS listed_areas
    FROM top t JOIN providers p ON p.id = t.id JOIN provider_search ps ON ps.provider_id = p.id
    ORDER BY t.failures, t.covers DESC, t.level_position, t.distance NULLS FIRST, p.name, p.id`

  // JIT off, as for the ranking: on a freshly loaded database the planner's estimates pass
  // jit_above_cost and compiling the many per-row checks takes far longer than running them.
  const result = await withoutJit(knex, (trx) =>
    trx.raw<{ rows: ExcludedRow[] }>(sql, requestBindings({ ...s, today: '2000-01-01', limit: s.limit })),
  )
  return result.rows
}

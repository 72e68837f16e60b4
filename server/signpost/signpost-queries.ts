import type { Knex } from 'knex'
import { preparedRows } from '../lib/prepared'

/**
 * SQL for signposting. The ranking is one set-based statement (docs/decisions/0004): candidates
 * from the coverage index for the place's most local areas, need and strand fit from the code
 * join tables, score digits, order and limit, plus each returned row's contact details, matched
 * area and relevant referral pathways — one round trip.
 */

export interface SignpostParams {
  /** The most local areas containing the place: the coverage index lists every descendant of a listed area. */
  placeAreaCodes: string[]
  origin: { lng: number; lat: number }
  minShare: number
  functions: string[]
  topics: string[]
  strands: string[]
  /** YYYY-MM-DD: verification recency is measured from this day. */
  today: string
  /** Main list length asked of the database (the service trims to make room for fallbacks). */
  limit: number
  generalistKind: string
  localLevel: string
  nationalLevel: string
  activeStatus: string
}

export interface SignpostRow {
  id: string
  slug: string
  name: string
  kind: string
  level: string
  level_position: number
  summary: string
  phone: string | null
  email: string | null
  website: string | null
  address: string | null
  how_to_access: string | null
  opening_hours: unknown
  referral_criteria: string | null
  limits: string | null
  last_verified_at: string | null
  distance_metres: number | null
  m_functions: string[]
  m_topics: string[]
  m_strands: string[]
  need_fit: boolean
  s_strand: number
  s_fit: number
  s_verified: number
  s_distance: number
  score: number
  rn: number
  is_best_local_generalist: boolean
  is_best_national: boolean
  matched_total: number
  area_code: string
  area_name: string
  area_name_cy: string | null
  area_level: string
  via_polygon: boolean
  pathways: Array<{
    id: string
    to_id: string
    to_slug: string
    to_name: string
    to_kind: string
    to_level: string
    strands: string[]
    topics: string[]
    criteria: string
    follow_up: string | null
  }>
}

/**
 * Runs a read with PostgreSQL's JIT compiler off. The planner's cost estimate for the ranking
 * (per-candidate probes it cannot see are few) passes jit_above_cost, and compiling then takes
 * about 300 ms for a query that runs in a few: JIT suits long analytical scans, not lookups.
 */
function withoutJit<T>(knex: Knex, read: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return knex.transaction(async (trx) => {
    await trx.raw('SET LOCAL jit = off')
    return read(trx)
  })
}

/** Distance bands (metres) for the last score digit: under 1 km scores 9, 200 km or more 1, no office 0. */
export const DISTANCE_BANDS_METRES = [1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000] as const
/** Verification recency: 9 when verified in the last half-year, one less per half-year since, 0 when never. */
export const VERIFIED_BAND_DAYS = 183

const distanceDigit = `CASE WHEN distance_metres IS NULL THEN 0 ${DISTANCE_BANDS_METRES.map(
  (limit, i) => `WHEN distance_metres < ${limit} THEN ${9 - i}`,
).join(' ')} ELSE 1 END`

/**
 * The ranked list: qualifying providers (need fit) ordered level first, then score, then exact
 * verification date and distance, plus the best local generalist for the place (need fit
 * preferred, else any) and the best national option for the need, wherever they rank.
 */
export async function signpostProviders(knex: Knex, s: SignpostParams): Promise<SignpostRow[]> {
  const sql = `
    WITH req AS MATERIALIZED (
      SELECT r.*,
             (SELECT coalesce(bit_or(1::bigint << v.bit), 0) FROM taxonomy_functions v WHERE v.code = ANY(r.fns)) AS fmask,
             (SELECT coalesce(bit_or(1::bigint << v.bit), 0) FROM taxonomy_strands v WHERE v.code = ANY(r.sts)) AS smask
      FROM (SELECT ?::text[] AS fns, ?::text[] AS tps, ?::text[] AS sts, ?::date AS today,
                   ST_SetSRID(ST_MakePoint(?, ?), 4326) AS origin) r
    ),
    -- An index-only range scan: the coverage index carries status, kind, level and the function
    -- and strand masks, so the strand rule and (without topics) the need rule are applied inside
    -- it; the masks are computed once (scalar subqueries) and compared as constants.
    cand AS MATERIALIZED (
      SELECT DISTINCT ON (ci.provider_id) ci.provider_id, ci.area_code, ci.via_area_code, ci.kind, ci.level,
             ci.functions_mask, ci.strands_mask
      FROM provider_coverage_index ci
      WHERE ci.area_code = ANY(?::text[]) AND (ci.via_area_code IS NOT NULL OR ci.share >= ?)
        AND ci.status = ?
        -- A generalist serves every group; a specialist only the groups (strands) it lists.
        AND (NOT ?::boolean OR ci.kind = ? OR ci.strands_mask & (SELECT smask FROM req) <> 0)
        AND (?::boolean OR ci.functions_mask & (SELECT fmask FROM req) <> 0 OR (ci.kind = ? AND ci.level = ?))
      ORDER BY ci.provider_id, (ci.via_area_code IS NULL), ci.share DESC
    ),
    -- What the index alone tells: level, strand digit and functions matched. Without a topic in
    -- the ask that is enough to rule out rows that cannot reach the list (topics live in the read
    -- model), so only the rest are probed there.
    coarse AS MATERIALIZED (
      SELECT c.provider_id, c.area_code, c.via_area_code, c.kind, c.level, lv.position AS level_position,
             CASE WHEN cardinality(req.sts) > 0 AND c.kind <> ?
                  THEN least(9, bit_count((c.strands_mask & req.smask)::bit(64)))::int ELSE 0 END AS s_strand,
             bit_count((c.functions_mask & req.fmask)::bit(64))::int AS n_functions,
             c.kind = ? AND c.level = ? AS local_generalist,
             cardinality(req.tps) > 0 AS topics_asked
      FROM cand c
      JOIN taxonomy_levels lv ON lv.code = c.level
      CROSS JOIN req
    ),
    -- The coarse key of the last row that can make the list: anything coarser cannot.
    cut AS (
      SELECT x.level_position, x.s_strand, least(9, x.n_functions) AS f
      FROM coarse x
      WHERE NOT x.topics_asked AND x.n_functions > 0
      ORDER BY x.level_position, x.s_strand DESC, least(9, x.n_functions) DESC
      OFFSET ? LIMIT 1
    ),
    national_top AS (
      SELECT x.s_strand, least(9, x.n_functions) AS f
      FROM coarse x
      WHERE x.level = ? AND (x.topics_asked OR x.n_functions > 0)
      ORDER BY x.s_strand DESC, least(9, x.n_functions) DESC
      LIMIT 1
    ),
    kept AS (
      SELECT x.* FROM coarse x
      WHERE x.topics_asked OR x.local_generalist OR NOT EXISTS (SELECT 1 FROM cut)
         OR (x.level_position, -x.s_strand, -least(9, x.n_functions))
            <= (SELECT k.level_position, -k.s_strand, -k.f FROM cut k)
         OR (x.level = ? AND (x.s_strand, least(9, x.n_functions)) = (SELECT t.s_strand, t.f FROM national_top t))
    ),
    fit AS MATERIALIZED (
      SELECT k.*, s.name, s.last_verified_at,
             ST_DistanceSphere(s.office, req.origin) AS distance_metres,
             CASE WHEN NOT k.topics_asked THEN 0
                  ELSE (SELECT count(*) FROM unnest(s.topics) t WHERE t = ANY(req.tps))::int END AS n_topics,
             req.today
      FROM kept k
      -- LIMIT 1 keeps this a per-row primary-key probe: the planner cannot estimate how few rows
      -- the masks and the cut leave, and a hash join would read the whole read model.
      CROSS JOIN LATERAL (SELECT x.name, x.last_verified_at, x.office, x.topics FROM provider_search x
                          WHERE x.provider_id = k.provider_id LIMIT 1) s
      CROSS JOIN req
    ),
    scored AS (
      SELECT f.*,
             f.n_functions + f.n_topics > 0 AS need_fit,
             least(9, f.n_functions + f.n_topics)::int AS s_fit,
             CASE WHEN f.last_verified_at IS NULL THEN 0
                  ELSE greatest(0, 9 - floor(greatest(0, f.today - f.last_verified_at) / ${VERIFIED_BAND_DAYS}.0))::int END AS s_verified,
             ${distanceDigit} AS s_distance
      FROM fit f
    ),
    ranked AS (
      SELECT s.*, s.s_strand * 1000 + s.s_fit * 100 + s.s_verified * 10 + s.s_distance AS score
      FROM scored s
      WHERE s.need_fit OR s.local_generalist
    ),
    -- One sort: qualifying rows first (level, score, verification, distance, name, id), then the
    -- local generalists that lack the need, which can only ever be the fallback.
    ordered AS (
      SELECT r.*,
             row_number() OVER (ORDER BY (NOT r.need_fit), r.level_position, r.score DESC,
                                         r.last_verified_at DESC NULLS LAST, r.distance_metres ASC NULLS LAST,
                                         r.name COLLATE "C", r.provider_id) AS rn
      FROM ranked r
    ),
    flagged AS (
      SELECT o.*,
             CASE WHEN o.topics_asked THEN count(*) FILTER (WHERE o.need_fit) OVER ()
                  ELSE (SELECT count(*) FROM coarse x WHERE x.n_functions > 0) END AS matched_total,
             coalesce(o.rn = min(o.rn) FILTER (WHERE o.local_generalist) OVER (), false) AS is_best_local_generalist,
             coalesce(o.rn = min(o.rn) FILTER (WHERE o.need_fit AND o.level = ?) OVER (), false) AS is_best_national
      FROM ordered o
    ),
    picked AS MATERIALIZED (
      SELECT f.* FROM flagged f
      WHERE (f.need_fit AND f.rn <= ?) OR f.is_best_local_generalist OR f.is_best_national
    )
    SELECT p.id, p.slug, p.name, p.kind, p.level, k.level_position, p.summary, p.phone, p.email, p.website,
           p.address, p.how_to_access, p.opening_hours, p.referral_criteria, p.limits,
           to_char(p.last_verified_at, 'YYYY-MM-DD') AS last_verified_at,
           round(k.distance_metres)::int AS distance_metres,
           ARRAY(SELECT f FROM unnest(ps.functions) f WHERE f = ANY(req.fns)) AS m_functions,
           ARRAY(SELECT t FROM unnest(ps.topics) t WHERE t = ANY(req.tps)) AS m_topics,
           ARRAY(SELECT x FROM unnest(ps.strands) x WHERE x = ANY(req.sts)) AS m_strands,
           k.need_fit,
           k.s_strand, k.s_fit, k.s_verified, k.s_distance, k.score::int AS score, k.rn::int AS rn,
           k.is_best_local_generalist, k.is_best_national, k.matched_total::int AS matched_total,
           a.code AS area_code, a.name AS area_name, a.name_cy AS area_name_cy, a.level AS area_level,
           k.via_area_code IS NULL AS via_polygon,
           ARRAY(
             SELECT json_build_object(
                      'id', r.id, 'to_id', t.id, 'to_slug', t.slug, 'to_name', t.name, 'to_kind', t.kind,
                      'to_level', t.level, 'strands', rs.codes, 'topics', rt.codes,
                      'criteria', r.criteria, 'follow_up', r.follow_up)
             FROM referral_pathways r
             JOIN providers t ON t.id = r.to_provider_id AND t.status = ?
             CROSS JOIN LATERAL (
               SELECT ARRAY(SELECT x.strand_code FROM referral_pathway_strands x JOIN taxonomy_strands v ON v.code = x.strand_code
                            WHERE x.pathway_id = r.id ORDER BY v.position) AS codes) rs
             CROSS JOIN LATERAL (
               SELECT ARRAY(SELECT x.topic_code FROM referral_pathway_topics x JOIN taxonomy_topics v ON v.code = x.topic_code
                            WHERE x.pathway_id = r.id ORDER BY v.position) AS codes) rt
             WHERE r.from_provider_id = p.id
               -- Relevant: overlaps the request on strands or topics, and contradicts it on neither.
               AND (rs.codes && req.sts OR rt.codes && req.tps)
               AND (cardinality(req.sts) = 0 OR cardinality(rs.codes) = 0 OR rs.codes && req.sts)
               AND (cardinality(req.tps) = 0 OR cardinality(rt.codes) = 0 OR rt.codes && req.tps)
             ORDER BY t.name, r.id
           ) AS pathways
    FROM picked k
    CROSS JOIN req
    CROSS JOIN LATERAL (SELECT * FROM providers x WHERE x.id = k.provider_id LIMIT 1) p
    CROSS JOIN LATERAL (SELECT x.functions, x.topics, x.strands FROM provider_search x
                        WHERE x.provider_id = k.provider_id LIMIT 1) ps
    CROSS JOIN LATERAL (SELECT x.code, x.name, x.name_cy, x.level FROM areas x
                        WHERE x.code = coalesce(k.via_area_code, k.area_code) LIMIT 1) a
    ORDER BY k.level_position, k.need_fit DESC, k.rn`

  return withoutJit(knex, (trx) =>
    preparedRows<SignpostRow>(trx, 'signpost_rank', sql, [
      s.functions,
      s.topics,
      s.strands,
      s.today,
      s.origin.lng,
      s.origin.lat,
      s.placeAreaCodes,
      s.minShare,
      s.activeStatus,
      s.strands.length > 0,
      s.generalistKind,
      s.topics.length > 0,
      s.generalistKind,
      s.localLevel,
      s.generalistKind,
      s.generalistKind,
      s.localLevel,
      Math.max(0, s.limit - 1),
      s.nationalLevel,
      s.nationalLevel,
      s.nationalLevel,
      s.limit,
      s.activeStatus,
    ]),
  )
}

// ---------- explain: near misses ----------

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
  need_fit: boolean
  strand_fit: boolean
  strands: string[]
  functions: string[]
  topics: string[]
  /** For providers not covering the place: the areas they list. */
  listed_areas: Array<{ code: string; name: string; name_cy: string | null; level: string }>
}

/**
 * Why candidates near the top were left out, for training and debugging: providers covering the
 * place that fail a check (not active, wrong strand, lacking the need), and providers that fit the
 * need but do not cover the place, nearest office first. Fewest failed checks first.
 */
export async function signpostNearMisses(knex: Knex, s: ExplainParams): Promise<ExcludedRow[]> {
  // Fixed SQL fragments (no values): the need and strand checks, against the req row.
  const needFit = `(EXISTS (SELECT 1 FROM provider_functions x WHERE x.provider_id = p.id AND x.function_code = ANY(req.fns))
      OR EXISTS (SELECT 1 FROM provider_topics x WHERE x.provider_id = p.id AND x.topic_code = ANY(req.tps)))`
  const strandFit = `(cardinality(req.sts) = 0 OR p.kind = req.generalist
      OR EXISTS (SELECT 1 FROM provider_strands x WHERE x.provider_id = p.id AND x.strand_code = ANY(req.sts)))`
  const sql = `
    WITH req AS (
      SELECT ?::text[] AS fns, ?::text[] AS tps, ?::text[] AS sts, ?::text AS generalist,
             ST_SetSRID(ST_MakePoint(?, ?), 4326) AS origin
    ),
    covering AS (
      SELECT DISTINCT ci.provider_id
      FROM provider_coverage_index ci
      WHERE ci.area_code = ANY(?::text[]) AND (ci.via_area_code IS NOT NULL OR ci.share >= ?)
    ),
    inside AS (
      SELECT c.*, (NOT c.active)::int + (NOT c.need_fit)::int + (NOT c.strand_fit)::int AS failures,
             NULL::double precision AS distance
      FROM (
        SELECT p.id, true AS covers, p.status = ? AS active,
               ${needFit} AS need_fit, ${strandFit} AS strand_fit
        FROM covering v JOIN providers p ON p.id = v.provider_id CROSS JOIN req
      ) c
      WHERE NOT (c.active AND c.need_fit AND c.strand_fit)
    ),
    outside AS (
      SELECT p.id, false AS covers, true AS active, true AS need_fit, true AS strand_fit, 1 AS failures,
             ST_DistanceSphere(p.office, req.origin) AS distance
      FROM providers p CROSS JOIN req
      WHERE p.status = ? AND p.office IS NOT NULL AND ${needFit} AND ${strandFit}
        AND NOT EXISTS (SELECT 1 FROM covering v WHERE v.provider_id = p.id)
      ORDER BY p.office <-> req.origin
      LIMIT ?
    ),
    misses AS (
      SELECT * FROM inside UNION ALL SELECT * FROM outside
    ),
    top AS (
      SELECT m.*, lv.position AS level_position, p.name
      FROM misses m JOIN providers p ON p.id = m.id JOIN taxonomy_levels lv ON lv.code = p.level
      ORDER BY m.failures, lv.position, m.distance NULLS FIRST, p.name, p.id
      LIMIT ?
    )
    SELECT p.id, p.slug, p.name, p.kind, p.level, p.status, t.covers, t.active, t.need_fit, t.strand_fit,
           ARRAY(SELECT x.strand_code FROM provider_strands x JOIN taxonomy_strands v ON v.code = x.strand_code
                 WHERE x.provider_id = p.id ORDER BY v.position) AS strands,
           ARRAY(SELECT x.function_code FROM provider_functions x JOIN taxonomy_functions v ON v.code = x.function_code
                 WHERE x.provider_id = p.id ORDER BY v.position) AS functions,
           ARRAY(SELECT x.topic_code FROM provider_topics x JOIN taxonomy_topics v ON v.code = x.topic_code
                 WHERE x.provider_id = p.id ORDER BY v.position) AS topics,
           CASE WHEN t.covers THEN ARRAY[]::json[] ELSE ARRAY(
             SELECT json_build_object('code', a.code, 'name', a.name, 'name_cy', a.name_cy, 'level', a.level)
             FROM provider_coverage_areas pca JOIN areas a ON a.code = pca.area_code JOIN area_types at ON at.type = a.type
             WHERE pca.provider_id = p.id ORDER BY at.rank, a.name LIMIT 5) END AS listed_areas
    FROM top t JOIN providers p ON p.id = t.id
    ORDER BY t.failures, t.level_position, t.distance NULLS FIRST, p.name, p.id`

  const result = await knex.raw<{ rows: ExcludedRow[] }>(sql, [
    s.functions,
    s.topics,
    s.strands,
    s.generalistKind,
    s.origin.lng,
    s.origin.lat,
    s.placeAreaCodes,
    s.minShare,
    s.activeStatus,
    s.activeStatus,
    s.limit,
    s.limit,
  ])
  return result.rows
}

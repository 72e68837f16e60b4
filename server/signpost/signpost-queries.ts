import type { Knex } from 'knex'
import { preparedRows } from '../lib/prepared'
import { contactRouteSql } from '../providers/contact-route'
import { expiredSql } from '../providers/freshness'

/**
 * SQL for signposting. The ranking is one set-based statement (docs/decisions/0004): candidates
 * from the coverage index for the place's most local areas, each read once from the narrow read
 * model (provider_search: codes, strand details, the three role facts, languages, formats,
 * quality marks), the rules applied, the score digits, one sort, the rows the rules keep (the
 * ranked list, the pair at each level, the fallbacks), and each kept row's contact details,
 * matched area and referral pathways — one round trip.
 */

export interface SignpostParams {
  /** The most local areas containing the place: the coverage index lists every descendant of a listed area. */
  placeAreaCodes: string[]
  origin: { lng: number; lat: number }
  minShare: number
  functions: string[]
  topics: string[]
  /** Requested strands, with the strand of every requested detail among them. */
  strands: string[]
  /** Requested strand details (taxonomy.md `strandDetail`). */
  strandDetails?: string[]
  /** Requested languages and formats: a preference (ranked first), not a filter. */
  languages?: string[]
  formats?: string[]
  /** Requested quality marks: a filter (a body holds at least one). */
  qualityMarks?: string[]
  /** YYYY-MM-DD: verification recency is measured from this day. */
  today: string
  /** Main list length asked of the database (the service trims to make room for kept rows). */
  limit: number
  /**
   * The freshness policy's cut-offs (YYYY-MM-DD, docs/decisions/0020): verified before
   * `staleBefore` (or never) is stale, ranked after the fresh rows of its level; verified before
   * `expiredBefore`, or without a contact route, is not offered but returned as a follow-up row.
   * Absent: no policy.
   */
  staleBefore?: string | null
  expiredBefore?: string | null
  generalistKind: string
  localLevel: string
  nationalLevel: string
  activeStatus: string
}

export interface SignpostPathwayRow {
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
  /** Relevant to the request on its own (strands overlap, or topics overlap without a strand contradiction). */
  relevant: boolean
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
  welsh_name: string | null
  welsh_summary: string | null
  welsh_how_to_access: string | null
  opening_hours: unknown
  referral_criteria: string | null
  limits: string | null
  last_verified_at: string | null
  distance_metres: number | null
  acts_as_generalist: boolean
  activity_specialist: boolean
  languages: string[]
  formats: string[]
  quality_marks: string[]
  quality_mark_other: string | null
  m_functions: string[]
  m_topics: string[]
  m_strands: string[]
  m_strand_details: string[]
  m_languages: string[]
  m_formats: string[]
  need_fit: boolean
  s_access: number
  s_strand: number
  s_fit: number
  s_verified: number
  s_distance: number
  score: number
  rn: number
  is_best_local_generalist: boolean
  is_best_national: boolean
  /** Nothing at a nearer level than national fits the need. */
  nothing_nearer: boolean
  pair_generalist: boolean
  pair_specialist: boolean
  matched_total: number
  area_code: string
  area_name: string
  area_name_cy: string | null
  area_level: string
  via_polygon: boolean
  pathways: SignpostPathwayRow[]
  source: string
  /** Freshness (decision 0020): stale (demoted), expired or without a contact route (not offered). */
  f_stale: boolean
  f_expired: boolean
  f_no_contact: boolean
  /** Not offered (expired or no contact route) but would have matched: listed for follow-up. */
  follow_up: boolean
}

/**
 * Runs a read with PostgreSQL's JIT compiler off. The planner's cost estimate for the ranking
 * passes jit_above_cost, and compiling then takes about 300 ms for a query that runs in a few:
 * JIT suits long analytical scans, not lookups.
 */
export function withoutJit<T>(knex: Knex, read: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
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
 * The request, once: every value of the statement is bound here and read from `req` after.
 * `dparents` are the strands of the requested details.
 */
const requestCte = `
  req AS MATERIALIZED (
    SELECT r.*,
           (SELECT coalesce(bit_or(1::bigint << v.bit), 0) FROM taxonomy_functions v WHERE v.code = ANY(r.fns)) AS fmask,
           (SELECT coalesce(bit_or(1::bigint << v.bit), 0) FROM taxonomy_strands v WHERE v.code = ANY(r.sts)) AS smask
    FROM (SELECT ?::text[] AS fns, ?::text[] AS tps, ?::text[] AS sts, ?::text[] AS dts, ?::text[] AS langs,
                 ?::text[] AS fmts, ?::text[] AS qms, ?::date AS today, ST_SetSRID(ST_MakePoint(?, ?), 4326) AS origin,
                 ?::text[] AS places, ?::real AS min_share, ?::text AS active, ?::text AS generalist,
                 ?::text AS local_level, ?::text AS national_level, ?::int AS lim,
                 ?::date AS stale_before, ?::date AS expired_before) r
  )`

const requestBindings = (s: SignpostParams) => [
  s.functions,
  s.topics,
  s.strands,
  s.strandDetails ?? [],
  s.languages ?? [],
  s.formats ?? [],
  s.qualityMarks ?? [],
  s.today,
  s.origin.lng,
  s.origin.lat,
  s.placeAreaCodes,
  s.minShare,
  s.activeStatus,
  s.generalistKind,
  s.localLevel,
  s.nationalLevel,
  s.limit,
  s.staleBefore ?? null,
  s.expiredBefore ?? null,
]

/**
 * The requested strands a provider (`s`, a provider_search row) matches under the detail rule: it
 * lists the strand, and either the request names no detail of it, or the provider records none
 * of it (it serves the whole strand), or they share a detail. A sibling detail never matches.
 */
export const matchedStrands = (s: string) => `ARRAY(
  SELECT st FROM unnest(${s}.strands) AS ms(st)
  WHERE st = ANY(req.sts)
    AND (NOT EXISTS (SELECT 1 FROM taxonomy_strand_details d WHERE d.strand_code = st AND d.code = ANY(req.dts))
      OR NOT EXISTS (SELECT 1 FROM taxonomy_strand_details d WHERE d.strand_code = st AND d.code = ANY(${s}.strand_details))
      OR EXISTS (SELECT 1 FROM taxonomy_strand_details d
                 WHERE d.strand_code = st AND d.code = ANY(req.dts) AND d.code = ANY(${s}.strand_details))))`

/** Serves any group: a generalist, a body acting as its area's generalist, an activity specialist. */
export const servesAnyGroup = (s: string) =>
  `(${s}.kind = req.generalist OR ${s}.acts_as_generalist OR ${s}.activity_specialist)`

/**
 * The ranked list and the rows the rules keep wherever they rank: the best local generalist
 * (need fit preferred, else any), the best national option for the need, and, when groups were
 * named, each level's pair (best generalist for the need, best specialist for the groups).
 */
export async function signpostProviders(knex: Knex, s: SignpostParams): Promise<SignpostRow[]> {
  const sql = `
    WITH ${requestCte},
    -- An index-only range scan: the coverage index carries status, kind, level and the function
    -- and strand masks. Kept: rows that can fit the need, specialists for a named group (the
    -- community-context half of a pair) and the local generalists (the fallback).
    cand AS MATERIALIZED (
      SELECT DISTINCT ON (ci.provider_id) ci.provider_id, ci.area_code, ci.via_area_code, ci.kind, ci.level,
             ci.functions_mask
      FROM provider_coverage_index ci CROSS JOIN req
      WHERE ci.area_code = ANY(req.places) AND (ci.via_area_code IS NOT NULL OR ci.share >= req.min_share)
        AND ci.status = req.active
        AND (cardinality(req.tps) > 0 OR ci.functions_mask & req.fmask <> 0
             OR ci.strands_mask & req.smask <> 0 OR ci.level = req.local_level)
      ORDER BY ci.provider_id, (ci.via_area_code IS NULL), ci.share DESC
    ),
    facts AS MATERIALIZED (
      SELECT c.provider_id, c.area_code, c.via_area_code, c.kind, c.level, lv.position AS level_position,
             x.name, x.last_verified_at, ST_DistanceSphere(x.office, req.origin) AS distance_metres,
             bit_count((c.functions_mask & req.fmask)::bit(64))::int AS n_functions,
             (SELECT count(*) FROM unnest(x.topics) t WHERE t = ANY(req.tps))::int AS n_topics,
             ${matchedStrands('x')} AS m_strands,
             ${servesAnyGroup('x')} AS any_group,
             (x.kind = req.generalist OR x.acts_as_generalist) AS general_role,
             x.serves_infrastructure_only,
             (SELECT count(*) FROM unnest(x.languages) l WHERE l = ANY(req.langs))::int
               + (SELECT count(*) FROM unnest(x.formats) f WHERE f = ANY(req.fmts))::int AS n_access,
             (cardinality(req.qms) = 0 OR x.quality_marks && req.qms) AS marks_ok,
             -- The freshness policy (decision 0020).
             (req.stale_before IS NOT NULL AND (x.last_verified_at IS NULL OR x.last_verified_at < req.stale_before)) AS f_stale,
             ${expiredSql('x.last_verified_at', 'req.expired_before')} AS f_expired,
             (req.expired_before IS NOT NULL AND NOT ${contactRouteSql('pc')}) AS f_no_contact,
             req.today
      FROM cand c
      JOIN taxonomy_levels lv ON lv.code = c.level
      CROSS JOIN req
      -- LIMIT 1 keeps this a per-row primary-key probe rather than a hash join over the read model.
      CROSS JOIN LATERAL (SELECT * FROM provider_search y WHERE y.provider_id = c.provider_id LIMIT 1) x
      CROSS JOIN LATERAL (SELECT y.phone, y.email, y.website, y.address FROM providers y
                          WHERE y.id = c.provider_id LIMIT 1) pc
    ),
    eligible AS (
      SELECT f.*,
             f.n_functions + f.n_topics > 0 AS need_fit,
             cardinality(f.m_strands) > 0 AS for_groups,
             f.general_role AND f.level = req.local_level AS local_generalist
      FROM facts f CROSS JOIN req
      WHERE NOT f.serves_infrastructure_only AND f.marks_ok
        AND (cardinality(req.sts) = 0 OR f.any_group OR cardinality(f.m_strands) > 0)
    ),
    scored AS (
      SELECT e.*,
             least(9, e.n_access)::int AS s_access,
             CASE WHEN e.kind <> req.generalist THEN least(9, cardinality(e.m_strands)) ELSE 0 END::int AS s_strand,
             least(9, e.n_functions + e.n_topics)::int AS s_fit,
             CASE WHEN e.last_verified_at IS NULL THEN 0
                  ELSE greatest(0, 9 - floor(greatest(0, e.today - e.last_verified_at) / ${VERIFIED_BAND_DAYS}.0))::int END AS s_verified,
             ${distanceDigit} AS s_distance
      FROM eligible e CROSS JOIN req
      -- Offered at all: fits the need, or a specialist for a named group, or a local generalist.
      WHERE e.need_fit OR e.for_groups OR e.local_generalist
    ),
    -- One sort: rows fitting the need first (level, fresh before stale, score, verification,
    -- distance, name, id), then the rows offered by an exception (community context, a local
    -- generalist without the need). Expired rows and rows without a contact route are not offered.
    ordered AS (
      SELECT x.*, x.s_access * 10000 + x.s_strand * 1000 + x.s_fit * 100 + x.s_verified * 10 + x.s_distance AS score,
             row_number() OVER (ORDER BY (NOT x.need_fit), x.level_position, x.f_stale,
                                         x.s_access * 10000 + x.s_strand * 1000 + x.s_fit * 100 + x.s_verified * 10 + x.s_distance DESC,
                                         x.last_verified_at DESC NULLS LAST, x.distance_metres ASC NULLS LAST,
                                         x.name COLLATE "C", x.provider_id) AS rn
      FROM scored x
      WHERE NOT (x.f_expired OR x.f_no_contact)
    ),
    flagged AS (
      SELECT o.*,
             count(*) FILTER (WHERE o.need_fit) OVER () AS matched_total,
             coalesce(o.rn = min(o.rn) FILTER (WHERE o.local_generalist) OVER (), false) AS is_best_local_generalist,
             coalesce(o.rn = min(o.rn) FILTER (WHERE o.need_fit AND o.level = req.national_level) OVER (), false) AS is_best_national,
             NOT coalesce(bool_or(o.need_fit AND o.level <> req.national_level) OVER (), false) AS nothing_nearer,
             cardinality(req.sts) > 0
               AND coalesce(o.rn = min(o.rn) FILTER (WHERE o.need_fit AND o.general_role) OVER (PARTITION BY o.level), false)
               AS pair_generalist,
             cardinality(req.sts) > 0
               AND coalesce(o.rn = min(o.rn) FILTER (WHERE o.for_groups AND o.kind <> req.generalist) OVER (PARTITION BY o.level), false)
               AS pair_specialist
      FROM ordered o CROSS JOIN req
    ),
    -- The rows the policy leaves out that would have been offered: listed for follow-up, level first.
    lapsed AS (
      SELECT x.*, x.s_access * 10000 + x.s_strand * 1000 + x.s_fit * 100 + x.s_verified * 10 + x.s_distance AS score,
             row_number() OVER (ORDER BY x.level_position, (NOT x.need_fit),
                                         x.s_access * 10000 + x.s_strand * 1000 + x.s_fit * 100 + x.s_verified * 10 + x.s_distance DESC,
                                         x.name COLLATE "C", x.provider_id) AS rn,
             0::bigint AS matched_total, false AS is_best_local_generalist, false AS is_best_national,
             false AS nothing_nearer, false AS pair_generalist, false AS pair_specialist
      FROM scored x
      WHERE x.f_expired OR x.f_no_contact
    ),
    picked AS MATERIALIZED (
      SELECT f.*, false AS follow_up FROM flagged f CROSS JOIN req
      WHERE (f.need_fit AND f.rn <= req.lim) OR f.is_best_local_generalist OR f.is_best_national
         OR f.pair_generalist OR f.pair_specialist
      UNION ALL
      SELECT l.*, true AS follow_up FROM lapsed l CROSS JOIN req WHERE l.rn <= req.lim
    )
    SELECT p.id, p.slug, p.name, p.kind, p.level, k.level_position, p.summary, p.phone, p.email, p.website,
           p.address, p.how_to_access, p.opening_hours, p.referral_criteria, p.limits,
           p.welsh_name, p.welsh_summary, p.welsh_how_to_access,
           to_char(p.last_verified_at, 'YYYY-MM-DD') AS last_verified_at,
           round(k.distance_metres)::int AS distance_metres,
           ps.acts_as_generalist, ps.activity_specialist, ps.languages, ps.formats, ps.quality_marks,
           p.quality_mark_other,
           ARRAY(SELECT f FROM unnest(ps.functions) f WHERE f = ANY(req.fns)) AS m_functions,
           ARRAY(SELECT t FROM unnest(ps.topics) t WHERE t = ANY(req.tps)) AS m_topics,
           k.m_strands,
           ARRAY(SELECT d FROM unnest(ps.strand_details) d WHERE d = ANY(req.dts)) AS m_strand_details,
           ARRAY(SELECT l FROM unnest(ps.languages) l WHERE l = ANY(req.langs)) AS m_languages,
           ARRAY(SELECT f FROM unnest(ps.formats) f WHERE f = ANY(req.fmts)) AS m_formats,
           k.need_fit, k.s_access, k.s_strand, k.s_fit, k.s_verified, k.s_distance, k.score::int AS score,
           k.rn::int AS rn, k.is_best_local_generalist, k.is_best_national, k.nothing_nearer,
           k.pair_generalist, k.pair_specialist, k.matched_total::int AS matched_total,
           a.code AS area_code, a.name AS area_name, a.name_cy AS area_name_cy, a.level AS area_level,
           k.via_area_code IS NULL AS via_polygon,
           p.source, k.f_stale, k.f_expired, k.f_no_contact, k.follow_up,
           ARRAY(
             SELECT json_build_object(
                      'id', r.id, 'to_id', t.id, 'to_slug', t.slug, 'to_name', t.name, 'to_kind', t.kind,
                      'to_level', t.level, 'strands', rs.codes, 'topics', rt.codes,
                      'criteria', r.criteria, 'follow_up', r.follow_up,
                      -- A matching strand shows the pathway whatever its topics; a matching topic
                      -- shows it unless its strands are other groups.
                      'relevant', rs.codes && req.sts
                                  OR (rt.codes && req.tps AND (cardinality(req.sts) = 0 OR cardinality(rs.codes) = 0)))
             FROM referral_pathways r
             JOIN providers t ON t.id = r.to_provider_id AND t.status = req.active
             CROSS JOIN LATERAL (
               SELECT ARRAY(SELECT x.strand_code FROM referral_pathway_strands x JOIN taxonomy_strands v ON v.code = x.strand_code
                            WHERE x.pathway_id = r.id ORDER BY v.position) AS codes) rs
             CROSS JOIN LATERAL (
               SELECT ARRAY(SELECT x.topic_code FROM referral_pathway_topics x JOIN taxonomy_topics v ON v.code = x.topic_code
                            WHERE x.pathway_id = r.id ORDER BY v.position) AS codes) rt
             WHERE r.from_provider_id = p.id
             ORDER BY t.name, r.id
           ) AS pathways
    FROM picked k
    CROSS JOIN req
    CROSS JOIN LATERAL (SELECT * FROM providers x WHERE x.id = k.provider_id LIMIT 1) p
    CROSS JOIN LATERAL (SELECT * FROM provider_search x WHERE x.provider_id = k.provider_id LIMIT 1) ps
    CROSS JOIN LATERAL (SELECT x.code, x.name, x.name_cy, x.level FROM areas x
                        WHERE x.code = coalesce(k.via_area_code, k.area_code) LIMIT 1) a
    ORDER BY k.follow_up, k.level_position, k.need_fit DESC, k.rn`

  return withoutJit(knex, (trx) => preparedRows<SignpostRow>(trx, 'signpost_rank', sql, requestBindings(s)))
}

export { requestBindings, requestCte }

import type { Knex } from 'knex'

/**
 * The directory search in SQL: one round trip per page (the embedded engine runs one query at a
 * time), over the search rows and the coverage index that server/providers/ keeps.
 */

export interface ProviderSummaryRow {
  id: string
  slug: string
  name: string
  kind: string
  level: string
  org_type: string
  status: string
  summary: string
  welsh_name: string | null
  welsh_summary: string | null
  office_lng: number | null
  office_lat: number | null
  last_verified_at: string | null
  functions: string[]
  topics: string[]
  strands: string[]
}

export interface SearchParams {
  /** The most local areas containing the place (coverage index lookups), when a place was given. */
  placeAreaCodes?: string[]
  /** The point distances are measured from. */
  origin?: { lng: number; lat: number }
  minShare: number
  q?: string
  levels: string[]
  kinds: string[]
  functions: string[]
  topics: string[]
  strands: string[]
  languages: string[]
  formats: string[]
  qualityMarks: string[]
  statuses: string[]
  verifiedSince?: string
  /** The kind whose records serve every group, included for a strand search. */
  generalistKind: string
  limit: number
  offset: number
}

export interface SearchRow extends ProviderSummaryRow {
  total: number
  relevance: number
  text_match: boolean
  strand_match: boolean
  distance_metres: number | null
  /** The area through which the provider covers the place (names come from the place's areas). */
  matched_code: string | null
  via_polygon: boolean | null
  share: number | null
  languages: string[]
  formats: string[]
  quality_marks: string[]
}

function arrayFilter(column: string, codes: string[], where: string[], bindings: Knex.RawBinding[]): void {
  if (codes.length === 0) return
  where.push(`s.${column} && ?::text[]`)
  bindings.push(codes)
}

/** The search mask of some codes, computed once per query from their stable bits. */
const maskFor = (vocabulary: 'taxonomy_functions' | 'taxonomy_strands') =>
  `(SELECT coalesce(bit_or(1::bigint << bit), 0) FROM ${vocabulary} WHERE code = ANY(?::text[]))`

/** The page's columns, shared by both search paths (pg: the page row, p/ps: its provider). */
const pageColumns = `
  pg.ord, pg.relevance, pg.text_match, pg.strand_match, pg.distance_metres,
  coalesce(pg.via_area_code, pg.place_area_code) AS matched_code,
  CASE WHEN pg.place_area_code IS NULL THEN NULL ELSE pg.via_area_code IS NULL END AS via_polygon,
  pg.share,
  p.id, p.slug, p.name, p.kind, p.level, p.org_type, p.status, p.summary, p.welsh_name, p.welsh_summary,
  ST_X(p.office) AS office_lng, ST_Y(p.office) AS office_lat,
  to_char(p.last_verified_at, 'YYYY-MM-DD') AS last_verified_at,
  ps.functions, ps.topics, ps.strands, ps.languages, ps.formats, ps.quality_marks`

/**
 * The common place search (place + status/level/kind/function/strand, no text or rarer filters)
 * without touching most candidates: level and strand match, the first two sort keys, come from
 * the index rows, so the candidates are counted per (level, strand match) group from the index
 * alone, and only the groups the requested page falls in fetch names and offices for the rest
 * of the ordering (distance, name). A page of a national body's 7,000 candidates reads ~30.
 */
async function searchPlaceByGroups(
  knex: Knex,
  s: SearchParams,
  candidates: string,
  candidateBindings: Knex.RawBinding[],
): Promise<{ total: number; rows: SearchRow[] }> {
  const strandMatch = s.strands.length > 0 ? `(c.strands_mask & ${maskFor('taxonomy_strands')}) <> 0` : 'true'
  const distance = s.origin
    ? 'ST_Distance(x.office::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, false)'
    : 'NULL::double precision'
  const order = 'f.level_position, f.strand_match DESC, f.distance_metres ASC NULLS LAST, f.name, f.id'
  const sql = `
    WITH cand AS MATERIALIZED (
      SELECT c.provider_id, c.area_code, c.via_area_code, c.share, l.position AS level_position,
             ${strandMatch} AS strand_match
      FROM (${candidates}) c
      JOIN taxonomy_levels l ON l.code = c.level
    ),
    groups AS (
      SELECT level_position, strand_match, count(*) AS n,
             sum(count(*)) OVER (ORDER BY level_position, strand_match DESC) - count(*) AS before
      FROM cand GROUP BY level_position, strand_match
    ),
    needed AS (SELECT level_position, strand_match, before FROM groups WHERE before < ? AND before + n > ?),
    filtered AS (
      SELECT c.provider_id AS id, x.name, c.level_position, 0::real AS relevance, false AS text_match,
             c.strand_match, ${distance} AS distance_metres,
             c.area_code AS place_area_code, c.via_area_code, c.share
      FROM cand c
      JOIN needed g ON g.level_position = c.level_position AND g.strand_match = c.strand_match
      CROSS JOIN LATERAL (SELECT y.name, y.office FROM provider_search y WHERE y.provider_id = c.provider_id LIMIT 1) x
    ),
    page AS (
      SELECT * FROM (
        SELECT f.*, row_number() OVER (ORDER BY ${order}) + (SELECT coalesce(min(before), 0) FROM needed) AS ord
        FROM filtered f
      ) ranked
      WHERE ord > ?
      ORDER BY ord
      LIMIT ?
    )
    SELECT (SELECT count(*) FROM cand) AS total, ${pageColumns}
    FROM (SELECT 1) one
    LEFT JOIN page pg ON true
    LEFT JOIN providers p ON p.id = pg.id
    LEFT JOIN provider_search ps ON ps.provider_id = pg.id
    ORDER BY pg.ord`
  const bindings: Knex.RawBinding[] = [
    ...(s.strands.length > 0 ? [s.strands] : []),
    ...candidateBindings,
    s.offset + s.limit,
    s.offset,
    ...(s.origin ? [s.origin.lng, s.origin.lat] : []),
    s.offset,
    s.limit,
  ]
  const result = await knex.raw<{ rows: Array<SearchRow & { id: string | null }> }>(sql, bindings)
  const total = Number(result.rows[0]?.total ?? 0)
  return { total, rows: result.rows.filter((r) => r.id !== null) }
}

/**
 * One round trip: the filtered candidates, the total, and the requested page with its record
 * fields and matched areas. With a place, candidates come from the coverage index rows of the
 * place's most local area, filtered on the facets those rows carry (status, kind, level, function
 * and strand masks) inside the index; only the survivors are joined to the search rows. SQL text
 * is assembled only from fixed fragments; every value is a binding.
 */
export async function searchProviders(
  knex: Knex,
  s: SearchParams,
): Promise<{ total: number; rows: SearchRow[] }> {
  const placeAreaCodes = s.placeAreaCodes
  const withPlace = placeAreaCodes !== undefined
  const tsquery = "websearch_to_tsquery('english', ?)"
  const q = s.q ?? ''
  const hasQ = q !== ''

  // Facet conditions: answered by the coverage-index row with a place (alias ci), else by the
  // search row (alias s).
  const facet = (alias: string) => {
    const conds: string[] = []
    const bindings: Knex.RawBinding[] = []
    conds.push(`${alias}.status = ANY(?::text[])`)
    bindings.push(s.statuses)
    if (s.levels.length > 0) {
      conds.push(`${alias}.level = ANY(?::text[])`)
      bindings.push(s.levels)
    }
    if (s.kinds.length > 0) {
      conds.push(`${alias}.kind = ANY(?::text[])`)
      bindings.push(s.kinds)
    }
    if (s.functions.length > 0) {
      conds.push(`(${alias}.functions_mask & ${maskFor('taxonomy_functions')}) <> 0`)
      bindings.push(s.functions)
    }
    if (s.strands.length > 0) {
      // A generalist serves every group, so it stays in a strand search (as the fallback).
      conds.push(`(${alias}.kind = ? OR (${alias}.strands_mask & ${maskFor('taxonomy_strands')}) <> 0)`)
      bindings.push(s.generalistKind, s.strands)
    }
    return { conds, bindings }
  }

  // Row conditions: the rarer filters, on the search row of a surviving candidate.
  const rowConds: string[] = []
  const rowBindings: Knex.RawBinding[] = []
  arrayFilter('topics', s.topics, rowConds, rowBindings)
  arrayFilter('languages', s.languages, rowConds, rowBindings)
  arrayFilter('formats', s.formats, rowConds, rowBindings)
  arrayFilter('quality_marks', s.qualityMarks, rowConds, rowBindings)
  if (s.verifiedSince) {
    rowConds.push('s.last_verified_at >= ?::date')
    rowBindings.push(s.verifiedSince)
  }
  if (hasQ) {
    // A query of stop words only ("the") has no lexemes and filters nothing.
    rowConds.push(`(numnode(${tsquery}) = 0 OR d.search_vector @@ ${tsquery})`)
    rowBindings.push(q, q)
  }

  const fromBindings: Knex.RawBinding[] = []
  let from: string
  if (!withPlace) {
    const { conds, bindings } = facet('s')
    rowConds.unshift(...conds)
    rowBindings.unshift(...bindings)
    from = `provider_search s ${hasQ ? 'JOIN providers d ON d.id = s.provider_id' : ''}`
  } else {
    // Candidates come from the index alone; each survivor then fetches its own rows (LATERAL with
    // LIMIT 1 keeps that a keyed lookup rather than a scan of every provider).
    const { conds, bindings } = facet('ci')
    const candidates =
      placeAreaCodes.length === 1
        ? `SELECT ci.provider_id, ci.area_code, ci.via_area_code, ci.share, ci.strands_mask, ci.level
           FROM provider_coverage_index ci
           WHERE ci.area_code = ? AND (ci.via_area_code IS NOT NULL OR ci.share >= ?) AND ${conds.join(' AND ')}`
        : `SELECT DISTINCT ON (ci.provider_id) ci.provider_id, ci.area_code, ci.via_area_code, ci.share, ci.strands_mask, ci.level
           FROM provider_coverage_index ci
           WHERE ci.area_code = ANY(?::text[]) AND (ci.via_area_code IS NOT NULL OR ci.share >= ?) AND ${conds.join(' AND ')}
           ORDER BY ci.provider_id, ci.share DESC`
    fromBindings.push(
      placeAreaCodes.length === 1 ? (placeAreaCodes[0] as string) : placeAreaCodes,
      s.minShare,
    )
    fromBindings.push(...bindings)
    if (rowConds.length === 0) {
      return searchPlaceByGroups(knex, s, candidates, fromBindings)
    }
    from = `(${candidates}) c
      CROSS JOIN LATERAL (SELECT x.* FROM provider_search x WHERE x.provider_id = c.provider_id LIMIT 1) s
      ${hasQ ? 'CROSS JOIN LATERAL (SELECT y.search_vector FROM providers y WHERE y.id = c.provider_id LIMIT 1) d' : ''}`
  }
  const f = withPlace ? 'c' : 's'
  const where = rowConds.length > 0 ? `WHERE ${rowConds.join(' AND ')}` : ''
  const whereBindings = rowBindings

  const selectBindings: Knex.RawBinding[] = []
  const relevance = hasQ ? `ts_rank_cd(d.search_vector, ${tsquery}, 32)` : '0::real'
  const textMatch = hasQ ? `d.search_vector @@ ${tsquery}` : 'false'
  if (hasQ) selectBindings.push(q, q)
  const strandMatch =
    s.strands.length > 0 ? `(${f}.strands_mask & ${maskFor('taxonomy_strands')}) <> 0` : 'true'
  if (s.strands.length > 0) selectBindings.push(s.strands)
  const distance = s.origin
    ? 'ST_Distance(s.office::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, false)'
    : 'NULL::double precision'
  if (s.origin) selectBindings.push(s.origin.lng, s.origin.lat)

  const placeColumns = withPlace
    ? 'c.area_code AS place_area_code, c.via_area_code, c.share'
    : 'NULL::text AS place_area_code, NULL::text AS via_area_code, NULL::real AS share'

  // With a place: level (neighbourhood first), then relevance, then distance; without: relevance, name.
  // Relevance is explicit strand match first (a generalist fallback after the specialists), then text rank.
  const order = withPlace
    ? 'f.level_position, f.strand_match DESC, f.relevance DESC, f.distance_metres ASC NULLS LAST, f.name, f.id'
    : 'f.strand_match DESC, f.relevance DESC, f.name, f.id'

  const sql = `
    WITH filtered AS (
      SELECT s.provider_id AS id, s.name, l.position AS level_position,
             ${relevance} AS relevance, ${textMatch} AS text_match, ${strandMatch} AS strand_match,
             ${distance} AS distance_metres, ${placeColumns}
      FROM ${from}
      JOIN taxonomy_levels l ON l.code = s.level
      ${where}
    ),
    page AS (
      SELECT f.*, row_number() OVER (ORDER BY ${order}) AS ord
      FROM filtered f
      ORDER BY ${order}
      LIMIT ? OFFSET ?
    )
    SELECT (SELECT count(*) FROM filtered) AS total, ${pageColumns}
    FROM (SELECT 1) one
    LEFT JOIN page pg ON true
    LEFT JOIN providers p ON p.id = pg.id
    LEFT JOIN provider_search ps ON ps.provider_id = pg.id
    ORDER BY pg.ord`

  const result = await knex.raw<{ rows: Array<SearchRow & { id: string | null }> }>(sql, [
    ...selectBindings,
    ...fromBindings,
    ...whereBindings,
    s.limit,
    s.offset,
  ])
  const total = Number(result.rows[0]?.total ?? 0)
  return { total, rows: result.rows.filter((r) => r.id !== null) }
}

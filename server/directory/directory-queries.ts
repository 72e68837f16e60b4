import type { Knex } from 'knex'

/**
 * SQL for the directory. Writes take a transaction: the record, its codes, its coverage index
 * and its search document change together or not at all. Reads are one round trip each where
 * possible, because the embedded engine runs one query at a time.
 */

/** The multi-valued code columns: vocabulary table, join table, join column. */
export const codeTables = {
  functions: { join: 'provider_functions', column: 'function_code', vocabulary: 'taxonomy_functions' },
  topics: { join: 'provider_topics', column: 'topic_code', vocabulary: 'taxonomy_topics' },
  strands: { join: 'provider_strands', column: 'strand_code', vocabulary: 'taxonomy_strands' },
  languages: { join: 'provider_languages', column: 'language_code', vocabulary: 'taxonomy_languages' },
  formats: { join: 'provider_formats', column: 'format_code', vocabulary: 'taxonomy_formats' },
} as const
export type CodeField = keyof typeof codeTables

/** A polygon overlapping less than this fraction of an area is an edge sliver, not coverage. */
export const MIN_INDEXED_SHARE = 0.0001

const INSERT_CHUNK_ROWS = 1000

async function insertChunked(trx: Knex.Transaction, table: string, rows: object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK_ROWS) {
    await trx(table).insert(rows.slice(i, i + INSERT_CHUNK_ROWS))
  }
}

// ---------- writes ----------

export interface ProviderRow {
  id: string
  slug: string
  name: string
  kind: string
  level: string
  org_type: string
  status: string
  summary: string
  description: string | null
  mission: string | null
  remit: string | null
  limits: string | null
  referral_criteria: string | null
  how_to_access: string | null
  cost_type: string
  cost_text: string | null
  membership_based: boolean
  opening_hours: unknown
  website: string | null
  email: string | null
  phone: string | null
  address: string | null
  office: { lng: number; lat: number } | null
  charity_number: string | null
  company_number: string | null
  quality_marks: string[]
  annual_report_url: string | null
  last_verified_at: string | null
  source: string
}

export async function insertProviders(trx: Knex.Transaction, rows: ProviderRow[]): Promise<void> {
  const prepared = rows.map(({ office, opening_hours, ...row }) => ({
    ...row,
    opening_hours: opening_hours === null ? null : JSON.stringify(opening_hours),
    office: office ? trx.raw('ST_SetSRID(ST_MakePoint(?, ?), 4326)', [office.lng, office.lat]) : null,
  }))
  await insertChunked(trx, 'providers', prepared)
}

export async function insertProviderCodes(
  trx: Knex.Transaction,
  field: CodeField,
  rows: Array<{ providerId: string; code: string }>,
): Promise<void> {
  const { join, column } = codeTables[field]
  await insertChunked(
    trx,
    join,
    rows.map((r) => ({ provider_id: r.providerId, [column]: r.code })),
  )
}

export async function deleteProvidersWhereSource(
  trx: Knex.Transaction,
  sources: { only?: string[]; except?: string[] },
): Promise<number> {
  const query = trx('providers')
  if (sources.only) query.whereIn('source', sources.only)
  if (sources.except) query.whereNotIn('source', sources.except)
  return query.delete()
}

/** Area codes among `codes` that are not loaded. */
export async function missingAreaCodes(knex: Knex, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return []
  const result = await knex.raw<{ rows: Array<{ code: string }> }>(
    `SELECT c.code FROM unnest(?::text[]) AS c(code)
     WHERE NOT EXISTS (SELECT 1 FROM areas a WHERE a.code = c.code)
     ORDER BY c.code`,
    [codes],
  )
  return result.rows.map((r) => r.code)
}

/** For each GeoJSON text, why PostGIS finds it unusable (null when it is a valid polygon). */
export async function polygonProblems(knex: Knex, geojson: string[]): Promise<Array<string | null>> {
  if (geojson.length === 0) return []
  const result = await knex.raw<{ rows: Array<{ i: number; problem: string | null }> }>(
    `SELECT t.i,
            CASE WHEN ST_IsValid(g) THEN NULL ELSE ST_IsValidReason(g) END AS problem
     FROM unnest(?::text[]) WITH ORDINALITY AS t(geojson, i)
     CROSS JOIN LATERAL ST_GeomFromGeoJSON(t.geojson) AS g
     ORDER BY t.i`,
    [geojson],
  )
  return result.rows.map((r) => r.problem)
}

export async function replaceCoverageRows(
  trx: Knex.Transaction,
  providerIds: string[],
  areas: Array<{ providerId: string; areaCode: string }>,
  polygons: Array<{ providerId: string; geojson: string }>,
): Promise<void> {
  await trx.raw('DELETE FROM provider_coverage_areas WHERE provider_id = ANY(?::uuid[])', [providerIds])
  await trx.raw('DELETE FROM provider_coverage_polygons WHERE provider_id = ANY(?::uuid[])', [providerIds])
  await insertChunked(
    trx,
    'provider_coverage_areas',
    areas.map((a) => ({ provider_id: a.providerId, area_code: a.areaCode })),
  )
  for (let i = 0; i < polygons.length; i += INSERT_CHUNK_ROWS) {
    const chunk = polygons.slice(i, i + INSERT_CHUNK_ROWS)
    await trx.raw(
      `INSERT INTO provider_coverage_polygons (provider_id, geom)
       SELECT t.provider_id, ST_Multi(ST_CollectionExtract(ST_SetSRID(ST_GeomFromGeoJSON(t.geojson), 4326), 3))
       FROM unnest(?::uuid[], ?::text[]) AS t(provider_id, geojson)`,
      [chunk.map((p) => p.providerId), chunk.map((p) => p.geojson)],
    )
  }
}

/**
 * Rebuilds the coverage index of the given providers from their listed areas and polygon:
 * each listed area and every descendant (share 1, via the most local listed area containing
 * it), then every area the polygon overlaps that no listed area already covers (via NULL,
 * share = fraction of the area's surface inside the polygon).
 */
export async function rebuildCoverageIndex(trx: Knex.Transaction, providerIds: string[]): Promise<void> {
  await trx.raw('DELETE FROM provider_coverage_index WHERE provider_id = ANY(?::uuid[])', [providerIds])
  await trx.raw(
    `INSERT INTO provider_coverage_index
       (provider_id, area_code, via_area_code, share, status, kind, level, functions_mask, strands_mask)
     SELECT c.provider_id, c.area_code, c.via, 1, s.status, s.kind, s.level, s.functions_mask, s.strands_mask
     FROM (
       SELECT DISTINCT ON (x.provider_id, x.area_code) x.provider_id, x.area_code, x.via
       FROM (
         SELECT pca.provider_id, pca.area_code, pca.area_code AS via, t.rank AS via_rank, 0 AS depth
         FROM provider_coverage_areas pca
         JOIN areas a ON a.code = pca.area_code
         JOIN area_types t ON t.type = a.type
         WHERE pca.provider_id = ANY(?::uuid[])
         UNION ALL
         SELECT pca.provider_id, cl.descendant_code, pca.area_code, t.rank, cl.depth
         FROM provider_coverage_areas pca
         JOIN area_closure cl ON cl.ancestor_code = pca.area_code
         JOIN areas a ON a.code = pca.area_code
         JOIN area_types t ON t.type = a.type
         WHERE pca.provider_id = ANY(?::uuid[])
       ) x
       ORDER BY x.provider_id, x.area_code, x.via_rank, x.depth
     ) c
     JOIN provider_search s ON s.provider_id = c.provider_id`,
    [providerIds, providerIds],
  )
  // Parts wholly inside the polygon count their whole surface; only edge parts are intersected.
  await trx.raw(
    `INSERT INTO provider_coverage_index
       (provider_id, area_code, via_area_code, share, status, kind, level, functions_mask, strands_mask)
     SELECT x.provider_id, x.code, NULL, LEAST(1, x.inside_m2 / (a.area_km2 * 1e6)),
            s.status, s.kind, s.level, s.functions_mask, s.strands_mask
     FROM (
       SELECT pp.provider_id, ap.code,
              sum(CASE WHEN ST_Within(ap.geom, pp.geom) THEN ST_Area(ap.geom::geography)
                       ELSE ST_Area(ST_Intersection(ap.geom, pp.geom)::geography) END) AS inside_m2
       FROM provider_coverage_polygons pp
       JOIN area_parts ap ON ST_Intersects(ap.geom, pp.geom)
       WHERE pp.provider_id = ANY(?::uuid[])
       GROUP BY pp.provider_id, ap.code
     ) x
     JOIN areas a ON a.code = x.code
     JOIN provider_search s ON s.provider_id = x.provider_id
     WHERE a.area_km2 > 0 AND x.inside_m2 / (a.area_km2 * 1e6) >= ?
     ON CONFLICT (provider_id, area_code) DO NOTHING`,
    [providerIds, MIN_INDEXED_SHARE],
  )
}

const orderedCodes = (field: CodeField) => {
  const { join, column, vocabulary } = codeTables[field]
  return `ARRAY(SELECT x.${column} FROM ${join} x JOIN ${vocabulary} v ON v.code = x.${column}
                WHERE x.provider_id = p.id ORDER BY v.position)`
}

const maskOf = (field: 'functions' | 'strands') => {
  const { join, column, vocabulary } = codeTables[field]
  return `coalesce((SELECT bit_or(1::bigint << v.bit) FROM ${join} x JOIN ${vocabulary} v ON v.code = x.${column}
                    WHERE x.provider_id = p.id), 0)`
}

const termText = (field: 'functions' | 'topics' | 'strands') => {
  const { join, column, vocabulary } = codeTables[field]
  return `(SELECT string_agg(concat_ws(' ', t.label, t.label_cy, array_to_string(t.synonyms, ' ')), ' ')
           FROM ${join} x JOIN ${vocabulary} t ON t.code = x.${column} WHERE x.provider_id = p.id)`
}

/**
 * Rewrites the search rows of the given providers from their records, codes and the taxonomy.
 * The document: name (A), summary (B), remit, description and mission (C), and the English and
 * Welsh labels and synonyms of the provider's functions, topics and strands (D), so "BME" finds a
 * provider working with race. `limits` is left out on purpose: it says what the provider does
 * *not* do. Every write to a provider, its codes or the taxonomy labels must call this.
 */
export async function refreshSearchRows(trx: Knex.Transaction, providerIds: string[]): Promise<void> {
  await trx.raw(
    `UPDATE providers p SET search_vector =
       setweight(to_tsvector('english', p.name), 'A') ||
       setweight(to_tsvector('english', p.summary), 'B') ||
       setweight(to_tsvector('english', concat_ws(' ', p.remit, p.description, p.mission)), 'C') ||
       setweight(to_tsvector('english',
         concat_ws(' ', ${termText('functions')}, ${termText('topics')}, ${termText('strands')})), 'D')
     WHERE p.id = ANY(?::uuid[])`,
    [providerIds],
  )
  await trx.raw(
    `INSERT INTO provider_search AS s (provider_id, status, kind, level, name, last_verified_at, office,
                                       functions, topics, strands, languages, formats, functions_mask, strands_mask)
     SELECT p.id, p.status, p.kind, p.level, p.name, p.last_verified_at, p.office,
            ${orderedCodes('functions')}, ${orderedCodes('topics')}, ${orderedCodes('strands')},
            ${orderedCodes('languages')}, ${orderedCodes('formats')}, ${maskOf('functions')}, ${maskOf('strands')}
     FROM providers p
     WHERE p.id = ANY(?::uuid[])
     ON CONFLICT (provider_id) DO UPDATE SET
       status = excluded.status, kind = excluded.kind, level = excluded.level, name = excluded.name,
       last_verified_at = excluded.last_verified_at, office = excluded.office,
       functions = excluded.functions, topics = excluded.topics, strands = excluded.strands,
       languages = excluded.languages, formats = excluded.formats,
       functions_mask = excluded.functions_mask, strands_mask = excluded.strands_mask`,
    [providerIds],
  )
  // The coverage index carries the same facets; rows whose facets did not change are left alone.
  await trx.raw(
    `UPDATE provider_coverage_index ci
     SET status = s.status, kind = s.kind, level = s.level,
         functions_mask = s.functions_mask, strands_mask = s.strands_mask
     FROM provider_search s
     WHERE s.provider_id = ci.provider_id AND ci.provider_id = ANY(?::uuid[])
       AND (ci.status, ci.kind, ci.level, ci.functions_mask, ci.strands_mask)
           IS DISTINCT FROM (s.status, s.kind, s.level, s.functions_mask, s.strands_mask)`,
    [providerIds],
  )
}

export async function insertPathways(
  trx: Knex.Transaction,
  rows: Array<{
    id: string
    fromId: string
    toId: string
    criteria: string
    followUp: string | null
    strands: string[]
    topics: string[]
  }>,
): Promise<void> {
  await insertChunked(
    trx,
    'referral_pathways',
    rows.map((r) => ({
      id: r.id,
      from_provider_id: r.fromId,
      to_provider_id: r.toId,
      criteria: r.criteria,
      follow_up: r.followUp,
    })),
  )
  await insertChunked(
    trx,
    'referral_pathway_strands',
    rows.flatMap((r) => r.strands.map((s) => ({ pathway_id: r.id, strand_code: s }))),
  )
  await insertChunked(
    trx,
    'referral_pathway_topics',
    rows.flatMap((r) => r.topics.map((t) => ({ pathway_id: r.id, topic_code: t }))),
  )
}

export async function providerIdsBySlug(knex: Knex, slugs: string[]): Promise<Map<string, string>> {
  const rows = await knex('providers').select('id', 'slug').whereIn('slug', slugs)
  return new Map(rows.map((r: { id: string; slug: string }) => [r.slug, r.id]))
}

export interface GeneratorAreaRow {
  code: string
  name: string
  type: string
  level: string
  lng: number
  lat: number
  population: number | null
}

/** Every loaded area with a point inside it, for the synthetic generator. */
export async function generatorAreas(knex: Knex): Promise<GeneratorAreaRow[]> {
  const result = await knex.raw<{ rows: GeneratorAreaRow[] }>(
    `SELECT code, name, type, level, ST_X(label_point) AS lng, ST_Y(label_point) AS lat, population
     FROM areas ORDER BY code`,
  )
  return result.rows
}

/**
 * Fresh statistics after a bulk load; with `vacuum`, also the visibility map, so the coverage
 * index is read index-only (VACUUM cannot run inside a transaction: call it after commit).
 */
export async function analyzeDirectory(knex: Knex, { vacuum = false } = {}): Promise<void> {
  await knex.raw(
    `${vacuum ? 'VACUUM ' : ''}ANALYZE providers, provider_search, provider_functions, provider_topics, provider_strands,
             provider_languages, provider_formats, provider_coverage_areas, provider_coverage_index`,
  )
}

// ---------- reads ----------

const codesSelect = (field: CodeField, alias: string) => {
  const { join, column, vocabulary } = codeTables[field]
  return `ARRAY(SELECT x.${column} FROM ${join} x JOIN ${vocabulary} v ON v.code = x.${column}
                WHERE x.provider_id = ${alias}.id ORDER BY v.position) AS ${field}`
}

/** Columns shared by the search item and the full record (the `p` alias is providers). */
const summaryColumns = `
  p.id, p.slug, p.name, p.kind, p.level, p.org_type, p.status, p.summary,
  ST_X(p.office) AS office_lng, ST_Y(p.office) AS office_lat,
  to_char(p.last_verified_at, 'YYYY-MM-DD') AS last_verified_at,
  ${codesSelect('functions', 'p')}, ${codesSelect('topics', 'p')}, ${codesSelect('strands', 'p')}`

export interface ProviderSummaryRow {
  id: string
  slug: string
  name: string
  kind: string
  level: string
  org_type: string
  status: string
  summary: string
  office_lng: number | null
  office_lat: number | null
  last_verified_at: string | null
  functions: string[]
  topics: string[]
  strands: string[]
}

export interface ProviderDetailRow extends ProviderSummaryRow {
  description: string | null
  mission: string | null
  remit: string | null
  limits: string | null
  referral_criteria: string | null
  how_to_access: string | null
  cost_type: string
  cost_text: string | null
  membership_based: boolean
  opening_hours: unknown
  website: string | null
  email: string | null
  phone: string | null
  address: string | null
  charity_number: string | null
  company_number: string | null
  quality_marks: string[]
  annual_report_url: string | null
  source: string
  version: number
  created_at: Date
  updated_at: Date
  languages: string[]
  formats: string[]
  has_polygon: boolean
}

export async function findProvider(
  knex: Knex,
  by: { id: string } | { slug: string },
): Promise<ProviderDetailRow | undefined> {
  const result = await knex.raw<{ rows: ProviderDetailRow[] }>(
    `SELECT ${summaryColumns},
            p.description, p.mission, p.remit, p.limits, p.referral_criteria, p.how_to_access,
            p.cost_type, p.cost_text, p.membership_based, p.opening_hours, p.website, p.email, p.phone,
            p.address, p.charity_number, p.company_number, p.quality_marks, p.annual_report_url,
            p.source, p.version, p.created_at, p.updated_at,
            ${codesSelect('languages', 'p')}, ${codesSelect('formats', 'p')},
            EXISTS (SELECT 1 FROM provider_coverage_polygons pp WHERE pp.provider_id = p.id) AS has_polygon
     FROM providers p
     WHERE ${'id' in by ? 'p.id = ?::uuid' : 'p.slug = ?'}`,
    ['id' in by ? by.id : by.slug],
  )
  return result.rows[0]
}

export interface AreaRow {
  code: string
  name: string
  name_cy: string | null
  level: string
  type: string
}

/** An area and all its ancestors (most local first), with a point inside the area. */
export async function areaWithAncestors(
  knex: Knex,
  code: string,
): Promise<Array<AreaRow & { point_lng: number; point_lat: number }>> {
  const result = await knex.raw<{ rows: Array<AreaRow & { point_lng: number; point_lat: number }> }>(
    `SELECT a.code, a.name, a.name_cy, a.level, a.type,
            ST_X(self.label_point) AS point_lng, ST_Y(self.label_point) AS point_lat
     FROM areas self
     JOIN LATERAL (
       SELECT self.code AS code, 0 AS depth
       UNION ALL
       SELECT c.ancestor_code, c.depth FROM area_closure c WHERE c.descendant_code = self.code
     ) chain ON true
     JOIN areas a ON a.code = chain.code
     JOIN area_types t ON t.type = a.type
     WHERE self.code = ?
     ORDER BY t.rank, chain.depth, a.code`,
    [code],
  )
  return result.rows
}

export async function areasByCode(knex: Knex, codes: string[]): Promise<AreaRow[]> {
  if (codes.length === 0) return []
  const result = await knex.raw<{ rows: AreaRow[] }>(
    'SELECT code, name, name_cy, level, type FROM areas WHERE code = ANY(?::text[])',
    [codes],
  )
  return result.rows
}

export async function listedCoverageAreas(knex: Knex, providerId: string): Promise<AreaRow[]> {
  const result = await knex.raw<{ rows: AreaRow[] }>(
    `SELECT a.code, a.name, a.name_cy, a.level, a.type
     FROM provider_coverage_areas pca
     JOIN areas a ON a.code = pca.area_code
     JOIN area_types t ON t.type = a.type
     WHERE pca.provider_id = ?
     ORDER BY t.rank DESC, a.name`,
    [providerId],
  )
  return result.rows
}

export interface PathwayRow {
  id: string
  direction: 'outgoing' | 'incoming'
  other_id: string
  other_slug: string
  other_name: string
  other_kind: string
  other_level: string
  strands: string[]
  topics: string[]
  criteria: string
  follow_up: string | null
}

export async function pathwaysOf(knex: Knex, providerId: string): Promise<PathwayRow[]> {
  const result = await knex.raw<{ rows: PathwayRow[] }>(
    `SELECT r.id,
            CASE WHEN r.from_provider_id = ? THEN 'outgoing' ELSE 'incoming' END AS direction,
            o.id AS other_id, o.slug AS other_slug, o.name AS other_name, o.kind AS other_kind, o.level AS other_level,
            ARRAY(SELECT s.strand_code FROM referral_pathway_strands s JOIN taxonomy_strands v ON v.code = s.strand_code
                  WHERE s.pathway_id = r.id ORDER BY v.position) AS strands,
            ARRAY(SELECT t.topic_code FROM referral_pathway_topics t JOIN taxonomy_topics v ON v.code = t.topic_code
                  WHERE t.pathway_id = r.id ORDER BY v.position) AS topics,
            r.criteria, r.follow_up
     FROM referral_pathways r
     JOIN providers o ON o.id = CASE WHEN r.from_provider_id = ? THEN r.to_provider_id ELSE r.from_provider_id END
     WHERE r.from_provider_id = ? OR r.to_provider_id = ?
     ORDER BY o.name, r.id`,
    [providerId, providerId, providerId, providerId],
  )
  return result.rows
}

/**
 * The service area for display: the union of the listed areas' display-simplified outlines and
 * the drawn polygon, as GeoJSON text (null when the provider has no service area). Computed on
 * request: it is one provider, and the listed areas are few.
 */
export async function coverageGeometry(
  knex: Knex,
  providerId: string,
  decimals: number,
): Promise<string | null> {
  const result = await knex.raw<{ rows: Array<{ geojson: string | null }> }>(
    `SELECT ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_Union(g), 3)), ?) AS geojson
     FROM (
       SELECT CASE WHEN a.level IN ('national', 'regional') THEN a.geom_low ELSE a.geom_mid END AS g
       FROM provider_coverage_areas pca JOIN areas a ON a.code = pca.area_code
       WHERE pca.provider_id = ?
       UNION ALL
       SELECT ST_SimplifyPreserveTopology(pp.geom, 0.0003) FROM provider_coverage_polygons pp WHERE pp.provider_id = ?
     ) parts`,
    [decimals, providerId, providerId],
  )
  return result.rows[0]?.geojson ?? null
}

/**
 * The drawn polygon exactly as stored (6 decimals, about 0.1 m), as GeoJSON text, or null: an
 * editor reopening the record edits this shape, not the display-simplified union.
 */
export async function drawnCoverageGeometry(knex: Knex, providerId: string): Promise<string | null> {
  const result = await knex.raw<{ rows: Array<{ geojson: string }> }>(
    'SELECT ST_AsGeoJSON(geom, 6) AS geojson FROM provider_coverage_polygons WHERE provider_id = ?',
    [providerId],
  )
  return result.rows[0]?.geojson ?? null
}

export async function coverageAreaCodes(knex: Knex, providerId: string): Promise<string[]> {
  const rows = await knex('provider_coverage_areas').where({ provider_id: providerId }).orderBy('area_code')
  return rows.map((r: { area_code: string }) => r.area_code)
}

// ---------- search ----------

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
  p.id, p.slug, p.name, p.kind, p.level, p.org_type, p.status, p.summary,
  ST_X(p.office) AS office_lng, ST_Y(p.office) AS office_lat,
  to_char(p.last_verified_at, 'YYYY-MM-DD') AS last_verified_at,
  ps.functions, ps.topics, ps.strands, ps.languages, ps.formats`

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

export interface NationWideProviderRow {
  id: string
  slug: string
  name: string
  kind: string
  level: string
  summary: string
}

/** Active providers whose service area takes in the whole of an area (a nation): the onward routes from it. */
export async function selectProvidersCoveringWhole(
  knex: Knex,
  areaCode: string,
  activeStatus: string,
): Promise<NationWideProviderRow[]> {
  const result = await knex.raw<{ rows: NationWideProviderRow[] }>(
    `SELECT p.id, p.slug, p.name, p.kind, p.level, p.summary
     FROM provider_coverage_index i JOIN providers p ON p.id = i.provider_id
     WHERE i.area_code = ? AND i.via_area_code IS NOT NULL AND p.status = ?
     ORDER BY p.name, p.slug`,
    [areaCode, activeStatus],
  )
  return result.rows
}

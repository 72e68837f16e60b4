import type { Knex } from 'knex'
import { INSERT_CHUNK_ROWS, insertChunked } from './provider-queries'
import { codeTables } from './provider-row'
import type { CodeField } from './provider-schema'

/**
 * SQL for what is derived from a provider record: its service-area rows, its coverage index and
 * its search rows. Each takes the caller's transaction and a set of provider ids (set-based, so a
 * bulk load costs the same few statements as one edit).
 */

/** A polygon overlapping less than this fraction of an area is an edge sliver, not coverage. */
export const MIN_INDEXED_SHARE = 0.0001

/**
 * Strand details whose strand the same record does not list (an `older-people` detail on a record
 * without `age`), as "slug: detail (needs strand)" for the given providers.
 */
export async function orphanStrandDetails(trx: Knex.Transaction, providerIds: string[]): Promise<string[]> {
  if (providerIds.length === 0) return []
  const result = await trx.raw<{ rows: Array<{ slug: string; detail: string; strand: string }> }>(
    `SELECT p.slug, d.strand_detail_code AS detail, v.strand_code AS strand
     FROM provider_strand_details d
     JOIN taxonomy_strand_details v ON v.code = d.strand_detail_code
     JOIN providers p ON p.id = d.provider_id
     WHERE d.provider_id = ANY(?::uuid[])
       AND NOT EXISTS (SELECT 1 FROM provider_strands s WHERE s.provider_id = d.provider_id AND s.strand_code = v.strand_code)
     ORDER BY p.slug, d.strand_detail_code`,
    [providerIds],
  )
  return result.rows.map((r) => `${r.slug}: ${r.detail} (needs strand ${r.strand})`)
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

const termText = (field: 'functions' | 'topics' | 'strands' | 'strandDetails') => {
  const { join, column, vocabulary } = codeTables[field]
  return `(SELECT string_agg(concat_ws(' ', t.label, t.label_cy, array_to_string(t.synonyms, ' ')), ' ')
           FROM ${join} x JOIN ${vocabulary} t ON t.code = x.${column} WHERE x.provider_id = p.id)`
}

/**
 * Rewrites the search rows of the given providers from their records, codes and the taxonomy.
 * The document: name and Welsh name (A), summary and Welsh summary (B), remit, description, Welsh description
 * and mission (C), and the English and
 * Welsh labels and synonyms of the provider's functions, topics and strands (D), so "BME" finds a
 * provider working with race. `limits` is left out on purpose: it says what the provider does
 * *not* do. Every write to a provider, its codes or the taxonomy labels must call this.
 */
export async function refreshSearchRows(trx: Knex.Transaction, providerIds: string[]): Promise<void> {
  await trx.raw(
    `UPDATE providers p SET search_vector =
       setweight(to_tsvector('english', concat_ws(' ', p.name, p.welsh_name)), 'A') ||
       setweight(to_tsvector('english', concat_ws(' ', p.summary, p.welsh_summary)), 'B') ||
       setweight(to_tsvector('english', concat_ws(' ', p.remit, p.description, p.welsh_description, p.mission)), 'C') ||
       setweight(to_tsvector('english',
         concat_ws(' ', ${termText('functions')}, ${termText('topics')}, ${termText('strands')},
                    ${termText('strandDetails')})), 'D')
     WHERE p.id = ANY(?::uuid[])`,
    [providerIds],
  )
  await trx.raw(
    `INSERT INTO provider_search AS s (provider_id, status, kind, level, name, last_verified_at, office,
                                       functions, topics, strands, languages, formats, functions_mask, strands_mask,
                                       strand_details, acts_as_generalist, activity_specialist,
                                       serves_infrastructure_only, quality_marks)
     SELECT p.id, p.status, p.kind, p.level, p.name, p.last_verified_at, p.office,
            ${orderedCodes('functions')}, ${orderedCodes('topics')}, ${orderedCodes('strands')},
            ${orderedCodes('languages')}, ${orderedCodes('formats')}, ${maskOf('functions')}, ${maskOf('strands')},
            ${orderedCodes('strandDetails')}, p.acts_as_generalist, p.activity_specialist,
            p.serves_infrastructure_only, p.quality_marks
     FROM providers p
     WHERE p.id = ANY(?::uuid[])
     ON CONFLICT (provider_id) DO UPDATE SET
       status = excluded.status, kind = excluded.kind, level = excluded.level, name = excluded.name,
       last_verified_at = excluded.last_verified_at, office = excluded.office,
       functions = excluded.functions, topics = excluded.topics, strands = excluded.strands,
       languages = excluded.languages, formats = excluded.formats,
       functions_mask = excluded.functions_mask, strands_mask = excluded.strands_mask,
       strand_details = excluded.strand_details, acts_as_generalist = excluded.acts_as_generalist,
       activity_specialist = excluded.activity_specialist,
       serves_infrastructure_only = excluded.serves_infrastructure_only, quality_marks = excluded.quality_marks`,
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

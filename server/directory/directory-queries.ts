import type { Knex } from 'knex'
import { insertChunked } from '../providers/provider-queries'

/**
 * SQL for the directory's reads (search, the record's page, its service area) and its referral
 * pathways. The record itself is written by server/providers/. Reads are one round trip each
 * where possible, because the embedded engine runs one query at a time.
 */

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

// ---------- reads ----------

export interface AreaRow {
  code: string
  name: string
  name_cy: string | null
  level: string
  type: string
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

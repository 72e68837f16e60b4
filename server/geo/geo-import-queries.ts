import type { Knex } from 'knex'
import type { AreaLevel, AreaType } from './geo-schemas'

/**
 * SQL for the boundary, lookup, population and postcode importers. Everything heavy (repair,
 * simplification, subdivision, relations, closure) is set-based here; Node only parses files
 * and sends rows in batches.
 */

/** Simplification tolerances in degrees for the display geometries (about 70 m and 300 m). */
export const DISPLAY_TOLERANCE_MID_DEGREES = 0.0007
export const DISPLAY_TOLERANCE_LOW_DEGREES = 0.003
/** Vertices per subdivided part: measured as fast for point-in-polygon as 64 (parts stay small enough to be stored inline) and a third quicker to build. */
export const SUBDIVIDE_MAX_VERTICES = 128

export interface StagedFeature {
  index: number
  code: string
  name: string
  nameCy: string | null
  parentCode: string | null
  geojson: string
}

export async function createStagingTable(trx: Knex): Promise<void> {
  await trx.raw(`
    CREATE TEMP TABLE geo_stage (
      feature_index integer NOT NULL,
      code text PRIMARY KEY,
      name text NOT NULL,
      name_cy text,
      parent_code text,
      geom geometry NOT NULL
    ) ON COMMIT DROP`)
}

/** node-postgres sends a JS array with nulls as a text[] literal; knex's types only admit string[]. */
function nullableText(values: Array<string | null>): Knex.Value {
  return values as unknown as Knex.Value
}

/**
 * One multi-row statement per batch: the GeoJSON text is parsed by PostGIS. `simplifyDegrees`
 * (the layer's manifest setting) simplifies each feature before anything else reads it, so every
 * later step (repair, display copies, subdivision, relations) works on the lighter geometry.
 */
export async function stageFeatures(
  trx: Knex,
  features: StagedFeature[],
  simplifyDegrees?: number,
): Promise<void> {
  const parsed = 'ST_SetSRID(ST_GeomFromGeoJSON(g), 4326)'
  await trx.raw(
    `INSERT INTO geo_stage (feature_index, code, name, name_cy, parent_code, geom)
     SELECT i, c, n, ncy, pc, ${simplifyDegrees ? `ST_SimplifyPreserveTopology(${parsed}, ?::float8)` : parsed}
     FROM unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS t(i, c, n, ncy, pc, g)`,
    [
      ...(simplifyDegrees ? [simplifyDegrees] : []),
      features.map((f) => f.index),
      features.map((f) => f.code),
      features.map((f) => f.name),
      nullableText(features.map((f) => f.nameCy)),
      nullableText(features.map((f) => f.parentCode)),
      features.map((f) => f.geojson),
    ],
  )
}

export interface RepairedFeature {
  featureIndex: number
  code: string
  reason: string
}

/**
 * Repairs invalid geometry with ST_MakeValid, keeps only the polygonal part, promotes to
 * MultiPolygon with RFC 7946 ring order. Returns what was repaired, and features whose
 * geometry came out empty (those stop the layer).
 */
export async function repairStagedGeometry(
  trx: Knex,
): Promise<{ repaired: RepairedFeature[]; empty: RepairedFeature[] }> {
  const invalid = await trx.raw<{ rows: Array<{ feature_index: number; code: string; reason: string }> }>(
    `SELECT feature_index, code, ST_IsValidReason(geom) AS reason
     FROM geo_stage WHERE NOT ST_IsValid(geom) ORDER BY feature_index`,
  )
  await trx.raw(`
    UPDATE geo_stage SET geom = ST_CollectionExtract(ST_MakeValid(geom), 3) WHERE NOT ST_IsValid(geom)`)
  await trx.raw(`UPDATE geo_stage SET geom = ST_ForcePolygonCCW(ST_Multi(geom))`)
  const empty = await trx.raw<{ rows: Array<{ feature_index: number; code: string }> }>(
    `SELECT feature_index, code FROM geo_stage WHERE ST_IsEmpty(geom) OR ST_Area(geom) = 0 ORDER BY feature_index`,
  )
  return {
    repaired: invalid.rows.map((r) => ({ featureIndex: r.feature_index, code: r.code, reason: r.reason })),
    empty: empty.rows.map((r) => ({
      featureIndex: r.feature_index,
      code: r.code,
      reason: 'no polygon area left after repair',
    })),
  }
}

/** Codes in the staged layer with a character outside lng/lat ranges, as a last guard. */
export async function stagedOutOfRange(trx: Knex): Promise<Array<{ feature_index: number; code: string }>> {
  const result = await trx.raw<{ rows: Array<{ feature_index: number; code: string }> }>(
    `SELECT feature_index, code FROM geo_stage
     WHERE ST_XMin(geom) < -180 OR ST_XMax(geom) > 180 OR ST_YMin(geom) < -90 OR ST_YMax(geom) > 90
     ORDER BY feature_index`,
  )
  return result.rows
}

export async function upsertLayer(
  trx: Knex,
  layer: { name: string; file: string; type: AreaType; featureCount: number; repairedCount: number },
): Promise<void> {
  await trx.raw(
    `INSERT INTO geo_layers (name, file, type, feature_count, repaired_count, imported_at)
     VALUES (?, ?, ?, ?, ?, now())
     ON CONFLICT (name) DO UPDATE SET file = excluded.file, type = excluded.type,
       feature_count = excluded.feature_count, repaired_count = excluded.repaired_count, imported_at = now()`,
    [layer.name, layer.file, layer.type, layer.featureCount, layer.repairedCount],
  )
}

/**
 * Writes the staged areas. A code already owned by a more local type (a district met again in
 * the upper-tier layer) keeps its row; only its layer membership is added. Returns the codes
 * whose row this layer wrote, and how many of those were new.
 */
export async function upsertAreas(
  trx: Knex,
  layer: { name: string; level: AreaLevel; type: AreaType },
): Promise<{ written: string[]; inserted: number }> {
  const result = await trx.raw<{ rows: Array<{ code: string; inserted: boolean }> }>(
    `WITH todo AS MATERIALIZED (
       -- Skip codes a more local layer holds before doing any geometry work on them.
       SELECT s.* FROM geo_stage s
       WHERE NOT EXISTS (
         SELECT 1 FROM areas e JOIN area_types te ON te.type = e.type
         WHERE e.code = s.code AND te.rank < (SELECT rank FROM area_types WHERE type = ?)
       )
     ),
     -- Materialized so each simplification runs once; the low one starts from the medium one,
     -- which is much cheaper than from the full geometry.
     mid AS MATERIALIZED (SELECT t.*, ST_SimplifyPreserveTopology(t.geom, ?) AS g_mid FROM todo t),
     simplified AS MATERIALIZED (SELECT m.*, ST_SimplifyPreserveTopology(m.g_mid, ?) AS g_low FROM mid m)
     INSERT INTO areas AS a (code, name, name_cy, level, type, geom, geom_mid, geom_low, label_point,
                             bbox_west, bbox_south, bbox_east, bbox_north, area_km2, source_layer, updated_at)
     SELECT code, name, name_cy, ?, ?, geom,
            -- ST_MakeValid only where simplification broke validity: it rarely does, and it is costly.
            ST_ForcePolygonCCW(ST_Multi(CASE WHEN ST_IsValid(g_mid) THEN g_mid ELSE ST_CollectionExtract(ST_MakeValid(g_mid), 3) END)),
            ST_ForcePolygonCCW(ST_Multi(CASE WHEN ST_IsValid(g_low) THEN g_low ELSE ST_CollectionExtract(ST_MakeValid(g_low), 3) END)),
            ST_PointOnSurface(geom),
            ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom),
            ST_Area(geom::geography) / 1e6, ?, now()
     FROM simplified
     ON CONFLICT (code) DO UPDATE SET
       name = excluded.name, name_cy = excluded.name_cy, level = excluded.level, type = excluded.type,
       geom = excluded.geom, geom_mid = excluded.geom_mid, geom_low = excluded.geom_low,
       label_point = excluded.label_point, bbox_west = excluded.bbox_west, bbox_south = excluded.bbox_south,
       bbox_east = excluded.bbox_east, bbox_north = excluded.bbox_north, area_km2 = excluded.area_km2,
       source_layer = excluded.source_layer, updated_at = now()
     RETURNING a.code, (xmax = 0) AS inserted`,
    [
      layer.type,
      DISPLAY_TOLERANCE_MID_DEGREES,
      DISPLAY_TOLERANCE_LOW_DEGREES,
      layer.level,
      layer.type,
      layer.name,
    ],
  )
  return {
    written: result.rows.map((r) => r.code),
    inserted: result.rows.filter((r) => r.inserted).length,
  }
}

/** Rebuilds the subdivided copy for the areas whose geometry was just written. */
export async function rebuildParts(trx: Knex, codes: string[]): Promise<number> {
  if (codes.length === 0) return 0
  await trx.raw('DELETE FROM area_parts WHERE code = ANY(?::text[])', [codes])
  const result = await trx.raw(
    `INSERT INTO area_parts (code, geom)
     SELECT code, (ST_Dump(ST_Subdivide(geom, ?))).geom
     FROM areas WHERE code = ANY(?::text[])`,
    [SUBDIVIDE_MAX_VERTICES, codes],
  )
  // Fresh statistics before the relation rebuild joins against the parts.
  await trx.raw('ANALYZE areas, area_parts')
  return result.rowCount ?? 0
}

/**
 * Replaces the layer's membership with the staged codes. Areas left in no layer are deleted;
 * an area still in other layers takes the type of its most local remaining layer.
 */
export async function replaceMembership(trx: Knex, layer: { name: string; type: AreaType }): Promise<number> {
  await trx.raw('DELETE FROM area_layers WHERE layer = ?', [layer.name])
  await trx.raw(`INSERT INTO area_layers (layer, code, type) SELECT ?, code, ? FROM geo_stage`, [
    layer.name,
    layer.type,
  ])
  const removed = await trx.raw(
    `DELETE FROM areas a WHERE NOT EXISTS (SELECT 1 FROM area_layers l WHERE l.code = a.code)`,
  )
  await trx.raw(`
    UPDATE areas a SET type = best.type, level = best.level, source_layer = best.layer
    FROM (
      SELECT DISTINCT ON (l.code) l.code, l.type, t.level, l.layer
      FROM area_layers l JOIN area_types t ON t.type = l.type
      ORDER BY l.code, t.rank
    ) best
    WHERE best.code = a.code AND best.type <> a.type
      AND NOT EXISTS (SELECT 1 FROM area_layers o WHERE o.code = a.code AND o.type = a.type)`)
  return removed.rowCount ?? 0
}

/** Parent links declared by a property of the layer's features (a ward's district code). */
export async function replacePropertyLinks(trx: Knex, source: string): Promise<void> {
  await trx.raw('DELETE FROM area_links WHERE source = ?', [source])
  await trx.raw(
    `INSERT INTO area_links (child_code, parent_code, source)
     SELECT code, parent_code, ? FROM geo_stage WHERE parent_code IS NOT NULL AND parent_code <> code`,
    [source],
  )
}

export async function replaceLookupLinks(
  trx: Knex,
  source: string,
  links: Array<{ child: string; parent: string }>,
): Promise<void> {
  await trx.raw('DELETE FROM area_links WHERE source = ?', [source])
  if (links.length === 0) return
  await trx.raw(
    `INSERT INTO area_links (child_code, parent_code, source)
     SELECT DISTINCT c, p, ? FROM unnest(?::text[], ?::text[]) AS t(c, p) WHERE c <> p`,
    [source, links.map((l) => l.child), links.map((l) => l.parent)],
  )
}

/**
 * Direct parent/child edges: every declared link whose two ends are loaded and whose parent is
 * at a higher level; then, for an area with no declared parent, the areas of the nearest higher
 * level that contain a point inside it. Finally every transitive pair into area_closure.
 */
export async function rebuildRelations(trx: Knex): Promise<{ relations: number; closure: number }> {
  await trx.raw('DELETE FROM area_closure')
  await trx.raw('DELETE FROM area_relations')
  await trx.raw(`
    WITH level_rank AS (SELECT level, min(rank) AS rank FROM area_types GROUP BY level)
    INSERT INTO area_relations (parent_code, child_code, source)
    SELECT DISTINCT ON (l.parent_code, l.child_code) l.parent_code, l.child_code, l.source
    FROM area_links l
    JOIN areas c ON c.code = l.child_code JOIN level_rank cr ON cr.level = c.level
    JOIN areas p ON p.code = l.parent_code JOIN level_rank pr ON pr.level = p.level
    WHERE pr.rank > cr.rank
    ORDER BY l.parent_code, l.child_code, l.source`)
  await trx.raw(`
    WITH level_rank AS (SELECT level, min(rank) AS rank FROM area_types GROUP BY level),
    orphans AS (
      SELECT a.code, a.label_point, r.rank
      FROM areas a JOIN level_rank r ON r.level = a.level
      WHERE a.level <> 'national'
        AND NOT EXISTS (SELECT 1 FROM area_relations x WHERE x.child_code = a.code)
    ),
    hits AS (
      -- LATERAL keeps this an index probe per orphan whatever the (fresh) statistics say.
      SELECT DISTINCT o.code AS child_code, p.code AS parent_code, pr.rank AS parent_rank
      FROM orphans o
      CROSS JOIN LATERAL (
        SELECT ap.code FROM area_parts ap WHERE ap.geom && o.label_point AND ST_Intersects(ap.geom, o.label_point)
      ) hit
      JOIN areas p ON p.code = hit.code JOIN level_rank pr ON pr.level = p.level
      WHERE pr.rank > o.rank
    ),
    nearest_level AS (SELECT child_code, min(parent_rank) AS rank FROM hits GROUP BY child_code)
    INSERT INTO area_relations (parent_code, child_code, source)
    SELECT h.parent_code, h.child_code, 'geometry'
    FROM hits h JOIN nearest_level n ON n.child_code = h.child_code AND n.rank = h.parent_rank`)
  await trx.raw(`
    INSERT INTO area_closure (ancestor_code, descendant_code, depth)
    WITH RECURSIVE walk (ancestor_code, descendant_code, depth) AS (
      SELECT parent_code, child_code, 1 FROM area_relations
      UNION
      SELECT r.parent_code, w.descendant_code, w.depth + 1
      FROM walk w JOIN area_relations r ON r.child_code = w.ancestor_code
      WHERE w.depth < 10
    )
    SELECT ancestor_code, descendant_code, min(depth) FROM walk
    WHERE ancestor_code <> descendant_code
    GROUP BY ancestor_code, descendant_code`)
  return relationCounts(trx)
}

export async function relationCounts(knex: Knex): Promise<{ relations: number; closure: number }> {
  const counts = await knex.raw<{ rows: Array<{ relations: number; closure: number }> }>(
    `SELECT (SELECT count(*) FROM area_relations)::int AS relations, (SELECT count(*) FROM area_closure)::int AS closure`,
  )
  return counts.rows[0] ?? { relations: 0, closure: 0 }
}

/**
 * Sets populations from a statistics file, then gives every area without a figure of its own the
 * sum of its districts when all of them have one (a county, region or nation).
 */
export async function applyPopulations(
  trx: Knex,
  rows: Array<{ code: string; population: number }>,
): Promise<{ matched: number; rolledUp: number }> {
  const codes = rows.map((r) => r.code)
  await trx.raw('UPDATE areas SET population = NULL WHERE population IS NOT NULL')
  const matched = await trx.raw(
    `UPDATE areas a SET population = t.p
     FROM unnest(?::text[], ?::int[]) AS t(c, p) WHERE a.code = t.c`,
    [codes, rows.map((r) => r.population)],
  )
  const rolled = await trx.raw(
    `UPDATE areas a SET population = s.total
     FROM (
       SELECT c.ancestor_code AS code, sum(d.population)::int AS total, bool_and(d.population IS NOT NULL) AS complete
       FROM area_closure c JOIN areas d ON d.code = c.descendant_code AND d.level = 'local'
       GROUP BY c.ancestor_code
     ) s
     WHERE s.code = a.code AND s.complete AND a.population IS NULL AND a.code <> ALL(?::text[])`,
    [codes],
  )
  return { matched: matched.rowCount ?? 0, rolledUp: rolled.rowCount ?? 0 }
}

export async function analyzeGeography(knex: Knex): Promise<void> {
  await knex.raw('ANALYZE areas, area_parts, area_layers, area_relations, area_closure')
}

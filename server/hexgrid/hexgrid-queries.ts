import type { Knex } from 'knex'
import type { PostcodeStore } from '../geo/postcode-store'

/**
 * SQL for the hexagon grid. The cells arrive from Node (h3-js) as rings; everything spatial
 * (parent district, parts, hierarchy) is set-based here.
 */

export const HEX_TYPE = 'hex'
export const HEX_LAYER = 'hexes'
export const HEX_LINK_SOURCE = 'hexgrid'

/** Tolerance (degrees, ~150 m) for the outline the cells are chosen from: h3-js is slow on a full coastline. */
export const COVER_SIMPLIFY_DEGREES = 0.0015

/** A cell whose centre is in no district takes the district it overlaps most, within this distance. */
const PARENT_SEARCH_DEGREES = 0.05

/** The outlines to cover: the given districts, or else every nation (England and Wales). */
export async function selectCoverPolygons(knex: Knex, districts: string[] | null): Promise<string[]> {
  const where = districts ? `level = 'local' AND code = ANY(?::text[])` : `level = 'national'`
  const { rows } = await knex.raw<{ rows: Array<{ geojson: string }> }>(
    `SELECT ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, ?)) AS geojson FROM areas WHERE ${where} ORDER BY code`,
    districts ? [COVER_SIMPLIFY_DEGREES, districts] : [COVER_SIMPLIFY_DEGREES],
  )
  return rows.map((r) => r.geojson)
}

/** Postcode centroids inside the given districts, or every postcode (from the packed postcode file). */
export async function selectPostcodePoints(
  knex: Knex,
  districts: string[] | null,
  postcodes: Pick<PostcodeStore, 'size' | 'point'>,
): Promise<Array<{ lng: number; lat: number }>> {
  const all = Array.from({ length: postcodes.size }, (_, i) => postcodes.point(i))
  if (!districts) return all
  // The districts' bounding box first (in Node), then exact containment in SQL, in batches.
  const { rows: boxes } = await knex.raw<{ rows: Array<{ w: number; s: number; e: number; n: number }> }>(
    `SELECT ST_XMin(e) AS w, ST_YMin(e) AS s, ST_XMax(e) AS e, ST_YMax(e) AS n
     FROM (SELECT ST_Extent(geom)::geometry AS e FROM area_parts WHERE code = ANY(?::text[])) x WHERE e IS NOT NULL`,
    [districts],
  )
  const box = boxes[0]
  if (!box) return []
  const candidates = all.filter((p) => p.lng >= box.w && p.lng <= box.e && p.lat >= box.s && p.lat <= box.n)
  const inside: Array<{ lng: number; lat: number }> = []
  for (let i = 0; i < candidates.length; i += POINT_BATCH) {
    const batch = candidates.slice(i, i + POINT_BATCH)
    const { rows } = await knex.raw<{ rows: Array<{ i: number }> }>(
      `SELECT t.i FROM unnest(?::float8[], ?::float8[]) WITH ORDINALITY AS t(x, y, i)
       WHERE EXISTS (SELECT 1 FROM area_parts ap WHERE ap.code = ANY(?::text[])
                     AND ST_Intersects(ap.geom, ST_SetSRID(ST_MakePoint(t.x, t.y), 4326)))`,
      [batch.map((p) => p.lng), batch.map((p) => p.lat), districts],
    )
    for (const r of rows) inside.push(batch[Number(r.i) - 1] as { lng: number; lat: number })
  }
  return inside
}

const POINT_BATCH = 20_000

export async function createHexStage(trx: Knex): Promise<void> {
  await trx.raw(`
    CREATE TEMP TABLE hex_stage (
      code text PRIMARY KEY,
      geom geometry(Polygon, 4326) NOT NULL,
      centre geometry(Point, 4326) NOT NULL,
      postcodes integer NOT NULL,
      district text
    ) ON COMMIT DROP`)
}

export async function stageHexes(
  trx: Knex,
  rows: { codes: string[]; rings: string[]; lngs: number[]; lats: number[]; postcodes: number[] },
): Promise<void> {
  await trx.raw(
    `INSERT INTO hex_stage (code, geom, centre, postcodes)
     SELECT c, ST_SetSRID(ST_GeomFromGeoJSON(r), 4326), ST_SetSRID(ST_MakePoint(x, y), 4326), n
     FROM unnest(?::text[], ?::text[], ?::float8[], ?::float8[], ?::int[]) AS t(c, r, x, y, n)`,
    [rows.codes, rows.rings, rows.lngs, rows.lats, rows.postcodes],
  )
}

/**
 * Parent district: the one containing the cell's centre; for a coastal cell whose centre is at
 * sea, the district its hexagon overlaps most. Cells with neither are dropped. Returns the count
 * dropped.
 */
export async function assignParents(trx: Knex): Promise<number> {
  await trx.raw('ANALYZE hex_stage')
  await trx.raw(`
    UPDATE hex_stage s SET district = (
      SELECT ap.code FROM area_parts ap JOIN areas a ON a.code = ap.code AND a.level = 'local'
      WHERE ap.geom && s.centre AND ST_Intersects(ap.geom, s.centre)
      ORDER BY ap.code LIMIT 1)`)
  await trx.raw(
    `UPDATE hex_stage s SET district = (
       SELECT ap.code FROM area_parts ap JOIN areas a ON a.code = ap.code AND a.level = 'local'
       WHERE ap.geom && ST_Expand(s.geom, ?) AND ST_Intersects(ap.geom, s.geom)
       GROUP BY ap.code
       ORDER BY sum(ST_Area(ST_Intersection(ap.geom, s.geom))) DESC, ap.code LIMIT 1)
     WHERE s.district IS NULL`,
    [PARENT_SEARCH_DEGREES],
  )
  const dropped = await trx.raw('DELETE FROM hex_stage WHERE district IS NULL')
  return dropped.rowCount ?? 0
}

export async function stagedDistricts(trx: Knex): Promise<
  Array<{
    code: string
    district: string
    postcodes: number
    district_name: string
    district_name_cy: string | null
    population: number | null
  }>
> {
  const { rows } = await trx.raw(
    `SELECT s.code, s.district, s.postcodes, d.name AS district_name, d.name_cy AS district_name_cy, d.population
     FROM hex_stage s JOIN areas d ON d.code = s.district ORDER BY s.code`,
  )
  return rows
}

/** Removes the current grid: its areas (parts, layer rows, relations, closure and index rows cascade) and links. */
export async function deleteHexGrid(trx: Knex): Promise<number> {
  await trx.raw('DELETE FROM area_links WHERE source = ?', [HEX_LINK_SOURCE])
  const removed = await trx.raw('DELETE FROM areas WHERE type = ?', [HEX_TYPE])
  await trx.raw('DELETE FROM geo_layers WHERE name = ?', [HEX_LAYER])
  return removed.rowCount ?? 0
}

/** Writes the staged cells as areas of type 'hex' with their layer, parts and place in the hierarchy. */
export async function insertHexGrid(
  trx: Knex,
  grid: {
    resolution: number
    names: string[]
    namesCy: string[]
    codes: string[]
    populations: Array<number | null>
  },
): Promise<void> {
  await trx.raw(
    `INSERT INTO geo_layers (name, file, type, feature_count, repaired_count, imported_at)
     VALUES (?, ?, ?, ?, 0, now())`,
    [HEX_LAYER, `H3 resolution ${grid.resolution}`, HEX_TYPE, grid.codes.length],
  )
  await trx.raw(
    `INSERT INTO areas (code, name, name_cy, level, type, population, geom, geom_mid, geom_low, label_point,
                        bbox_west, bbox_south, bbox_east, bbox_north, area_km2, source_layer)
     SELECT s.code, t.name, t.name_cy, 'neighbourhood', ?, t.population,
            ST_Multi(s.geom), ST_Multi(s.geom), ST_Multi(s.geom), s.centre,
            ST_XMin(s.geom), ST_YMin(s.geom), ST_XMax(s.geom), ST_YMax(s.geom),
            ST_Area(s.geom::geography) / 1e6, ?
     FROM hex_stage s
     JOIN unnest(?::text[], ?::text[], ?::text[], ?::int[]) AS t(code, name, name_cy, population) ON t.code = s.code`,
    // knex's binding type has no nullable arrays; pg sends null elements as NULL.
    [HEX_TYPE, HEX_LAYER, grid.codes, grid.names, grid.namesCy, grid.populations as number[]],
  )
  await trx.raw(`INSERT INTO area_layers (layer, code, type) SELECT ?, code, ? FROM hex_stage`, [
    HEX_LAYER,
    HEX_TYPE,
  ])
  // A hexagon has six vertices: it is its own (only) part.
  await trx.raw('INSERT INTO area_parts (code, geom) SELECT code, geom FROM hex_stage')
  // The link keeps the parent when a geography import rebuilds area_relations from area_links.
  await trx.raw(
    `INSERT INTO area_links (child_code, parent_code, source) SELECT code, district, ? FROM hex_stage`,
    [HEX_LINK_SOURCE],
  )
  await trx.raw(
    `INSERT INTO area_relations (parent_code, child_code, source) SELECT district, code, ? FROM hex_stage`,
    [HEX_LINK_SOURCE],
  )
  await trx.raw(`
    INSERT INTO area_closure (ancestor_code, descendant_code, depth)
    SELECT district, code, 1 FROM hex_stage
    UNION ALL
    SELECT c.ancestor_code, s.code, c.depth + 1
    FROM hex_stage s JOIN area_closure c ON c.descendant_code = s.district`)
  await trx.raw('ANALYZE areas, area_parts, area_layers, area_relations, area_closure')
}

export async function providerIds(knex: Knex): Promise<string[]> {
  const { rows } = await knex.raw<{ rows: Array<{ id: string }> }>('SELECT id FROM providers ORDER BY id')
  return rows.map((r) => r.id)
}

export async function hexGridSummary(
  knex: Knex,
): Promise<{ cells: number; resolution: string | null; indexRows: number }> {
  const { rows } = await knex.raw(
    `SELECT (SELECT count(*) FROM areas WHERE type = ?)::int AS cells,
            (SELECT file FROM geo_layers WHERE name = ?) AS resolution,
            (SELECT count(*) FROM provider_coverage_index ci JOIN areas a ON a.code = ci.area_code
             WHERE a.type = ?)::int AS "indexRows"`,
    [HEX_TYPE, HEX_LAYER, HEX_TYPE],
  )
  return rows[0]
}

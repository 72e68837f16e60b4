import type { Knex } from 'knex'
import { preparedRows } from '../lib/prepared'
import type { AreaLevel, AreaType } from './geo-schemas'

export interface AreaRow {
  code: string
  name: string
  name_cy: string | null
  level: AreaLevel
  type: AreaType
}

export interface PointAreaRow extends AreaRow {
  nearest: boolean
}

/**
 * Where point-in-polygon runs: the subdivided parts (what the product uses) or the whole
 * polygons (only for the benchmark's comparison).
 */
export type PointSource = 'area_parts' | 'areas'

export interface PointQuery {
  lng: number
  lat: number
  /** How far a point in no district (a coastal or river gap) may be from the nearest one. */
  nearestMetres: number
  source?: PointSource
}

/** Degrees that cover `metres` at `lat`, with a margin: the cheap box filter before the exact distance. */
function degreesFor(metres: number, lat: number): { dx: number; dy: number } {
  const cos = Math.max(Math.cos((lat * Math.PI) / 180), 0.01)
  return { dx: (metres / (111_000 * cos)) * 1.1, dy: (metres / 110_500) * 1.1 }
}

/**
 * The areas containing a point, most local first, in one statement. The district is the anchor:
 * found by point-in-polygon, or else the nearest district within `nearestMetres` (flagged). Its
 * ancestors come from area_closure (lad_hierarchy.csv), so the answer is strictly nested even where
 * the region/nation coastlines and the district coastline disagree by a grid cell. The ward is the
 * district's ward containing the point, or its nearest within the same distance (searched only in
 * a district that has wards loaded). A point in two districts (overlapping generalisations at the
 * England–Scotland border) goes to the one it lies deeper inside. A point in no
 * district at all (an islet missing from the district layer) gets whatever layers contain it.
 */
export async function selectAreasForPoint(knex: Knex, q: PointQuery): Promise<PointAreaRow[]> {
  const source = q.source ?? 'area_parts'
  const { dx, dy } = degreesFor(q.nearestMetres, q.lat)
  return preparedRows<PointAreaRow>(
    knex,
    `geo_areas_for_point_${source}`,
    `WITH pt AS (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326) AS g),
     hit AS (
       SELECT DISTINCT a.code, a.level
       FROM ?? s JOIN areas a ON a.code = s.code, pt
       -- Hexagons are an analysis grid (server/hexgrid), not a place a person is in.
       WHERE ST_Intersects(s.geom, pt.g) AND a.type <> 'hex'
     ),
     local_hit AS (SELECT code FROM hit WHERE level = 'local'),
     -- Two districts contain the point only where two boundary sets of different generalisation
     -- meet (the England–Scotland border overlaps by about 1 km²): the point goes to the one it is
     -- deeper inside, i.e. farther from that polygon's edge, which splits the overlap along its
     -- middle. The distance is computed only when there is such a tie (docs/decisions/0012).
     district_inside AS (
       SELECT h.code
       FROM local_hit h JOIN areas a ON a.code = h.code, pt
       ORDER BY CASE WHEN (SELECT count(*) FROM local_hit) > 1
                     THEN -ST_Distance(ST_Boundary(a.geom), pt.g) ELSE 0 END,
                h.code
       LIMIT 1
     ),
     district_near AS (
       SELECT s.code
       FROM ?? s JOIN areas a ON a.code = s.code, pt
       WHERE NOT EXISTS (SELECT 1 FROM district_inside)
         AND a.level = 'local'
         AND s.geom && ST_Expand(pt.g, ?, ?)
         AND ST_DWithin(s.geom::geography, pt.g::geography, ?)
       ORDER BY ST_Distance(s.geom::geography, pt.g::geography), s.code
       LIMIT 1
     ),
     district AS (
       SELECT code, false AS nearest FROM district_inside
       UNION ALL
       SELECT code, true FROM district_near
     ),
     ward_inside AS (
       SELECT h.code
       FROM hit h JOIN area_relations r ON r.child_code = h.code JOIN district d ON d.code = r.parent_code
       WHERE h.level = 'neighbourhood'
       ORDER BY h.code
       LIMIT 1
     ),
     ward_near AS (
       SELECT s.code
       FROM district d
       JOIN area_relations r ON r.parent_code = d.code
       JOIN areas w ON w.code = r.child_code AND w.level = 'neighbourhood' AND w.type <> 'hex'
       JOIN ?? s ON s.code = w.code, pt
       WHERE NOT EXISTS (SELECT 1 FROM ward_inside)
         -- Wards are loaded for a few districts only: elsewhere skip the search outright (an
         -- uncorrelated test, run once), so UK-wide lookups stay a handful of index probes.
         AND EXISTS (
           SELECT 1 FROM district d2
           JOIN area_relations r2 ON r2.parent_code = d2.code
           JOIN areas w2 ON w2.code = r2.child_code AND w2.type = 'ward'
         )
         AND s.geom && ST_Expand(pt.g, ?, ?)
         AND ST_DWithin(s.geom::geography, pt.g::geography, ?)
       ORDER BY ST_Distance(s.geom::geography, pt.g::geography), s.code
       LIMIT 1
     ),
     chosen AS (
       SELECT code, nearest FROM district
       UNION ALL SELECT code, false FROM ward_inside
       UNION ALL SELECT code, true FROM ward_near
       UNION ALL SELECT c.ancestor_code, false FROM district d JOIN area_closure c ON c.descendant_code = d.code
       UNION ALL SELECT code, false FROM hit WHERE NOT EXISTS (SELECT 1 FROM district)
     )
     SELECT a.code, a.name, a.name_cy, a.level, a.type, bool_or(c.nearest) AS nearest
     FROM chosen c JOIN areas a ON a.code = c.code JOIN area_types t ON t.type = a.type
     GROUP BY a.code, t.rank
     ORDER BY t.rank, a.code`,
    [q.lng, q.lat, source, source, dx, dy, q.nearestMetres, source, dx, dy, q.nearestMetres],
  )
}

/** Which stored geometry a caller gets: full, or simplified for display at medium/low zoom. */
export type GeometryColumn = 'geom' | 'geom_mid' | 'geom_low'

export interface AreaDetailRow extends AreaRow {
  population: number | null
  area_km2: number
  bbox_west: number
  bbox_south: number
  bbox_east: number
  bbox_north: number
  label_point: string
  layers: AreaType[]
  parents: string[]
  children: string[]
  geometry?: string
}

export async function selectArea(
  knex: Knex,
  code: string,
  geometry?: GeometryColumn,
): Promise<AreaDetailRow | undefined> {
  const result = await knex.raw<{ rows: AreaDetailRow[] }>(
    `SELECT a.code, a.name, a.name_cy, a.level, a.type, a.population, a.area_km2,
            a.bbox_west, a.bbox_south, a.bbox_east, a.bbox_north, a.label_point,
            ARRAY(SELECT l.type FROM area_layers l JOIN area_types t ON t.type = l.type
                  WHERE l.code = a.code GROUP BY l.type, t.rank ORDER BY t.rank) AS layers,
            ARRAY(SELECT r.parent_code FROM area_relations r JOIN areas p ON p.code = r.parent_code
                  JOIN area_types t ON t.type = p.type
                  WHERE r.child_code = a.code ORDER BY t.rank, p.code) AS parents,
            ARRAY(SELECT r.child_code FROM area_relations r JOIN areas c ON c.code = r.child_code
                  JOIN area_types t ON t.type = c.type
                  WHERE r.parent_code = a.code ORDER BY t.rank, c.code) AS children
            ${geometry ? ', ?? AS geometry' : ''}
     FROM areas a
     WHERE a.code = ?`,
    geometry ? [`a.${geometry}`, code] : [code],
  )
  return result.rows[0]
}

export async function areaExists(knex: Knex, code: string): Promise<boolean> {
  const row = await knex('areas').where({ code }).first('code')
  return row !== undefined
}

/**
 * An area and all its ancestors, most local first, each with the area's own label point (a point
 * inside it); no rows when no loaded area has the code.
 */
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

export interface AreaListFilter {
  level?: AreaLevel
  /** Membership of a layer of this type (so "upper-tier" includes the unitary districts). */
  type?: AreaType
  /** The area itself and everything it contains. */
  within?: string
  geometry?: GeometryColumn
}

export async function selectAreas(
  knex: Knex,
  filter: AreaListFilter,
): Promise<Array<AreaRow & { geometry?: string }>> {
  const query = knex('areas as a')
    .join('area_types as t', 't.type', 'a.type')
    .select('a.code', 'a.name', 'a.name_cy', 'a.level', 'a.type')
    .orderBy([{ column: 't.rank' }, { column: 'a.name' }, { column: 'a.code' }])
  if (filter.geometry) query.select(knex.ref(`a.${filter.geometry}`).as('geometry'))
  if (filter.level) query.where('a.level', filter.level)
  if (filter.type) {
    const type = filter.type
    query.whereExists((sub) => {
      sub.select(knex.raw('1')).from('area_layers as l').whereRaw('l.code = a.code').andWhere('l.type', type)
    })
  }
  if (filter.within) {
    const within = filter.within
    query.where((w) => {
      w.where('a.code', within).orWhereExists((sub) => {
        sub
          .select(knex.raw('1'))
          .from('area_closure as c')
          .whereRaw('c.descendant_code = a.code')
          .andWhere('c.ancestor_code', within)
      })
    })
  }
  return query
}

export interface GeoLayerRow {
  name: string
  type: AreaType
  level: AreaLevel
  file: string
  feature_count: number
  repaired_count: number
  imported_at: Date
}

export async function selectLayers(knex: Knex): Promise<GeoLayerRow[]> {
  return knex('geo_layers as g')
    .join('area_types as t', 't.type', 'g.type')
    .select('g.name', 'g.type', 't.level', 'g.file', 'g.feature_count', 'g.repaired_count', 'g.imported_at')
    .orderBy([{ column: 't.rank' }, { column: 'g.name' }])
}

import type { Knex } from 'knex'
import type { Bbox } from './tiles-schemas'

export interface LayerState {
  /** Area types in rank order (most local first): each is a boundary layer. */
  types: string[]
  /** map_layer_versions: bumped in the transaction of every change a layer shows. */
  versions: { boundaries: number; coverage: number }
}

/** The boundary layers and the layer versions, in one round trip (read on every map request). */
export async function selectLayerState(knex: Knex): Promise<LayerState> {
  const { rows } = await knex.raw<{
    rows: Array<{ types: string[] | null; versions: Record<string, string | number> | null }>
  }>(
    `SELECT (SELECT json_agg(type ORDER BY rank) FROM area_types) AS types,
            (SELECT json_object_agg(family, version) FROM map_layer_versions) AS versions`,
  )
  const row = rows[0]
  return {
    types: row?.types ?? [],
    versions: {
      boundaries: Number(row?.versions?.boundaries ?? 0),
      coverage: Number(row?.versions?.coverage ?? 0),
    },
  }
}

/**
 * What a layer draws: the areas of one type (an area belongs to a type by its own type or by
 * layer membership: a unitary district is in `lad` and `upper-tier`), or an explicit list of
 * areas with properties to merge into each feature (the coverage layer).
 */
export type LayerSource =
  | { kind: 'type'; type: string }
  | { kind: 'areas'; areas: Array<{ code: string } & Record<string, unknown>> }

function sourceSql(source: LayerSource): { join: string; props: string; bindings: string[] } {
  if (source.kind === 'type') {
    return {
      join: `WHERE (a.type = ? OR EXISTS (SELECT 1 FROM area_layers l WHERE l.code = a.code AND l.type = ?))`,
      props: `'{}'::jsonb`,
      bindings: [source.type, source.type],
    }
  }
  return {
    join: `JOIN jsonb_array_elements(?::jsonb) AS p (item) ON p.item->>'code' = a.code WHERE true`,
    props: `p.item - 'code'`,
    bindings: [JSON.stringify(source.areas)],
  }
}

/**
 * One Mapbox Vector Tile (server engine only: PGlite's PostGIS has no protobuf). Geometry comes
 * from the band's pre-projected generalised copy; ST_AsMVTGeom clips to the tile plus buffer.
 * Every feature carries code, name, nameCy, type and level, and the source's properties.
 */
export async function renderMvt(
  knex: Knex,
  input: {
    layer: string
    source: LayerSource
    z: number
    x: number
    y: number
    band: number
    extent: number
    buffer: number
  },
): Promise<Buffer> {
  const src = sourceSql(input.source)
  const margin = input.buffer / input.extent
  const { rows } = await knex.raw<{ rows: Array<{ tile: Buffer | null }> }>(
    `WITH env AS (SELECT ST_TileEnvelope(?, ?, ?) AS box),
     candidates AS (
       SELECT g.geom_3857, a.code, a.name, a.name_cy, a.type, a.level, ${src.props} AS extra
       FROM env, area_generalised g
       JOIN areas a ON a.code = g.area_code
       ${src.join}
         AND g.band = ?
         AND g.geom_3857 && ST_Expand(env.box, (ST_XMax(env.box) - ST_XMin(env.box)) * ?)
     ),
     features AS (
       SELECT ST_AsMVTGeom(c.geom_3857, env.box, ?, ?, true) AS geom,
              jsonb_build_object('code', c.code, 'name', c.name, 'nameCy', c.name_cy, 'type', c.type, 'level', c.level)
                || c.extra AS properties
       FROM candidates c, env
     )
     SELECT ST_AsMVT(features.*, ?, ?, 'geom') AS tile FROM features WHERE geom IS NOT NULL`,
    [
      input.z,
      input.x,
      input.y,
      ...src.bindings,
      input.band,
      margin,
      input.extent,
      input.buffer,
      input.layer,
      input.extent,
    ],
  )
  return rows[0]?.tile ?? Buffer.alloc(0)
}

/**
 * The areas in a viewport as a GeoJSON FeatureCollection (text, built in SQL): the band's
 * generalised geometry clipped to the bbox, coordinates rounded to `decimals`. Works on both
 * engines.
 */
export async function renderFeatures(
  knex: Knex,
  input: { source: LayerSource; bbox: Bbox; band: number; decimals: number },
): Promise<string> {
  const src = sourceSql(input.source)
  const [west, south, east, north] = input.bbox
  const { rows } = await knex.raw<{ rows: Array<{ body: string }> }>(
    `WITH env AS (SELECT ST_MakeEnvelope(?, ?, ?, ?, 4326) AS box),
     clipped AS (
       SELECT a.code,
              jsonb_build_object('code', a.code, 'name', a.name, 'nameCy', a.name_cy, 'type', a.type, 'level', a.level)
                || ${src.props} AS properties,
              -- Whole when inside the box; clipping costs, and most areas at close zoom are whole.
              CASE WHEN ST_CoveredBy(g.geom, env.box) THEN g.geom ELSE ST_ClipByBox2D(g.geom, env.box) END AS geom
       FROM env, area_generalised g
       JOIN areas a ON a.code = g.area_code
       ${src.join}
         AND g.band = ?
         AND g.geom && env.box
     )
     SELECT json_build_object(
              'type', 'FeatureCollection',
              'features', COALESCE(json_agg(json_build_object(
                'type', 'Feature', 'id', c.code, 'properties', c.properties,
                'geometry', ST_AsGeoJSON(c.geom, ?)::json) ORDER BY c.code), '[]'::json)
            )::text AS body
     FROM clipped c
     WHERE NOT ST_IsEmpty(c.geom)`,
    [west, south, east, north, ...src.bindings, input.band, input.decimals],
  )
  return rows[0]?.body ?? '{"type":"FeatureCollection","features":[]}'
}

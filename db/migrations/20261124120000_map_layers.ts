import type { Knex } from 'knex'

/**
 * Map layers at national scale (docs/decisions/0007-map-layers.md).
 *
 * `area_generalised`: every area's boundary simplified once per zoom band, in degrees for the
 * viewport GeoJSON and in Web Mercator for vector tiles, so no request simplifies or reprojects
 * a full-resolution boundary. It is kept by a statement-level trigger on `areas`, whoever writes
 * them (the geo importer, the hexagon grid, a future layer), in the writer's transaction.
 *
 * `map_layer_versions`: a counter per layer family, bumped by statement-level triggers in the
 * transaction that changes what the layer shows (boundaries: areas and layer membership;
 * coverage: providers and every table that shapes their coverage). The version is part of every
 * tile's cache key and ETag, so a change is never served stale from the in-process cache.
 *
 * The band tolerances (degrees) are frozen here; server/tiles/tiles-schemas.ts maps zoom -> band.
 */
const COVERAGE_TABLES = [
  'providers',
  'provider_functions',
  'provider_topics',
  'provider_strands',
  'provider_coverage_areas',
  'provider_coverage_polygons',
  'provider_coverage_index',
] as const

const BOUNDARY_TABLES = ['areas', 'area_layers'] as const

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE area_generalised (
      area_code text NOT NULL REFERENCES areas (code) ON DELETE CASCADE,
      band smallint NOT NULL CHECK (band BETWEEN 0 AND 3),
      geom geometry(MultiPolygon, 4326) NOT NULL,
      geom_3857 geometry(MultiPolygon, 3857) NOT NULL,
      PRIMARY KEY (band, area_code)
    );
    CREATE INDEX area_generalised_geom_idx ON area_generalised USING gist (geom);
    CREATE INDEX area_generalised_geom_3857_idx ON area_generalised USING gist (geom_3857);
    CREATE INDEX area_generalised_code_idx ON area_generalised (area_code);

    -- Band 0: zoom 0-5, 1: 6-8, 2: 9-11, 3: 12 and closer. Each tolerance is below half a screen
    -- pixel at the band's closest zoom, so simplification never shows.
    CREATE FUNCTION area_generalised_refresh(codes text[]) RETURNS void LANGUAGE sql AS $$
      DELETE FROM area_generalised WHERE area_code = ANY(codes);
      INSERT INTO area_generalised (area_code, band, geom, geom_3857)
      SELECT code, band, geom, ST_Transform(geom, 3857)
      FROM (
        SELECT a.code, b.band,
               ST_Multi(CASE WHEN ST_IsValid(s.g) THEN s.g ELSE ST_CollectionExtract(ST_MakeValid(s.g), 3) END) AS geom
        FROM areas a
        CROSS JOIN (VALUES (0, 0.005), (1, 0.001), (2, 0.0002), (3, 0.00004)) AS b (band, tolerance)
        CROSS JOIN LATERAL (SELECT ST_SimplifyPreserveTopology(a.geom, b.tolerance) AS g) s
        WHERE a.code = ANY(codes)
      ) simplified
      WHERE NOT ST_IsEmpty(geom);
    $$;

    CREATE FUNCTION area_generalised_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM area_generalised_refresh(ARRAY(SELECT code FROM new_areas));
      RETURN NULL;
    END $$;

    -- Only rows whose boundary changed: a type or name update (layer membership) costs nothing.
    CREATE FUNCTION area_generalised_updated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM area_generalised_refresh(ARRAY(
        SELECT n.code FROM new_areas n JOIN old_areas o ON o.code = n.code
        WHERE NOT (n.geom = o.geom)
        UNION ALL
        SELECT n.code FROM new_areas n WHERE NOT EXISTS (SELECT 1 FROM old_areas o WHERE o.code = n.code)
      ));
      RETURN NULL;
    END $$;

    CREATE TRIGGER area_generalised_insert AFTER INSERT ON areas
      REFERENCING NEW TABLE AS new_areas FOR EACH STATEMENT EXECUTE FUNCTION area_generalised_inserted();
    CREATE TRIGGER area_generalised_update AFTER UPDATE ON areas
      REFERENCING NEW TABLE AS new_areas OLD TABLE AS old_areas
      FOR EACH STATEMENT EXECUTE FUNCTION area_generalised_updated();

    CREATE TABLE map_layer_versions (
      family text PRIMARY KEY CHECK (family IN ('boundaries', 'coverage')),
      version bigint NOT NULL DEFAULT 1,
      changed_at timestamptz NOT NULL DEFAULT now()
    );
    INSERT INTO map_layer_versions (family) VALUES ('boundaries'), ('coverage');

    CREATE FUNCTION map_layer_bump() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE map_layer_versions SET version = version + 1, changed_at = now() WHERE family = TG_ARGV[0];
      RETURN NULL;
    END $$;

    SELECT area_generalised_refresh(ARRAY(SELECT code FROM areas));
    ANALYZE area_generalised;
  `)
  for (const [family, tables] of [
    ['coverage', COVERAGE_TABLES],
    ['boundaries', BOUNDARY_TABLES],
  ] as const) {
    for (const table of tables) {
      await knex.raw(
        `CREATE TRIGGER ?? AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ??
           FOR EACH STATEMENT EXECUTE FUNCTION map_layer_bump(${family})`,
        [`map_layer_bump_${table}`, table],
      )
    }
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [...COVERAGE_TABLES, ...BOUNDARY_TABLES]) {
    await knex.raw('DROP TRIGGER IF EXISTS ?? ON ??', [`map_layer_bump_${table}`, table])
  }
  await knex.raw(`
    DROP FUNCTION IF EXISTS map_layer_bump();
    DROP TABLE IF EXISTS map_layer_versions;
    DROP TRIGGER IF EXISTS area_generalised_update ON areas;
    DROP TRIGGER IF EXISTS area_generalised_insert ON areas;
    DROP FUNCTION IF EXISTS area_generalised_updated();
    DROP FUNCTION IF EXISTS area_generalised_inserted();
    DROP TABLE IF EXISTS area_generalised;
    DROP FUNCTION IF EXISTS area_generalised_refresh(text[]);
  `)
}

import type { Knex } from 'knex'

/**
 * Geography: boundaries at five levels, their subdivided copy for point-in-polygon, the
 * parent/child graph with its transitive closure, and postcode centroids.
 *
 * One row per GSS code. Several ONS layers reuse a code (the upper-tier layer repeats the 147
 * single-district authorities' district codes; the shire counties E10 are in both the county
 * and the upper-tier layer), so layer membership lives in `area_layers` and the area row keeps
 * the attributes of its most local layer (`area_types.rank`).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE area_types (
      type text PRIMARY KEY,
      level text NOT NULL CHECK (level IN ('neighbourhood', 'local', 'subregional', 'regional', 'national')),
      rank smallint NOT NULL UNIQUE,
      UNIQUE (type, level)
    );
    INSERT INTO area_types (type, level, rank) VALUES
      ('ward', 'neighbourhood', 10),
      ('lad', 'local', 20),
      ('county', 'subregional', 30),
      ('upper-tier', 'subregional', 31),
      ('combined-authority', 'subregional', 32),
      ('region', 'regional', 40),
      ('nation', 'national', 50);

    CREATE TABLE geo_layers (
      name text PRIMARY KEY,
      file text NOT NULL,
      type text NOT NULL REFERENCES area_types (type),
      feature_count integer NOT NULL,
      repaired_count integer NOT NULL DEFAULT 0,
      imported_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE areas (
      code text PRIMARY KEY,
      name text NOT NULL,
      name_cy text,
      level text NOT NULL CHECK (level IN ('neighbourhood', 'local', 'subregional', 'regional', 'national')),
      type text NOT NULL CHECK (type IN ('ward', 'lad', 'county', 'upper-tier', 'combined-authority', 'region', 'nation')),
      population integer CHECK (population >= 0),
      geom geometry(MultiPolygon, 4326) NOT NULL,
      geom_mid geometry(MultiPolygon, 4326) NOT NULL,
      geom_low geometry(MultiPolygon, 4326) NOT NULL,
      label_point geometry(Point, 4326) NOT NULL,
      bbox_west double precision NOT NULL,
      bbox_south double precision NOT NULL,
      bbox_east double precision NOT NULL,
      bbox_north double precision NOT NULL,
      area_km2 double precision NOT NULL,
      source_layer text NOT NULL REFERENCES geo_layers (name),
      updated_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (type, level) REFERENCES area_types (type, level)
    );
    CREATE INDEX areas_geom_idx ON areas USING gist (geom);
    CREATE INDEX areas_level_idx ON areas (level);
    CREATE INDEX areas_type_idx ON areas (type);

    CREATE TABLE area_layers (
      layer text NOT NULL REFERENCES geo_layers (name) ON DELETE CASCADE,
      code text NOT NULL REFERENCES areas (code) ON DELETE CASCADE,
      type text NOT NULL REFERENCES area_types (type),
      PRIMARY KEY (layer, code)
    );
    CREATE INDEX area_layers_type_code_idx ON area_layers (type, code);
    CREATE INDEX area_layers_code_idx ON area_layers (code);

    CREATE TABLE area_parts (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      code text NOT NULL REFERENCES areas (code) ON DELETE CASCADE,
      geom geometry(Polygon, 4326) NOT NULL
    );
    CREATE INDEX area_parts_geom_idx ON area_parts USING gist (geom);
    CREATE INDEX area_parts_code_idx ON area_parts (code);

    -- Declared parent links (lookup files, parent-code properties), kept even while an end is not
    -- loaded; area_relations is rebuilt from them and from geometry after every import.
    CREATE TABLE area_links (
      child_code text NOT NULL,
      parent_code text NOT NULL,
      source text NOT NULL,
      PRIMARY KEY (child_code, parent_code, source),
      CHECK (child_code <> parent_code)
    );

    CREATE TABLE area_relations (
      parent_code text NOT NULL REFERENCES areas (code) ON DELETE CASCADE,
      child_code text NOT NULL REFERENCES areas (code) ON DELETE CASCADE,
      source text NOT NULL,
      PRIMARY KEY (parent_code, child_code),
      CHECK (parent_code <> child_code)
    );
    CREATE INDEX area_relations_child_idx ON area_relations (child_code, parent_code);

    CREATE TABLE area_closure (
      ancestor_code text NOT NULL REFERENCES areas (code) ON DELETE CASCADE,
      descendant_code text NOT NULL REFERENCES areas (code) ON DELETE CASCADE,
      depth smallint NOT NULL CHECK (depth >= 1),
      PRIMARY KEY (ancestor_code, descendant_code)
    );
    CREATE INDEX area_closure_descendant_idx ON area_closure (descendant_code, ancestor_code);

    CREATE TABLE postcodes (
      postcode text PRIMARY KEY CHECK (postcode ~ '^[A-Z0-9]{5,7}$'),
      display text NOT NULL,
      outward text NOT NULL,
      sector text NOT NULL,
      geom geometry(Point, 4326) NOT NULL
    );
    CREATE INDEX postcodes_geom_idx ON postcodes USING gist (geom);

    CREATE TABLE postcode_sectors (
      sector text PRIMARY KEY,
      postcode_count integer NOT NULL,
      geom geometry(Point, 4326) NOT NULL
    );

    CREATE TABLE postcode_districts (
      district text PRIMARY KEY,
      postcode_count integer NOT NULL,
      geom geometry(Point, 4326) NOT NULL
    );
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE IF EXISTS postcode_districts;
    DROP TABLE IF EXISTS postcode_sectors;
    DROP TABLE IF EXISTS postcodes;
    DROP TABLE IF EXISTS area_closure;
    DROP TABLE IF EXISTS area_relations;
    DROP TABLE IF EXISTS area_links;
    DROP TABLE IF EXISTS area_parts;
    DROP TABLE IF EXISTS area_layers;
    DROP TABLE IF EXISTS areas;
    DROP TABLE IF EXISTS geo_layers;
    DROP TABLE IF EXISTS area_types;
  `)
}

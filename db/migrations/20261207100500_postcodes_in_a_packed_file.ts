import type { Knex } from 'knex'

/**
 * Every UK postcode (2.7 million) now lives in a packed, sorted file in DATA_DIR searched in Node
 * by both engines (server/geo/postcode-store.ts, docs/decisions/0011-uk-postcodes.md): the
 * postcode tables and their 601,871-row subset go.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE IF EXISTS postcode_districts;
    DROP TABLE IF EXISTS postcode_sectors;
    DROP TABLE IF EXISTS postcodes;
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
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

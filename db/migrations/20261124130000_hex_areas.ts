import type { Knex } from 'knex'

/**
 * The hexagon grid (server/hexgrid, docs/decisions/0008): H3 cells stored as areas of type 'hex'
 * at the neighbourhood level, ranked after wards so a ward stays a point's neighbourhood when both
 * are loaded. The grid itself is built by `npm run geo:hexes`, never by a migration.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    INSERT INTO area_types (type, level, rank) VALUES ('hex', 'neighbourhood', 11);
    ALTER TABLE areas DROP CONSTRAINT areas_type_check;
    ALTER TABLE areas ADD CONSTRAINT areas_type_check
      CHECK (type IN ('ward', 'hex', 'lad', 'county', 'upper-tier', 'combined-authority', 'region', 'nation'));
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DELETE FROM areas WHERE type = 'hex';
    DELETE FROM area_links WHERE source = 'hexgrid';
    DELETE FROM geo_layers WHERE type = 'hex';
    ALTER TABLE areas DROP CONSTRAINT areas_type_check;
    ALTER TABLE areas ADD CONSTRAINT areas_type_check
      CHECK (type IN ('ward', 'lad', 'county', 'upper-tier', 'combined-authority', 'region', 'nation'));
    DELETE FROM area_types WHERE type = 'hex';
  `)
}

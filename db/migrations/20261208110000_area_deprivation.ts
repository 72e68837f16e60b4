import type { Knex } from 'knex'

/**
 * English Indices of Deprivation 2019 beside the areas (docs/decisions/0017). One row per English
 * area that has the figures: a 2013 district summed from its LSOAs, and every county, upper-tier
 * and combined authority, region and England summed from its districts. The sums are kept (not
 * only the ratios) so that any grouping aggregates exactly as over the LSOAs themselves:
 * population-weighted average rank = pop_rank_sum / population; share in the most deprived 10 % =
 * pop_decile_1 / population. Wales, Scotland and Northern Ireland have no row (the English index
 * does not apply there), nor do wards (LSOAs are not ward-coded in the source).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE area_deprivation (
      area_code text PRIMARY KEY REFERENCES areas (code) ON DELETE CASCADE,
      derived_from text NOT NULL CHECK (derived_from IN ('lsoas', 'districts')),
      lsoa_count integer NOT NULL CHECK (lsoa_count > 0),
      population integer NOT NULL CHECK (population > 0),
      pop_0_15 integer NOT NULL CHECK (pop_0_15 >= 0),
      pop_16_59 integer NOT NULL CHECK (pop_16_59 >= 0),
      pop_60_plus integer NOT NULL CHECK (pop_60_plus >= 0),
      pop_rank_sum bigint NOT NULL CHECK (pop_rank_sum > 0),
      pop_decile_1 integer NOT NULL CHECK (pop_decile_1 >= 0),
      pop_decile_1_2 integer NOT NULL CHECK (pop_decile_1_2 >= pop_decile_1),
      weighted_rank double precision NOT NULL,
      share_decile_1 double precision NOT NULL CHECK (share_decile_1 BETWEEN 0 AND 1),
      share_decile_1_2 double precision NOT NULL CHECK (share_decile_1_2 BETWEEN 0 AND 1),
      loaded_at timestamptz NOT NULL DEFAULT now()
    );
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS area_deprivation')
}

import type { Knex } from 'knex'

/**
 * Search speed at 100,000 providers (see docs/decisions/0003): a place search reads a few
 * thousand coverage-index rows, so the filters most searches use must be answerable from those
 * rows alone, without a probe per provider.
 *
 * - provider_search: a narrow read model, one row per provider, with the code sets as arrays
 *   (copied from the FK-enforcing join tables) and function/strand bit masks.
 * - Functions and strands get a stable bit each (assigned once per code, never reused), so a
 *   mask means the same thing whatever the display order.
 * - provider_coverage_index carries each provider's status, kind, level and masks, included in
 *   its area index: "who covers this area with this function for this group" is an index-only
 *   range scan.
 * All maintained by the directory service in the same transaction as the provider.
 */
const maskOf = (join: string, column: string, vocabulary: string) => `
  coalesce((SELECT bit_or(1::bigint << v.bit) FROM ${join} x JOIN ${vocabulary} v ON v.code = x.${column}
            WHERE x.provider_id = p.id), 0)`

const codesOf = (join: string, column: string, vocabulary: string) => `
  ARRAY(SELECT x.${column} FROM ${join} x JOIN ${vocabulary} v ON v.code = x.${column}
        WHERE x.provider_id = p.id ORDER BY v.position)`

export async function up(knex: Knex): Promise<void> {
  for (const table of ['taxonomy_functions', 'taxonomy_strands']) {
    await knex.raw(`ALTER TABLE ?? ADD COLUMN bit smallint`, [table])
    await knex.raw(
      `UPDATE ?? t SET bit = o.n - 1 FROM (
                      SELECT code, row_number() OVER (ORDER BY position, code) AS n FROM ??) o
                    WHERE o.code = t.code`,
      [table, table],
    )
    await knex.raw(
      `ALTER TABLE ?? ALTER COLUMN bit SET NOT NULL,
                      ADD CONSTRAINT ?? UNIQUE (bit), ADD CONSTRAINT ?? CHECK (bit BETWEEN 0 AND 62)`,
      [table, `${table}_bit_unique`, `${table}_bit_range`],
    )
  }

  await knex.raw(`
    CREATE TABLE provider_search (
      provider_id uuid PRIMARY KEY REFERENCES providers (id) ON DELETE CASCADE,
      status text NOT NULL,
      kind text NOT NULL,
      level text NOT NULL,
      name text NOT NULL,
      last_verified_at date,
      office geometry(Point, 4326),
      functions text[] NOT NULL,
      topics text[] NOT NULL,
      strands text[] NOT NULL,
      languages text[] NOT NULL,
      formats text[] NOT NULL,
      functions_mask bigint NOT NULL,
      strands_mask bigint NOT NULL
    );
    CREATE INDEX provider_search_status_name_idx ON provider_search (status, name, provider_id);

    INSERT INTO provider_search
    SELECT p.id, p.status, p.kind, p.level, p.name, p.last_verified_at, p.office,
           ${codesOf('provider_functions', 'function_code', 'taxonomy_functions')},
           ${codesOf('provider_topics', 'topic_code', 'taxonomy_topics')},
           ${codesOf('provider_strands', 'strand_code', 'taxonomy_strands')},
           ${codesOf('provider_languages', 'language_code', 'taxonomy_languages')},
           ${codesOf('provider_formats', 'format_code', 'taxonomy_formats')},
           ${maskOf('provider_functions', 'function_code', 'taxonomy_functions')},
           ${maskOf('provider_strands', 'strand_code', 'taxonomy_strands')}
    FROM providers p;

    ALTER TABLE provider_coverage_index
      ADD COLUMN status text, ADD COLUMN kind text, ADD COLUMN level text,
      ADD COLUMN functions_mask bigint, ADD COLUMN strands_mask bigint;
    UPDATE provider_coverage_index ci
    SET status = s.status, kind = s.kind, level = s.level,
        functions_mask = s.functions_mask, strands_mask = s.strands_mask
    FROM provider_search s WHERE s.provider_id = ci.provider_id;
    ALTER TABLE provider_coverage_index
      ALTER COLUMN status SET NOT NULL, ALTER COLUMN kind SET NOT NULL, ALTER COLUMN level SET NOT NULL,
      ALTER COLUMN functions_mask SET NOT NULL, ALTER COLUMN strands_mask SET NOT NULL;

    DROP INDEX provider_coverage_index_area_idx;
    CREATE INDEX provider_coverage_index_area_idx ON provider_coverage_index (area_code, provider_id)
      INCLUDE (via_area_code, share, status, kind, level, functions_mask, strands_mask);
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX provider_coverage_index_area_idx;
    ALTER TABLE provider_coverage_index
      DROP COLUMN status, DROP COLUMN kind, DROP COLUMN level,
      DROP COLUMN functions_mask, DROP COLUMN strands_mask;
    CREATE INDEX provider_coverage_index_area_idx
      ON provider_coverage_index (area_code, provider_id) INCLUDE (via_area_code, share);
    DROP TABLE IF EXISTS provider_search;
    ALTER TABLE taxonomy_functions DROP COLUMN bit;
    ALTER TABLE taxonomy_strands DROP COLUMN bit;
  `)
}

import type { Knex } from 'knex'

/**
 * Coverage and gaps (docs/decisions/0005-coverage-gap-rule.md).
 *
 * `coverage_baselines`: the partnership's editable minimum-provision rules.
 *
 * `coverage_cells`: for every area, function/topic ("facet") and group (any provider, generalists,
 * or one strand), how many active providers cover the area at each provider level, and how many
 * cover only part of it. It is derived from the directory and kept current incrementally:
 *  - statement triggers on providers, their codes and the coverage index mark the providers a
 *    change touched as dirty (`coverage_dirty`), whatever wrote the change;
 *  - a refresh (called by the directory in the same transaction as an edit, and before any
 *    coverage read) retracts each dirty provider's last contribution, recorded in
 *    `coverage_provider_snapshots`, and adds its current one.
 * The cells therefore always equal the sum of the snapshots, and a provider edit costs work in
 * proportion to that provider's footprint, not to the directory's size.
 *
 * Cells and snapshots have no foreign keys on purpose: they must outlive a deleted area or
 * provider until the refresh has retracted its contribution.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE coverage_baselines (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      key text NOT NULL UNIQUE
        CONSTRAINT coverage_baselines_key_format CHECK (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(key) <= 80),
      label text NOT NULL CONSTRAINT coverage_baselines_label_present CHECK (btrim(label) <> ''),
      label_cy text NOT NULL CONSTRAINT coverage_baselines_label_cy_present CHECK (btrim(label_cy) <> ''),
      -- The level of the areas the rule is checked in (every district, every ward, ...).
      area_level text NOT NULL REFERENCES taxonomy_levels (code),
      -- What must be available: one function, or one topic, or (both NULL) any support at all.
      function_code text REFERENCES taxonomy_functions (code),
      topic_code text REFERENCES taxonomy_topics (code),
      -- For whom: any provider, a generalist, or a provider working with one strand.
      group_kind text NOT NULL CONSTRAINT coverage_baselines_group_kind CHECK (group_kind IN ('any', 'generalist', 'strand')),
      strand_code text REFERENCES taxonomy_strands (code),
      min_count integer NOT NULL CONSTRAINT coverage_baselines_min_count CHECK (min_count BETWEEN 1 AND 1000),
      -- The highest provider level that still counts (local: a county-wide body does not).
      acceptable_depth text NOT NULL REFERENCES taxonomy_levels (code),
      -- Where the rule comes from (the domain text it encodes, or the partnership's decision).
      source text,
      version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT coverage_baselines_one_facet CHECK (function_code IS NULL OR topic_code IS NULL),
      CONSTRAINT coverage_baselines_strand_group CHECK ((group_kind = 'strand') = (strand_code IS NOT NULL))
    );
    CREATE INDEX coverage_baselines_level_idx ON coverage_baselines (area_level);

    CREATE TABLE coverage_cells (
      area_code text NOT NULL,
      facet_kind text NOT NULL CONSTRAINT coverage_cells_facet_kind CHECK (facet_kind IN ('any', 'function', 'topic')),
      -- '' for facet_kind 'any'.
      facet_code text NOT NULL,
      -- 'any', 'generalist' or a strand code.
      group_code text NOT NULL,
      n_neighbourhood integer NOT NULL DEFAULT 0,
      n_local integer NOT NULL DEFAULT 0,
      n_subregional integer NOT NULL DEFAULT 0,
      n_regional integer NOT NULL DEFAULT 0,
      n_national integer NOT NULL DEFAULT 0,
      -- Providers whose drawn polygon covers some of the area, but less than the minimum share.
      n_partial integer NOT NULL DEFAULT 0,
      PRIMARY KEY (area_code, facet_kind, facet_code, group_code),
      -- A negative count would mean a contribution was retracted twice: fail loudly.
      CONSTRAINT coverage_cells_not_negative CHECK (
        n_neighbourhood >= 0 AND n_local >= 0 AND n_subregional >= 0 AND n_regional >= 0
        AND n_national >= 0 AND n_partial >= 0)
    );
    -- Emptied cells are deleted after each refresh; this keeps finding them cheap.
    CREATE INDEX coverage_cells_empty_idx ON coverage_cells (area_code)
      WHERE n_neighbourhood = 0 AND n_local = 0 AND n_subregional = 0 AND n_regional = 0
        AND n_national = 0 AND n_partial = 0;

    -- What each active provider last contributed to the cells.
    CREATE TABLE coverage_provider_snapshots (
      provider_id uuid PRIMARY KEY,
      level text NOT NULL,
      -- Areas covered (listed, or at least the minimum share of a drawn polygon) ...
      areas text[] NOT NULL,
      -- ... and areas only partly covered by the polygon.
      partial_areas text[] NOT NULL,
      -- 'any', 'function:<code>', 'topic:<code>'.
      facets text[] NOT NULL,
      -- 'any', 'generalist', strand codes.
      groups text[] NOT NULL
    );

    CREATE TABLE coverage_dirty (provider_id uuid PRIMARY KEY);

    -- One row: the share the snapshots were computed with (a changed setting rebuilds them).
    CREATE TABLE coverage_state (
      id boolean PRIMARY KEY DEFAULT true CONSTRAINT coverage_state_one_row CHECK (id),
      min_share real NOT NULL CONSTRAINT coverage_state_share_range CHECK (min_share > 0 AND min_share <= 1),
      rebuilt_at timestamptz
    );
    INSERT INTO coverage_state (min_share) VALUES (0.5);

    CREATE FUNCTION coverage_mark_dirty_new() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO coverage_dirty (provider_id) SELECT DISTINCT provider_id FROM changed_rows
      ON CONFLICT DO NOTHING;
      RETURN NULL;
    END $$;

    -- Providers: a new or deleted record, or a change of what decides its contribution.
    CREATE FUNCTION coverage_mark_dirty_providers() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        INSERT INTO coverage_dirty (provider_id)
        SELECT n.id FROM new_providers n JOIN old_providers o ON o.id = n.id
        WHERE (n.status, n.kind, n.level) IS DISTINCT FROM (o.status, o.kind, o.level)
        ON CONFLICT DO NOTHING;
      ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO coverage_dirty (provider_id) SELECT id FROM new_providers ON CONFLICT DO NOTHING;
      ELSE
        INSERT INTO coverage_dirty (provider_id) SELECT id FROM old_providers ON CONFLICT DO NOTHING;
      END IF;
      RETURN NULL;
    END $$;

    CREATE TRIGGER coverage_dirty_providers_insert AFTER INSERT ON providers
      REFERENCING NEW TABLE AS new_providers FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_dirty_providers();
    CREATE TRIGGER coverage_dirty_providers_update AFTER UPDATE ON providers
      REFERENCING NEW TABLE AS new_providers OLD TABLE AS old_providers
      FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_dirty_providers();
    CREATE TRIGGER coverage_dirty_providers_delete AFTER DELETE ON providers
      REFERENCING OLD TABLE AS old_providers FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_dirty_providers();
  `)
  // Every table whose rows shape a contribution: inserted, deleted or updated rows mark their provider.
  for (const table of [
    'provider_functions',
    'provider_topics',
    'provider_strands',
    'provider_coverage_index',
  ]) {
    await knex.raw(
      `CREATE TRIGGER ?? AFTER INSERT ON ?? REFERENCING NEW TABLE AS changed_rows
         FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_dirty_new();
       CREATE TRIGGER ?? AFTER DELETE ON ?? REFERENCING OLD TABLE AS changed_rows
         FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_dirty_new();
       CREATE TRIGGER ?? AFTER UPDATE ON ?? REFERENCING OLD TABLE AS changed_rows
         FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_dirty_new();
       CREATE TRIGGER ?? AFTER UPDATE ON ?? REFERENCING NEW TABLE AS changed_rows
         FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_dirty_new();`,
      [
        `coverage_dirty_${table}_insert`,
        table,
        `coverage_dirty_${table}_delete`,
        table,
        `coverage_dirty_${table}_update_old`,
        table,
        `coverage_dirty_${table}_update_new`,
        table,
      ],
    )
  }
  // Whatever the directory already holds is dirty: the first refresh builds the cells.
  await knex.raw('INSERT INTO coverage_dirty (provider_id) SELECT id FROM providers')
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'provider_functions',
    'provider_topics',
    'provider_strands',
    'provider_coverage_index',
  ]) {
    for (const suffix of ['insert', 'delete', 'update_old', 'update_new']) {
      await knex.raw('DROP TRIGGER IF EXISTS ?? ON ??', [`coverage_dirty_${table}_${suffix}`, table])
    }
  }
  await knex.raw(`
    DROP TRIGGER IF EXISTS coverage_dirty_providers_insert ON providers;
    DROP TRIGGER IF EXISTS coverage_dirty_providers_update ON providers;
    DROP TRIGGER IF EXISTS coverage_dirty_providers_delete ON providers;
    DROP FUNCTION IF EXISTS coverage_mark_dirty_providers();
    DROP FUNCTION IF EXISTS coverage_mark_dirty_new();
    DROP TABLE IF EXISTS coverage_state;
    DROP TABLE IF EXISTS coverage_dirty;
    DROP TABLE IF EXISTS coverage_provider_snapshots;
    DROP TABLE IF EXISTS coverage_cells;
    DROP TABLE IF EXISTS coverage_baselines;
  `)
}

import type { Knex } from 'knex'

/**
 * Dated coverage snapshots (docs/decisions/0018-coverage-snapshots.md): what coverage was on a
 * day, kept compactly enough to hold months of them.
 *
 * `coverage_snapshots`: one row per snapshot, with the column keys its depth strings follow
 * (facet × group, functions only) and the baselines it judged (id, key, labels, version), so a
 * later edit or deletion of a rule does not change what an old snapshot says.
 *
 * `coverage_snapshot_areas`: one row per area that had any coverage or any baseline judged: its
 * depth per column as one character each ('0' neighbourhood … '4' national, '-' none) and each
 * baseline's result as one character ('P' pass, 'F' fail, '-' not judged there). An area with no
 * row had nothing. No geometry is copied: areas are joined by code.
 *
 * `coverage_snapshot_providers`: every record (any status) with its level, status and service
 * area as codes (listed areas, and the districts a drawn polygon reaches).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE coverage_snapshots (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      -- When the capture started (what the snapshot describes) and when it was written.
      taken_at timestamptz NOT NULL DEFAULT now(),
      completed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      trigger text NOT NULL CONSTRAINT coverage_snapshots_trigger CHECK (trigger IN ('on-demand', 'schedule')),
      taken_by uuid REFERENCES users (id) ON DELETE SET NULL,
      taken_by_label text,
      min_share real NOT NULL,
      columns text[] NOT NULL,
      baselines jsonb NOT NULL,
      area_count integer NOT NULL,
      provider_count integer NOT NULL
    );
    CREATE INDEX coverage_snapshots_taken_at_idx ON coverage_snapshots (taken_at);

    CREATE TABLE coverage_snapshot_areas (
      snapshot_id uuid NOT NULL REFERENCES coverage_snapshots (id) ON DELETE CASCADE,
      area_code text NOT NULL,
      depths text NOT NULL CONSTRAINT coverage_snapshot_areas_depths CHECK (depths ~ '^[-0-4]*$'),
      baselines text NOT NULL CONSTRAINT coverage_snapshot_areas_baselines CHECK (baselines ~ '^[-PF]*$'),
      PRIMARY KEY (snapshot_id, area_code)
    );

    CREATE TABLE coverage_snapshot_providers (
      snapshot_id uuid NOT NULL REFERENCES coverage_snapshots (id) ON DELETE CASCADE,
      provider_id uuid NOT NULL,
      slug text NOT NULL,
      name text NOT NULL,
      kind text NOT NULL,
      level text NOT NULL,
      status text NOT NULL,
      area_codes text[] NOT NULL,
      has_polygon boolean NOT NULL,
      PRIMARY KEY (snapshot_id, provider_id)
    );
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE IF EXISTS coverage_snapshot_providers;
    DROP TABLE IF EXISTS coverage_snapshot_areas;
    DROP TABLE IF EXISTS coverage_snapshots;
  `)
}

import type { Knex } from 'knex'

/**
 * Import progress: an import started with `?async=true` is recorded as `running` at once, its
 * progress (phase, processed, total) kept here (written beside the import's own transaction), and
 * a failed import keeps a message for the person who started it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE import_jobs DROP CONSTRAINT import_jobs_status;
    ALTER TABLE import_jobs ADD CONSTRAINT import_jobs_status
      CHECK (status IN ('running', 'valid', 'invalid', 'committed', 'failed'));
    ALTER TABLE import_jobs
      ADD COLUMN progress jsonb,
      ADD COLUMN error_message text,
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN finished_at timestamptz;
    UPDATE import_jobs SET finished_at = created_at;
    CREATE INDEX import_jobs_running_idx ON import_jobs (status) WHERE status = 'running';
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX IF EXISTS import_jobs_running_idx;
    DELETE FROM import_jobs WHERE status = 'running';
    ALTER TABLE import_jobs DROP COLUMN progress, DROP COLUMN error_message, DROP COLUMN updated_at,
      DROP COLUMN finished_at;
    ALTER TABLE import_jobs DROP CONSTRAINT import_jobs_status;
    ALTER TABLE import_jobs ADD CONSTRAINT import_jobs_status
      CHECK (status IN ('valid', 'invalid', 'committed', 'failed'));
  `)
}

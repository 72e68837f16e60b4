import type { Knex } from 'knex'

/**
 * Editing and trust: which provider records a provider-role account may propose changes to,
 * the moderation queue (public suggestions and provider-role edits), and the bulk import log.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE provider_users (
      provider_id uuid NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (provider_id, user_id)
    );
    CREATE INDEX provider_users_user_idx ON provider_users (user_id, provider_id);

    CREATE TABLE suggestions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      provider_id uuid NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
      -- 'public': the suggest-an-edit form; 'provider': an edit by a linked provider-role account.
      origin text NOT NULL CONSTRAINT suggestions_origin CHECK (origin IN ('public', 'provider')),
      -- The proposed field values (a partial provider record, camelCase as the API takes it).
      proposed jsonb NOT NULL CONSTRAINT suggestions_proposed_object CHECK (jsonb_typeof(proposed) = 'object'),
      message text,
      -- The record version the proposal was made against (shown to the moderator).
      base_version integer NOT NULL,
      submitted_by uuid REFERENCES users (id) ON DELETE SET NULL,
      status text NOT NULL DEFAULT 'pending' CONSTRAINT suggestions_status CHECK (status IN ('pending', 'approved', 'rejected')),
      decided_by uuid REFERENCES users (id) ON DELETE SET NULL,
      decided_at timestamptz,
      decision_reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT suggestions_something CHECK (proposed <> '{}'::jsonb OR btrim(coalesce(message, '')) <> ''),
      CONSTRAINT suggestions_decided CHECK ((status = 'pending') = (decided_at IS NULL)),
      CONSTRAINT suggestions_reject_reason CHECK (status <> 'rejected' OR btrim(coalesce(decision_reason, '')) <> '')
    );
    CREATE INDEX suggestions_queue_idx ON suggestions (status, created_at);
    CREATE INDEX suggestions_provider_idx ON suggestions (provider_id);

    CREATE TABLE import_jobs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      format text NOT NULL CONSTRAINT import_jobs_format CHECK (format IN ('csv', 'geojson', 'oruk')),
      filename text,
      mode text NOT NULL CONSTRAINT import_jobs_mode CHECK (mode IN ('dry-run', 'commit')),
      status text NOT NULL CONSTRAINT import_jobs_status CHECK (status IN ('valid', 'invalid', 'committed', 'failed')),
      total_rows integer NOT NULL DEFAULT 0,
      created_rows integer NOT NULL DEFAULT 0,
      updated_rows integer NOT NULL DEFAULT 0,
      error_count integer NOT NULL DEFAULT 0,
      -- The per-row report (capped errors list), as returned by the API.
      report jsonb NOT NULL,
      created_by uuid REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX import_jobs_created_idx ON import_jobs (created_at DESC);
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE IF EXISTS import_jobs;
    DROP TABLE IF EXISTS suggestions;
    DROP TABLE IF EXISTS provider_users;
  `)
}

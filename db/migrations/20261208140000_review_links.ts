import type { Knex } from 'knex'

/**
 * Providers verify their own record (docs/decisions/0021-provider-review-links.md): one live
 * review link per record, and every e-mail sent for it. Each send carries its own random token,
 * stored only as its SHA-256 hash, so any delivered mail of a live link opens it and a leaked
 * table reveals no link. A suggestion from a review link is a third origin of the moderation queue.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE review_links (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      provider_id uuid NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      opened_at timestamptz,
      -- How the provider used it: confirmed the record, or proposed changes (into moderation).
      outcome text CONSTRAINT review_links_outcome CHECK (outcome IN ('confirmed', 'changes-proposed')),
      used_at timestamptz,
      suggestion_id uuid REFERENCES suggestions (id) ON DELETE SET NULL,
      -- Ended without use: it expired, or the record stopped being reviewable (closed, no e-mail).
      revoked_at timestamptz,
      CONSTRAINT review_links_used CHECK ((outcome IS NULL) = (used_at IS NULL)),
      CONSTRAINT review_links_expiry CHECK (expires_at > created_at)
    );
    -- One live link per record.
    CREATE UNIQUE INDEX review_links_live_idx ON review_links (provider_id)
      WHERE used_at IS NULL AND revoked_at IS NULL;
    CREATE INDEX review_links_provider_idx ON review_links (provider_id, created_at);

    CREATE TABLE review_link_sends (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      link_id uuid NOT NULL REFERENCES review_links (id) ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE CONSTRAINT review_link_sends_hash CHECK (token_hash ~ '^[0-9a-f]{64}$'),
      -- 'first': the first mail of a link; 'retry': again after a failed send; 'reminder': after silence.
      kind text NOT NULL CONSTRAINT review_link_sends_kind CHECK (kind IN ('first', 'retry', 'reminder')),
      recipient text NOT NULL,
      language text NOT NULL CONSTRAINT review_link_sends_language CHECK (language IN ('en', 'cy', 'en+cy')),
      attempted_at timestamptz NOT NULL DEFAULT now(),
      outcome text NOT NULL CONSTRAINT review_link_sends_outcome CHECK (outcome IN ('sent', 'failed')),
      -- The SMTP server's answer to a failed send (code and text), for the editors.
      error text,
      CONSTRAINT review_link_sends_error CHECK ((outcome = 'failed') = (error IS NOT NULL))
    );
    CREATE INDEX review_link_sends_link_idx ON review_link_sends (link_id, attempted_at);

    ALTER TABLE suggestions DROP CONSTRAINT suggestions_origin;
    ALTER TABLE suggestions ADD CONSTRAINT suggestions_origin
      CHECK (origin IN ('public', 'provider', 'review-link'));
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DELETE FROM suggestions WHERE origin = 'review-link';
    ALTER TABLE suggestions DROP CONSTRAINT suggestions_origin;
    ALTER TABLE suggestions ADD CONSTRAINT suggestions_origin CHECK (origin IN ('public', 'provider'));
    DROP TABLE IF EXISTS review_link_sends;
    DROP TABLE IF EXISTS review_links;
  `)
}

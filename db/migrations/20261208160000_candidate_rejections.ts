import type { Knex } from 'knex'

/**
 * Candidates an editor rejected in the review queue (issue 16 §1, decision 0015): the source
 * (`ccew`, or a harvested feed's URL) and the source's id, so a re-import of the same charity or a
 * re-harvest of the same service does not recreate the draft, with the reason, who and when.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE candidate_rejections (
      source text NOT NULL,
      source_id text NOT NULL,
      name text NOT NULL,
      reason text NOT NULL CONSTRAINT candidate_rejections_reason CHECK (length(reason) BETWEEN 1 AND 500),
      rejected_by uuid REFERENCES users (id) ON DELETE SET NULL,
      rejected_by_label text NOT NULL,
      rejected_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (source, source_id)
    );
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS candidate_rejections')
}

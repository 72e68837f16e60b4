import type { Knex } from 'knex'

/**
 * The helpline's enquiry log: evidence of demand and of unmet need. It never holds who called —
 * no names, contact details or postcodes — only the district (and ward when known) the enquiry
 * came from, what was needed, and what happened.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE enquiries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      recorded_at timestamptz NOT NULL DEFAULT now(),
      -- The member of staff who logged it (accountability), never the caller.
      recorded_by uuid REFERENCES users (id) ON DELETE SET NULL,
      district_code text NOT NULL REFERENCES areas (code),
      ward_code text REFERENCES areas (code),
      function_code text REFERENCES taxonomy_functions (code),
      topic_code text REFERENCES taxonomy_topics (code),
      channel text NOT NULL CONSTRAINT enquiries_channel_check CHECK (channel IN ('phone', 'email', 'web', 'in-person')),
      outcome text NOT NULL CONSTRAINT enquiries_outcome_check
        CHECK (outcome IN ('referred', 'advice-only', 'no-suitable-provider')),
      note text CONSTRAINT enquiries_note_length CHECK (length(note) <= 500),
      CONSTRAINT enquiries_need_present CHECK (function_code IS NOT NULL OR topic_code IS NOT NULL)
    );
    CREATE INDEX enquiries_recorded_at_idx ON enquiries (recorded_at);
    CREATE INDEX enquiries_district_idx ON enquiries (district_code, recorded_at);
    CREATE TABLE enquiry_strands (
      enquiry_id uuid NOT NULL REFERENCES enquiries (id) ON DELETE CASCADE,
      strand_code text NOT NULL REFERENCES taxonomy_strands (code),
      PRIMARY KEY (enquiry_id, strand_code)
    );
    CREATE TABLE enquiry_referrals (
      enquiry_id uuid NOT NULL REFERENCES enquiries (id) ON DELETE CASCADE,
      provider_id uuid NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
      PRIMARY KEY (enquiry_id, provider_id)
    );
    CREATE INDEX enquiry_referrals_provider_idx ON enquiry_referrals (provider_id);
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(
    'DROP TABLE IF EXISTS enquiry_referrals; DROP TABLE IF EXISTS enquiry_strands; DROP TABLE IF EXISTS enquiries;',
  )
}

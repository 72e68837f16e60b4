import type { Knex } from 'knex'

/**
 * The enquiry log keeps no more than its published counts need (issue 13 §6, decision 0010):
 * the day instead of the exact time, the district instead of the ward. Adds the structured reason
 * (a short controlled list, so free text is rarely needed) and the per-call idempotency key, unique,
 * so one call logs one enquiry however often the key is pressed (issue 13 §8).
 */
const REASONS = [
  'service-not-listed',
  'outside-area',
  'language-support',
  'accessible-format',
  'cost-barrier',
  'criteria-not-met',
  'no-specialist-for-group',
  'passed-between-providers',
  'information-only',
]

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE enquiries ADD COLUMN recorded_on date;
    UPDATE enquiries SET recorded_on = recorded_at::date;
    ALTER TABLE enquiries ALTER COLUMN recorded_on SET NOT NULL;
    ALTER TABLE enquiries ALTER COLUMN recorded_on SET DEFAULT current_date;
    DROP INDEX IF EXISTS enquiries_recorded_at_idx;
    DROP INDEX IF EXISTS enquiries_district_idx;
    ALTER TABLE enquiries DROP COLUMN recorded_at;
    ALTER TABLE enquiries DROP COLUMN ward_code;
    CREATE INDEX enquiries_recorded_on_idx ON enquiries (recorded_on);
    CREATE INDEX enquiries_district_idx ON enquiries (district_code, recorded_on);
    ALTER TABLE enquiries ADD COLUMN reason_code text
      CONSTRAINT enquiries_reason_check CHECK (reason_code IN (${REASONS.map((r) => `'${r}'`).join(', ')}));
    ALTER TABLE enquiries ADD COLUMN idempotency_key uuid CONSTRAINT enquiries_idempotency_key_unique UNIQUE;
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE enquiries DROP COLUMN idempotency_key;
    ALTER TABLE enquiries DROP COLUMN reason_code;
    DROP INDEX IF EXISTS enquiries_district_idx;
    DROP INDEX IF EXISTS enquiries_recorded_on_idx;
    ALTER TABLE enquiries ADD COLUMN ward_code text REFERENCES areas (code);
    ALTER TABLE enquiries ADD COLUMN recorded_at timestamptz;
    UPDATE enquiries SET recorded_at = recorded_on::timestamptz;
    ALTER TABLE enquiries ALTER COLUMN recorded_at SET NOT NULL;
    ALTER TABLE enquiries ALTER COLUMN recorded_at SET DEFAULT now();
    ALTER TABLE enquiries DROP COLUMN recorded_on;
    CREATE INDEX enquiries_recorded_at_idx ON enquiries (recorded_at);
    CREATE INDEX enquiries_district_idx ON enquiries (district_code, recorded_at);
  `)
}

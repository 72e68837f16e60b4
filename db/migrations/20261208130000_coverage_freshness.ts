import type { Knex } from 'knex'

/**
 * The freshness policy in coverage (docs/decisions/0020): expired records and records without a
 * contact route are not counted. The cells stay a materialised aggregate; `coverage_state` records
 * the London day and the expiry setting they were counted with (NULL: no policy, every active
 * record counts). Each day the coverage reader moves `counted_on` forward and re-folds only the
 * records whose verification date crossed the expiry line in between, so a record drops out of
 * coverage the day it expires without anyone editing it. A change of the verified date or of a
 * contact field now marks the record dirty too (it can change whether it counts).
 */
/**
 * The providers trigger's function: an update marks a record dirty when one of `columns` changed
 * (an insert or a delete always does).
 */
const markDirtyFunction = (columns: string[]) => `
    CREATE OR REPLACE FUNCTION coverage_mark_dirty_providers() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        INSERT INTO coverage_dirty (provider_id)
        SELECT n.id FROM new_providers n JOIN old_providers o ON o.id = n.id
        WHERE (${columns.map((c) => `n.${c}`).join(', ')})
              IS DISTINCT FROM (${columns.map((c) => `o.${c}`).join(', ')})
        ON CONFLICT DO NOTHING;
      ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO coverage_dirty (provider_id) SELECT id FROM new_providers ON CONFLICT DO NOTHING;
      ELSE
        INSERT INTO coverage_dirty (provider_id) SELECT id FROM old_providers ON CONFLICT DO NOTHING;
      END IF;
      RETURN NULL;
    END $$;`

const BEFORE = ['status', 'kind', 'level']
const AFTER = [...BEFORE, 'last_verified_at', 'phone', 'email', 'website']

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE coverage_state
      ADD COLUMN counted_on date,
      ADD COLUMN expired_months integer CONSTRAINT coverage_state_expired_months CHECK (expired_months > 0);

    ${markDirtyFunction(AFTER)}
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ${markDirtyFunction(BEFORE)}

    ALTER TABLE coverage_state DROP COLUMN counted_on, DROP COLUMN expired_months;
  `)
}

import type { Knex } from 'knex'

/**
 * A sending run claims a review link before it mails it (docs/decisions/0021): two runs at once
 * (the schedule and `npm run reviews:send`, or two server processes) would otherwise both send a
 * reminder. The claim lapses by itself, so a run that died mid-send does not hold the link forever.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE review_links ADD COLUMN claimed_until timestamptz')
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE review_links DROP COLUMN IF EXISTS claimed_until')
}

import type { Knex } from 'knex'

/**
 * A provider's summary, description and how-to-access in Welsh (optional, issue 17): the Welsh
 * interface shows them where the record has them (the English text otherwise, marked as English),
 * the search document holds the Welsh summary and description beside the English ones, and the ORUK
 * feed serves them to a client asking for Welsh (`Accept-Language: cy`).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('providers', (t) => {
    t.text('welsh_summary')
    t.text('welsh_description')
    t.text('welsh_how_to_access')
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('providers', (t) => {
    t.dropColumn('welsh_summary')
    t.dropColumn('welsh_description')
    t.dropColumn('welsh_how_to_access')
  })
}

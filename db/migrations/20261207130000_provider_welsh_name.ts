import type { Knex } from 'knex'

/**
 * A provider's name in Welsh (optional): the Welsh interface shows it, and the search document
 * holds it beside the English name (server/providers/provider-index-queries.ts), so a search in
 * Welsh finds the record. Existing records have none, so their search rows stay as they are.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('providers', (t) => {
    t.text('welsh_name')
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('providers', (t) => {
    t.dropColumn('welsh_name')
  })
}

import type { Knex } from 'knex'

// Records each completed demo seed, so `npm start` seeds an empty database once and only once.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('seed_runs', (t) => {
    t.increments('id').primary()
    t.specificType('steps', 'text[]').notNullable()
    t.timestamp('seeded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('seed_runs')
}

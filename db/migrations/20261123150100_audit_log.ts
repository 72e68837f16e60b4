import type { Knex } from 'knex'

// Every write to the directory records who, when, what, before and after — in the same
// transaction as the change, so a rolled-back change leaves no row and a committed one always has one.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id').primary()
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
    t.uuid('actor_user_id').references('id').inTable('users').onDelete('SET NULL')
    t.text('actor_label').notNullable()
    t.text('action').notNullable()
    t.text('entity_type').notNullable()
    t.text('entity_id').notNullable()
    t.jsonb('before')
    t.jsonb('after')
    t.jsonb('diff').notNullable()
    t.text('request_id')
    t.text('note')
    t.index(['entity_type', 'entity_id', 'at'])
    t.index(['at'])
    t.index(['actor_user_id', 'at'])
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('audit_log')
}

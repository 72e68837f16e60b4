import type { Knex } from 'knex'

/**
 * Sign-in throttling as counters (server/auth/login-throttle.ts, docs/decisions/0013): one row per
 * (account, address) pair, per address and per account, each counting failures in a fixed window.
 * A counter is raised by one `INSERT … ON CONFLICT … DO UPDATE … RETURNING`, so parallel attempts
 * queue on the row instead of all reading "0 failures so far". Keys are SHA-256 hashes: the table
 * holds neither email addresses nor IP addresses. Replaces `login_failures` (read, then written).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('login_throttle', (t) => {
    t.text('key').primary()
    t.text('scope').notNullable()
    t.integer('failures').notNullable()
    t.timestamp('window_started', { useTz: true }).notNullable().index()
  })
  await knex.raw(
    `ALTER TABLE login_throttle ADD CONSTRAINT login_throttle_scope_check CHECK (scope IN ('pair', 'address', 'account'))`,
  )
  await knex.schema.dropTableIfExists('login_failures')
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.createTable('login_failures', (t) => {
    t.bigIncrements('id').primary()
    t.text('email_key').notNullable()
    t.text('ip').notNullable()
    t.timestamp('failed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
    t.index(['email_key', 'failed_at'])
    t.index(['ip', 'failed_at'])
  })
  await knex.schema.dropTableIfExists('login_throttle')
}

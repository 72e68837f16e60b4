import type { Knex } from 'knex'

export const ROLES = ['admin', 'editor', 'helpline', 'provider'] as const

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'))
    t.text('email').notNullable()
    t.text('display_name')
    t.text('password_hash').notNullable()
    t.text('role').notNullable()
    t.timestamp('disabled_at', { useTz: true })
    t.timestamp('last_login_at', { useTz: true })
    t.timestamps(true, true)
  })
  // DDL takes no bind parameters; the list is our own constant, quoted as literals.
  await knex.raw(
    `ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN (${ROLES.map((r) => `'${r}'`).join(', ')}))`,
  )
  // Emails are compared case-insensitively: one account per address however it is typed.
  await knex.raw('CREATE UNIQUE INDEX users_email_unique ON users (lower(email))')

  // express-session's store; sessions live in the database so restarts and extra nodes keep them.
  await knex.schema.createTable('sessions', (t) => {
    t.text('sid').primary()
    t.jsonb('sess').notNullable()
    t.timestamp('expires_at', { useTz: true }).notNullable().index()
  })

  // Failed sign-ins, for throttling per account and per address. Holds no passwords.
  await knex.schema.createTable('login_failures', (t) => {
    t.bigIncrements('id').primary()
    t.text('email_key').notNullable()
    t.text('ip').notNullable()
    t.timestamp('failed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
    t.index(['email_key', 'failed_at'])
    t.index(['ip', 'failed_at'])
  })

  // Generated secrets (the session-signing key) shared by every process on this database.
  await knex.schema.createTable('app_secrets', (t) => {
    t.text('name').primary()
    t.text('value').notNullable()
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('app_secrets')
  await knex.schema.dropTableIfExists('login_failures')
  await knex.schema.dropTableIfExists('sessions')
  await knex.schema.dropTableIfExists('users')
}

import type { Knex } from 'knex'

/**
 * PostgreSQL's JIT compiler starts when a plan's estimated cost passes jit_above_cost. A place
 * search at 100,000 providers estimates well above it (the planner cannot see how selective the
 * bit-mask filters are) and then spends ~90 ms compiling a query that runs in a few: JIT pays
 * off for long analytical scans, not for this service's short queries. Off for this database
 * (new sessions) and for the session running the migration. Skipped, with a notice, where the
 * migrating role does not own the database.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    DO $$
    BEGIN
      EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'jit left as configured: the migrating role does not own the database';
    END $$`)
  await knex.raw('SET jit = off')
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DO $$
    BEGIN
      EXECUTE format('ALTER DATABASE %I RESET jit', current_database());
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'jit setting left unchanged: the migrating role does not own the database';
    END $$`)
  await knex.raw('RESET jit')
}

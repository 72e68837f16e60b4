import type { Knex } from 'knex'

/**
 * Coverage "for whom" counts, for a strand, every provider that would help its groups (generalists
 * and its specialists, each once): the cells gain a `generalist:<strand>` group for generalists that
 * also list a strand (server/providers/coverage-cells-queries.ts). Every provider is marked dirty so
 * the next refresh (before any coverage read, or with the next edit) recomputes each snapshot and
 * changes the cells of exactly the providers whose contribution differs. `down` does the same for
 * the code before this change.
 */
const markEveryProviderDirty = `
  INSERT INTO coverage_dirty (provider_id) SELECT id FROM providers ON CONFLICT DO NOTHING`

export async function up(knex: Knex): Promise<void> {
  await knex.raw(markEveryProviderDirty)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(markEveryProviderDirty)
}

import type { Knex } from 'knex'

// The controlled vocabularies of docs/taxonomy.md, one table each so that every provider column
// and join table can hold a real foreign key to the codes it uses. Rows are loaded by the
// taxonomy seed step (and the test template) from taxonomy.md; administrators edit them later.
const vocabularies = [
  'taxonomy_levels',
  'taxonomy_kinds',
  'taxonomy_function_families',
  'taxonomy_functions',
  'taxonomy_topics',
  'taxonomy_strands',
  'taxonomy_org_types',
  'taxonomy_formats',
  'taxonomy_languages',
  'taxonomy_statuses',
  'taxonomy_cost_types',
] as const

function termColumns(t: Knex.CreateTableBuilder, table: string, codeCheck: string) {
  t.text('code').primary()
  t.text('label').notNullable()
  t.text('label_cy').notNullable()
  t.text('description')
  t.text('description_cy')
  t.specificType('synonyms', 'text[]').notNullable().defaultTo('{}')
  // Display and signposting order (for levels: neighbourhood first).
  t.integer('position').notNullable()
  t.check(`code ~ '${codeCheck}'`, [], `${table}_code_format`)
  t.check("label <> '' and label_cy <> ''", [], `${table}_labels_present`)
}

const kebab = '^[a-z][a-z0-9]*(-[a-z0-9]+)*$'

export async function up(knex: Knex): Promise<void> {
  for (const table of vocabularies) {
    await knex.schema.createTable(table, (t) => {
      // ISO 639-1 (two letters) or ISO 639-3 for the few without one, such as bfi (BSL).
      termColumns(t, table, table === 'taxonomy_languages' ? '^[a-z]{2,3}$' : kebab)
      if (table === 'taxonomy_functions') {
        t.text('family_code').notNullable().references('code').inTable('taxonomy_function_families')
      }
      if (table === 'taxonomy_strands') {
        t.boolean('protected_characteristic').notNullable().defaultTo(false)
      }
    })
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [...vocabularies].reverse()) await knex.schema.dropTableIfExists(table)
}

import type { Knex } from 'knex'

/**
 * Issue 17, the facts signposting needs beside a provider's kind (docs/decisions/0004):
 * - three yes/no facts on the record: it acts as its area's generalist, it is an activity
 *   specialist (serves any group for one kind of help), it serves other infrastructure bodies only;
 * - strand details (taxonomy.md's `strandDetail`: an older people's body is not a youth body), a
 *   vocabulary of their own with each detail's parent strand, and a join table per record;
 * - quality marks as a controlled list (taxonomy.md's `qualityMark`), a vocabulary of their own.
 *   Records keep their marks in `quality_marks`; existing free text is mapped to the codes it
 *   names, and any other text kept in `quality_mark_other` under the code `other`.
 * The read model (provider_search) carries the new facts, so the ranking reads one narrow row.
 * Baselines carry a scope (england, wales, scotland, northern-ireland or all): a rule such as the
 * Welsh-language one is judged in its nation only; existing rules apply everywhere.
 * Vocabulary rows are loaded by the taxonomy seed step from taxonomy.md, as for the others.
 */

const termTable = (t: Knex.CreateTableBuilder, table: string) => {
  t.text('code').primary()
  t.text('label').notNullable()
  t.text('label_cy').notNullable()
  t.text('description')
  t.text('description_cy')
  t.specificType('synonyms', 'text[]').notNullable().defaultTo('{}')
  t.integer('position').notNullable()
  t.check(`code ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$'`, [], `${table}_code_format`)
  t.check("label <> '' and label_cy <> ''", [], `${table}_labels_present`)
}

/** Free text written before the list existed -> the code it names (matched case-insensitively). */
const MARK_PATTERNS: Array<[string, string]> = [
  ['navca', 'navca-quality-award'],
  ['pqasso', 'trusted-charity'],
  ['trusted charity', 'trusted-charity'],
  ['investing in volunteers', 'investing-in-volunteers'],
  ['matrix', 'matrix'],
  ['advice quality standard', 'advice-quality-standard'],
]

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('taxonomy_strand_details', (t) => {
    termTable(t, 'taxonomy_strand_details')
    t.text('strand_code').notNullable().references('code').inTable('taxonomy_strands')
  })
  await knex.schema.createTable('taxonomy_quality_marks', (t) => termTable(t, 'taxonomy_quality_marks'))

  await knex.raw(`
    ALTER TABLE providers
      ADD COLUMN acts_as_generalist boolean NOT NULL DEFAULT false,
      ADD COLUMN activity_specialist boolean NOT NULL DEFAULT false,
      ADD COLUMN serves_infrastructure_only boolean NOT NULL DEFAULT false,
      ADD COLUMN quality_mark_other text;

    CREATE TABLE provider_strand_details (
      provider_id uuid NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
      strand_detail_code text NOT NULL REFERENCES taxonomy_strand_details (code),
      PRIMARY KEY (provider_id, strand_detail_code)
    );
    CREATE INDEX provider_strand_details_code_idx ON provider_strand_details (strand_detail_code, provider_id);

    ALTER TABLE provider_search
      ADD COLUMN strand_details text[] NOT NULL DEFAULT '{}',
      ADD COLUMN acts_as_generalist boolean NOT NULL DEFAULT false,
      ADD COLUMN activity_specialist boolean NOT NULL DEFAULT false,
      ADD COLUMN serves_infrastructure_only boolean NOT NULL DEFAULT false,
      ADD COLUMN quality_marks text[] NOT NULL DEFAULT '{}';

    ALTER TABLE coverage_baselines
      ADD COLUMN scope text NOT NULL DEFAULT 'all'
        CONSTRAINT coverage_baselines_scope CHECK (scope IN ('england', 'wales', 'scotland', 'northern-ireland', 'all'));
    UPDATE coverage_baselines SET scope = 'wales' WHERE key = 'strand-welsh-language';
  `)

  // Free-text marks become codes; text naming no listed mark is kept as "other".
  const cases = MARK_PATTERNS.map(() => 'WHEN lower(m) LIKE ? THEN ?').join(' ')
  const bindings = MARK_PATTERNS.flatMap(([pattern, code]) => [`%${pattern}%`, code])
  await knex.raw(
    `WITH mapped AS (
       SELECT p.id, m, CASE ${cases} ELSE 'other' END AS code, ord
       FROM providers p CROSS JOIN LATERAL unnest(p.quality_marks) WITH ORDINALITY AS u(m, ord)
     )
     UPDATE providers p SET
       quality_marks = ARRAY(SELECT DISTINCT ON (x.code) x.code FROM mapped x WHERE x.id = p.id ORDER BY x.code),
       quality_mark_other = (SELECT string_agg(x.m, '; ' ORDER BY x.ord) FROM mapped x
                             WHERE x.id = p.id AND x.code = 'other')
     WHERE cardinality(p.quality_marks) > 0`,
    bindings,
  )
  await knex.raw(
    'UPDATE provider_search s SET quality_marks = p.quality_marks FROM providers p WHERE p.id = s.provider_id',
  )
}

export async function down(knex: Knex): Promise<void> {
  // Codes go back to free text: the other text where there was one, else the code itself.
  await knex.raw(`
    UPDATE providers p SET quality_marks = ARRAY(
      SELECT CASE WHEN m = 'other' AND p.quality_mark_other IS NOT NULL THEN p.quality_mark_other ELSE m END
      FROM unnest(p.quality_marks) AS m)
    WHERE cardinality(p.quality_marks) > 0;
    ALTER TABLE coverage_baselines DROP COLUMN scope;
    ALTER TABLE provider_search
      DROP COLUMN strand_details, DROP COLUMN acts_as_generalist, DROP COLUMN activity_specialist,
      DROP COLUMN serves_infrastructure_only, DROP COLUMN quality_marks;
    DROP TABLE provider_strand_details;
    ALTER TABLE providers
      DROP COLUMN acts_as_generalist, DROP COLUMN activity_specialist,
      DROP COLUMN serves_infrastructure_only, DROP COLUMN quality_mark_other;
  `)
  await knex.schema.dropTable('taxonomy_quality_marks')
  await knex.schema.dropTable('taxonomy_strand_details')
}

import type { Knex } from 'knex'

/**
 * Where a record came from, for records an external source keeps true (the Charity Commission
 * register import, `source = 'ccew'`; decision 0015): the source's own id (the registered charity
 * number), the organisation identifiers (org-ids `GB-CHC-…`, `GB-COH-…`), when the source was
 * fetched, the facts kept beside the record (latest income, the candidate's score and evidence,
 * the areas of operation as the source words them), the date the source removed it, and the
 * per-field provenance: `register_values` holds each source-supplied field as it was last written
 * from the source, so a re-import updates a field only while the record still holds that value (an
 * editor's change is left alone).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE provider_sources (
      provider_id uuid PRIMARY KEY REFERENCES providers (id) ON DELETE CASCADE,
      source text NOT NULL,
      source_id text NOT NULL,
      org_ids jsonb NOT NULL DEFAULT '[]'::jsonb CONSTRAINT provider_sources_org_ids CHECK (jsonb_typeof(org_ids) = 'array'),
      fetched_at timestamptz NOT NULL,
      register_values jsonb NOT NULL CONSTRAINT provider_sources_values CHECK (jsonb_typeof(register_values) = 'object'),
      facts jsonb NOT NULL DEFAULT '{}'::jsonb,
      removed_on date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT provider_sources_source_id UNIQUE (source, source_id)
    );
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS provider_sources')
}

import type { Knex } from 'knex'

/**
 * The directory: providers, their multi-valued codes (one join table per vocabulary, each with a
 * foreign key to its taxonomy table; see docs/decisions/directory-codes-in-join-tables.md), their
 * service area (listed areas and/or a drawn polygon), the derived coverage index, and referral
 * pathways between providers.
 */
const codeJoinTables = [
  ['provider_functions', 'function_code', 'taxonomy_functions'],
  ['provider_topics', 'topic_code', 'taxonomy_topics'],
  ['provider_strands', 'strand_code', 'taxonomy_strands'],
  ['provider_languages', 'language_code', 'taxonomy_languages'],
  ['provider_formats', 'format_code', 'taxonomy_formats'],
] as const

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE providers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slug text NOT NULL UNIQUE
        CONSTRAINT providers_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND slug ~ '[a-z]' AND length(slug) <= 120),
      name text NOT NULL CONSTRAINT providers_name_present CHECK (btrim(name) <> ''),
      kind text NOT NULL REFERENCES taxonomy_kinds (code),
      level text NOT NULL REFERENCES taxonomy_levels (code),
      org_type text NOT NULL REFERENCES taxonomy_org_types (code),
      status text NOT NULL DEFAULT 'active' REFERENCES taxonomy_statuses (code),
      summary text NOT NULL,
      description text,
      mission text,
      remit text,
      limits text,
      referral_criteria text,
      how_to_access text,
      cost_type text NOT NULL REFERENCES taxonomy_cost_types (code),
      cost_text text,
      membership_based boolean NOT NULL DEFAULT false,
      opening_hours jsonb CONSTRAINT providers_opening_hours_object CHECK (jsonb_typeof(opening_hours) = 'object'),
      website text,
      email text,
      phone text,
      address text,
      office geometry(Point, 4326),
      charity_number text,
      company_number text,
      quality_marks text[] NOT NULL DEFAULT '{}',
      annual_report_url text,
      last_verified_at date,
      source text NOT NULL CONSTRAINT providers_source_present CHECK (btrim(source) <> ''),
      -- Optimistic concurrency: every write bumps it; an edit names the version it read.
      version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      -- Maintained by the directory service in the same transaction as the record, its codes
      -- and the taxonomy labels and synonyms of those codes (weights A name, B summary, C text, D codes).
      search_vector tsvector NOT NULL DEFAULT ''::tsvector,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX providers_status_level_idx ON providers (status, level);
    CREATE INDEX providers_name_idx ON providers (name, id);
    CREATE INDEX providers_source_idx ON providers (source);
    CREATE INDEX providers_search_idx ON providers USING gin (search_vector);
    CREATE INDEX providers_office_idx ON providers USING gist (office);
  `)

  for (const [table, column, vocabulary] of codeJoinTables) {
    await knex.raw(
      `CREATE TABLE ?? (
         provider_id uuid NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
         ?? text NOT NULL REFERENCES ?? (code),
         PRIMARY KEY (provider_id, ??)
       )`,
      [table, column, vocabulary, column],
    )
    await knex.raw('CREATE INDEX ?? ON ?? (??, provider_id)', [`${table}_code_idx`, table, column])
  }

  await knex.raw(`
    -- The service area as entered: areas at any level ...
    CREATE TABLE provider_coverage_areas (
      provider_id uuid NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
      area_code text NOT NULL REFERENCES areas (code),
      PRIMARY KEY (provider_id, area_code)
    );
    CREATE INDEX provider_coverage_areas_area_idx ON provider_coverage_areas (area_code);

    -- ... and/or one drawn polygon.
    CREATE TABLE provider_coverage_polygons (
      provider_id uuid PRIMARY KEY REFERENCES providers (id) ON DELETE CASCADE,
      geom geometry(MultiPolygon, 4326) NOT NULL CONSTRAINT provider_coverage_polygons_valid CHECK (ST_IsValid(geom))
    );

    -- Derived: every area (any level) the provider covers. Listed areas and all their descendants
    -- (share 1, via the most specific listed area that contains them), and the areas a drawn
    -- polygon overlaps (via NULL, share = fraction of the area's surface inside the polygon).
    -- Rebuilt by the directory service in the same transaction as any coverage change.
    CREATE TABLE provider_coverage_index (
      provider_id uuid NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
      area_code text NOT NULL REFERENCES areas (code) ON DELETE CASCADE,
      via_area_code text REFERENCES areas (code) ON DELETE CASCADE,
      share real NOT NULL CONSTRAINT provider_coverage_index_share_range CHECK (share > 0 AND share <= 1),
      PRIMARY KEY (provider_id, area_code),
      CONSTRAINT provider_coverage_index_listed_is_whole CHECK (via_area_code IS NULL OR share = 1)
    );
    CREATE INDEX provider_coverage_index_area_idx
      ON provider_coverage_index (area_code, provider_id) INCLUDE (via_area_code, share);

    CREATE TABLE referral_pathways (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      from_provider_id uuid NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
      to_provider_id uuid NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
      criteria text NOT NULL CONSTRAINT referral_pathways_criteria_present CHECK (btrim(criteria) <> ''),
      follow_up text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT referral_pathways_not_self CHECK (from_provider_id <> to_provider_id),
      CONSTRAINT referral_pathways_unique UNIQUE (from_provider_id, to_provider_id)
    );
    CREATE INDEX referral_pathways_to_idx ON referral_pathways (to_provider_id);

    CREATE TABLE referral_pathway_strands (
      pathway_id uuid NOT NULL REFERENCES referral_pathways (id) ON DELETE CASCADE,
      strand_code text NOT NULL REFERENCES taxonomy_strands (code),
      PRIMARY KEY (pathway_id, strand_code)
    );
    CREATE TABLE referral_pathway_topics (
      pathway_id uuid NOT NULL REFERENCES referral_pathways (id) ON DELETE CASCADE,
      topic_code text NOT NULL REFERENCES taxonomy_topics (code),
      PRIMARY KEY (pathway_id, topic_code)
    );
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE IF EXISTS referral_pathway_topics;
    DROP TABLE IF EXISTS referral_pathway_strands;
    DROP TABLE IF EXISTS referral_pathways;
    DROP TABLE IF EXISTS provider_coverage_index;
    DROP TABLE IF EXISTS provider_coverage_polygons;
    DROP TABLE IF EXISTS provider_coverage_areas;
  `)
  for (const [table] of [...codeJoinTables].reverse()) await knex.raw('DROP TABLE IF EXISTS ??', [table])
  await knex.raw('DROP TABLE IF EXISTS providers')
}

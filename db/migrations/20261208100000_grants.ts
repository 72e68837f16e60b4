import type { Knex } from 'knex'

/**
 * Grants from 360Giving files (issue 20, decision 0016): one row per grant, keyed by its 360Giving
 * id (a re-import upserts), with the funder and recipient as the file gives them, and the directory
 * record the recipient was matched to — how (org-id, charity number, name + postcode, or an
 * editor's link) and whether an editor confirmed it. Sets live in join tables as decision 0002 has
 * it: the grant's programmes, beneficiary locations (GSS codes) and DEI codes. `published` keeps
 * the grant as the file had it, so nothing read is lost.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE grants (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      grant_id text NOT NULL UNIQUE CONSTRAINT grants_grant_id_present CHECK (btrim(grant_id) <> ''),
      title text NOT NULL,
      description text,
      amount_awarded numeric(16, 2) NOT NULL CONSTRAINT grants_amount_not_negative CHECK (amount_awarded >= 0),
      currency text NOT NULL CONSTRAINT grants_currency_code CHECK (currency ~ '^[A-Z]{3}$'),
      award_date date NOT NULL,
      -- The award date as the file wrote it, when the import normalised it (a day-first date).
      award_date_published text,
      planned_start_date date,
      planned_end_date date,
      funder_org_id text NOT NULL,
      funder_name text NOT NULL,
      recipient_org_id text NOT NULL,
      recipient_name text NOT NULL,
      recipient_charity_number text,
      recipient_company_number text,
      recipient_postcode text,
      provider_id uuid REFERENCES providers (id) ON DELETE SET NULL,
      match_method text CONSTRAINT grants_match_method
        CHECK (match_method IN ('org-id', 'charity-number', 'name-postcode', 'editor')),
      match_confirmed boolean NOT NULL DEFAULT false,
      source_file text NOT NULL,
      publisher text,
      published jsonb NOT NULL CONSTRAINT grants_published_object CHECK (jsonb_typeof(published) = 'object'),
      imported_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT grants_match_has_method CHECK ((provider_id IS NULL) = (match_method IS NULL))
    );
    CREATE INDEX grants_provider_idx ON grants (provider_id) WHERE provider_id IS NOT NULL;
    CREATE INDEX grants_recipient_idx ON grants (recipient_org_id);

    CREATE TABLE grant_programmes (
      grant_id uuid NOT NULL REFERENCES grants (id) ON DELETE CASCADE,
      position integer NOT NULL,
      code text,
      title text,
      PRIMARY KEY (grant_id, position)
    );

    CREATE TABLE grant_locations (
      grant_id uuid NOT NULL REFERENCES grants (id) ON DELETE CASCADE,
      position integer NOT NULL,
      geo_code text,
      geo_code_type text,
      name text,
      PRIMARY KEY (grant_id, position)
    );
    CREATE INDEX grant_locations_code_idx ON grant_locations (geo_code, grant_id);

    CREATE TABLE grant_dei_codes (
      grant_id uuid NOT NULL REFERENCES grants (id) ON DELETE CASCADE,
      dei_code text NOT NULL CONSTRAINT grant_dei_codes_format CHECK (dei_code ~ '^DEI[0-9]{6}$'),
      PRIMARY KEY (grant_id, dei_code)
    );
    CREATE INDEX grant_dei_codes_code_idx ON grant_dei_codes (dei_code, grant_id);
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE IF EXISTS grant_dei_codes;
    DROP TABLE IF EXISTS grant_locations;
    DROP TABLE IF EXISTS grant_programmes;
    DROP TABLE IF EXISTS grants;
  `)
}

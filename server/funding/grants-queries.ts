import type { Knex } from 'knex'
import type { GrantRecord, MatchMethod } from './grants-record'

/** SQL for grants: the write of an import, the recipients' candidate records, the editors' list. */

export interface CandidateProviderRow {
  id: string
  slug: string
  name: string
  status: string
  charity_number: string | null
  company_number: string | null
  address: string | null
  org_ids: string[]
}

/**
 * Directory records that could be a recipient: by registration number (`numbers` without leading
 * zeros, as company numbers are written both ways) or org-id (provider_sources),
 * or by a name that matches once case and punctuation are set aside (the name + postcode rule).
 */
export async function candidateProviders(
  knex: Knex,
  q: { numbers: string[]; orgIds: string[]; names: string[] },
): Promise<CandidateProviderRow[]> {
  const { rows } = await knex.raw<{ rows: CandidateProviderRow[] }>(
    `SELECT p.id, p.slug, p.name, p.status, p.charity_number, p.company_number, p.address,
            coalesce(ARRAY(SELECT jsonb_array_elements_text(s.org_ids)), '{}') AS org_ids
     FROM providers p LEFT JOIN provider_sources s ON s.provider_id = p.id
     WHERE ltrim(upper(p.charity_number), '0') = ANY(?::text[])
        OR ltrim(upper(p.company_number), '0') = ANY(?::text[])
        OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(s.org_ids) o WHERE upper(o) = ANY(?::text[]))
        OR lower(regexp_replace(p.name, '[^A-Za-z0-9]+', ' ', 'g')) = ANY(?::text[])
     ORDER BY p.slug`,
    [q.numbers, q.numbers, q.orgIds, q.names],
  )
  return rows
}

export interface StoredMatchRow {
  grant_id: string
  provider_id: string | null
  match_method: MatchMethod | null
  match_confirmed: boolean
}

/** The grants of these 360Giving ids already stored, with their matches. */
export async function storedMatches(knex: Knex, grantIds: string[]): Promise<StoredMatchRow[]> {
  return knex('grants')
    .whereIn('grant_id', grantIds)
    .select('grant_id', 'provider_id', 'match_method', 'match_confirmed')
}

/** Upserts the grants by 360Giving id and rewrites their sets; returns the stored ids by grant id. */
export async function upsertGrants(
  trx: Knex.Transaction,
  grants: Array<
    GrantRecord & { providerId: string | null; matchMethod: MatchMethod | null; matchConfirmed: boolean }
  >,
  source: { file: string; importedAt: Date },
): Promise<Map<string, string>> {
  const ids = new Map<string, string>()
  for (const g of grants) {
    const [row] = await trx('grants')
      .insert({
        grant_id: g.grantId,
        title: g.title,
        description: g.description,
        amount_awarded: g.amountAwarded,
        currency: g.currency,
        award_date: g.awardDate,
        award_date_published: g.awardDatePublished,
        planned_start_date: g.plannedStartDate,
        planned_end_date: g.plannedEndDate,
        funder_org_id: g.funder.orgId,
        funder_name: g.funder.name,
        recipient_org_id: g.recipient.orgId,
        recipient_name: g.recipient.name,
        recipient_charity_number: g.recipient.charityNumber,
        recipient_company_number: g.recipient.companyNumber,
        recipient_postcode: g.recipient.postcode,
        provider_id: g.providerId,
        match_method: g.matchMethod,
        match_confirmed: g.matchConfirmed,
        source_file: source.file,
        publisher: g.publisher,
        published: JSON.stringify(g.published),
        imported_at: source.importedAt,
      })
      .onConflict('grant_id')
      .merge()
      .returning('id')
    ids.set(g.grantId, row.id)
  }
  const stored = [...ids.values()]
  for (const table of ['grant_programmes', 'grant_locations', 'grant_dei_codes'])
    await trx(table).whereIn('grant_id', stored).delete()
  const programmes = grants.flatMap((g) =>
    g.programmes.map((p, position) => ({
      grant_id: ids.get(g.grantId),
      position,
      code: p.code,
      title: p.title,
    })),
  )
  const locations = grants.flatMap((g) =>
    g.locations.map((l, position) => ({
      grant_id: ids.get(g.grantId),
      position,
      geo_code: l.geoCode,
      geo_code_type: l.geoCodeType,
      name: l.name,
    })),
  )
  const dei = grants.flatMap((g) =>
    g.deiCodes.map((dei_code) => ({ grant_id: ids.get(g.grantId), dei_code })),
  )
  if (programmes.length > 0) await trx('grant_programmes').insert(programmes)
  if (locations.length > 0) await trx('grant_locations').insert(locations)
  if (dei.length > 0) await trx('grant_dei_codes').insert(dei)
  return ids
}

export interface UnmatchedRow {
  recipient_org_id: string
  recipient_name: string
  recipient_charity_number: string | null
  recipient_postcode: string | null
  grants: number
  amount: string
  suggested_id: string | null
  suggested_slug: string | null
  suggested_name: string | null
}

/** Recipients with a grant that is unmatched or only suggested (name + postcode, unconfirmed). */
export async function selectUnmatched(knex: Knex): Promise<UnmatchedRow[]> {
  const { rows } = await knex.raw<{ rows: UnmatchedRow[] }>(
    `SELECT g.recipient_org_id, min(g.recipient_name) AS recipient_name,
            min(g.recipient_charity_number) AS recipient_charity_number,
            min(g.recipient_postcode) AS recipient_postcode,
            count(*)::int AS grants, sum(g.amount_awarded)::text AS amount,
            (array_agg(p.id ORDER BY p.id) FILTER (WHERE p.id IS NOT NULL))[1] AS suggested_id,
            (array_agg(p.slug ORDER BY p.id) FILTER (WHERE p.id IS NOT NULL))[1] AS suggested_slug,
            (array_agg(p.name ORDER BY p.id) FILTER (WHERE p.id IS NOT NULL))[1] AS suggested_name
     FROM grants g LEFT JOIN providers p ON p.id = g.provider_id
     WHERE g.provider_id IS NULL OR (g.match_method = 'name-postcode' AND NOT g.match_confirmed)
     GROUP BY g.recipient_org_id
     ORDER BY min(g.recipient_name), g.recipient_org_id`,
  )
  return rows
}

/** Links every grant of one recipient to a record (an editor's decision: confirmed). */
export async function linkRecipient(
  trx: Knex.Transaction,
  recipientOrgId: string,
  provider: { id: string; method: MatchMethod },
): Promise<Array<{ id: string; before: Record<string, unknown> }>> {
  const before = await trx('grants')
    .where({ recipient_org_id: recipientOrgId })
    .select('id', 'grant_id', 'provider_id', 'match_method', 'match_confirmed')
  await trx('grants')
    .where({ recipient_org_id: recipientOrgId })
    .update({ provider_id: provider.id, match_method: provider.method, match_confirmed: true })
  return before.map(({ id, ...rest }) => ({ id, before: rest }))
}

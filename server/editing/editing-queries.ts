import type { Knex } from 'knex'
import { diffRecords } from '../audit/audit-diff'
import type { AuditEntry } from '../audit/audit-schemas'
import { codeTables, type ProviderRow } from '../directory/directory-queries'

/**
 * SQL for editing: locking and rewriting provider rows (the directory's query module inserts
 * codes, coverage and search rows), the moderation queue and provider-user links.
 */

export interface ProviderRef {
  id: string
  slug: string
  version: number
  status: string
}

function refWhere(idOrSlug: string, isId: boolean): [string, string] {
  return isId ? ['id = ?::uuid', idOrSlug.toLowerCase()] : ['slug = ?', idOrSlug]
}

export async function findProviderRef(
  knex: Knex,
  idOrSlug: string,
  isId: boolean,
  { lock = false } = {},
): Promise<ProviderRef | undefined> {
  const [where, value] = refWhere(idOrSlug, isId)
  const result = await knex.raw<{ rows: ProviderRef[] }>(
    `SELECT id, slug, version, status FROM providers WHERE ${where}${lock ? ' FOR UPDATE' : ''}`,
    [value],
  )
  return result.rows[0]
}

/** The stored record in the write API's shape (camelCase, codes in taxonomy order, GeoJSON polygon). */
export interface StoredProvider {
  id: string
  version: number
  status: string
  record: Record<string, unknown>
}

const codesArray = (field: keyof typeof codeTables) => {
  const { join, column, vocabulary } = codeTables[field]
  return `ARRAY(SELECT x.${column} FROM ${join} x JOIN ${vocabulary} v ON v.code = x.${column}
                WHERE x.provider_id = p.id ORDER BY v.position)`
}

/** Set-based: every listed provider's record, one round trip. */
export async function loadProviders(knex: Knex, ids: string[]): Promise<Map<string, StoredProvider>> {
  if (ids.length === 0) return new Map()
  const result = await knex.raw<{
    rows: Array<{ id: string; version: number; status: string; record: Record<string, unknown> }>
  }>(
    `SELECT p.id, p.version, p.status, jsonb_strip_nulls(jsonb_build_object(
        'slug', p.slug, 'name', p.name, 'kind', p.kind, 'level', p.level, 'orgType', p.org_type,
        'status', p.status, 'summary', p.summary, 'description', p.description, 'mission', p.mission,
        'remit', p.remit, 'limits', p.limits, 'referralCriteria', p.referral_criteria,
        'howToAccess', p.how_to_access,
        'cost', jsonb_strip_nulls(jsonb_build_object('type', p.cost_type, 'text', p.cost_text)),
        'membershipBased', p.membership_based,
        'functions', ${codesArray('functions')}, 'topics', ${codesArray('topics')},
        'strands', ${codesArray('strands')}, 'languages', ${codesArray('languages')},
        'formats', ${codesArray('formats')},
        'openingHours', p.opening_hours, 'website', p.website, 'email', p.email, 'phone', p.phone,
        'address', p.address,
        'office', CASE WHEN p.office IS NULL THEN NULL
                       ELSE jsonb_build_object('lng', ST_X(p.office), 'lat', ST_Y(p.office)) END,
        'charityNumber', p.charity_number, 'companyNumber', p.company_number,
        'qualityMarks', to_jsonb(p.quality_marks), 'annualReportUrl', p.annual_report_url,
        'lastVerifiedAt', to_char(p.last_verified_at, 'YYYY-MM-DD'), 'source', p.source,
        'coverage', jsonb_strip_nulls(jsonb_build_object(
          'areas', to_jsonb(ARRAY(SELECT a.area_code FROM provider_coverage_areas a
                                  WHERE a.provider_id = p.id ORDER BY a.area_code)),
          'polygon', (SELECT ST_AsGeoJSON(pp.geom, 6)::jsonb FROM provider_coverage_polygons pp
                      WHERE pp.provider_id = p.id)))
      )) AS record
     FROM providers p WHERE p.id = ANY(?::uuid[])`,
    [ids],
  )
  return new Map(result.rows.map((r) => [r.id, { ...r, version: Number(r.version) }]))
}

/** A record's stored columns; `status` only from imports (edits change it through close/reopen). */
export type ProviderColumns = Omit<ProviderRow, 'id' | 'status'> & { status?: string }

/** Rewrites the listed providers' own columns set-based and bumps each version; returns id -> new version. */
export async function updateProviderRows(
  trx: Knex.Transaction,
  rows: Array<{ id: string; columns: ProviderColumns }>,
): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map()
  const payload = JSON.stringify(
    rows.map(({ id, columns: { office, ...c } }) => ({
      ...c,
      id,
      office_lng: office?.lng ?? null,
      office_lat: office?.lat ?? null,
    })),
  )
  const result = await trx.raw<{ rows: Array<{ id: string; version: number }> }>(
    `UPDATE providers p SET
       slug = r.slug, name = r.name, kind = r.kind, level = r.level, org_type = r.org_type,
       summary = r.summary, description = r.description, mission = r.mission, remit = r.remit,
       limits = r.limits, referral_criteria = r.referral_criteria, how_to_access = r.how_to_access,
       cost_type = r.cost_type, cost_text = r.cost_text, membership_based = r.membership_based,
       opening_hours = r.opening_hours, website = r.website, email = r.email, phone = r.phone,
       address = r.address,
       office = CASE WHEN r.office_lng IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(r.office_lng, r.office_lat), 4326) END,
       charity_number = r.charity_number, company_number = r.company_number,
       quality_marks = ARRAY(SELECT jsonb_array_elements_text(r.quality_marks)),
       annual_report_url = r.annual_report_url, last_verified_at = r.last_verified_at::date,
       source = r.source, status = coalesce(r.status, p.status), version = p.version + 1, updated_at = now()
     FROM jsonb_to_recordset(?::jsonb) AS r(
       id uuid, slug text, name text, kind text, level text, org_type text, summary text,
       description text, mission text, remit text, limits text, referral_criteria text,
       how_to_access text, cost_type text, cost_text text, membership_based boolean,
       opening_hours jsonb, website text, email text, phone text, address text,
       office_lng double precision, office_lat double precision, charity_number text,
       company_number text, quality_marks jsonb, annual_report_url text, last_verified_at text, source text, status text)
     WHERE p.id = r.id
     RETURNING p.id, p.version`,
    [payload],
  )
  return new Map(result.rows.map((r) => [r.id, Number(r.version)]))
}

export async function deleteProviderCodes(trx: Knex.Transaction, ids: string[]): Promise<void> {
  for (const { join } of Object.values(codeTables)) {
    await trx.raw('DELETE FROM ?? WHERE provider_id = ANY(?::uuid[])', [join, ids])
  }
}

/** Status, verification date or a coverage change: bump the version, return the new one. */
export async function touchProvider(
  trx: Knex.Transaction,
  id: string,
  change: { status?: string; verifiedToday?: boolean },
): Promise<number> {
  const result = await trx.raw<{ rows: Array<{ version: number }> }>(
    `UPDATE providers SET version = version + 1, updated_at = now(),
       status = coalesce(?, status),
       last_verified_at = CASE WHEN ? THEN current_date ELSE last_verified_at END
     WHERE id = ? RETURNING version`,
    [change.status ?? null, change.verifiedToday === true, id],
  )
  return Number(result.rows[0]?.version)
}

export async function deleteProvider(trx: Knex.Transaction, id: string): Promise<void> {
  await trx('providers').where({ id }).delete()
}

export interface StaleRow {
  id: string
  slug: string
  name: string
  level: string
  status: string
  last_verified_at: string | null
  total: number
}

/** Active and draft records last verified before `cutoff` (or never), optionally covering `area`. */
export async function staleProviders(
  knex: Knex,
  q: { cutoff: string; area?: string; limit: number; offset: number },
): Promise<StaleRow[]> {
  const areaFilter = q.area
    ? 'AND EXISTS (SELECT 1 FROM provider_coverage_index ci WHERE ci.provider_id = p.id AND ci.area_code = ?)'
    : ''
  const bindings: Knex.RawBinding[] = [q.cutoff]
  if (q.area) bindings.push(q.area)
  bindings.push(q.limit, q.offset)
  const result = await knex.raw<{ rows: StaleRow[] }>(
    `SELECT p.id, p.slug, p.name, p.level, p.status, to_char(p.last_verified_at, 'YYYY-MM-DD') AS last_verified_at,
            count(*) OVER () AS total
     FROM providers p
     WHERE p.status <> 'closed' AND (p.last_verified_at IS NULL OR p.last_verified_at < ?::date) ${areaFilter}
     ORDER BY p.last_verified_at ASC NULLS FIRST, p.name, p.id
     LIMIT ? OFFSET ?`,
    bindings,
  )
  return result.rows
}

export async function areaExists(knex: Knex, code: string): Promise<boolean> {
  return (await knex('areas').where({ code }).first('code')) !== undefined
}

export interface PathwayRecord {
  id: string
  from_provider_id: string
  to_provider_id: string
  criteria: string
  follow_up: string | null
  strands: string[]
  topics: string[]
}

export async function findPathway(
  knex: Knex,
  pathwayId: string,
  providerId: string,
): Promise<PathwayRecord | undefined> {
  const result = await knex.raw<{ rows: PathwayRecord[] }>(
    `SELECT r.id, r.from_provider_id, r.to_provider_id, r.criteria, r.follow_up,
            ARRAY(SELECT strand_code FROM referral_pathway_strands WHERE pathway_id = r.id ORDER BY strand_code) AS strands,
            ARRAY(SELECT topic_code FROM referral_pathway_topics WHERE pathway_id = r.id ORDER BY topic_code) AS topics
     FROM referral_pathways r
     WHERE r.id = ? AND (r.from_provider_id = ? OR r.to_provider_id = ?)`,
    [pathwayId, providerId, providerId],
  )
  return result.rows[0]
}

export async function pathwayExists(knex: Knex, fromId: string, toId: string): Promise<boolean> {
  const row = await knex('referral_pathways')
    .where({ from_provider_id: fromId, to_provider_id: toId })
    .first('id')
  return row !== undefined
}

export async function deletePathway(trx: Knex.Transaction, pathwayId: string): Promise<void> {
  await trx('referral_pathways').where({ id: pathwayId }).delete()
}

// ---------- accounts ----------

export async function userLabel(knex: Knex, userId: string): Promise<string | undefined> {
  const row = await knex('users').where({ id: userId }).first('email')
  return row?.email
}

export async function userRole(knex: Knex, userId: string): Promise<string | undefined> {
  const row = await knex('users').where({ id: userId }).whereNull('disabled_at').first('role')
  return row?.role
}

export async function isLinked(knex: Knex, userId: string, providerId: string): Promise<boolean> {
  const row = await knex('provider_users')
    .where({ user_id: userId, provider_id: providerId })
    .first('user_id')
  return row !== undefined
}

export async function linkUser(trx: Knex.Transaction, providerId: string, userId: string): Promise<boolean> {
  const rows = await trx('provider_users')
    .insert({ provider_id: providerId, user_id: userId })
    .onConflict(['provider_id', 'user_id'])
    .ignore()
    .returning('user_id')
  return rows.length > 0
}

export async function unlinkUser(
  trx: Knex.Transaction,
  providerId: string,
  userId: string,
): Promise<boolean> {
  return (await trx('provider_users').where({ provider_id: providerId, user_id: userId }).delete()) > 0
}

export async function linkedProviders(
  knex: Knex,
  userId: string,
): Promise<Array<{ id: string; slug: string; name: string }>> {
  return knex('provider_users as pu')
    .join('providers as p', 'p.id', 'pu.provider_id')
    .where('pu.user_id', userId)
    .orderBy('p.name')
    .select('p.id', 'p.slug', 'p.name')
}

// ---------- suggestions ----------

export interface SuggestionRow {
  id: string
  provider_id: string
  origin: 'public' | 'provider'
  proposed: Record<string, unknown>
  message: string | null
  base_version: number
  submitted_by: string | null
  status: 'pending' | 'approved' | 'rejected'
  decided_by: string | null
  decided_at: Date | null
  decision_reason: string | null
  created_at: Date
}

export async function insertSuggestion(
  trx: Knex | Knex.Transaction,
  s: Pick<SuggestionRow, 'provider_id' | 'origin' | 'proposed' | 'message' | 'base_version' | 'submitted_by'>,
): Promise<SuggestionRow> {
  const [row] = await trx('suggestions')
    .insert({ ...s, proposed: JSON.stringify(s.proposed) })
    .returning('*')
  return row as SuggestionRow
}

export async function listSuggestions(
  knex: Knex,
  q: { status: string; limit: number; offset: number },
): Promise<{ rows: Array<SuggestionRow & { provider_slug: string; provider_name: string }>; total: number }> {
  const base = knex('suggestions as s')
    .join('providers as p', 'p.id', 's.provider_id')
    .where('s.status', q.status)
  const [count] = await base.clone().count<{ n: number }[]>({ n: '*' })
  const rows = await base
    .clone()
    .select('s.*', 'p.slug as provider_slug', 'p.name as provider_name')
    .orderBy([
      { column: 's.created_at', order: 'asc' },
      { column: 's.id', order: 'asc' },
    ])
    .limit(q.limit)
    .offset(q.offset)
  return { rows, total: Number(count?.n ?? 0) }
}

export async function findSuggestion(
  knex: Knex,
  id: string,
  { lock = false } = {},
): Promise<SuggestionRow | undefined> {
  const query = knex<SuggestionRow>('suggestions').where({ id }).first()
  if (lock) query.forUpdate()
  return query
}

export async function decideSuggestion(
  trx: Knex.Transaction,
  id: string,
  d: { status: 'approved' | 'rejected'; decidedBy: string; reason: string | null },
): Promise<SuggestionRow> {
  const [row] = await trx('suggestions')
    .where({ id })
    .update({
      status: d.status,
      decided_by: d.decidedBy,
      decided_at: trx.fn.now(),
      decision_reason: d.reason,
    })
    .returning('*')
  return row as SuggestionRow
}

// ---------- bulk ----------

/** id and version of existing providers with these slugs. */
export async function providersBySlug(
  knex: Knex,
  slugs: string[],
): Promise<Map<string, { id: string; version: number }>> {
  if (slugs.length === 0) return new Map()
  const result = await knex.raw<{ rows: Array<{ slug: string; id: string; version: number }> }>(
    'SELECT slug, id, version FROM providers WHERE slug = ANY(?::text[])',
    [slugs],
  )
  return new Map(result.rows.map((r) => [r.slug, { id: r.id, version: Number(r.version) }]))
}

/** Many audit rows in one statement per chunk (the same columns recordAudit writes). */
export async function insertAuditRows(trx: Knex.Transaction, entries: AuditEntry[]): Promise<void> {
  const rows = entries.map((entry) => ({
    actor_user_id: entry.actor.userId,
    actor_label: entry.actor.label,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    before: entry.before === null ? null : JSON.stringify(entry.before),
    after: entry.after === null ? null : JSON.stringify(entry.after),
    diff: JSON.stringify(diffRecords(entry.before, entry.after)),
    request_id: entry.requestId ?? null,
    note: entry.note ?? null,
  }))
  for (let i = 0; i < rows.length; i += 1000) await trx('audit_log').insert(rows.slice(i, i + 1000))
}

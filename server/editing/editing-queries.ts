import type { Knex } from 'knex'

/**
/**
 * SQL for editing: the moderation queue, stale records, pathways and provider-user links. The
 * provider record itself is read and written by server/providers/; import jobs by server/imports/.
 */

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
  origin: 'public' | 'provider' | 'review-link'
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

import type { Knex } from 'knex'
import type { CandidateMatch } from './candidates-schemas'

/** SQL of the review queue: drafts with a source link, their possible duplicates, rejections. */

export interface CandidateRow {
  id: string
  slug: string
  name: string
  source: string
  source_id: string
  fetched_at: Date
  org_ids: string[]
  facts: Record<string, unknown>
  register_values: Record<string, unknown>
  charity_number: string | null
  company_number: string | null
  address: string | null
}

const DRAFTS = `FROM providers p JOIN provider_sources s ON s.provider_id = p.id WHERE p.status = 'draft'`

function filters(query: { source?: string; q?: string }): { sql: string; bindings: string[] } {
  let sql = ''
  const bindings: string[] = []
  if (query.source) {
    sql += ' AND s.source = ?'
    bindings.push(query.source)
  }
  if (query.q) {
    sql += ` AND (p.name ILIKE ? OR s.source_id = ?)`
    bindings.push(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, query.q)
  }
  return { sql, bindings }
}

export async function candidateRows(
  knex: Knex,
  query: { source?: string; q?: string },
  limit: number,
  offset: number,
): Promise<{ rows: CandidateRow[]; total: number }> {
  const f = filters(query)
  const rows = await knex.raw<{ rows: CandidateRow[] }>(
    `SELECT p.id, p.slug, p.name, s.source, s.source_id, s.fetched_at, s.org_ids, s.facts, s.register_values,
            p.charity_number, p.company_number, p.address
     ${DRAFTS}${f.sql} ORDER BY s.fetched_at DESC, p.name, p.id LIMIT ? OFFSET ?`,
    [...f.bindings, limit, offset],
  )
  const count = await knex.raw<{ rows: Array<{ n: string | number }> }>(
    `SELECT count(*) AS n ${DRAFTS}${f.sql}`,
    f.bindings,
  )
  return { rows: rows.rows, total: Number(count.rows[0]?.n ?? 0) }
}

export async function candidateRow(knex: Knex, id: string): Promise<CandidateRow | undefined> {
  const result = await knex.raw<{ rows: CandidateRow[] }>(
    `SELECT p.id, p.slug, p.name, s.source, s.source_id, s.fetched_at, s.org_ids, s.facts, s.register_values,
            p.charity_number, p.company_number, p.address
     ${DRAFTS} AND p.id = ?`,
    [id],
  )
  return result.rows[0]
}

/** How many drafts wait per source. */
export async function candidateSources(knex: Knex): Promise<Array<{ source: string; count: number }>> {
  const result = await knex.raw<{ rows: Array<{ source: string; n: string | number }> }>(
    `SELECT s.source, count(*) AS n ${DRAFTS} GROUP BY s.source ORDER BY s.source`,
  )
  return result.rows.map((r) => ({ source: r.source, count: Number(r.n) }))
}

export async function areaNames(knex: Knex, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map()
  const result = await knex.raw<{ rows: Array<{ code: string; name: string }> }>(
    'SELECT code, name FROM areas WHERE code = ANY(?::text[])',
    [codes],
  )
  return new Map(result.rows.map((r) => [r.code, r.name]))
}

/** A name as compared for a duplicate: lower case, "&" as "and", letters and digits only. */
export const normalisedName = (name: string): string =>
  name
    .toLowerCase()
    .replaceAll('&', 'and')
    .replace(/[^a-z0-9]+/g, '')

const POSTCODE = /\b([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})\b/i

/** The UK postcode an address ends with (or holds), without its space, in capitals. */
export function postcodeIn(address: string | null): string | undefined {
  const m = POSTCODE.exec(address ?? '')
  return m ? `${m[1]}${m[2]}`.toUpperCase() : undefined
}

/**
 * Records a draft may duplicate (open ones only: a draft or a closed record cannot be merged into):
 * the same charity number, an org-id in common (a company number is org-id GB-COH-…), or the same
 * normalised name and postcode.
 */
export async function possibleMatches(knex: Knex, c: CandidateRow): Promise<CandidateMatch[]> {
  const companies = c.org_ids.filter((o) => o.startsWith('GB-COH-')).map((o) => o.slice(7))
  if (c.company_number) companies.push(c.company_number)
  const postcode = postcodeIn(c.address)
  const result = await knex.raw<{
    rows: Array<{
      id: string
      slug: string
      name: string
      status: string
      by_number: boolean
      by_org: boolean
      by_name: boolean
    }>
  }>(
    `SELECT * FROM (
       SELECT p.id, p.slug, p.name, p.status,
         (p.charity_number IS NOT NULL AND p.charity_number = ?) AS by_number,
         (p.company_number = ANY(?::text[])
           OR EXISTS (SELECT 1 FROM provider_sources o WHERE o.provider_id = p.id AND jsonb_exists_any(o.org_ids, ?::text[]))) AS by_org,
         (?::text IS NOT NULL AND lower(regexp_replace(replace(p.name, '&', 'and'), '[^a-zA-Z0-9]+', '', 'g')) = ?::text
           AND upper(replace(coalesce(p.address, ''), ' ', '')) LIKE ?) AS by_name
       FROM providers p
       WHERE p.id <> ? AND p.status = 'active'
     ) m WHERE by_number OR by_org OR by_name ORDER BY name, id LIMIT 10`,
    [
      c.charity_number ?? '',
      companies,
      c.org_ids,
      postcode ?? null,
      normalisedName(c.name),
      `%${postcode ?? ''}%`,
      c.id,
    ],
  )
  return result.rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    status: r.status,
    matchedBy: [
      ...(r.by_number ? (['charity-number'] as const) : []),
      ...(r.by_org ? (['org-id'] as const) : []),
      ...(r.by_name ? (['name-postcode'] as const) : []),
    ],
  }))
}

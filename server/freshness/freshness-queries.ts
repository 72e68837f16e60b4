import type { Knex } from 'knex'
import { contactRouteSql } from '../providers/contact-route'
import { expiredSql, staleSql } from '../providers/freshness'

/**
 * The freshness dashboard's reads: active records covering an area (the coverage index, at least
 * the share coverage counts), how recently they were verified, whether they can be contacted,
 * and what their review links did.
 */

export interface Scope {
  within: string | null
  minShare: number
  staleBefore: string
  expiredBefore: string
}

const scoped = `
  SELECT p.id, p.slug, p.name, p.last_verified_at, p.email, ${contactRouteSql('p')} AS contact
    FROM providers p
   WHERE p.status = 'active'
     AND (?::text IS NULL OR EXISTS (
       SELECT 1 FROM provider_coverage_index c
        WHERE c.provider_id = p.id AND c.area_code = ? AND c.share >= ?))`

const scopeBindings = (s: Scope) => [s.within, s.within, s.minShare]

export async function areaOf(knex: Knex, code: string) {
  return knex('areas')
    .where({ code })
    .first<{ code: string; name: string; type: string } | undefined>('code', 'name', 'type')
}

export async function recordCounts(knex: Knex, s: Scope) {
  const result = await knex.raw<{ rows: Array<Record<string, number>> }>(
    `WITH r AS (${scoped})
     SELECT count(*)::int AS total,
            count(*) FILTER (WHERE last_verified_at >= ?::date)::int AS fresh,
            count(*) FILTER (WHERE ${staleSql('last_verified_at', '?::date', '?::date')})::int AS stale,
            count(*) FILTER (WHERE ${expiredSql('last_verified_at', '?::date')})::int AS expired,
            count(*) FILTER (WHERE last_verified_at IS NULL)::int AS never_verified,
            count(*) FILTER (WHERE NOT contact)::int AS no_contact,
            count(*) FILTER (WHERE btrim(coalesce(email, '')) = '')::int AS no_email
       FROM r`,
    [...scopeBindings(s), s.staleBefore, s.expiredBefore, s.staleBefore, s.expiredBefore],
  )
  return result.rows[0] as Record<string, number>
}

export async function linkCounts(knex: Knex, s: Scope) {
  const result = await knex.raw<{ rows: Array<Record<string, number>> }>(
    `WITH r AS (${scoped}),
     l AS (
       SELECT l.*, EXISTS (SELECT 1 FROM review_link_sends x WHERE x.link_id = l.id AND x.outcome = 'sent') AS delivered,
              (SELECT x.outcome FROM review_link_sends x WHERE x.link_id = l.id
                ORDER BY x.attempted_at DESC, x.id DESC LIMIT 1) AS last_outcome
         FROM review_links l JOIN r ON r.id = l.provider_id)
     SELECT count(*) FILTER (WHERE delivered)::int AS sent,
            count(*) FILTER (WHERE opened_at IS NOT NULL)::int AS opened,
            count(*) FILTER (WHERE outcome = 'confirmed')::int AS confirmed,
            count(*) FILTER (WHERE outcome = 'changes-proposed')::int AS changes_proposed,
            count(*) FILTER (WHERE last_outcome = 'failed' AND used_at IS NULL AND revoked_at IS NULL)::int AS failing,
            (SELECT count(*)::int FROM review_link_sends x JOIN l ON l.id = x.link_id WHERE x.outcome = 'failed') AS failed_sends
       FROM l`,
    scopeBindings(s),
  )
  return result.rows[0] as Record<string, number>
}

export interface AttentionRow {
  id: string
  slug: string
  name: string
  last_verified_at: string | null
  contact: boolean
  outcome: string | null
  opened_at: Date | null
  revoked_at: Date | null
  last_outcome: string | null
  last_error: string | null
}

export async function attentionRows(knex: Knex, s: Scope, limit: number): Promise<AttentionRow[]> {
  const result = await knex.raw<{ rows: AttentionRow[] }>(
    `WITH r AS (${scoped})
     SELECT r.id, r.slug, r.name, to_char(r.last_verified_at, 'YYYY-MM-DD') AS last_verified_at, r.contact,
            l.outcome, l.opened_at, l.revoked_at, x.outcome AS last_outcome, x.error AS last_error
       FROM r
       LEFT JOIN LATERAL (
         SELECT * FROM review_links l WHERE l.provider_id = r.id ORDER BY l.created_at DESC, l.id DESC LIMIT 1
       ) l ON true
       LEFT JOIN LATERAL (
         SELECT x.outcome, x.error FROM review_link_sends x WHERE x.link_id = l.id
          ORDER BY x.attempted_at DESC, x.id DESC LIMIT 1
       ) x ON true
      WHERE r.last_verified_at IS NULL OR r.last_verified_at < ?::date OR NOT r.contact
      ORDER BY r.last_verified_at NULLS FIRST, r.name, r.id
      LIMIT ?`,
    [...scopeBindings(s), s.staleBefore, limit],
  )
  return result.rows
}

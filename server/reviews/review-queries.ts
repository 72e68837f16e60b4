import { createHash, randomBytes } from 'node:crypto'
import type { Knex } from 'knex'

/** SQL of the review links (tables from db/migrations/20261208140000_review_links.ts). */

export type SendKind = 'first' | 'retry' | 'reminder'
export type MailLanguage = 'en' | 'cy' | 'en+cy'

/** A new random token (256 bits, URL-safe) and the hash that is all the database keeps of it. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: hashToken(token) }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/**
 * Ends, without use, every live link that has expired or whose record may no longer be reviewed
 * (not active, or without an e-mail address to write to). Returns how many.
 */
export async function revokeEndedLinks(knex: Knex, now: Date): Promise<number> {
  const result = await knex.raw<{ rowCount: number }>(
    `UPDATE review_links l SET revoked_at = ?
       FROM providers p
      WHERE p.id = l.provider_id AND l.used_at IS NULL AND l.revoked_at IS NULL
        AND (l.expires_at <= ? OR p.status <> 'active' OR btrim(coalesce(p.email, '')) = '')`,
    [now, now],
  )
  return Number(result.rowCount ?? 0)
}

export interface DueRecord {
  provider_id: string
  name: string
  welsh_name: string | null
  email: string
  last_verified_at: string | null
  link_id: string | null
  expires_at: Date | null
  /** The newest attempt of the live link: its outcome and when. */
  last_outcome: 'sent' | 'failed' | null
  last_attempted_at: Date | null
  /** When the live link's newest delivered mail went. */
  last_sent_at: Date | null
  reminders: number
}

/**
 * Active records with an e-mail address, not verified since `verifiedBefore` (or never) and with no
 * proposal from a review link still waiting for an editor, each with its live review link, if any,
 * and that link's sending so far. Oldest verification first.
 */
export async function dueRecords(knex: Knex, verifiedBefore: string): Promise<DueRecord[]> {
  const result = await knex.raw<{ rows: DueRecord[] }>(
    `SELECT p.id AS provider_id, p.name, p.welsh_name, btrim(p.email) AS email,
            to_char(p.last_verified_at, 'YYYY-MM-DD') AS last_verified_at,
            l.id AS link_id, l.expires_at, last.outcome AS last_outcome, last.attempted_at AS last_attempted_at,
            (SELECT max(s.attempted_at) FROM review_link_sends s WHERE s.link_id = l.id AND s.outcome = 'sent') AS last_sent_at,
            (SELECT count(*)::int FROM review_link_sends s
              WHERE s.link_id = l.id AND s.kind = 'reminder' AND s.outcome = 'sent') AS reminders
       FROM providers p
       LEFT JOIN review_links l ON l.provider_id = p.id AND l.used_at IS NULL AND l.revoked_at IS NULL
       LEFT JOIN LATERAL (
         SELECT s.outcome, s.attempted_at FROM review_link_sends s
          WHERE s.link_id = l.id ORDER BY s.attempted_at DESC, s.id DESC LIMIT 1
       ) last ON true
      WHERE p.status = 'active' AND btrim(coalesce(p.email, '')) <> ''
        AND (p.last_verified_at IS NULL OR p.last_verified_at < ?::date)
        -- Changes the provider proposed through a link wait for an editor: no new link meanwhile.
        AND NOT EXISTS (
          SELECT 1 FROM review_links u JOIN suggestions g ON g.id = u.suggestion_id
           WHERE u.provider_id = p.id AND u.outcome = 'changes-proposed' AND g.status = 'pending')
      ORDER BY p.last_verified_at NULLS FIRST, p.name, p.id`,
    [verifiedBefore],
  )
  return result.rows.map((r) => ({ ...r, reminders: Number(r.reminders) }))
}

/** A new live link for a record; undefined when another run made one first (one live link per record). */
export async function insertLink(
  knex: Knex,
  providerId: string,
  now: Date,
  expiresAt: Date,
): Promise<string | undefined> {
  const result = await knex.raw<{ rows: Array<{ id: string }> }>(
    `INSERT INTO review_links (provider_id, created_at, expires_at) VALUES (?, ?, ?)
     ON CONFLICT (provider_id) WHERE used_at IS NULL AND revoked_at IS NULL DO NOTHING
     RETURNING id`,
    [providerId, now, expiresAt],
  )
  return result.rows[0]?.id
}

export async function insertSend(
  knex: Knex,
  send: {
    linkId: string
    tokenHash: string
    kind: SendKind
    recipient: string
    language: MailLanguage
    attemptedAt: Date
    error: string | null
  },
): Promise<void> {
  await knex('review_link_sends').insert({
    link_id: send.linkId,
    token_hash: send.tokenHash,
    kind: send.kind,
    recipient: send.recipient,
    language: send.language,
    attempted_at: send.attemptedAt,
    outcome: send.error === null ? 'sent' : 'failed',
    error: send.error,
  })
}

export interface LinkRow {
  id: string
  provider_id: string
  expires_at: Date
  opened_at: Date | null
  used_at: Date | null
  outcome: 'confirmed' | 'changes-proposed' | null
  revoked_at: Date | null
  provider_status: string
}

/** The link a delivered mail's token belongs to (a failed send's token never opens anything). */
export async function linkByTokenHash(
  knex: Knex,
  tokenHash: string,
  opts: { lock?: boolean } = {},
): Promise<LinkRow | undefined> {
  const result = await knex.raw<{ rows: LinkRow[] }>(
    `SELECT l.id, l.provider_id, l.expires_at, l.opened_at, l.used_at, l.outcome, l.revoked_at,
            p.status AS provider_status
       FROM review_link_sends s
       JOIN review_links l ON l.id = s.link_id
       JOIN providers p ON p.id = l.provider_id
      WHERE s.token_hash = ? AND s.outcome = 'sent'
      ${opts.lock ? 'FOR UPDATE OF l' : ''}`,
    [tokenHash],
  )
  return result.rows[0]
}

export async function markOpened(knex: Knex, linkId: string, now: Date): Promise<Date> {
  const [row] = await knex('review_links')
    .where({ id: linkId })
    .update({ opened_at: knex.raw('coalesce(opened_at, ?)', [now]) })
    .returning('opened_at')
  return row.opened_at
}

/** Marks a live link used; false when it was used or ended in the meantime. */
export async function markUsed(
  knex: Knex,
  linkId: string,
  outcome: 'confirmed' | 'changes-proposed',
  now: Date,
): Promise<boolean> {
  const n = await knex('review_links')
    .where({ id: linkId })
    .whereNull('used_at')
    .whereNull('revoked_at')
    .update({ used_at: now, outcome, opened_at: knex.raw('coalesce(opened_at, ?)', [now]) })
  return n === 1
}

/** Undoes markUsed when the proposal it was for was refused (a validation error). */
export async function unmarkUsed(knex: Knex, linkId: string): Promise<void> {
  await knex('review_links').where({ id: linkId }).update({ used_at: null, outcome: null })
}

export async function attachSuggestion(knex: Knex, linkId: string, suggestionId: string): Promise<void> {
  await knex('review_links').where({ id: linkId }).update({ suggestion_id: suggestionId })
}

import type { Knex } from 'knex'
import nodemailer from 'nodemailer'
import { reviewMail } from './review-mail'
import {
  type DueRecord,
  dueRecords,
  insertLink,
  insertSend,
  type MailLanguage,
  newToken,
  revokeEndedLinks,
  type SendKind,
} from './review-queries'

/**
 * One sending run (`npm run reviews:send`, or the in-process schedule): every active record with
 * an e-mail address that has not been verified for `dueMonths` gets a review link — a new link
 * when it has no live one, the same link again when its last mail failed, a reminder when the link
 * has gone unused for `reminderDays` since its last mail (at most `maxReminders`). Every attempt is
 * recorded with the SMTP server's answer; a refused recipient is retried on the next run.
 * See docs/decisions/0021-provider-review-links.md.
 */

export interface ReviewSendOptions {
  smtpUrl: string
  from: string
  publicBaseUrl: string
  dueMonths: number
  linkDays: number
  reminderDays: number
  maxReminders: number
}

/** What sends a mail: nodemailer's SMTP transport in production and in the tests (a loopback sink). */
export interface MailTransport {
  sendMail(mail: { from: string; to: string; subject: string; text: string }): Promise<unknown>
  close(): void
}

export interface ReviewSendReport {
  /** Records due for review (active, with an e-mail address, not verified for dueMonths). */
  due: number
  sent: Record<SendKind, number>
  failed: Array<{ providerId: string; name: string; recipient: string; kind: SendKind; error: string }>
  /** Due records whose live link needs nothing today (a reminder not yet due, or none left). */
  waiting: number
  /** Live links ended today (expired, or the record closed or lost its e-mail address). */
  revoked: number
}

const DAY_MS = 86_400_000

/** The first day a record verified on it is no longer due: `dueMonths` before today (UTC). */
export function dueBefore(now: Date, dueMonths: number): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - dueMonths, now.getUTCDate()))
  return d.toISOString().slice(0, 10)
}

/** The SMTP server's answer, short, for the editors (no credentials: nodemailer's errors hold none). */
export function smtpError(err: unknown): string {
  const e = err as { responseCode?: number; response?: string; code?: string; message?: string }
  const text = (e.response ?? e.message ?? String(err)).replace(/\s+/g, ' ').trim()
  const code =
    e.responseCode && !text.startsWith(String(e.responseCode))
      ? `${e.responseCode} `
      : !e.responseCode && e.code
        ? `${e.code}: `
        : ''
  return `${code}${text}`.slice(0, 500)
}

/** What today's run does for one due record, if anything. */
export function nextSend(
  r: Pick<DueRecord, 'link_id' | 'last_outcome' | 'last_sent_at' | 'reminders'>,
  now: Date,
  o: Pick<ReviewSendOptions, 'reminderDays' | 'maxReminders'>,
): SendKind | undefined {
  if (!r.link_id) return 'first'
  if (r.last_outcome !== 'sent') return 'retry'
  if (r.reminders >= o.maxReminders || !r.last_sent_at) return undefined
  return now.getTime() - new Date(r.last_sent_at).getTime() >= o.reminderDays * DAY_MS
    ? 'reminder'
    : undefined
}

export function smtpTransport(smtpUrl: string): MailTransport {
  return nodemailer.createTransport(smtpUrl)
}

export async function sendReviewLinks(
  knex: Knex,
  options: ReviewSendOptions,
  deps: { transport?: MailTransport; now?: Date } = {},
): Promise<ReviewSendReport> {
  const now = deps.now ?? new Date()
  const transport = deps.transport ?? smtpTransport(options.smtpUrl)
  const report: ReviewSendReport = {
    due: 0,
    sent: { first: 0, retry: 0, reminder: 0 },
    failed: [],
    waiting: 0,
    revoked: await revokeEndedLinks(knex, now),
  }
  try {
    const records = await dueRecords(knex, dueBefore(now, options.dueMonths))
    report.due = records.length
    for (const r of records) {
      const kind = nextSend(r, now, options)
      if (!kind) {
        report.waiting += 1
        continue
      }
      const expiresAt = r.expires_at
        ? new Date(r.expires_at)
        : new Date(now.getTime() + options.linkDays * DAY_MS)
      const linkId = r.link_id ?? (await insertLink(knex, r.provider_id, now, expiresAt))
      // Another run made the record's live link a moment ago: that run writes to it.
      if (!linkId) continue
      const { token, hash } = newToken()
      const language: MailLanguage = 'en+cy'
      const mail = reviewMail({
        name: r.name,
        welshName: r.welsh_name,
        link: `${options.publicBaseUrl}/review/${token}`,
        expiresAt,
        kind,
        language,
      })
      let error: string | null = null
      try {
        await transport.sendMail({ from: options.from, to: r.email, subject: mail.subject, text: mail.text })
      } catch (err) {
        error = smtpError(err)
      }
      await insertSend(knex, {
        linkId,
        tokenHash: hash,
        kind,
        recipient: r.email,
        language,
        attemptedAt: now,
        error,
      })
      if (error === null) report.sent[kind] += 1
      else report.failed.push({ providerId: r.provider_id, name: r.name, recipient: r.email, kind, error })
    }
  } finally {
    if (!deps.transport) transport.close()
  }
  return report
}

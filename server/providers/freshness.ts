/**
 * The freshness policy (docs/decisions/0020), defined once for every reader of the directory:
 *
 * - **stale**: not verified for `VERIFICATION_STALE_MONTHS` (or never verified): still offered,
 *   after every fresh record of its level, and marked wherever it is shown;
 * - **expired**: not verified for `VERIFICATION_EXPIRED_MONTHS`: not offered, not counted in
 *   coverage, listed after the options for staff to follow up;
 * - **no contact route** (`./contact-route`: no phone, e-mail or website; an address alone is not
 *   one): not offered, not counted, listed like an expired record;
 * - **historical**: a body taken from the 2004–2008 source documents and not verified since.
 *
 * Ages are whole calendar months counted back from a London day (YYYY-MM-DD), so a record
 * crosses a line at midnight, the same day for every reader and engine.
 */

import { type ContactFields, hasContactRoute } from './contact-route'

export interface FreshnessPolicy {
  staleMonths: number
  expiredMonths: number
}

export function freshnessPolicy(config: {
  verificationStaleMonths: number
  verificationExpiredMonths: number
}): FreshnessPolicy {
  return { staleMonths: config.verificationStaleMonths, expiredMonths: config.verificationExpiredMonths }
}

/**
 * The source documents whose bodies are historical until verified: the record's `source` and the
 * document's date (the `lastVerifiedAt` the demo seed gives them). A record verified after that
 * date has been checked since, and is no longer historical.
 */
export const HISTORICAL_SOURCES = {
  'source:000': { documentDate: '2008-07-01', year: 2008 },
  'source:001': { documentDate: '2004-02-01', year: 2004 },
} as const satisfies Record<string, { documentDate: string; year: number }>

export type HistoricalSource = keyof typeof HISTORICAL_SOURCES

export function historicalOf(
  source: string | null | undefined,
  lastVerifiedAt: string | null,
): { source: HistoricalSource; year: number } | null {
  const doc = source ? HISTORICAL_SOURCES[source as HistoricalSource] : undefined
  if (!doc) return null
  if (lastVerifiedAt !== null && lastVerifiedAt > doc.documentDate) return null
  return { source: source as HistoricalSource, year: doc.year }
}

/** The day in Europe/London as YYYY-MM-DD (verification recency counts whole days there). */
const londonDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

export function londonDate(at: Date): string {
  return londonDay.format(at)
}

/** YYYY-MM-DD, `months` calendar months before `day` (the 31st falls back to the month's last day). */
export function monthsBefore(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const total = y * 12 + (m - 1) - months
  const year = Math.floor(total / 12)
  const month = total - year * 12
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  const date = new Date(Date.UTC(year, month, Math.min(d, last)))
  return date.toISOString().slice(0, 10)
}

/** A record verified before `staleBefore` is stale; before `expiredBefore`, expired. */
export interface FreshnessCutoffs {
  staleBefore: string
  expiredBefore: string
}

export function freshnessCutoffs(today: string, policy: FreshnessPolicy): FreshnessCutoffs {
  return {
    staleBefore: monthsBefore(today, policy.staleMonths),
    expiredBefore: monthsBefore(today, policy.expiredMonths),
  }
}

export type FreshnessState = 'fresh' | 'stale' | 'expired'

/**
 * A record's age, the one rule for every reader (signposting, coverage, the freshness dashboard):
 * verified before the expiry line is expired; never verified, or verified before the stale line, is
 * stale (an age that cannot be known does not hide a record); otherwise fresh.
 */
export function freshnessStateOf(lastVerifiedAt: string | null, cutoffs: FreshnessCutoffs): FreshnessState {
  if (lastVerifiedAt !== null && lastVerifiedAt < cutoffs.expiredBefore) return 'expired'
  if (lastVerifiedAt === null || lastVerifiedAt < cutoffs.staleBefore) return 'stale'
  return 'fresh'
}

/**
 * The same rule in SQL: `column` a date column, `expiredBefore` / `staleBefore` SQL date
 * expressions (a bound `?::date`, or a column). Fixed text chosen by the caller, never user input.
 */
export const expiredSql = (column: string, expiredBefore: string) =>
  `coalesce(${column} < ${expiredBefore}, false)`

export const staleSql = (column: string, staleBefore: string, expiredBefore: string) =>
  `(NOT ${expiredSql(column, expiredBefore)} AND (${column} IS NULL OR ${column} < ${staleBefore}))`

/** Why a record is marked or left out, as data (clients word them in English and Welsh). */
export type FreshnessReason =
  | { code: 'stale'; lastVerifiedAt: string | null; months: number }
  | { code: 'expired'; lastVerifiedAt: string | null; months: number }
  | { code: 'no-contact' }
  | { code: 'historical'; source: HistoricalSource; year: number }

export interface Freshness {
  state: FreshnessState
  lastVerifiedAt: string | null
  contactRoute: boolean
  historical: { source: HistoricalSource; year: number } | null
  /** Offered as an option and counted in coverage: not expired and has a contact route. */
  offered: boolean
  reasons: FreshnessReason[]
}

/** The policy's verdict on one record on `today` (a London day). */
export function freshnessOf(
  record: ContactFields & { lastVerifiedAt: string | null; source?: string | null },
  today: string,
  policy: FreshnessPolicy,
): Freshness {
  const verified = record.lastVerifiedAt
  const state = freshnessStateOf(verified, freshnessCutoffs(today, policy))
  const contactRoute = hasContactRoute(record)
  const historical = historicalOf(record.source, verified)
  const reasons: FreshnessReason[] = []
  if (historical) reasons.push({ code: 'historical', ...historical })
  if (state === 'expired')
    reasons.push({ code: 'expired', lastVerifiedAt: verified, months: policy.expiredMonths })
  else if (state === 'stale')
    reasons.push({ code: 'stale', lastVerifiedAt: verified, months: policy.staleMonths })
  if (!contactRoute) reasons.push({ code: 'no-contact' })
  return {
    state,
    lastVerifiedAt: verified,
    contactRoute,
    historical,
    offered: state !== 'expired' && contactRoute,
    reasons,
  }
}

/** Plain English for one reason (the API's `reasons`; the client words the codes itself). */
export function freshnessSentence(r: FreshnessReason): string {
  const year = (d: string | null) => (d ? d.slice(0, 4) : null)
  switch (r.code) {
    case 'historical':
      return `Named in a ${r.year} ${r.source === 'source:000' ? 'study' : 'strategy'}; not verified since`
    case 'expired':
      return `Last verified ${year(r.lastVerifiedAt)}: not verified for over ${r.months} months — check it still exists before referring`
    case 'stale':
      return r.lastVerifiedAt
        ? `Last verified ${r.lastVerifiedAt}: not verified for over ${r.months} months`
        : 'Never verified'
    case 'no-contact':
      return 'No contact route recorded (no phone, e-mail or website) — find one before referring'
  }
}

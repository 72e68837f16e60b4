/**
 * The freshness policy (docs/decisions/0020), defined once for every reader of the directory:
 *
 * - **stale**: not verified for `VERIFICATION_STALE_MONTHS` (or never verified): still offered,
 *   after every fresh record of its level, and marked wherever it is shown;
 * - **expired**: not verified for `VERIFICATION_EXPIRED_MONTHS`: not offered, not counted in
 *   coverage, listed after the options for staff to follow up;
 * - **no contact route**: none of phone, e-mail, website or address: treated as expired;
 * - **historical**: a body taken from the 2004–2008 source documents and not verified since.
 *
 * Ages are whole calendar months counted back from a London day (YYYY-MM-DD), so a record
 * crosses a line at midnight, the same day for every reader and engine.
 */

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

/** The fields any one of which is a way to reach a body: without all of them it cannot be referred to. */
export const CONTACT_ROUTE_FIELDS = ['phone', 'email', 'website', 'address'] as const

type ContactFields = Partial<Record<(typeof CONTACT_ROUTE_FIELDS)[number], string | null>>

export function hasContactRoute(record: ContactFields): boolean {
  return CONTACT_ROUTE_FIELDS.some((f) => (record[f] ?? '').trim() !== '')
}

/** The same rule in SQL, over a `providers` row aliased `alias`. */
export const hasContactRouteSql = (alias: string) =>
  `(${CONTACT_ROUTE_FIELDS.map((f) => `coalesce(btrim(${alias}.${f}), '') <> ''`).join(' OR ')})`

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

/** Why a record is marked or left out, as data (clients word them in English and Welsh). */
export type FreshnessReason =
  | { code: 'stale'; lastVerifiedAt: string | null; months: number }
  | { code: 'expired'; lastVerifiedAt: string | null; months: number }
  | { code: 'no-contact' }
  | { code: 'historical'; source: HistoricalSource; year: number }

export interface Freshness {
  state: 'fresh' | 'stale' | 'expired'
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
  const { staleBefore, expiredBefore } = freshnessCutoffs(today, policy)
  const verified = record.lastVerifiedAt
  const state =
    verified !== null && verified < expiredBefore
      ? 'expired'
      : verified === null || verified < staleBefore
        ? 'stale'
        : 'fresh'
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
      return 'No contact route recorded (no phone, e-mail, website or address) — find one before referring'
  }
}

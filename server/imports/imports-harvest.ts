import { HttpError } from '../lib/errors'
import { REJECTED } from '../providers/source-rejections'
import type { ImportReport, RunInput } from './imports-report'

/**
 * Harvesting another Open Referral UK 3.0 API: every service of a feed (or, with `since`, those
 * modified after a date) read page by page, as full service records, ready for the ORUK adapter.
 * A council or service finder's feed is someone else's server: it is asked politely (one request
 * at a time, `Retry-After` honoured on 429 and 503) and a failing request is retried with back-off
 * before the harvest gives up, naming the URL and the answer it got.
 */

export interface HarvestOptions {
  /** The feed's base URL: the path its `/services` hangs from (e.g. https://example.org/oruk). */
  baseUrl: string
  /** Only services modified after this moment (ORUK's `modified_after`): an incremental harvest. */
  since?: string
  perPage?: number
  /** Attempts per request before giving up (first try included). */
  maxAttempts?: number
  /** The longest wait a `Retry-After` may ask for (ms); a longer one is capped to it. */
  maxRetryAfterMs?: number
  /** First back-off wait (ms), doubled on each retry. */
  backoffMs?: number
  /** Injected for tests; `globalThis.fetch` otherwise. */
  fetch?: typeof globalThis.fetch
  /** Injected for tests (records waits instead of waiting). */
  sleep?: (ms: number) => Promise<void>
  /** Each page read, for progress lines. */
  onPage?: (page: number, totalPages: number, services: number) => void
}

export interface HarvestResult {
  /** Full ORUK service records, in the feed's order. */
  services: Array<Record<string, unknown>>
  pages: number
  /** HTTP requests made, retries included. */
  requests: number
  retries: number
  /** Services the list returned without their details, fetched one by one from /services/{id}. */
  fetchedOneByOne: number
}

export class HarvestError extends Error {}

/** A record's `source` is at most this long (the provider schema's limit). */
const SOURCE_MAX = 100
const DEFAULTS = { perPage: 100, maxAttempts: 5, maxRetryAfterMs: 120_000, backoffMs: 500 }
/** Pages a harvest reads at most: a feed reporting more is refused rather than read for hours. */
const MAX_PAGES = 10_000

/** The base URL as given, without a trailing slash; anything but http(s) is refused. */
export function feedBase(raw: string): string {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new HarvestError(`not a URL: "${raw}" (give the feed's base URL, e.g. https://example.org/oruk)`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HarvestError(`the feed's URL must start with http:// or https:// (got ${url.protocol})`)
  }
  if (url.search || url.hash) throw new HarvestError('give the base URL without a query or fragment')
  return url.toString().replace(/\/+$/, '')
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined
  const trimmed = header.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const at = Date.parse(trimmed)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

/** One list item carries the service's details when it has any of the full record's nested parts. */
const isFull = (service: Record<string, unknown>) =>
  ['organization', 'service_areas', 'contacts', 'service_at_locations', 'attributes'].some(
    (k) => k in service,
  )

export async function harvestOruk(options: HarvestOptions): Promise<HarvestResult> {
  const o = { ...DEFAULTS, ...options }
  const base = feedBase(o.baseUrl)
  const fetchImpl = o.fetch ?? globalThis.fetch
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  let requests = 0
  let retries = 0

  async function getJson(url: string): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      requests++
      let wait: number | undefined
      let problem: string
      try {
        const response = await fetchImpl(url, { headers: { accept: 'application/json' } })
        if (response.ok) {
          try {
            return await response.json()
          } catch {
            throw new HarvestError(`${url} answered ${response.status} but not with JSON`)
          }
        }
        problem = `${response.status} ${response.statusText}`.trim()
        if (response.status === 429 || response.status === 503) {
          wait = retryAfterMs(response.headers.get('retry-after'))
        } else if (response.status < 500) {
          // A 4xx other than 429 will not change on retry: the URL or the feed is wrong.
          const body = (await response.text().catch(() => '')).slice(0, 300)
          throw new HarvestError(`${url} answered ${problem}${body ? `: ${body}` : ''}`)
        }
        await response.body?.cancel().catch(() => {})
      } catch (err) {
        if (err instanceof HarvestError) throw err
        problem = (err as Error).message
      }
      if (attempt >= o.maxAttempts) {
        throw new HarvestError(`${url} failed ${attempt} times; last: ${problem}`)
      }
      retries++
      await sleep(Math.min(wait ?? o.backoffMs * 2 ** (attempt - 1), o.maxRetryAfterMs))
    }
  }

  const services: Array<Record<string, unknown>> = []
  let fetchedOneByOne = 0
  let totalPages = 1
  let page = 1
  for (; page <= totalPages; page++) {
    const query = new URLSearchParams({ page: String(page), per_page: String(o.perPage), full: 'true' })
    if (o.since) query.set('modified_after', o.since)
    const url = `${base}/services?${query}`
    const body = (await getJson(url)) as Record<string, unknown> | null
    const contents = body?.contents
    if (!Array.isArray(contents)) {
      throw new HarvestError(`${url} is not an ORUK page of services (no "contents" list)`)
    }
    const reported = Number(body?.total_pages)
    totalPages = Number.isInteger(reported) && reported >= 0 ? reported : page
    if (totalPages > MAX_PAGES) {
      throw new HarvestError(`${url} reports ${totalPages} pages; at most ${MAX_PAGES} are harvested`)
    }
    for (const item of contents as Array<Record<string, unknown>>) {
      if (isFull(item) || typeof item.id !== 'string') {
        services.push(item)
      } else {
        // A feed that ignores `full`: read the service on its own.
        services.push(
          (await getJson(`${base}/services/${encodeURIComponent(item.id)}`)) as Record<string, unknown>,
        )
        fetchedOneByOne++
      }
    }
    o.onPage?.(page, totalPages, contents.length)
    if (contents.length === 0) break
  }
  return { services, pages: Math.min(page, Math.max(totalPages, 1)), requests, retries, fetchedOneByOne }
}

/** The part of the import service a harvest runs through (the same dry run and commit as a file). */
export interface HarvestImports {
  run(actor: null, input: RunInput): Promise<ImportReport>
  /** Of these service ids from the feed, those an editor rejected in the review queue. */
  rejected(source: string, ids: string[]): Promise<Set<string>>
}

export interface HarvestRunOptions extends HarvestOptions {
  imports: HarvestImports
  commit: boolean
  /**
   * Import the services that map and leave out those that do not (each named in `leftOut`):
   * someone else's feed cannot be fixed by the person harvesting it. Without it, one service
   * that does not map makes the run invalid and nothing is written, as for a file.
   */
  skipInvalid?: boolean
}

export interface HarvestRun {
  harvest: HarvestResult
  /** The report of the import the harvested services went through (dry run or commit). */
  report: ImportReport
  /** Services left out with `skipInvalid`, with the reasons the dry run gave. */
  leftOut: Array<{ id: string; name: string; reasons: string[] }>
  /** Services not imported, by reason (`rejected`: an editor rejected it in the review queue). */
  skipped: Record<string, number>
}

/** At most this many dry runs trim a feed's unmappable services before the run gives up. */
const MAX_TRIMS = 20

/**
 * Harvests a feed and runs its services through the ORUK import adapter, recorded as an import
 * (listed in /admin with its report), with the feed's URL as every record's `source`.
 */
export async function harvestIntoImport(options: HarvestRunOptions): Promise<HarvestRun> {
  const base = feedBase(options.baseUrl)
  if (base.length > SOURCE_MAX) {
    throw new HarvestError(
      `the feed's URL is recorded as each record's source, at most ${SOURCE_MAX} characters`,
    )
  }
  const fetchedAt = new Date()
  const harvest = await harvestOruk(options)
  // Services an editor rejected in the review queue are not proposed again.
  const idOf = (service: Record<string, unknown>, i: number) =>
    service.id === undefined || service.id === null || service.id === '' ? `#${i + 1}` : String(service.id)
  const refused = await options.imports.rejected(
    base,
    harvest.services.map((s, i) => idOf(s, i)),
  )
  let services = harvest.services.filter((s, i) => !refused.has(idOf(s, i)))
  const skipped: Record<string, number> = {}
  const rejectedCount = harvest.services.length - services.length
  if (rejectedCount > 0) skipped[REJECTED] = rejectedCount
  const leftOut: HarvestRun['leftOut'] = []
  const input = (commit: boolean): RunInput => ({
    format: 'oruk',
    text: JSON.stringify(services),
    commit,
    filename: `harvest of ${base}`.slice(0, 255),
    source: base,
    harvest: { ids: services.map((s, i) => idOf(s, i)), fetchedAt },
  })
  const rejected = async (promise: Promise<ImportReport>) => {
    try {
      return await promise
    } catch (err) {
      // A commit of an invalid set answers 422 with the report as details: report it, not throw.
      if (err instanceof HttpError && err.status === 422 && err.details) return err.details as ImportReport
      throw err
    }
  }
  if (options.skipInvalid && services.length > 0) {
    for (let trim = 0; ; trim++) {
      const dry = await options.imports.run(null, input(false))
      if (dry.status !== 'invalid') break
      const bad = new Set<number>()
      for (const e of dry.errors) if (e.row > 0) bad.add(e.row)
      for (const r of dry.rows) if (r.action === 'invalid') bad.add(r.row)
      if (bad.size === 0 || trim >= MAX_TRIMS) break
      const reasons = new Map<number, string[]>()
      for (const e of dry.errors)
        reasons.set(e.row, [...(reasons.get(e.row) ?? []), `${e.column}: ${e.message}`])
      services = services.filter((service, i) => {
        if (!bad.has(i + 1)) return true
        leftOut.push({
          id: String(service.id ?? `#${i + 1}`),
          name: String(service.name ?? ''),
          reasons: reasons.get(i + 1) ?? [],
        })
        return false
      })
      if (services.length === 0) break
    }
  }
  const report = await rejected(options.imports.run(null, input(options.commit)))
  return { harvest, report, leftOut, skipped }
}

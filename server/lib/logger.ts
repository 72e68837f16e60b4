import type { IncomingMessage, ServerResponse } from 'node:http'
import { type DestinationStream, type Logger, pino } from 'pino'
import type { Config } from './config'

/**
 * Query parameters whose values can place or name a person: a caller's postcode, a point, free
 * text typed into a search. Request logs keep the parameter's name and drop its value.
 */
const IDENTIFYING_PARAMS = new Set([
  'postcode',
  'lat',
  'lng',
  'latitude',
  'longitude',
  'location',
  'q',
  'search',
  'text',
  'address',
  'email',
])

/** Paths that carry a postcode themselves: `/api/geo/postcodes/BD1%201HY`. */
const POSTCODE_PATH = /^(\/api\/geo\/postcodes\/)[^/?#]+/
/** Paths that carry a review link's token (server/reviews): the token opens a provider's record. */
const REVIEW_TOKEN_PATH = /^(\/(?:api\/reviews|review)\/)[^/?#]+/

export const REDACTED = '*'

/**
 * A request URL fit for a log: the path (a postcode in it replaced) and the query with the values
 * of identifying parameters replaced by `*`, so a log shows what was asked, never who or where.
 */
export function redactRequestUrl(url: string): string {
  const q = url.indexOf('?')
  const path = (q === -1 ? url : url.slice(0, q))
    .replace(POSTCODE_PATH, `$1${REDACTED}`)
    .replace(REVIEW_TOKEN_PATH, `$1${REDACTED}`)
  if (q === -1) return path
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=')
      if (eq === -1) return pair
      let name: string
      try {
        name = decodeURIComponent(pair.slice(0, eq).replace(/\+/g, ' ')).toLowerCase()
      } catch {
        // A name that does not decode cannot be trusted to be harmless.
        return `${pair.slice(0, eq)}=${REDACTED}`
      }
      return IDENTIFYING_PARAMS.has(name) ? `${pair.slice(0, eq)}=${REDACTED}` : pair
    })
    .join('&')
  return `${path}?${query}`
}

/**
 * What a request log records of a request and its answer: no headers (they carry the session
 * cookie, the CSRF token and the browser's fingerprint) and no identifying query values. Small
 * objects are also cheaper to serialise on every request than pino's defaults.
 */
export const requestSerializers = {
  req: (req: IncomingMessage & { id?: unknown; originalUrl?: string }) => ({
    id: req.id,
    method: req.method,
    url: redactRequestUrl(req.originalUrl ?? req.url ?? ''),
  }),
  res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
}

/** Anything that logs headers anyway (an error with its request attached) has these removed. */
const redactPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  'headers["x-csrf-token"]',
]

const levelNames: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
}

function clock(time: unknown): string {
  const d = typeof time === 'number' ? new Date(time) : new Date()
  return d.toISOString().slice(11, 19)
}

function value(v: unknown): string {
  if (typeof v === 'string') return /^[^\s"=]+$/.test(v) ? v : JSON.stringify(v)
  return JSON.stringify(v)
}

/**
 * One pino JSON line as one readable line: `12:03:04 GET /api/signpost?postcode=* 200 14 ms` for a
 * request, `12:03:04 WARN message key=value` otherwise, an error's stack on the lines after.
 */
export function formatLogLine(line: string): string {
  let entry: Record<string, unknown>
  try {
    entry = JSON.parse(line)
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`
  }
  const { level, time, msg, req, res, responseTime, err, pid: _pid, hostname: _host, reqId, ...rest } = entry
  const label = levelNames[level as number] ?? String(level)
  const head = clock(time)
  if (req && res && typeof responseTime === 'number') {
    const r = req as { method?: string; url?: string }
    const status = (res as { statusCode?: number }).statusCode
    const flag = label === 'INFO' ? '' : ` ${label}`
    const error = err ? ` - ${(err as { message?: string }).message ?? ''}` : ''
    return `${head}${flag} ${r.method} ${r.url} ${status} ${Math.round(responseTime)} ms${error}\n`
  }
  const extras = Object.entries(rest)
    .map(([k, v]) => `${k}=${value(v)}`)
    .join(' ')
  const id = reqId ? ` [${reqId}]` : ''
  let text = `${head} ${label}${id} ${msg ?? ''}${extras ? ` ${extras}` : ''}\n`
  if (err && typeof err === 'object') {
    const e = err as { stack?: string; message?: string }
    text += `${(e.stack ?? e.message ?? JSON.stringify(err))
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n')}\n`
  }
  return text
}

/** A pino destination that writes each entry as formatted text. */
export function textDestination(out: { write(text: string): unknown } = process.stdout): DestinationStream {
  return { write: (line: string) => out.write(formatLogLine(line)) }
}

/**
 * The server's logger. LOG_FORMAT=text (the default): one short readable line per entry;
 * LOG_FORMAT=json: pino's structured lines, for a log collector. `out` replaces stdout (tests).
 */
export function createLogger(
  config: Pick<Config, 'logLevel'> & Partial<Pick<Config, 'logFormat'>>,
  out?: { write(text: string): unknown },
): Logger {
  const options = { level: config.logLevel, redact: { paths: redactPaths, remove: true } }
  if (config.logFormat === 'json') return out ? pino(options, out as DestinationStream) : pino(options)
  // The process id and host name say nothing to someone reading a terminal.
  return pino({ ...options, base: undefined }, textDestination(out))
}

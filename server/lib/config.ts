import { isIP } from 'node:net'
import path from 'node:path'
import { z } from 'zod'
import { DEFAULT_CHROMIUM_PATH } from './chromium'

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
const logFormats = ['text', 'json'] as const
/** knex's (tarn's) own default: a pooled connection idle for 30 s is closed. */
export const DATABASE_IDLE_TIMEOUT_DEFAULT_MS = 30_000

const integer = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === '') return fallback
      const value = Number(raw)
      if (!/^-?\d+$/.test(raw.trim()) || value < min || value > max) {
        ctx.addIssue({
          code: 'custom',
          message: `${name} must be a whole number from ${min} to ${max} (got "${raw}")`,
        })
        return z.NEVER
      }
      return value
    })

const postgresUrl = (name: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return undefined
      let url: URL
      try {
        url = new URL(raw)
      } catch {
        ctx.addIssue({ code: 'custom', message: `${name} must be a postgres:// URL` })
        return z.NEVER
      }
      if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
        ctx.addIssue({
          code: 'custom',
          message: `${name} must use the postgres:// or postgresql:// scheme (got "${url.protocol}")`,
        })
        return z.NEVER
      }
      return raw
    })

const smtpUrl = (name: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return undefined
      let url: URL
      try {
        url = new URL(raw)
      } catch {
        ctx.addIssue({ code: 'custom', message: `${name} must be an smtp:// or smtps:// URL` })
        return z.NEVER
      }
      if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
        ctx.addIssue({
          code: 'custom',
          message: `${name} must use the smtp:// or smtps:// scheme (got "${url.protocol}")`,
        })
        return z.NEVER
      }
      return raw
    })

const proxyKeywords = ['loopback', 'linklocal', 'uniquelocal']
const trustProxyHelp =
  'TRUST_PROXY must be false (the default), a number of proxy hops from 1 to 10, or a comma-separated list of loopback, linklocal, uniquelocal, IP addresses and CIDR ranges'

function isAddressOrRange(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/')
  if (rest.length > 0 || !address) return false
  const family = isIP(address)
  if (family === 0) return false
  if (bits === undefined) return true
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128)
}

/**
 * Express's `trust proxy`: whose X-Forwarded-For (client address, used by the rate limits) and
 * X-Forwarded-Proto to believe. Off by default, so a client cannot pick its own address; `true`
 * (trust everyone) is refused for the same reason.
 */
const trustProxy = z
  .string()
  .optional()
  .transform((raw, ctx): false | number | string[] => {
    const value = raw?.trim() ?? ''
    if (value === '' || value === 'false') return false
    if (/^\d+$/.test(value)) {
      const hops = Number(value)
      if (hops >= 1 && hops <= 10) return hops
    } else {
      const entries = value.split(',').map((e) => e.trim())
      if (entries.every((e) => proxyKeywords.includes(e) || isAddressOrRange(e))) return entries
    }
    ctx.addIssue({ code: 'custom', message: `${trustProxyHelp} (got "${raw}")` })
    return z.NEVER
  })

/** Every setting the server reads from the environment, with its default and its allowed range. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: integer('PORT', 0, 65535, 3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: postgresUrl('DATABASE_URL'),
  DATABASE_POOL_MAX: integer('DATABASE_POOL_MAX', 1, 100, 10),
  DATABASE_CONNECT_TIMEOUT_MS: integer('DATABASE_CONNECT_TIMEOUT_MS', 100, 120_000, 5000),
  DATABASE_IDLE_TIMEOUT_MS: integer(
    'DATABASE_IDLE_TIMEOUT_MS',
    100,
    86_400_000,
    DATABASE_IDLE_TIMEOUT_DEFAULT_MS,
  ),
  DATABASE_REPLICA_URL: postgresUrl('DATABASE_REPLICA_URL'),
  DATABASE_REPLICA_STICKY_SECONDS: integer('DATABASE_REPLICA_STICKY_SECONDS', 0, 3600, 30),
  API_MAX_IN_FLIGHT: integer('API_MAX_IN_FLIGHT', 1, 10_000, 32),
  API_MAX_QUEUE: integer('API_MAX_QUEUE', 0, 100_000, 64),
  API_QUEUE_TIMEOUT_MS: integer('API_QUEUE_TIMEOUT_MS', 1, 60_000, 1000),
  DATA_DIR: z.string().min(1).default('./data'),
  GEO_DATA_DIR: z.string().min(1).default('../shared/geo'),
  STATS_DATA_DIR: z.string().min(1).default('../shared/stats'),
  GEO_NEAREST_FALLBACK_METRES: integer('GEO_NEAREST_FALLBACK_METRES', 0, 5000, 200),
  TAXONOMY_FILE: z.string().min(1).default('../shared/docs/taxonomy.md'),
  TAXONOMY_CACHE_SECONDS: integer('TAXONOMY_CACHE_SECONDS', 0, 3600, 60),
  COVERAGE_MIN_SHARE_PERCENT: integer('COVERAGE_MIN_SHARE_PERCENT', 1, 100, 50),
  COVERAGE_DUPLICATION_MIN_PROVIDERS: integer('COVERAGE_DUPLICATION_MIN_PROVIDERS', 2, 100, 3),
  COVERAGE_MAX_CELLS: integer('COVERAGE_MAX_CELLS', 1000, 2_000_000, 250_000),
  TILE_CACHE_MAX_MB: integer('TILE_CACHE_MAX_MB', 0, 4096, 64),
  TILE_COVERAGE_MAX_AGE_SECONDS: integer('TILE_COVERAGE_MAX_AGE_SECONDS', 0, 86_400, 30),
  TILE_BOUNDARY_MAX_AGE_SECONDS: integer('TILE_BOUNDARY_MAX_AGE_SECONDS', 0, 31_536_000, 3600),
  MAP_FEATURES_MAX_SPAN_TILES: integer('MAP_FEATURES_MAX_SPAN_TILES', 1, 64, 16),
  LOG_LEVEL: z.enum(logLevels, { error: `LOG_LEVEL must be one of ${logLevels.join(', ')}` }).default('info'),
  LOG_FORMAT: z
    .enum(logFormats, { error: `LOG_FORMAT must be one of ${logFormats.join(', ')}` })
    .default('text'),
  TILE_URL: z
    .string()
    .default('https://tile.openstreetmap.org/{z}/{x}/{y}.png')
    .refine((v) => v === '' || (v.includes('{z}') && v.includes('{x}') && v.includes('{y}')), {
      message: 'TILE_URL must be empty (no background tiles) or a template containing {z}, {x} and {y}',
    }),
  JSON_BODY_LIMIT_BYTES: integer('JSON_BODY_LIMIT_BYTES', 1024, 50 * 1024 * 1024, 1024 * 1024),
  SHUTDOWN_TIMEOUT_MS: integer('SHUTDOWN_TIMEOUT_MS', 100, 120_000, 10_000),
  SEED_DEMO: z
    .enum(['auto', 'always', 'never'], { error: 'SEED_DEMO must be one of auto, always, never' })
    .default('auto'),
  SEED_DEMO_ACCOUNTS: z
    .enum(['true', 'false'], { error: 'SEED_DEMO_ACCOUNTS must be true or false' })
    .default('false')
    .transform((v) => v === 'true'),
  SESSION_SECRET: z
    .string()
    .min(32, {
      error:
        'SESSION_SECRET must be at least 32 characters (or unset: one is generated and kept in the database)',
    })
    .optional(),
  SESSION_IDLE_TIMEOUT_MINUTES: integer('SESSION_IDLE_TIMEOUT_MINUTES', 1, 24 * 60, 60),
  SESSION_ABSOLUTE_TIMEOUT_HOURS: integer('SESSION_ABSOLUTE_TIMEOUT_HOURS', 1, 24 * 30, 12),
  LOGIN_MAX_FAILURES: integer('LOGIN_MAX_FAILURES', 1, 100, 5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: integer('LOGIN_MAX_FAILURES_PER_ADDRESS', 1, 10_000, 20),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: integer('LOGIN_MAX_FAILURES_PER_ACCOUNT', 1, 100_000, 100),
  TRUST_PROXY: trustProxy,
  LOGIN_FAILURE_WINDOW_MINUTES: integer('LOGIN_FAILURE_WINDOW_MINUTES', 1, 24 * 60, 15),
  SIGNPOST_MAX_RESULTS: integer('SIGNPOST_MAX_RESULTS', 3, 50, 10),
  SIGNPOST_EXPLAIN_MAX_CANDIDATES: integer('SIGNPOST_EXPLAIN_MAX_CANDIDATES', 1, 100, 15),
  DIRECTORY_NATIONS: z
    .string()
    .default('E92000001,W92000004')
    .transform((raw, ctx) => {
      const codes = raw
        .split(',')
        .map((c) => c.trim().toUpperCase())
        .filter((c) => c !== '')
      const bad = codes.filter((c) => !/^[EWSN]92\d{6}$/.test(c))
      if (bad.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `DIRECTORY_NATIONS must list nation codes separated by commas, such as E92000001,W92000004 (got "${bad[0]}")`,
        })
        return z.NEVER
      }
      return [...new Set(codes)]
    }),
  DATA_LICENCE_NAME: z
    .string()
    .trim()
    .min(1)
    .default('Creative Commons Attribution 4.0 International (CC BY 4.0)'),
  DATA_LICENCE_URL: z
    .url({ protocol: /^https?$/, error: 'DATA_LICENCE_URL must be an http(s) URL' })
    .default('https://creativecommons.org/licenses/by/4.0/'),
  DATA_ATTRIBUTION: z
    .string()
    .trim()
    .min(1)
    .default(
      'Support Atlas contributors. Contains ONS area codes and names and OS boundary data © Crown copyright and database right, Open Government Licence v3.0.',
    ),
  VERIFICATION_STALE_MONTHS: integer('VERIFICATION_STALE_MONTHS', 1, 120, 12),
  COVERAGE_POLYGON_MAX_VERTICES: integer('COVERAGE_POLYGON_MAX_VERTICES', 4, 100_000, 5000),
  SUGGESTION_RATE_LIMIT_PER_HOUR: integer('SUGGESTION_RATE_LIMIT_PER_HOUR', 1, 100_000, 10),
  SUGGESTION_MIN_FILL_SECONDS: integer('SUGGESTION_MIN_FILL_SECONDS', 0, 3600, 3),
  SUGGESTION_FORM_MAX_AGE_MINUTES: integer('SUGGESTION_FORM_MAX_AGE_MINUTES', 1, 24 * 60, 120),
  IMPORT_MAX_BYTES: integer('IMPORT_MAX_BYTES', 1024, 500 * 1024 * 1024, 50 * 1024 * 1024),
  IMPORT_MAX_ROWS: integer('IMPORT_MAX_ROWS', 1, 1_000_000, 50_000),
  // The area report's PDF (server/report/report-printer.ts, docs/decisions/0019).
  CHROMIUM_PATH: z.string().trim().min(1).default(DEFAULT_CHROMIUM_PATH),
  REPORT_PDF_MAX_CONCURRENT: integer('REPORT_PDF_MAX_CONCURRENT', 1, 16, 2),
  REPORT_PDF_TIMEOUT_MS: integer('REPORT_PDF_TIMEOUT_MS', 1000, 300_000, 30_000),
  // Coverage snapshots (docs/decisions/0018): unset interval = 24 hours, but 0 (off) when NODE_ENV=test.
  SNAPSHOT_INTERVAL_HOURS: integer('SNAPSHOT_INTERVAL_HOURS', 0, 8760, -1),
  SNAPSHOT_RETAIN: integer('SNAPSHOT_RETAIN', 0, 100_000, 90),
  SNAPSHOT_RETAIN_DAYS: integer('SNAPSHOT_RETAIN_DAYS', 0, 36_500, 400),
  // ---- freshness and review links (docs/decisions/0021-provider-review-links.md) ----
  VERIFICATION_EXPIRED_MONTHS: integer('VERIFICATION_EXPIRED_MONTHS', 1, 240, 36),
  SMTP_URL: smtpUrl('SMTP_URL'),
  REVIEW_MAIL_FROM: z
    .string()
    .default('Support Atlas <reviews@localhost>')
    .refine((v) => /^[^<>]*<[^@<>\s]+@[^@<>\s]+>$|^[^@<>\s]+@[^@<>\s]+$/.test(v.trim()), {
      message: 'REVIEW_MAIL_FROM must be an address, or a name and an address in <>',
    }),
  PUBLIC_BASE_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(v), {
      message: 'PUBLIC_BASE_URL must be an http:// or https:// address (the one review links point at)',
    }),
  REVIEW_DUE_MONTHS: integer('REVIEW_DUE_MONTHS', 1, 240, 11),
  REVIEW_LINK_DAYS: integer('REVIEW_LINK_DAYS', 1, 365, 28),
  REVIEW_REMINDER_DAYS: integer('REVIEW_REMINDER_DAYS', 1, 365, 7),
  REVIEW_MAX_REMINDERS: integer('REVIEW_MAX_REMINDERS', 0, 10, 2),
  REVIEWS_SCHEDULE_HOURS: integer('REVIEWS_SCHEDULE_HOURS', 0, 24 * 30, 0),
  REVIEW_RATE_LIMIT_PER_HOUR: integer('REVIEW_RATE_LIMIT_PER_HOUR', 1, 100_000, 60),
})

export type Env = z.infer<typeof envSchema>

export interface Config {
  env: Env['NODE_ENV']
  port: number
  host: string
  databaseUrl: string | undefined
  databasePoolMax: number
  databaseConnectTimeoutMs: number
  /** A pooled connection idle this long is closed (the next query opens a fresh, reset session). */
  databaseIdleTimeoutMs: number
  /** A read replica for public reads (server mode only); unset = every read goes to DATABASE_URL. */
  databaseReplicaUrl: string | undefined
  /** After a write, that browser's reads stay on the primary this long (read-your-writes). */
  databaseReplicaStickySeconds: number
  /** Load shedding: API requests handled at once, how many more may wait, and for how long. */
  apiMaxInFlight: number
  apiMaxQueue: number
  apiQueueTimeoutMs: number
  dataDir: string
  geoDataDir: string
  /** The area statistics (English Indices of Deprivation 2019 by LSOA), loaded with the geography. */
  statsDataDir: string
  /** A point in no district (a coastal or river gap) this close to one resolves to it, flagged nearest. */
  geoNearestFallbackMetres: number
  /** docs/taxonomy.md, parsed by the taxonomy seed step. */
  taxonomyFile: string
  taxonomyCacheSeconds: number
  /** A drawn service area covers an area when it holds at least this share of it. */
  coverageMinSharePercent: number
  /** Duplication: at least this many providers at one level offering one function to one group. */
  coverageDuplicationMinProviders: number
  /** The largest coverage answer (areas × columns) one request may ask for. */
  coverageMaxCells: number
  /** The in-process cache of rendered map tiles and viewport GeoJSON, in MiB (0: no cache). */
  tileCacheMaxMb: number
  /** Cache-Control max-age of coverage map layers (must-revalidate after it). */
  tileCoverageMaxAgeSeconds: number
  /** Cache-Control max-age of boundary map layers. */
  tileBoundaryMaxAgeSeconds: number
  /** Viewport GeoJSON: the largest bbox, in 256-pixel tiles across at the asked zoom. */
  mapFeaturesMaxSpanTiles: number
  logLevel: Env['LOG_LEVEL']
  /** `text`: one short readable line per log entry; `json`: pino's structured lines (for collectors). */
  logFormat: Env['LOG_FORMAT']
  tileUrl: string
  jsonBodyLimitBytes: number
  shutdownTimeoutMs: number
  seedDemo: Env['SEED_DEMO']
  seedDemoAccounts: boolean
  sessionSecret: string | undefined
  sessionIdleTimeoutMinutes: number
  sessionAbsoluteTimeoutHours: number
  loginMaxFailures: number
  /** Failed sign-ins from one address to any accounts, per window, before that address waits. */
  loginMaxFailuresPerAddress: number
  /** Failed sign-ins to one account from all addresses, per window (a spread-out attack). */
  loginMaxFailuresPerAccount: number
  loginFailureWindowMinutes: number
  /** Express `trust proxy`: false, a hop count, or the proxies' addresses (loopback, CIDR, ...). */
  trustProxy: false | number | string[]
  /** Providers in a signposting answer, the two fallbacks included (at least 3 so both fit). */
  signpostMaxResults: number
  /** Near misses listed by the signpost explain mode. */
  signpostExplainMaxCandidates: number
  /** The nations whose places the directory's content covers; elsewhere answers say so (docs/decisions/0012). */
  directoryNations: string[]
  /** The open data's licence and attribution, sent with the ORUK feed and the downloads. */
  dataLicenceName: string
  dataLicenceUrl: string
  dataAttribution: string
  /** A record not verified for this many months is stale (flagged, listed for re-verification). */
  verificationStaleMonths: number
  /** The most vertices a drawn service-area polygon may have. */
  coveragePolygonMaxVertices: number
  /** Suggest-an-edit submissions accepted per client IP per hour. */
  suggestionRateLimitPerHour: number
  /** A suggestion form submitted sooner than this after it was issued is treated as a bot. */
  suggestionMinFillSeconds: number
  /** A suggestion form token older than this is refused (fetch a new one). */
  suggestionFormMaxAgeMinutes: number
  /** The largest import file accepted by POST /api/imports. */
  importMaxBytes: number
  /** The most rows (providers) one import may hold. */
  importMaxRows: number
  /** The Chromium that prints the area report's PDF; missing, format=pdf answers 503. */
  chromiumPath: string
  /** PDFs printed at once (each a Chromium page); more wait their turn. */
  reportPdfMaxConcurrent: number
  /** Longest a PDF may take, waiting included, before the request gets 503. */
  reportPdfTimeoutMs: number
  /** Coverage snapshots: hours between scheduled ones (0: none), and how many / how old are kept (0: no limit). */
  snapshots: { intervalHours: number; retain: number; retainDays: number }
  // ---- freshness and review links (docs/decisions/0021-provider-review-links.md) ----
  /** A record not verified for this many months is expired: not offered, not counted. */
  verificationExpiredMonths: number
  /** Where review links are sent through (smtp:// or smtps://); unset: `reviews:send` refuses to run. */
  smtpUrl: string | undefined
  /** The From of review-link mails. */
  reviewMailFrom: string
  /** The site's address as providers reach it; review links point here (unset: the address it listens on). */
  publicBaseUrl: string | undefined
  /** A record not verified for this many months is sent a review link. */
  reviewDueMonths: number
  /** A review link works for this many days. */
  reviewLinkDays: number
  /** An unused link is reminded this many days after its last mail. */
  reviewReminderDays: number
  /** At most this many reminders per link. */
  reviewMaxReminders: number
  /** Run the review-link sending in process every this many hours (0: off). */
  reviewsScheduleHours: number
  /** Review-page requests (open, confirm, propose) per client address per hour. */
  reviewRateLimitPerHour: number
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Reads and checks the environment once; a wrong value throws a ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? 'environment')
      return issue.message.startsWith(variable) ? issue.message : `${variable}: ${issue.message}`
    })
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`)
  }
  const e = parsed.data
  if (e.DATABASE_REPLICA_URL && !e.DATABASE_URL) {
    throw new ConfigError(
      'Invalid configuration: DATABASE_REPLICA_URL needs DATABASE_URL (a read replica is for server mode only)',
    )
  }
  if (e.VERIFICATION_EXPIRED_MONTHS <= e.VERIFICATION_STALE_MONTHS) {
    throw new ConfigError(
      `Invalid configuration: VERIFICATION_EXPIRED_MONTHS (${e.VERIFICATION_EXPIRED_MONTHS}) must be more than VERIFICATION_STALE_MONTHS (${e.VERIFICATION_STALE_MONTHS})`,
    )
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databasePoolMax: e.DATABASE_POOL_MAX,
    databaseConnectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS,
    databaseIdleTimeoutMs: e.DATABASE_IDLE_TIMEOUT_MS,
    databaseReplicaUrl: e.DATABASE_REPLICA_URL,
    databaseReplicaStickySeconds: e.DATABASE_REPLICA_STICKY_SECONDS,
    apiMaxInFlight: e.API_MAX_IN_FLIGHT,
    apiMaxQueue: e.API_MAX_QUEUE,
    apiQueueTimeoutMs: e.API_QUEUE_TIMEOUT_MS,
    dataDir: path.resolve(cwd, e.DATA_DIR),
    geoDataDir: path.resolve(cwd, e.GEO_DATA_DIR),
    statsDataDir: path.resolve(cwd, e.STATS_DATA_DIR),
    geoNearestFallbackMetres: e.GEO_NEAREST_FALLBACK_METRES,
    taxonomyFile: path.resolve(cwd, e.TAXONOMY_FILE),
    taxonomyCacheSeconds: e.TAXONOMY_CACHE_SECONDS,
    coverageMinSharePercent: e.COVERAGE_MIN_SHARE_PERCENT,
    coverageDuplicationMinProviders: e.COVERAGE_DUPLICATION_MIN_PROVIDERS,
    coverageMaxCells: e.COVERAGE_MAX_CELLS,
    tileCacheMaxMb: e.TILE_CACHE_MAX_MB,
    tileCoverageMaxAgeSeconds: e.TILE_COVERAGE_MAX_AGE_SECONDS,
    tileBoundaryMaxAgeSeconds: e.TILE_BOUNDARY_MAX_AGE_SECONDS,
    mapFeaturesMaxSpanTiles: e.MAP_FEATURES_MAX_SPAN_TILES,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    tileUrl: e.TILE_URL,
    jsonBodyLimitBytes: e.JSON_BODY_LIMIT_BYTES,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    seedDemo: e.SEED_DEMO,
    seedDemoAccounts: e.SEED_DEMO_ACCOUNTS,
    sessionSecret: e.SESSION_SECRET,
    sessionIdleTimeoutMinutes: e.SESSION_IDLE_TIMEOUT_MINUTES,
    sessionAbsoluteTimeoutHours: e.SESSION_ABSOLUTE_TIMEOUT_HOURS,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginMaxFailuresPerAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
    loginMaxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    loginFailureWindowMinutes: e.LOGIN_FAILURE_WINDOW_MINUTES,
    trustProxy: e.TRUST_PROXY,
    signpostMaxResults: e.SIGNPOST_MAX_RESULTS,
    signpostExplainMaxCandidates: e.SIGNPOST_EXPLAIN_MAX_CANDIDATES,
    directoryNations: e.DIRECTORY_NATIONS,
    dataLicenceName: e.DATA_LICENCE_NAME,
    dataLicenceUrl: e.DATA_LICENCE_URL,
    dataAttribution: e.DATA_ATTRIBUTION,
    verificationStaleMonths: e.VERIFICATION_STALE_MONTHS,
    coveragePolygonMaxVertices: e.COVERAGE_POLYGON_MAX_VERTICES,
    suggestionRateLimitPerHour: e.SUGGESTION_RATE_LIMIT_PER_HOUR,
    suggestionMinFillSeconds: e.SUGGESTION_MIN_FILL_SECONDS,
    suggestionFormMaxAgeMinutes: e.SUGGESTION_FORM_MAX_AGE_MINUTES,
    importMaxBytes: e.IMPORT_MAX_BYTES,
    importMaxRows: e.IMPORT_MAX_ROWS,
    chromiumPath: e.CHROMIUM_PATH,
    reportPdfMaxConcurrent: e.REPORT_PDF_MAX_CONCURRENT,
    reportPdfTimeoutMs: e.REPORT_PDF_TIMEOUT_MS,
    snapshots: {
      intervalHours:
        e.SNAPSHOT_INTERVAL_HOURS >= 0 ? e.SNAPSHOT_INTERVAL_HOURS : e.NODE_ENV === 'test' ? 0 : 24,
      retain: e.SNAPSHOT_RETAIN,
      retainDays: e.SNAPSHOT_RETAIN_DAYS,
    },
    // ---- freshness and review links ----
    verificationExpiredMonths: e.VERIFICATION_EXPIRED_MONTHS,
    smtpUrl: e.SMTP_URL,
    reviewMailFrom: e.REVIEW_MAIL_FROM.trim(),
    publicBaseUrl: e.PUBLIC_BASE_URL ? e.PUBLIC_BASE_URL.replace(/\/+$/, '') : undefined,
    reviewDueMonths: e.REVIEW_DUE_MONTHS,
    reviewLinkDays: e.REVIEW_LINK_DAYS,
    reviewReminderDays: e.REVIEW_REMINDER_DAYS,
    reviewMaxReminders: e.REVIEW_MAX_REMINDERS,
    reviewsScheduleHours: e.REVIEWS_SCHEDULE_HOURS,
    reviewRateLimitPerHour: e.REVIEW_RATE_LIMIT_PER_HOUR,
  }
}

/** A URL with its password hidden, for log lines and error messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return '(unparseable URL)'
  }
}

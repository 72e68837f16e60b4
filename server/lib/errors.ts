import type { ErrorRequestHandler, RequestHandler } from 'express'
import type { Logger } from 'pino'
import { type ZodError, z } from 'zod'

export interface ErrorDetail {
  field: string
  message: string
}

/** The one error family: every deliberate failure is an HttpError, rendered by `errorHandler`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    override readonly name: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }
}

export class ValidationError extends HttpError {
  constructor(message: string, details?: ErrorDetail[]) {
    super(400, 'ValidationError', message, details)
  }
}

export class NotFoundError extends HttpError {
  constructor(message: string) {
    super(404, 'NotFound', message)
  }
}

export class ConflictError extends HttpError {
  constructor(message: string, details?: unknown) {
    super(409, 'Conflict', message, details)
  }
}

export class ServiceUnavailableError extends HttpError {
  constructor(message: string, retryAfterSeconds = 5) {
    super(503, 'ServiceUnavailable', message, undefined, { 'Retry-After': String(retryAfterSeconds) })
  }
}

/** Turns zod issues into field-named details and one readable sentence. */
export function fromZodError(error: ZodError, where: string): ValidationError {
  const details: ErrorDetail[] = error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : where,
    message: issue.message,
  }))
  const message = details.map((d) => `${d.field}: ${d.message}`).join('; ')
  return new ValidationError(`Invalid ${where}: ${message}`, details)
}

/** Parses `value` or throws a 400 naming each bad field; `where` is "query", "body" or "path". */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(value)
  if (!result.success) throw fromZodError(result.error, where)
  return result.data
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`No route for ${req.method} ${req.originalUrl.split('?')[0]}`))
}

/** Node socket errors that mean the database connection is gone (or never came). */
const connectionErrorCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
])

/**
 * Errors that mean "the database is unavailable right now", not "this request is wrong": SQLSTATE
 * class 08 (connection exception), 57P01 admin_shutdown (pg_terminate_backend, a fast shutdown),
 * 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up), socket errors, node-postgres'
 * "Connection terminated" (a backend that vanished mid-query, with no SQLSTATE), a client that
 * already saw such an error, and knex's pool timing out waiting for a connection.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (err === null || typeof err !== 'object') return false
  const { code, name, message } = err as { code?: unknown; name?: unknown; message?: unknown }
  if (typeof code === 'string') {
    return connectionErrorCodes.has(code) || /^08/.test(code) || /^57P0[123]$/.test(code)
  }
  if (name === 'KnexTimeoutError') return true
  if (typeof message !== 'string') return false
  // Knex prefixes a failed query's message with the query and " - ", so node-postgres' own message
  // is the end of it, not the start. Only errors without a code get here: a query's own error
  // (with a SQLSTATE) never turns into a 503 because its text happens to match.
  return nodePostgresConnectionMessages.some((m) => message === m || message.endsWith(` - ${m}`))
}

/** node-postgres' messages (no SQLSTATE) for a connection that dropped or was already dead. */
const nodePostgresConnectionMessages = [
  'Connection terminated',
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Connection ended unexpectedly',
]

/**
 * SQLSTATEs that mean the request carried a value the database will not take: the input is at
 * fault, not the server. The edges refuse such input first (server/lib/input-guard.ts, the zod
 * schemas, server/lib/geometry.ts); this is the last line of defence, so one that slips through
 * is a 400, not a 500. 22001 string too long, 22003 number out of range, 22007/22008 bad date,
 * 22021 a byte not in the encoding (NUL), 22023 invalid parameter value (a 3D geometry),
 * 22025 bad escape, 2201B bad regular expression, 22P02 bad text for the type (a lone surrogate
 * in jsonb), 22P05 untranslatable character, 54000 a value beyond a program limit (tsvector/index row).
 */
const clientFaultSqlStates = new Set([
  '22001',
  '22003',
  '22007',
  '22008',
  '22021',
  '22023',
  '22025',
  '2201B',
  '22P02',
  '22P05',
  '54000',
])

export function isClientFaultDatabaseError(err: unknown): boolean {
  if (err === null || typeof err !== 'object') return false
  const { code } = err as { code?: unknown }
  return typeof code === 'string' && clientFaultSqlStates.has(code)
}

/** Seconds a client is told to wait before retrying when the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 2

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let httpError: HttpError
    if (err instanceof HttpError) {
      httpError = err
    } else if (err?.type === 'entity.too.large') {
      httpError = new HttpError(
        413,
        'PayloadTooLarge',
        `Request body is larger than the ${err.limit}-byte limit`,
      )
    } else if (err?.type === 'entity.parse.failed') {
      httpError = new ValidationError('Request body is not valid JSON')
    } else if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500 && err.expose) {
      httpError = new HttpError(err.status, 'BadRequest', String(err.message))
    } else if (err instanceof URIError && (err as URIError & { status?: unknown }).status === 400) {
      // The router could not percent-decode a path parameter (the input guard normally refuses it first).
      httpError = new ValidationError('Invalid path: path: the path is not valid percent-encoded UTF-8', [
        { field: 'path', message: 'the path is not valid percent-encoded UTF-8' },
      ])
    } else if (isClientFaultDatabaseError(err)) {
      // Logged: the edge that let this through should refuse it itself.
      ;(req.log ?? logger).warn({ err, reqId: req.id }, 'input refused by the database')
      httpError = new ValidationError(
        'Invalid request: a value cannot be stored or searched for (for example text with control characters, or a number or text too large)',
      )
    } else if (isDatabaseUnavailable(err)) {
      ;(req.log ?? logger).error({ err, reqId: req.id }, 'database unavailable')
      httpError = new ServiceUnavailableError(
        'The database is unavailable; try again shortly',
        DATABASE_RETRY_AFTER_SECONDS,
      )
    } else {
      ;(req.log ?? logger).error({ err, reqId: req.id }, 'unhandled error')
      httpError = new HttpError(500, 'InternalServerError', 'Something went wrong; the error has been logged')
    }
    if (res.headersSent) {
      res.destroy()
      return
    }
    res.set(httpError.headers)
    res.status(httpError.status).json({
      error: {
        name: httpError.name,
        message: httpError.message,
        ...(httpError.details === undefined ? {} : { details: httpError.details }),
      },
    })
  }
}

export const errorBodySchema = z.object({
  error: z.object({ name: z.string(), message: z.string(), details: z.unknown().optional() }),
})

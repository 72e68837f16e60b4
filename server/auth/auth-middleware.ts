import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { RequestHandler } from 'express'
import session from 'express-session'
import type { Knex } from 'knex'
import type { Config } from '../lib/config'
import { HttpError } from '../lib/errors'
import { createAuthQueries } from './auth-queries'
import type { Role } from './auth-schemas'
import { KnexSessionStore } from './session-store'

export const SESSION_COOKIE = 'atlas.sid'
export const CSRF_HEADER = 'x-csrf-token'

export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url')
}

/**
 * Database-backed sessions: HttpOnly, SameSite=Lax, Secure whenever the request arrived over
 * HTTPS (directly or through a trusted proxy); rolling expiry gives the idle timeout, and
 * `startedAt` the absolute one.
 */
export async function createSessionMiddleware(knex: Knex, config: Config): Promise<RequestHandler[]> {
  const secret =
    config.sessionSecret ??
    (await createAuthQueries(knex).sessionSecret(randomBytes(48).toString('base64url')))
  const idleMs = config.sessionIdleTimeoutMinutes * 60_000
  const absoluteMs = config.sessionAbsoluteTimeoutHours * 3_600_000
  const sessions = session({
    name: SESSION_COOKIE,
    secret,
    store: new KnexSessionStore(knex, idleMs),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    proxy: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: idleMs, path: '/' },
  })
  const absoluteTimeout: RequestHandler = (req, _res, next) => {
    const started = req.session.startedAt
    if (started && Date.now() - started > absoluteMs) {
      req.session.regenerate((err) => next(err))
      return
    }
    next()
  }
  return [sessions, absoluteTimeout]
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Every state-changing API request must echo the session's CSRF token in X-CSRF-Token
 * (fetched from GET /api/auth/session). A cross-site form cannot set that header.
 */
export const csrfProtection: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method)) return next()
  const expected = req.session?.csrfToken
  const given = req.get(CSRF_HEADER)
  const valid =
    typeof expected === 'string' &&
    typeof given === 'string' &&
    given.length === expected.length &&
    timingSafeEqual(Buffer.from(given), Buffer.from(expected))
  if (!valid) {
    next(
      new HttpError(
        403,
        'CsrfTokenInvalid',
        'Missing or invalid X-CSRF-Token header: get the token from GET /api/auth/session and send it with every change',
      ),
    )
    return
  }
  next()
}

/** 401 when signed out, 403 when the role is not one of `roles`. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    const role = req.session?.role
    if (!req.session?.userId || !role) {
      next(new HttpError(401, 'Unauthenticated', 'Sign in to do this'))
      return
    }
    if (!roles.includes(role)) {
      next(new HttpError(403, 'Forbidden', `This needs one of these roles: ${roles.join(', ')}`))
      return
    }
    next()
  }
}

/**
 * The session middleware needs the signing secret, which may live in the database; createApp
 * stays synchronous by building it on the first request (a failure is retried next time).
 */
export function lazySessionMiddleware(knex: Knex, config: Config): RequestHandler {
  let handlers: Promise<RequestHandler[]> | undefined
  return (req, res, next) => {
    handlers ??= createSessionMiddleware(knex, config).catch((err) => {
      handlers = undefined
      throw err
    })
    handlers
      .then(([sessions, absoluteTimeout]) => {
        sessions?.(req, res, (err?: unknown) => (err ? next(err) : absoluteTimeout?.(req, res, next)))
      })
      .catch(next)
  }
}

import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { RequestHandler } from 'express'
import session from 'express-session'
import type { Knex } from 'knex'
import type { Config } from '../lib/config'
import { HttpError } from '../lib/errors'
import { type AuthQueries, createAuthQueries } from './auth-queries'
import type { Role } from './auth-schemas'
import { createAnonymousCsrf } from './csrf'
import { KnexSessionStore } from './session-store'

export const SESSION_COOKIE = 'atlas.sid'
export const CSRF_HEADER = 'x-csrf-token'

export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url')
}

/**
 * Database-backed sessions: HttpOnly, SameSite=Lax, Secure whenever the request arrived over
 * HTTPS (directly or through a proxy named by TRUST_PROXY); rolling expiry gives the idle timeout,
 * and `startedAt` the absolute one. Nothing is stored until there is something to keep (a sign-in,
 * a suggestion form): a signed-out visitor's CSRF token lives in a cookie (server/auth/csrf.ts).
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
    cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: idleMs, path: '/' },
  })
  const anonymousCsrf = createAnonymousCsrf(secret)
  const absoluteTimeout: RequestHandler = (req, _res, next) => {
    req.anonymousCsrf = anonymousCsrf
    const started = req.session.startedAt
    if (started && Date.now() - started > absoluteMs) {
      req.session.regenerate((err) => next(err))
      return
    }
    next()
  }
  return [sessions, absoluteTimeout, currentAccount(createAuthQueries(knex))]
}

const accountChecked = Symbol('accountChecked')

/**
 * Every signed-in request acts on the account as it is now, not as it was at sign-in: the role
 * is read afresh (one primary-key lookup, no cache), and a disabled or removed account's session
 * is signed out on the spot. So `req.session.role` is always the current role.
 */
function currentAccount(queries: AuthQueries): RequestHandler {
  return (req, _res, next) => {
    const marked = req as typeof req & { [accountChecked]?: boolean }
    const userId = req.session?.userId
    if (!userId || marked[accountChecked]) return next()
    marked[accountChecked] = true
    queries
      .accountState(userId)
      .then((account) => {
        if (!account || account.disabled_at) {
          delete req.session.userId
          delete req.session.role
        } else if (req.session.role !== account.role) {
          req.session.role = account.role
        }
        next()
      })
      .catch(next)
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Every state-changing API request must echo the CSRF token in X-CSRF-Token (fetched from
 * GET /api/auth/session). A cross-site form cannot set that header. A session that holds a token
 * (every signed-in one) is checked against it; a visitor without one against the signed cookie.
 */
export const csrfProtection: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method)) return next()
  const expected = req.session?.csrfToken
  const given = req.get(CSRF_HEADER)
  const valid =
    typeof expected === 'string'
      ? typeof given === 'string' &&
        given.length === expected.length &&
        timingSafeEqual(Buffer.from(given), Buffer.from(expected))
      : req.anonymousCsrf?.verify(req, given) === true
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
      .then((chain) => {
        const run = (i: number) => (err?: unknown) => {
          const handler = chain[i]
          if (err || !handler) return next(err)
          handler(req, res, run(i + 1))
        }
        run(0)()
      })
      .catch(next)
  }
}

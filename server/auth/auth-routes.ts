import type { Request, Response } from 'express'
import { defineRoute, type RouteDefinition } from '../lib/route-table'
import { newCsrfToken } from './auth-middleware'
import { createUserBodySchema, loginBodySchema, updateUserBodySchema, userIdSchema } from './auth-schemas'
import type { AuthService } from './auth-service'

/**
 * A signed-in session keeps its own token; a visitor gets one from the signed cookie, so asking
 * for it stores no session (a stored session without a token keeps using the cookie's).
 */
function csrfTokenFor(req: Request, res: Response): string {
  if (req.session.csrfToken) return req.session.csrfToken
  if (req.session.userId) {
    req.session.csrfToken = newCsrfToken()
    return req.session.csrfToken
  }
  if (!req.anonymousCsrf) throw new Error('the session middleware must run before the auth routes')
  return req.anonymousCsrf.token(req, res)
}

export function authRoutes(auth: AuthService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/auth/session',
      tags: ['Accounts'],
      summary: 'The current session (signed in or not) and its CSRF token',
      responses: { 200: { description: 'Session and CSRF token' } },
      async handler(_input, req, res) {
        const user = req.session.userId ? await auth.currentUser(req.session.userId) : undefined
        if (req.session.userId && !user) {
          // The account was disabled or removed since sign-in.
          delete req.session.userId
          delete req.session.role
        }
        // A provider-role account also learns which records it is linked to (what the admin screens list).
        const providers = user ? await auth.linkedProviders(user) : []
        res
          .set('Cache-Control', 'no-store')
          .json({ user: user ?? null, providers, csrfToken: csrfTokenFor(req, res) })
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/login',
      tags: ['Accounts'],
      summary: 'Sign in',
      body: loginBodySchema,
      responses: {
        200: { description: 'Signed in' },
        401: { description: 'Email or password is incorrect' },
        429: {
          description: 'Too many failed sign-ins from this address or for this account; see Retry-After',
        },
      },
      async handler({ body }, req, res) {
        const { user, remaining } = await auth.login(body.email, body.password, req.ip ?? 'unknown')
        // A new session id and CSRF token on sign-in (no session fixation).
        await new Promise<void>((resolve, reject) =>
          req.session.regenerate((err) => (err ? reject(err) : resolve())),
        )
        req.session.userId = user.id
        req.session.role = user.role
        req.session.startedAt = Date.now()
        const csrfToken = csrfTokenFor(req, res)
        const providers = await auth.linkedProviders(user)
        res.set('RateLimit-Remaining', String(remaining)).json({ user, providers, csrfToken })
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/logout',
      tags: ['Accounts'],
      summary: 'Sign out',
      responses: { 200: { description: 'Signed out' } },
      async handler(_input, req, res) {
        await new Promise<void>((resolve, reject) =>
          req.session.destroy((err) => (err ? reject(err) : resolve())),
        )
        res.clearCookie('atlas.sid', { path: '/' }).status(204).end()
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/users',
      tags: ['Accounts'],
      summary: 'List accounts',
      roles: ['admin'],
      responses: { 200: { description: 'Accounts' } },
      async handler(_input, _req, res) {
        res.json({ items: await auth.listUsers() })
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/users',
      tags: ['Accounts'],
      summary: 'Create an account',
      roles: ['admin'],
      body: createUserBodySchema,
      responses: { 201: { description: 'The new account' } },
      async handler({ body }, _req, res) {
        const created = await auth.createUser(body)
        res
          .status(201)
          .json(created.password ? { ...created.user, generatedPassword: created.password } : created.user)
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/users/{id}',
      tags: ['Accounts'],
      summary: 'Change an account (role, active, password)',
      roles: ['admin'],
      params: userIdSchema,
      body: updateUserBodySchema,
      responses: { 200: { description: 'The account' } },
      async handler({ params, body }, _req, res) {
        res.json(await auth.updateUser(params.id, body))
      },
    }),
  ]
}

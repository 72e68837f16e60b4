import { type Request, type Response, Router } from 'express'
import { parseOrThrow } from '../lib/errors'
import { newCsrfToken, requireRole } from './auth-middleware'
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

export function authRoutes(auth: AuthService): Router {
  const router = Router()

  router.get('/auth/session', async (req, res) => {
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
  })

  router.post('/auth/login', async (req, res) => {
    const body = parseOrThrow(loginBodySchema, req.body, 'body')
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
  })

  router.post('/auth/logout', async (req, res) => {
    await new Promise<void>((resolve, reject) =>
      req.session.destroy((err) => (err ? reject(err) : resolve())),
    )
    res.clearCookie('atlas.sid', { path: '/' }).status(204).end()
  })

  router.get('/users', requireRole('admin'), async (_req, res) => {
    res.json({ items: await auth.listUsers() })
  })

  router.post('/users', requireRole('admin'), async (req, res) => {
    const body = parseOrThrow(createUserBodySchema, req.body, 'body')
    const created = await auth.createUser(body)
    res
      .status(201)
      .json(created.password ? { ...created.user, generatedPassword: created.password } : created.user)
  })

  router.patch('/users/:id', requireRole('admin'), async (req, res) => {
    const { id } = parseOrThrow(userIdSchema, req.params, 'path')
    const body = parseOrThrow(updateUserBodySchema, req.body, 'body')
    res.json(await auth.updateUser(id, body))
  })

  return router
}

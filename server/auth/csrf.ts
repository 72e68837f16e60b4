import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Request, Response } from 'express'

export const CSRF_COOKIE = 'atlas.csrf'

/**
 * The CSRF token of a visitor who has no stored session yet (OWASP's signed double-submit
 * cookie): a random nonce in an HttpOnly cookie, and the token is an HMAC of it under the session
 * secret. Signing in needs a token, but fetching one stores nothing in the database — sessions are
 * only written once there is something to keep (issue 13, §7: one row per anonymous request).
 */
export interface AnonymousCsrf {
  /** The token for this visitor, setting the nonce cookie when it has none. */
  token(req: Request, res: Response): string
  /** Whether `given` is this visitor's token. */
  verify(req: Request, given: string | undefined): boolean
}

declare module 'express-serve-static-core' {
  interface Request {
    anonymousCsrf?: AnonymousCsrf
  }
}

const NONCE = /^[\w-]{43}$/

function nonceOf(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === CSRF_COOKIE) {
      const value = part.slice(eq + 1).trim()
      return NONCE.test(value) ? value : undefined
    }
  }
  return undefined
}

export function createAnonymousCsrf(secret: string): AnonymousCsrf {
  const sign = (nonce: string) => createHmac('sha256', secret).update(`csrf\n${nonce}`).digest('base64url')
  return {
    token(req, res) {
      let nonce = nonceOf(req)
      if (!nonce) {
        nonce = randomBytes(32).toString('base64url')
        res.cookie(CSRF_COOKIE, nonce, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' })
      }
      return sign(nonce)
    },
    verify(req, given) {
      const nonce = nonceOf(req)
      if (!nonce || typeof given !== 'string') return false
      const expected = Buffer.from(sign(nonce))
      const actual = Buffer.from(given)
      return actual.length === expected.length && timingSafeEqual(actual, expected)
    },
  }
}

import { type Request, type RequestHandler, Router } from 'express'

/**
 * Set on a browser that has just written (any request that is not GET/HEAD/OPTIONS): while it is
 * present that browser's reads go to the primary, so an editor who saves a record and opens it
 * again sees the change even if the replica has not replayed it yet (read-your-writes).
 */
export const PRIMARY_COOKIE = 'atlas.primary'

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

function hasPrimaryCookie(req: Request): boolean {
  const header = req.headers.cookie
  if (!header) return false
  return header.split(';').some((part) => part.trim().startsWith(`${PRIMARY_COOKIE}=`))
}

/** A write, or a read by a browser that wrote within the sticky window: served by the primary. */
export function needsPrimary(req: Request): boolean {
  return !safeMethods.has(req.method) || hasPrimaryCookie(req)
}

/** Marks the browser behind every write so its next reads stay on the primary for `seconds`. */
export function stickToPrimaryAfterWrites(seconds: number): RequestHandler {
  return (req, res, next) => {
    if (seconds > 0 && !safeMethods.has(req.method)) {
      res.cookie(PRIMARY_COOKIE, '1', {
        maxAge: seconds * 1000,
        httpOnly: true,
        sameSite: 'lax',
        secure: req.secure,
        path: '/',
      })
    }
    next()
  }
}

/**
 * The replica's copy of some read routes. Requests that need the primary leave this router
 * (`next('router')`) and reach the primary's copy of the same routes mounted right after it.
 */
export function onReplica(...routers: Router[]): Router {
  const replica = Router()
  replica.use((req, _res, next) => (needsPrimary(req) ? next('router') : next()))
  for (const router of routers) replica.use(router)
  return replica
}

import type { Request, RequestHandler, Response } from 'express'

export interface LoadSheddingOptions {
  /** Requests handled at once; more wait in the queue. */
  maxInFlight: number
  /** Requests allowed to wait; beyond that a request is refused at once. */
  maxQueue: number
  /** The longest a request waits in the queue before it is refused. */
  queueTimeoutMs: number
  /** Retry-After (seconds) on a refusal. */
  retryAfterSeconds?: number
  /** Paths (req.path as seen by the middleware) never limited: liveness and readiness. */
  exempt?: readonly string[]
}

export interface LoadShedder {
  middleware: RequestHandler
  /** Current counts, for tests and logs. */
  stats(): { inFlight: number; queued: number; shed: number }
}

interface Waiter {
  start(): void
  timer: NodeJS.Timeout
  res: Response
}

/**
 * A concurrency limit in front of the API. Up to `maxInFlight` requests run; up to `maxQueue` more
 * wait (first come, first served) for at most `queueTimeoutMs`; anything else gets an immediate
 * `503` in the one error shape with `Retry-After`. A fast refusal keeps latency bounded for the
 * requests that are admitted: without it every request queues for a database connection and all of
 * them slow down together until clients time out. A slot is released when the response finishes
 * or the client goes away, whichever comes first.
 */
export function createLoadShedder(options: LoadSheddingOptions): LoadShedder {
  const retryAfter = String(options.retryAfterSeconds ?? 1)
  const exempt = new Set(options.exempt ?? [])
  let inFlight = 0
  let shed = 0
  const queue: Waiter[] = []

  const refuse = (res: Response, message: string) => {
    shed++
    if (res.headersSent || res.writableEnded) return
    res.set('Retry-After', retryAfter)
    res.status(503).json({ error: { name: 'ServiceUnavailable', message } })
  }

  const release = () => {
    inFlight--
    while (queue.length > 0 && inFlight < options.maxInFlight) {
      const waiter = queue.shift() as Waiter
      clearTimeout(waiter.timer)
      // A client that gave up while queued needs no slot.
      if (waiter.res.destroyed || waiter.res.writableEnded) continue
      waiter.start()
    }
  }

  const admit = (res: Response, next: () => void) => {
    inFlight++
    let released = false
    const done = () => {
      if (released) return
      released = true
      release()
    }
    res.once('finish', done)
    res.once('close', done)
    next()
  }

  const middleware: RequestHandler = (req: Request, res, next) => {
    if (exempt.has(req.path)) return next()
    if (inFlight < options.maxInFlight && queue.length === 0) return admit(res, next)
    if (queue.length >= options.maxQueue) {
      return refuse(res, 'The server is busy; try again shortly')
    }
    const waiter: Waiter = {
      res,
      start: () => admit(res, next),
      timer: setTimeout(() => {
        const at = queue.indexOf(waiter)
        if (at >= 0) queue.splice(at, 1)
        refuse(res, 'The server is busy; try again shortly')
      }, options.queueTimeoutMs),
    }
    queue.push(waiter)
    res.once('close', () => {
      const at = queue.indexOf(waiter)
      if (at >= 0) {
        queue.splice(at, 1)
        clearTimeout(waiter.timer)
      }
    })
  }

  return { middleware, stats: () => ({ inFlight, queued: queue.length, shed }) }
}

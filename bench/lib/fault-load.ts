import http from 'node:http'
import autocannon from 'autocannon'
import { errorBodySchema } from '../../server/lib/errors'

/**
 * Load for the resilience bench, with every answer classified: a 200; a refusal (429/503 with
 * Retry-After and the one error shape — what load shedding, a database fault and a shutdown are
 * meant to answer); anything else (a bad answer); and socket errors and timeouts. Each carries the
 * time it completed (ms after the load started), so a fault injected mid-load can be lined up with
 * what the clients saw.
 */

export interface Answer {
  /** ms after the load started that the answer completed. */
  at: number
  /** Response time in ms. */
  ms: number
  status: number
}

export interface LoadReport {
  answers: Answer[]
  ok: number
  /** 429/503 with Retry-After in the error shape. */
  refusals: Answer[]
  /** Any other non-200, or a 429/503 without Retry-After or the shape; `detail` says which. */
  bad: Array<Answer & { detail: string }>
  /** Socket errors and timeouts, with the time they were seen. */
  errors: Array<{ at: number; message: string }>
  timeouts: number
  seconds: number
}

export interface LoadOptions {
  url: string
  paths: readonly string[]
  seconds: number
  connections: number
  /** Requests per second offered by all connections together (open loop); none: back to back. */
  overallRate?: number
  /** Seconds before a request counts as timed out (autocannon resets its connection). */
  timeoutSeconds?: number
}

export interface RunningLoad {
  /** performance.now() when the load started: `at` values count from here. */
  startedAt: number
  done: Promise<LoadReport>
}

function headerOf(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value
  }
  return undefined
}

/** Why an answer that is not a 200 is not a proper refusal, or undefined when it is one. */
export function refusalProblem(
  status: number,
  retryAfter: string | undefined,
  body: string,
): string | undefined {
  if (status !== 429 && status !== 503) return `HTTP ${status}: ${body.slice(0, 200)}`
  if (!retryAfter || !/^\d+$/.test(retryAfter)) return `HTTP ${status} without Retry-After`
  try {
    if (!errorBodySchema.safeParse(JSON.parse(body)).success) return `HTTP ${status} not in the error shape`
  } catch {
    return `HTTP ${status} with a body that is not JSON: ${body.slice(0, 200)}`
  }
  return undefined
}

/** autocannon over `paths` (cycled), every answer classified; starts at once. */
export function startLoad(options: LoadOptions): RunningLoad {
  const startedAt = performance.now()
  const at = () => performance.now() - startedAt
  let next = 0
  // onResponse (status, body, headers) runs just before the 'response' event (latency) of the same
  // answer on the same connection: the verdict waits there for its time.
  const verdicts = new WeakMap<object, string | undefined>()
  const report: LoadReport = {
    answers: [],
    ok: 0,
    refusals: [],
    bad: [],
    errors: [],
    timeouts: 0,
    seconds: 0,
  }
  const done = new Promise<LoadReport>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        timeout: options.timeoutSeconds ?? 10,
        ...(options.overallRate ? { overallRate: Math.max(1, Math.round(options.overallRate)) } : {}),
        requests: [
          {
            setupRequest: (request) => {
              const path = options.paths[next % options.paths.length] as string
              next++
              return { ...request, path }
            },
            onResponse: (status, body, context, headers) => {
              if (status === 200) return
              const problem = refusalProblem(status, headerOf(headers ?? {}, 'retry-after'), body)
              verdicts.set(context, problem)
            },
          },
        ],
      },
      (err, result) => {
        if (err) {
          reject(err)
          return
        }
        report.timeouts = result.timeouts
        report.seconds = result.duration
        resolve(report)
      },
    )
    instance.on('response', (client, status, _bytes, ms) => {
      const answer = { at: at(), ms, status }
      report.answers.push(answer)
      if (status === 200) {
        report.ok++
        return
      }
      const context = (client as unknown as { requestIterator?: { context?: object } }).requestIterator
        ?.context
      const problem = context ? verdicts.get(context) : 'no verdict'
      if (problem === undefined) report.refusals.push(answer)
      else report.bad.push({ ...answer, detail: problem })
    })
    instance.on('reqError', (err) => report.errors.push({ at: at(), message: err.message }))
  })
  return { startedAt, done }
}

/**
 * Open loop on node:http: `rate` requests per second, spread evenly (a batch every 5 ms), whatever
 * the answers' speed, on a keep-alive agent with as many sockets as are needed. autocannon's
 * `overallRate` is not used for this: it gives each connection a whole number of requests per
 * second, released together at each second's tick, which turns an even 2× into bursts.
 */
export function startOpenLoad(options: {
  url: string
  paths: readonly string[]
  seconds: number
  rate: number
  timeoutMs?: number
}): RunningLoad {
  const startedAt = performance.now()
  const at = () => performance.now() - startedAt
  const timeoutMs = options.timeoutMs ?? 10_000
  const agent = new http.Agent({ keepAlive: true, scheduling: 'fifo', maxFreeSockets: 10_000 })
  const report: LoadReport = {
    answers: [],
    ok: 0,
    refusals: [],
    bad: [],
    errors: [],
    timeouts: 0,
    seconds: 0,
  }
  let sent = 0
  let outstanding = 0
  const one = () => {
    const path = options.paths[sent % options.paths.length] as string
    sent++
    outstanding++
    const t0 = performance.now()
    const finish = () => {
      outstanding--
    }
    const req = http.get(`${options.url}${path}`, { agent }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        if (res.statusCode !== 200) body += chunk
      })
      res.on('end', () => {
        const status = res.statusCode ?? 0
        const answer = { at: at(), ms: performance.now() - t0, status }
        report.answers.push(answer)
        if (status === 200) report.ok++
        else {
          const retryAfter = res.headers['retry-after']
          const problem = refusalProblem(status, Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, body)
          if (problem === undefined) report.refusals.push(answer)
          else report.bad.push({ ...answer, detail: problem })
        }
        finish()
      })
    })
    req.setTimeout(timeoutMs, () => {
      report.timeouts++
      req.destroy(new Error(`no answer within ${timeoutMs} ms`))
    })
    req.on('error', (err) => {
      report.errors.push({ at: at(), message: (err as NodeJS.ErrnoException).code ?? err.message })
      finish()
    })
  }
  const done = new Promise<LoadReport>((resolve) => {
    const ticker = setInterval(() => {
      const elapsed = at()
      if (elapsed < options.seconds * 1000) {
        const due = Math.floor((elapsed * options.rate) / 1000) - sent
        for (let i = 0; i < due; i++) one()
        return
      }
      if (outstanding > 0 && elapsed < options.seconds * 1000 + timeoutMs + 1000) return
      clearInterval(ticker)
      agent.destroy()
      report.seconds = options.seconds
      resolve(report)
    }, 5)
  })
  return { startedAt, done }
}

/** One request of the probe client: when it was sent and how it ended. */
export interface ProbeRequest {
  sentAt: number
  endedAt: number
  status?: number
  /** A socket error's code (ECONNREFUSED, ECONNRESET...) or message. */
  error?: string
  /** Sent on a kept-alive socket that had carried an earlier request. */
  reusedSocket: boolean
  /** For a non-200: why it is not a proper refusal, if it is not one. */
  problem?: string
}

/**
 * Closed-loop clients on node:http with keep-alive, each sending its next request when the last one
 * ended, every request kept with its send time and outcome. For shutdown, where autocannon cannot
 * tell: when a socket ends before its answer, autocannon reconnects and counts nothing, and it
 * cannot say whether a failed request had been sent before a signal or after.
 */
export function startProbeClients(url: string, paths: readonly string[], clients: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients })
  const requests: ProbeRequest[] = []
  let stopped = false
  let next = 0
  const one = () =>
    new Promise<void>((resolve) => {
      const path = paths[next++ % paths.length] as string
      const sentAt = performance.now()
      const req = http.get(`${url}${path}`, { agent }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          if (res.statusCode !== 200) body += chunk
        })
        res.on('end', () => {
          const status = res.statusCode ?? 0
          const retryAfter = res.headers['retry-after']
          requests.push({
            sentAt,
            endedAt: performance.now(),
            status,
            reusedSocket: req.reusedSocket,
            ...(status === 200 ? {} : { problem: refusalProblem(status, retryAfter, body) }),
          })
          resolve()
        })
        res.on('error', (err) => {
          requests.push({
            sentAt,
            endedAt: performance.now(),
            error: (err as NodeJS.ErrnoException).code ?? err.message,
            reusedSocket: req.reusedSocket,
          })
          resolve()
        })
      })
      req.on('error', (err) => {
        requests.push({
          sentAt,
          endedAt: performance.now(),
          error: (err as NodeJS.ErrnoException).code ?? err.message,
          reusedSocket: req.reusedSocket,
        })
        // A refused connection: do not spin.
        setTimeout(resolve, 20)
      })
    })
  const loops = Array.from({ length: clients }, async () => {
    while (!stopped) await one()
  })
  return {
    requests,
    async stop() {
      stopped = true
      await Promise.all(loops)
      agent.destroy()
    },
  }
}

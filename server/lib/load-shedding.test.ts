import http from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterEach, describe, expect, test } from 'vitest'
import { createLoadShedder, type LoadSheddingOptions } from './load-shedding'

interface Held {
  release(): void
}

/**
 * An app whose /api/slow answers only when the test releases it, behind the shedder; /api/health is
 * exempt. Requests are plain http so several can be outstanding at once.
 */
async function harness(options: Omit<LoadSheddingOptions, 'exempt'>) {
  const held: Held[] = []
  const app = express()
  const shedder = createLoadShedder({ ...options, exempt: ['/health'] })
  app.use('/api', shedder.middleware)
  app.get('/api/slow', (_req, res) => {
    held.push({ release: () => res.json({ ok: true }) })
  })
  app.get('/api/health', (_req, res) => {
    res.json({ status: 'ok' })
  })
  const server = http.createServer(app)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const get = (path: string) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: unknown; ms: number }>(
      (resolve, reject) => {
        const started = Date.now()
        http
          .get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
            let text = ''
            res.on('data', (d) => {
              text += d
            })
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                body: JSON.parse(text),
                ms: Date.now() - started,
              }),
            )
          })
          .on('error', reject)
      },
    )
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5))
    expect(check()).toBe(true)
  }
  return {
    port,
    held,
    shedder,
    get,
    until,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

let close: (() => Promise<void>) | undefined
afterEach(async () => {
  await close?.()
  close = undefined
})

describe('load shedding', () => {
  test('beyond in-flight + queue, a request is refused at once with 503, Retry-After and the error shape', async () => {
    const h = await harness({ maxInFlight: 2, maxQueue: 1, queueTimeoutMs: 10_000 })
    close = h.close
    const admitted = [h.get('/api/slow'), h.get('/api/slow')]
    await h.until(() => h.held.length === 2)
    const queued = h.get('/api/slow')
    await h.until(() => h.shedder.stats().queued === 1)

    const refused = await h.get('/api/slow')
    expect(refused.status).toBe(503)
    expect(refused.headers['retry-after']).toBe('1')
    expect(refused.body).toEqual({
      error: { name: 'ServiceUnavailable', message: 'The server is busy; try again shortly' },
    })
    expect(refused.ms).toBeLessThan(1000)
    expect(h.shedder.stats()).toEqual({ inFlight: 2, queued: 1, shed: 1 })

    // Health is never limited.
    expect((await h.get('/api/health')).status).toBe(200)

    // Releasing one admitted request lets the queued one in; all three then succeed.
    h.held[0]?.release()
    await h.until(() => h.held.length === 3)
    expect(h.shedder.stats()).toMatchObject({ inFlight: 2, queued: 0 })
    for (const held of h.held.slice(1)) held.release()
    const answers = await Promise.all([...admitted, queued])
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200])
    await h.until(() => h.shedder.stats().inFlight === 0)
  })

  test('a queued request that waits longer than the queue timeout is refused with 503, not left hanging', async () => {
    const h = await harness({ maxInFlight: 1, maxQueue: 10, queueTimeoutMs: 150 })
    close = h.close
    const first = h.get('/api/slow')
    await h.until(() => h.held.length === 1)
    const waited = await h.get('/api/slow')
    expect(waited.status).toBe(503)
    expect(waited.headers['retry-after']).toBe('1')
    expect(waited.ms).toBeGreaterThanOrEqual(140)
    expect(h.shedder.stats()).toEqual({ inFlight: 1, queued: 0, shed: 1 })
    h.held[0]?.release()
    expect((await first).status).toBe(200)
    // The slot is free again: the next request is admitted.
    const next = h.get('/api/slow')
    await h.until(() => h.held.length === 2)
    h.held[1]?.release()
    expect((await next).status).toBe(200)
  })

  test('a client that disconnects frees its slot; one that gives up while queued is skipped', async () => {
    const h = await harness({ maxInFlight: 1, maxQueue: 5, queueTimeoutMs: 10_000 })
    close = h.close
    const first = h.get('/api/slow')
    await h.until(() => h.held.length === 1)
    // A queued request whose client goes away.
    const gone = http.get({ host: '127.0.0.1', port: h.port, path: '/api/slow', agent: false })
    gone.on('error', () => {})
    await h.until(() => h.shedder.stats().queued === 1)
    gone.destroy()
    await h.until(() => h.shedder.stats().queued === 0)
    h.held[0]?.release()
    expect((await first).status).toBe(200)
    await h.until(() => h.shedder.stats().inFlight === 0)
    // The abandoned request never ran.
    expect(h.held).toHaveLength(1)
  })
})

import request from 'supertest'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { currentEngine } from '../../test/helpers/engines'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import type { Config } from './config'
import type { Database } from './db'
import { createLogger } from './logger'

let db: Database
beforeAll(async () => {
  db = await openTestDatabase()
})
afterAll(async () => {
  await db?.close()
})

const TOKEN = 'csrf-token-that-must-not-be-logged-0123456789'

/** The app with its log captured, in the given format. */
function appLogging(logFormat: Config['logFormat']) {
  const lines: string[] = []
  const config = testConfig({ logLevel: 'info', logFormat })
  const logger = createLogger(config, { write: (text) => lines.push(text) })
  return { app: createApp({ db, config, logger }), log: () => lines.join('') }
}

/** Requests that carry a caller's postcode, point or words, and a CSRF token header. */
async function identifyingRequests(app: ReturnType<typeof createApp>): Promise<void> {
  const signpost = await request(app)
    .get('/api/signpost?postcode=BD1%201HY&function=training')
    .set('x-csrf-token', TOKEN)
  expect(signpost.status).toBe(200)
  expect((await request(app).get('/api/geo/postcodes/BD1%201HY')).status).toBe(200)
  expect((await request(app).get('/api/providers?q=manningham&lat=53.79232&lng=-1.75329')).status).toBe(200)
  // A write with a token that does not match: refused, and logged without the token.
  const post = await request(app).post('/api/enquiries').set('x-csrf-token', TOKEN).send({})
  expect(post.status).toBe(403)
}

describe(`request logs on the ${currentEngine()} engine`, () => {
  test.each(['text', 'json'] as const)(
    'LOG_FORMAT=%s: no CSRF token, postcode, point or search words in the log; one entry per request',
    async (format) => {
      const { app, log } = appLogging(format)
      await identifyingRequests(app)
      const text = log()
      for (const secret of [TOKEN, 'BD1', 'bd1', '1HY', 'manningham', '53.79', '-1.753', 'cookie']) {
        expect(text).not.toContain(secret)
      }
      expect(text).toContain('/api/signpost?postcode=*&function=training')
      expect(text).toContain('/api/geo/postcodes/*')
      expect(text).toContain('/api/providers?q=*&lat=*&lng=*')
      const entries = text.trimEnd().split('\n')
      expect(entries).toHaveLength(4)
      if (format === 'text') {
        expect(entries[0]).toMatch(
          /^\d\d:\d\d:\d\d GET \/api\/signpost\?postcode=\*&function=training 200 \d+ ms$/,
        )
        expect(entries[3]).toMatch(/^\d\d:\d\d:\d\d POST \/api\/enquiries 403 \d+ ms$/)
      } else {
        const first = JSON.parse(entries[0] ?? '')
        expect(first).toMatchObject({
          level: 30,
          req: { method: 'GET', url: '/api/signpost?postcode=*&function=training' },
          res: { statusCode: 200 },
          msg: 'request completed',
        })
        expect(Object.keys(first.req).sort()).toEqual(['id', 'method', 'url'])
        expect(Object.keys(first.res)).toEqual(['statusCode'])
      }
    },
  )
})

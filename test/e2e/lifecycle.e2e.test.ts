import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import knexFactory from 'knex'
import { afterAll, describe, expect, test } from 'vitest'
import { openDatabase } from '../../server/lib/db'
import { runServerToExit, startServerProcess } from '../helpers/app-process'
import { uniqueDbName, withDatabase } from '../helpers/engines'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-lifecycle-'))
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))

// The lifecycle is about the process, not the demo content: skip the (slow) demo seed.
const embeddedEnv = { DATA_DIR: dataDir, SEED_DEMO: 'never' }

/** Opens the embedded data directory directly (the server must be stopped: it is locked). */
async function withEmbedded<T>(fn: (knex: ReturnType<typeof knexFactory>) => Promise<T>): Promise<T> {
  const db = await openDatabase({
    databaseUrl: undefined,
    databasePoolMax: 1,
    databaseConnectTimeoutMs: 10_000,
    dataDir,
  })
  try {
    return await fn(db.knex)
  } finally {
    await db.close()
  }
}

/** A POST whose body arrives in two halves, so the request is in flight while we signal. */
function slowRequest(url: string): { sendRest(): void; response: Promise<{ status: number; body: string }> } {
  const body = JSON.stringify({ note: 'x'.repeat(2000) })
  const req = http.request(`${url}/api/health`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  })
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = ''
      res.on('data', (d) => {
        text += d
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
    })
    req.on('error', reject)
  })
  req.write(body.slice(0, 1000))
  return { sendRest: () => req.end(body.slice(1000)), response }
}

describe('process lifecycle (embedded engine)', () => {
  test('bad configuration exits non-zero with one line naming the problem', async () => {
    const bad = await runServerToExit({ ...embeddedEnv, PORT: 'abc' })
    expect(bad.code).not.toBe(0)
    expect(bad.stderr.trim()).toBe(
      'Support Atlas could not start: Invalid configuration: PORT must be a whole number from 0 to 65535 (got "abc")',
    )
    const unreachable = await runServerToExit({ DATABASE_URL: 'postgres://atlas@127.0.0.1:1/atlas' })
    expect(unreachable.code).not.toBe(0)
    const lines = unreachable.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^Support Atlas could not start: Cannot connect to the database at postgres:\/\/atlas@127\.0\.0\.1:1\/atlas: /,
    )
  })

  test('SIGTERM lets an in-flight request finish; a second process on the same DATA_DIR is refused; restart keeps the data', async () => {
    const first = await startServerProcess(embeddedEnv)
    const ready = await fetch(`${first.url}/api/ready`).then((r) => r.json())
    expect(ready).toMatchObject({ status: 'ready', engine: 'embedded', migrations: 'current' })

    const second = await runServerToExit(embeddedEnv)
    expect(second.code).not.toBe(0)
    expect(second.stderr).toContain('is in use by another Support Atlas process')

    const inFlight = slowRequest(first.url)
    await new Promise((r) => setTimeout(r, 200))
    first.child.kill('SIGTERM')
    await new Promise((r) => setTimeout(r, 300))
    inFlight.sendRest()
    const answered = await inFlight.response
    // (A POST without a CSRF token: the full body was read and answered after the signal.)
    expect(answered.status).toBe(403)
    expect(JSON.parse(answered.body).error.name).toBe('CsrfTokenInvalid')
    expect(await first.exited).toBe(0)

    const migrations = await withEmbedded(async (knex) => {
      await knex.schema.createTable('lifecycle_marker', (t) => {
        t.text('note').primary()
      })
      await knex('lifecycle_marker').insert({ note: 'written between runs' })
      return (await knex('knex_migrations').count({ n: '*' }))[0]?.n
    })

    const restarted = await startServerProcess(embeddedEnv)
    expect(await fetch(`${restarted.url}/api/ready`).then((r) => r.json())).toMatchObject({ status: 'ready' })
    expect(await restarted.stop('SIGTERM')).toBe(0)

    await withEmbedded(async (knex) => {
      expect(await knex('lifecycle_marker').select('note')).toEqual([{ note: 'written between runs' }])
      expect((await knex('knex_migrations').count({ n: '*' }))[0]?.n).toBe(migrations)
    })
  })
})

describe.skipIf(!process.env.TEST_DATABASE_URL)('process lifecycle (server engine)', () => {
  test('DATABASE_URL selects the server engine', async () => {
    const adminUrl = process.env.TEST_DATABASE_URL as string
    const admin = knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } })
    const name = uniqueDbName('sa_lifecycle')
    await admin.raw(`CREATE DATABASE ${name}`)
    try {
      const app = await startServerProcess({ DATABASE_URL: withDatabase(adminUrl, name), SEED_DEMO: 'never' })
      const ready = await fetch(`${app.url}/api/ready`).then((r) => r.json())
      expect(ready).toMatchObject({ status: 'ready', engine: 'server', migrations: 'current' })
      expect(ready.postgis).toMatch(/^3\./)
      expect(await app.stop()).toBe(0)
    } finally {
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.destroy()
    }
  })
})

import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import net from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildDemoDirectory } from '../../seeds/demo/demo-directory'
import { currentEngine } from '../../test/helpers/engines'
import { repoRoot, testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { createApp } from '../app'
import { seedDirectory } from '../directory/directory-seed'
import type { Database } from '../lib/db'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'

/**
 * The official ORUK validator's test profile, run through Stoplight Prism in proxy mode with
 * --errors in front of the app, both on loopback: Prism checks every request and answer against
 * ../shared/oruk/3.0/openapi.json and its schemas, turns a violating answer into a 500 and lists
 * the violations in an `sl-violations` header and its log. Any violation fails the test.
 */
const SPEC = path.join(repoRoot, '../shared/oruk/3.0/openapi.json')
const PRISM = path.join(repoRoot, 'node_modules/@stoplight/prism-cli/dist/index.js')
const PRISM_START_TIMEOUT_MS = 60_000
const REQUEST_TIMEOUT_MS = 30_000

let db: Database
let server: Server
let prism: ChildProcess | undefined
let prismBase = ''
let prismLog = ''

async function freePort(): Promise<number> {
  const probe = net.createServer()
  probe.listen(0, '127.0.0.1')
  await once(probe, 'listening')
  const { port } = probe.address() as AddressInfo
  await new Promise((resolve) => probe.close(resolve))
  return port
}

beforeAll(async () => {
  db = await openTestDatabase()
  await seedDirectory(db.knex, await readTaxonomy(db.knex), buildDemoDirectory(testConfig().geoDataDir))
  server = createApp({ db, config: testConfig() }).listen(0, '127.0.0.1')
  await once(server, 'listening')
  const appPort = (server.address() as AddressInfo).port
  const prismPort = await freePort()
  prism = spawn(
    process.execPath,
    [
      PRISM,
      'proxy',
      SPEC,
      `http://127.0.0.1:${appPort}/oruk`,
      '--errors',
      '-h',
      '127.0.0.1',
      '-p',
      String(prismPort),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
  )
  prism.stdout?.on('data', (chunk) => {
    prismLog += chunk
  })
  prism.stderr?.on('data', (chunk) => {
    prismLog += chunk
  })
  const started = Date.now()
  while (!prismLog.includes('Prism is listening')) {
    if (prism.exitCode !== null) throw new Error(`Prism exited (${prism.exitCode}):\n${prismLog}`)
    if (Date.now() - started > PRISM_START_TIMEOUT_MS) throw new Error(`Prism did not start:\n${prismLog}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  prismBase = `http://127.0.0.1:${prismPort}`
})

afterAll(async () => {
  if (prism && prism.exitCode === null) {
    prism.kill('SIGTERM')
    await Promise.race([once(prism, 'exit'), new Promise((resolve) => setTimeout(resolve, 5000))])
    if (prism.exitCode === null) prism.kill('SIGKILL')
  }
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
  await db?.close()
})

interface Checked {
  url: string
  status: number
  violations: unknown[]
  body: Record<string, unknown> & { contents?: Array<Record<string, unknown>> }
}

const checked: Checked[] = []

/** One request through Prism, recorded with any violations it reports. */
async function viaPrism(pathAndQuery: string): Promise<Checked> {
  const res = await fetch(`${prismBase}${pathAndQuery}`, {
    headers: { accept: 'application/json' },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  })
  const header = res.headers.get('sl-violations')
  const body = (await res.json()) as Checked['body']
  const violations = [
    ...(header ? (JSON.parse(header) as unknown[]) : []),
    ...(Array.isArray(body.validation) ? body.validation : []),
  ]
  const result = { url: pathAndQuery, status: res.status, violations, body }
  checked.push(result)
  return result
}

function expectClean(r: Checked) {
  expect({ url: r.url, status: r.status, violations: r.violations }).toEqual({
    url: r.url,
    status: 200,
    violations: [],
  })
}

const idsOf = (r: Checked) => (r.body.contents ?? []).map((c) => String(c.id))

describe(`the ORUK validator's test profile through Prism (--errors) on the ${currentEngine()} engine`, () => {
  test('GET / names the profile', async () => {
    const r = await viaPrism('/')
    expectClean(r)
    expect(r.body.version).toBe('HSDS-UK-3.0')
  })

  test('services: first, middle and last page, and every id on them', async () => {
    const first = await viaPrism('/services')
    expectClean(first)
    const pages = Number(first.body.total_pages)
    expect(pages).toBeGreaterThan(2)
    const middle = await viaPrism(`/services?page=${Math.ceil(pages / 2)}&per_page=50`)
    const last = await viaPrism(`/services?page=${pages}&per_page=50`)
    expectClean(middle)
    expectClean(last)
    expect(last.body.last_page).toBe(true)
    const ids = [...idsOf(first), ...idsOf(middle), ...idsOf(last)]
    expect(ids.length).toBeGreaterThan(100)
    for (const id of ids) expectClean(await viaPrism(`/services/${id}`))
  })

  test('the optional endpoints: taxonomies, terms, organizations, services at locations', async () => {
    for (const [list, one] of [
      ['/taxonomies', '/taxonomies'],
      ['/taxonomy_terms?per_page=100', '/taxonomy_terms'],
      ['/organizations', '/organizations'],
      ['/service_at_locations', '/service_at_locations'],
    ] as const) {
      const page = await viaPrism(list)
      expectClean(page)
      const ids = idsOf(page)
      expect(ids.length).toBeGreaterThan(0)
      for (const id of ids.slice(0, 10)) expectClean(await viaPrism(`${one}/${id}`))
    }
    expectClean(await viaPrism('/service_at_locations?postcode=BD1%201HY&proximity=5000'))
    expectClean(await viaPrism('/services?search=volunteering&per_page=100'))
  })

  test('Prism reported no violation on any answer, nor in its log', () => {
    expect(checked.length).toBeGreaterThan(150)
    expect(checked.filter((c) => c.violations.length > 0)).toEqual([])
    const violationLines = prismLog.split('\n').filter((line) => /violation|✖/i.test(line))
    expect(violationLines).toEqual([])
  })

  // Last, so the check above has not seen it: proof that a violation is noticed and read. The ORUK
  // OpenAPI documents no 404, so Prism flags our (correct) 404 for an unknown id.
  test('control: an answer the spec does not describe is reported', async () => {
    const res = await fetch(`${prismBase}/services/not-a-service`, {
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    })
    expect(res.status).toBe(404)
    const violations = JSON.parse(res.headers.get('sl-violations') ?? '[]')
    expect(violations).toEqual([expect.objectContaining({ message: expect.stringContaining('status code') })])
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(prismLog).toMatch(/Violation: response Unable to match the returned status code/)
  })
})

import os from 'node:os'
import knexFactory, { type Knex } from 'knex'
import { buildDemoDirectory } from '../../seeds/demo/demo-directory'
import { seedBaselines } from '../../server/coverage/coverage-baseline-seed'
import { seedDirectory } from '../../server/directory/directory-seed'
import { loadBoundaries } from '../../server/geo/geo-seed'
import { postcodeStore } from '../../server/geo/postcode-store'
import { loadConfig } from '../../server/lib/config'
import { openDatabase } from '../../server/lib/db'
import { migrateLatest } from '../../server/lib/migrator'
import { CSV_COLUMNS } from '../../server/providers/provider-csv'
import { readTaxonomy } from '../../server/taxonomy/taxonomy-queries'
import { loadTaxonomy } from '../../server/taxonomy/taxonomy-service'
import { APP_NAME } from '../lib/app-process'
import { signInEditor } from '../lib/editor-session'
import {
  type LoadReport,
  refusalProblem,
  startLoad,
  startOpenLoad,
  startProbeClients,
} from '../lib/fault-load'
import { type PrivateCluster, startPrivateCluster } from '../lib/private-cluster'
import type { BenchRow } from '../lib/report'
import { memoryOf, type ServerProcess, serverEnv, spawnServer } from '../lib/server-process'
import { seededRandom, summarize } from '../lib/stats'
import { goodputVerdicts, measureUserView, type UserView } from '../lib/user-view'
import type { Scenario, ScenarioResult } from '../run'
import { benchStoreConfig, spreadOfPostcodes } from './geo-bench-queries'

/**
 * Load and faults (issue 9, acceptance 2), against the real server process on a private,
 * throwaway PostgreSQL cluster (bench/lib/private-cluster.ts) — never the shared one:
 *
 * 1. overload: sustained signposting throughput, then twice that offered for 60 s;
 * 2. every database backend of the app terminated mid-load;
 * 3. PostgreSQL stopped and restarted during a 10,000-row async import;
 * 4. SIGTERM under load;
 * 5. goodput under overload (issue 18): the peak, then 2× and 10× its connections, the load from a
 *    process of its own (bench/lib/user-view.ts).
 *
 * Each check prints PASS or FAIL with its figures; any FAIL makes `npm run bench` exit non-zero.
 * Check 5 fails only when the measurement itself fails (answers that are neither 2xx nor a proper
 * refusal, socket errors, no 2xx at all); its targets (goodput ÷ peak >= 0.9, p99 of the admitted
 * requests <= 200 ms) print "met" or "MISSED" beside it without failing the run, as every other
 * bench target does: they are speeds on a machine that may be shared, not behaviour.
 * Run on request only: `npm run bench -- resilience`.
 */

const OVERLOAD_SECONDS = Number(process.env.BENCH_RESILIENCE_OVERLOAD_SECONDS ?? 60)
const SUSTAINED_SECONDS = 5
const SUSTAINED_CONNECTIONS = 10
/** Errors other than fast refusals allowed under overload: < 0.1 % of requests. */
const OVERLOAD_ERROR_SHARE = 0.001
/**
 * The server's limits as the spawned process reads them (it inherits this environment, so
 * `API_MAX_QUEUE=64 npm run bench -- resilience` measures another setting).
 */
const limits = loadConfig({
  LOG_LEVEL: 'silent',
  ...Object.fromEntries(
    ['API_MAX_IN_FLIGHT', 'API_MAX_QUEUE', 'API_QUEUE_TIMEOUT_MS', 'DATABASE_POOL_MAX'].flatMap((k) =>
      process.env[k] === undefined ? [] : [[k, process.env[k] as string]],
    ),
  ),
})
/** A refusal is fast when it comes within the queue wait (API_QUEUE_TIMEOUT_MS) plus this. */
const REFUSAL_GRACE_MS = 1_000
const QUEUE_TIMEOUT_MS = limits.apiQueueTimeoutMs
/**
 * RSS back within this share of the pre-load figure within RSS_SETTLE_MS after the load. 10 s, not
 * 5: V8 hands idle heap back when its memory reducer runs, some seconds after allocation slows
 * (a 10 s trial once stood at +21 % 5 s after the load, peak 311 MB, 307 MB after).
 */
const RSS_TOLERANCE = 0.2
const RSS_SETTLE_MS = 10_000
const RECOVERY_TARGET_MS = 2_000
const SHUTDOWN_TARGET_MS = 10_000
const IMPORT_ROWS = 10_000
/** 1, 2, 5, 4, and 3a-3c: fewer means the scenario stopped early. */
const EXPECTED_CHECKS = 7

const FUNCTIONS = ['training', 'information-advice', 'grants', 'networks', 'consultancy', 'advocacy']

type Log = (line: string) => void
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const fmt = (ms: number) => (Number.isFinite(ms) ? `${Math.round(ms).toLocaleString('en-GB')} ms` : '-')

interface Check {
  name: string
  pass: boolean
  figures: string
}

/** The demo directory on the private cluster, built once; each check gets a copy (TEMPLATE). */
async function buildBase(cluster: PrivateCluster, log: Log): Promise<string> {
  const name = 'resilience_base'
  const admin = cluster.admin()
  try {
    await admin.raw(`CREATE DATABASE ${name}`)
  } finally {
    await admin.destroy()
  }
  const db = await openDatabase({
    databaseUrl: cluster.url(name),
    databasePoolMax: 4,
    databaseConnectTimeoutMs: 10_000,
    dataDir: '',
  })
  try {
    const config = loadConfig({
      GEO_DATA_DIR: process.env.GEO_DATA_DIR ?? '../shared/geo',
      LOG_LEVEL: 'silent',
    })
    log('[resilience] base database: migrations, boundaries, taxonomy, baselines, demo...')
    await migrateLatest(db.knex)
    await loadBoundaries(db, config)
    await loadTaxonomy(db.knex, config.taxonomyFile)
    const taxonomy = await readTaxonomy(db.knex)
    await seedBaselines(db.knex, taxonomy)
    await seedDirectory(db.knex, taxonomy, buildDemoDirectory(config.geoDataDir))
    // The server would seed an empty database again on its first start: mark it seeded.
    await db.knex('seed_runs').insert({ steps: ['resilience-bench'] })
  } finally {
    await db.close()
  }
  return name
}

async function copyOf(cluster: PrivateCluster, base: string, name: string): Promise<string> {
  const admin = cluster.admin()
  try {
    await admin.raw(`CREATE DATABASE ${name} TEMPLATE ${base}`)
  } finally {
    await admin.destroy()
  }
  return name
}

/** Terminates every backend of `database` (MATERIALIZED: filter first, then terminate). */
async function terminateBackends(admin: Knex, database: string): Promise<number> {
  const { rows } = await admin.raw<{ rows: Array<{ pid: number }> }>(
    `with victims as materialized (
       select pid from pg_stat_activity where datname = ? and pid <> pg_backend_pid()
     )
     select pid from victims where pg_terminate_backend(pid)`,
    [database],
  )
  return rows.length
}

function signpostPaths(postcodes: string[]): string[] {
  return postcodes.map(
    (p, i) =>
      `/api/signpost?${new URLSearchParams({ postcode: p, function: FUNCTIONS[i % FUNCTIONS.length] as string })}`,
  )
}

/** Errors a check does not allow: bad answers, socket errors, timeouts. */
const hardFailures = (r: LoadReport) => r.bad.length + r.errors.length

function firstProblems(r: LoadReport): string {
  const parts = [...r.bad.slice(0, 2).map((b) => b.detail), ...r.errors.slice(0, 2).map((e) => e.message)]
  return parts.length > 0 ? `; first: ${parts.join(' | ')}` : ''
}

/** 1. Sustained throughput, then 2× it offered for OVERLOAD_SECONDS; RSS before, during, after. */
async function overloadCheck(
  server: ServerProcess,
  paths: string[],
  log: Log,
  rows: BenchRow[],
): Promise<Check> {
  const pid = server.child.pid as number
  log(
    `[resilience] 1. overload: ${SUSTAINED_SECONDS} s warm-up, ${SUSTAINED_SECONDS} s sustained throughput...`,
  )
  await startLoad({ url: server.url, paths, seconds: SUSTAINED_SECONDS, connections: SUSTAINED_CONNECTIONS })
    .done
  const sustained = await startLoad({
    url: server.url,
    paths,
    seconds: SUSTAINED_SECONDS,
    connections: SUSTAINED_CONNECTIONS,
  }).done
  const rate = sustained.ok / sustained.seconds
  rows.push({
    scenario: `resilience: sustained signposting (GET /api/signpost by postcode, ${SUSTAINED_CONNECTIONS} connections)`,
    engine: 'server',
    size: `demo, ${SUSTAINED_SECONDS} s`,
    latency: summarize(sustained.answers.filter((a) => a.status === 200).map((a) => a.ms)),
    throughput: rate,
    throughputUnit: 'req/s',
    errors: sustained.answers.length - sustained.ok + sustained.errors.length,
    peakRssMb: memoryOf(pid).hwm,
  })
  await sleep(1_000)
  const baseline = memoryOf(pid).rss

  // Open loop: 2× the sustained rate is offered evenly however slow the answers get (a closed loop
  // would slow down with the server and never overload it).
  const offered = 2 * rate
  // Other jobs on the machine slow every answer, refusals too: the figure goes beside the verdict.
  const loadAverage = os.loadavg()[0] as number
  log(
    `[resilience] 1. overload: ${Math.round(offered)} req/s offered (2 × ${Math.round(rate)}), open loop, for ${OVERLOAD_SECONDS} s...`,
  )
  let peak = baseline
  const sampler = setInterval(() => {
    peak = Math.max(peak, memoryOf(pid).rss)
  }, 250)
  const load = await startOpenLoad({ url: server.url, paths, seconds: OVERLOAD_SECONDS, rate: offered }).done
  clearInterval(sampler)
  const settleStart = performance.now()
  let after = memoryOf(pid).rss
  while (after > baseline * (1 + RSS_TOLERANCE) && performance.now() - settleStart < RSS_SETTLE_MS) {
    await sleep(250)
    after = memoryOf(pid).rss
  }
  const settledMs = performance.now() - settleStart
  const rssBack = after <= baseline * (1 + RSS_TOLERANCE)

  const total = load.answers.length + load.errors.length
  const slowRefusals = load.refusals.filter((a) => a.ms > QUEUE_TIMEOUT_MS + REFUSAL_GRACE_MS)
  const failures = hardFailures(load) + slowRefusals.length
  const share = total > 0 ? failures / total : 1
  const okLatency = summarize(load.answers.filter((a) => a.status === 200).map((a) => a.ms))
  const refusalLatency = summarize(load.refusals.map((a) => a.ms))
  const maxLatency = Math.max(0, ...load.answers.map((a) => a.ms))
  rows.push({
    scenario: 'resilience: 2× sustained signposting offered (open loop); throughput counts the 200s',
    engine: 'server',
    size: `demo, ${OVERLOAD_SECONDS} s`,
    latency: okLatency,
    throughput: load.ok / load.seconds,
    throughputUnit: 'req/s',
    errors: failures,
    peakRssMb: peak,
  })
  const pass =
    share < OVERLOAD_ERROR_SHARE && load.timeouts === 0 && rssBack && server.child.exitCode === null
  return {
    name: `1. overload (2× sustained signposting for ${OVERLOAD_SECONDS} s)`,
    pass,
    figures:
      `sustained ${Math.round(rate)} req/s; offered ${Math.round(offered)} req/s: ${total.toLocaleString('en-GB')} requests, ` +
      `${load.ok.toLocaleString('en-GB')} 200 (${Math.round(load.ok / load.seconds)} req/s, p50 ${fmt(okLatency.p50)}, p99 ${fmt(okLatency.p99)}), ` +
      `${load.refusals.length.toLocaleString('en-GB')} refusals 429/503 + Retry-After (p50 ${fmt(refusalLatency.p50)}, max ${fmt(refusalLatency.max)}; ${slowRefusals.length} slower than ${fmt(QUEUE_TIMEOUT_MS + REFUSAL_GRACE_MS)}), ` +
      `${load.bad.length} other answers, ${load.errors.length} socket errors/timeouts (${load.timeouts} timeouts): ` +
      `errors other than fast refusals ${(share * 100).toFixed(3)} % (limit < ${OVERLOAD_ERROR_SHARE * 100} %); max latency ${fmt(maxLatency)}; ` +
      `1-minute load average ${loadAverage.toFixed(1)} at the start; RSS ${baseline} MB before, peak ${peak} MB, ${after} MB ${fmt(settledMs)} after (limit ${Math.round(baseline * (1 + RSS_TOLERANCE))} MB within ${fmt(RSS_SETTLE_MS)})${firstProblems(load)}`,
  }
}

/** 2. Every backend of the app's database terminated while autocannon runs. */
async function terminateCheck(
  server: ServerProcess,
  cluster: PrivateCluster,
  database: string,
  paths: string[],
  log: Log,
  rows: BenchRow[],
): Promise<Check> {
  const seconds = 8
  const killAtMs = 3_000
  log(
    `[resilience] 2. pg_terminate_backend on every backend of ${database} ${killAtMs / 1000} s into ${seconds} s of load...`,
  )
  const admin = cluster.admin()
  let killedAt = Number.NaN
  let victims = 0
  try {
    await admin.raw('select 1')
    const running = startLoad({ url: server.url, paths, seconds, connections: SUSTAINED_CONNECTIONS })
    await sleep(killAtMs)
    victims = await terminateBackends(admin, database)
    killedAt = performance.now() - running.startedAt
    const load = await running.done
    const afterKill = load.answers.filter((a) => a.at >= killedAt)
    const lastFailure = Math.max(
      killedAt,
      ...afterKill.filter((a) => a.status !== 200).map((a) => a.at),
      ...load.errors.map((e) => e.at),
    )
    const recoveryMs = lastFailure - killedAt
    const healthy = (await fetch(`${server.url}/api/health`).catch(() => undefined))?.status === 200
    const alive = server.child.exitCode === null && healthy
    const okAfter = afterKill.filter((a) => a.at > lastFailure).length
    rows.push({
      scenario: 'resilience: every DB backend terminated mid-load (GET /api/signpost, 10 connections)',
      engine: 'server',
      size: `demo, ${seconds} s`,
      latency: summarize(load.answers.filter((a) => a.status === 200).map((a) => a.ms)),
      throughput: load.ok / load.seconds,
      throughputUnit: 'req/s',
      errors: hardFailures(load),
      peakRssMb: memoryOf(server.child.pid as number).hwm,
    })
    const pass =
      victims > 0 && alive && hardFailures(load) === 0 && recoveryMs <= RECOVERY_TARGET_MS && okAfter > 0
    return {
      name: '2. every database backend terminated mid-load',
      pass,
      figures:
        `${victims} backends terminated at ${fmt(killedAt)}; ${load.answers.length.toLocaleString('en-GB')} answers: ${load.ok.toLocaleString('en-GB')} 200, ` +
        `${load.refusals.length} 503 in the error shape with Retry-After, ${load.bad.length} other, ${load.errors.length} socket errors/timeouts; ` +
        `time to recovery (kill to the last failure) ${fmt(recoveryMs)} (limit ${fmt(RECOVERY_TARGET_MS)}), ${okAfter} 200s after it; ` +
        `process ${alive ? 'alive, /api/health 200' : 'NOT answering'}${firstProblems(load)}`,
    }
  } finally {
    await admin.destroy()
  }
}

const GOODPUT_CHECK = '5. goodput under overload (2× and 10× the saturation connections)'

/** 5. Goodput and the admitted requests' p99 at 2× and 10× the saturation connections. */
async function goodputCheck(
  server: ServerProcess,
  cluster: PrivateCluster,
  database: string,
  paths: string[],
  log: Log,
  views: UserView[],
): Promise<{ check: Check; targets: string[] }> {
  log('[resilience] 5. goodput under overload: peak, then 2× and 10× its connections...')
  const admin = cluster.admin()
  let view: UserView
  try {
    view = await measureUserView({
      scenario: 'resilience: goodput, GET /api/signpost by postcode',
      engine: 'server',
      size: 'demo',
      url: server.url,
      appPid: server.child.pid as number,
      paths,
      pg: { admin, database, applicationName: APP_NAME },
      log,
    })
  } catch (err) {
    // The measurement itself failed (the load generator died, no 2xx at all): a harness failure.
    return {
      check: {
        name: GOODPUT_CHECK,
        pass: false,
        figures: `the measurement failed: ${(err as Error).message}`,
      },
      targets: [],
    }
  } finally {
    await admin.destroy()
  }
  views.push(view)
  const verdicts = goodputVerdicts(view)
  const failed = view.double.failed + view.tenfold.failed
  const pass = failed === 0 && view.double.goodput > 0 && view.tenfold.goodput > 0
  return {
    check: {
      name: GOODPUT_CHECK,
      pass,
      figures:
        `peak ${Math.round(view.peak.rate)} 2xx/s at ${view.peak.connections} connections; ` +
        verdicts.map((v) => `${v.name}: ${v.met ? 'met' : 'MISSED'} (${v.figures})`).join('; ') +
        `; ${failed} answers neither 2xx nor a proper refusal, or socket errors; 1-minute load average ${view.loadBefore.toFixed(1)} before, ${view.loadAfter.toFixed(1)} after; ${view.notes.join('; ')}`,
    },
    targets: verdicts.map(
      (v) =>
        `resilience target ${v.name}: ${v.met ? 'met' : 'MISSED'} (${v.figures}; 1-minute load average ${view.loadBefore.toFixed(1)} → ${view.loadAfter.toFixed(1)})`,
    ),
  }
}

/** 4. SIGTERM while probe clients run: started requests answered, new ones refused, exit 0 within 10 s. */
async function sigtermCheck(server: ServerProcess, paths: string[], log: Log): Promise<Check> {
  const clients = 20
  log(`[resilience] 4. SIGTERM under load (${clients} keep-alive clients)...`)
  const probes = startProbeClients(server.url, paths, clients)
  await sleep(3_000)
  const signalledAt = performance.now()
  server.child.kill('SIGTERM')
  const exitTimer = sleep(SHUTDOWN_TARGET_MS + 5_000).then(() => undefined)
  const exit = await Promise.race([server.exited, exitTimer])
  // Keep knocking briefly after the exit: those must be refused too.
  await sleep(300)
  await probes.stop()
  if (!exit) await server.stop(1_000)

  const before = probes.requests.filter((r) => r.sentAt < signalledAt)
  const inFlight = before.filter((r) => r.endedAt >= signalledAt)
  const startedFailed = before.filter(
    (r) => r.error !== undefined || (r.status !== 200 && r.problem !== undefined),
  )
  const after = probes.requests.filter((r) => r.sentAt >= signalledAt)
  const refused = after.filter(
    (r) => r.error === 'ECONNREFUSED' || (r.status !== undefined && r.status !== 200 && !r.problem),
  )
  const answered = after.filter((r) => r.status === 200)
  // A kept-alive connection the shutting-down server closed while idle, written to at that moment:
  // the server never read the request, and the client sees a reset with no answer. HTTP/1.1 cannot
  // avoid this race (RFC 9112 §9.3.1 lets clients retry such a request); it counts as a refusal of a
  // new request, shown apart. The same on a request sent before the signal would be a failure.
  const closedIdle = after.filter(
    (r) => r.reusedSocket && r.status === undefined && (r.error === 'ECONNRESET' || r.error === 'EPIPE'),
  )
  const otherAfter = after.filter(
    (r) => !refused.includes(r) && !answered.includes(r) && !closedIdle.includes(r),
  )
  const exitMs = exit ? exit.at - signalledAt : Number.NaN
  const pass =
    exit !== undefined &&
    exit.code === 0 &&
    exitMs <= SHUTDOWN_TARGET_MS &&
    startedFailed.length === 0 &&
    otherAfter.length === 0
  const describe = (r: (typeof probes.requests)[number]) =>
    `${r.error ?? `HTTP ${r.status} ${r.problem ?? ''}`}${r.reusedSocket ? ' (reused socket)' : ''} sent ${fmt(r.sentAt - signalledAt)} after the signal`
  return {
    name: '4. SIGTERM under load',
    pass,
    figures:
      `${before.length.toLocaleString('en-GB')} requests sent before the signal, ${inFlight.length} of them in flight at it: ` +
      `${before.length - startedFailed.length} answered (200 or a refusal in the shape), ${startedFailed.length} failed; ` +
      `after it: ${answered.length} answered 200, ${refused.length} refused (connection refused or 503), ${closedIdle.length} reset on a kept-alive connection the server closed while idle (the request unread), ${otherAfter.length} other; ` +
      `exit ${exit ? `code ${exit.code}${exit.signal ? ` signal ${exit.signal}` : ''} ${fmt(exitMs)} after SIGTERM` : `NOT within ${fmt(SHUTDOWN_TARGET_MS + 5_000)}`} (limit code 0 within ${fmt(SHUTDOWN_TARGET_MS)})` +
      `${[...startedFailed, ...otherAfter].length > 0 ? `; first: ${[...startedFailed, ...otherAfter].slice(0, 3).map(describe).join(' | ')}` : ''}`,
  }
}

const IMPORT_HEADER = CSV_COLUMNS.map(([column]) => column)

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)

/** IMPORT_ROWS local bodies, as the import scenario builds them (new slugs, one to three districts). */
function importCsv(districts: string[], prefix: string): string {
  const random = seededRandom(9)
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)] as T
  const lines = [IMPORT_HEADER.join(',')]
  for (let i = 0; i < IMPORT_ROWS; i++) {
    const record: Record<string, string> = {
      slug: `${prefix}-${i + 1}`,
      name: `Resilience import body ${i + 1} (${prefix})`,
      kind: 'generalist',
      level: 'local',
      org_type: 'infrastructure',
      status: 'active',
      summary: `Support for community groups, number ${i + 1}.`,
      cost_type: 'free',
      membership_based: 'no',
      functions: [...new Set([pick(FUNCTIONS), pick(FUNCTIONS)])].join(';'),
      languages: 'en',
      source: 'bench-resilience',
      coverage_areas: [...new Set([pick(districts), pick(districts)])].join(';'),
      office_lng: (-3 + random() * 3).toFixed(5),
      office_lat: (51 + random() * 3).toFixed(5),
    }
    lines.push(IMPORT_HEADER.map((c) => csvCell(record[c] ?? '')).join(','))
  }
  return `${lines.join('\n')}\n`
}

interface ImportState {
  id: string
  status: string
  progress?: { phase: string; processed: number; total: number }
  creates?: number
  error?: { message: string }
  errors?: Array<{ row: number; column: string; message: string }>
}

interface Counts {
  providers: number
  audit: number
  committed: number
}

async function counts(knex: Knex): Promise<Counts> {
  const { rows } = await knex.raw<{ rows: Counts[] }>(
    `select (select count(*)::int from providers) as providers,
            (select count(*)::int from audit_log) as audit,
            (select count(*)::int from import_jobs where status = 'committed') as committed`,
  )
  return rows[0] as Counts
}

/** Waits until a statement matching `pattern` runs, or has run in an open transaction, on `database`. */
async function waitForStatement(
  cluster: PrivateCluster,
  database: string,
  pattern: string,
): Promise<boolean> {
  const admin = cluster.admin()
  try {
    for (const t0 = performance.now(); performance.now() - t0 < 120_000; ) {
      const { rows: found } = await admin.raw<{ rows: Array<{ n: number }> }>(
        `select count(*)::int as n from pg_stat_activity where datname = ? and state in ('active', 'idle in transaction') and query ilike ?`,
        [database, pattern],
      )
      if ((found[0]?.n ?? 0) > 0) return true
      await sleep(10)
    }
    return false
  } finally {
    await admin.destroy()
  }
}

/**
 * 3. PostgreSQL stopped (fast shutdown) while a 10,000-row import writes, async and then sync, and
 * started again: each reports failure, nothing partial is left, and a rerun commits everything.
 */
async function restartChecks(
  cluster: PrivateCluster,
  base: string,
  log: Log,
  rows: BenchRow[],
): Promise<Check[]> {
  const database = await copyOf(cluster, base, 'resilience_import')
  const server = await spawnServer(serverEnv({ DATABASE_URL: cluster.url(database) }))
  const checks: Check[] = []
  const withKnex = async <T>(fn: (knex: Knex) => Promise<T>): Promise<T> => {
    const knex = knexFactory({ client: 'pg', connection: cluster.url(database), pool: { min: 0, max: 1 } })
    try {
      return await fn(knex)
    } finally {
      await knex.destroy()
    }
  }
  try {
    const { districts, auth } = await withKnex(async (knex) => ({
      districts: (await knex('areas').where({ level: 'local' }).orderBy('code').pluck('code')) as string[],
      auth: await signInEditor(knex, server.url, 'resilience-editor@example.org'),
    }))
    const headers = {
      'Content-Type': 'text/csv',
      'X-CSRF-Token': auth.csrfToken,
      Cookie: auth.cookie,
      Origin: server.url,
    }
    const post = (csv: string, query: string) =>
      fetch(`${server.url}/api/imports?commit=true${query}`, { method: 'POST', headers, body: csv })
    const startAsync = async (csv: string) => {
      const res = await post(csv, '&async=true')
      if (res.status !== 202) throw new Error(`import not accepted: ${res.status} ${await res.text()}`)
      return (await res.json()) as ImportState
    }
    const state = async (id: string) => {
      const res = await fetch(`${server.url}/api/imports/${id}`, { headers: { Cookie: auth.cookie } })
      return { status: res.status, body: (await res.json()) as ImportState }
    }
    const restart = () => {
      const t0 = performance.now()
      cluster.stop()
      const stopMs = performance.now() - t0
      const startAgain = () => {
        cluster.start()
        return performance.now() - t0
      }
      return { stopMs, startAgain }
    }
    const partial = (before: Counts, after: Counts) =>
      `providers ${before.providers} -> ${after.providers}, audit rows ${before.audit} -> ${after.audit}, committed imports ${before.committed} -> ${after.committed}`
    const same = (a: Counts, b: Counts) =>
      a.providers === b.providers && a.audit === b.audit && a.committed === b.committed
    const csv = importCsv(districts, 'resilience-import')
    const before = await withKnex(counts)

    // 3a. Async: stopped once 1,000 rows are written inside the import's transaction.
    log(
      `[resilience] 3a. ${IMPORT_ROWS.toLocaleString('en-GB')}-row async import; PostgreSQL stopped while it writes...`,
    )
    const first = await startAsync(csv)
    let seen: ImportState = first
    for (const t0 = performance.now(); performance.now() - t0 < 120_000; await sleep(25)) {
      seen = (await state(first.id)).body
      if (
        seen.status !== 'running' ||
        (seen.progress?.phase === 'writing' && seen.progress.processed >= 1_000)
      )
        break
    }
    const stoppedDuring =
      seen.status === 'running'
        ? `${seen.progress?.phase} ${seen.progress?.processed}/${seen.progress?.total}`
        : `(import already ${seen.status}${seen.errors?.[0] ? `: row ${seen.errors[0].row} ${seen.errors[0].column} ${seen.errors[0].message}` : ''})`
    const a = restart()
    const whileDown = await state(first.id).catch((err: Error) => ({
      status: 0,
      body: { status: err.message } as ImportState,
    }))
    const backMs = a.startAgain()
    // Give the server up to 5 s after the restart to say how the import ended.
    let afterRestart: { status: number; body: ImportState } | undefined
    for (const t0 = performance.now(); performance.now() - t0 < 5_000; await sleep(100)) {
      afterRestart = await state(first.id).catch(() => undefined)
      if (afterRestart?.status === 200 && afterRestart.body.status !== 'running') break
    }
    const afterAsync = await withKnex(counts)
    const reported = afterRestart?.status === 200 && afterRestart.body.status === 'failed'
    checks.push({
      name: '3a. PostgreSQL stopped and restarted during an async import',
      pass: seen.status === 'running' && reported && same(before, afterAsync),
      figures:
        `stopped during ${stoppedDuring} (pg_ctl stop -m fast ${fmt(a.stopMs)}, back after ${fmt(backMs)}); ` +
        `GET /api/imports/:id while down: HTTP ${whileDown.status} ${whileDown.body.status ?? (whileDown.body as { error?: { name: string } }).error?.name}; ` +
        `5 s after the restart: ${afterRestart ? `HTTP ${afterRestart.status} ${afterRestart.body.status}${afterRestart.body.error ? ` ("${afterRestart.body.error.message}")` : ''}` : 'no answer'}` +
        `${afterRestart?.body.status === 'running' ? ' (the failure was never recorded: the database was down when the import tried to mark itself failed)' : ''}; ` +
        partial(before, afterAsync),
    })

    // 3b. Sync: stopped once the first INSERT INTO providers runs.
    log(
      `[resilience] 3b. ${IMPORT_ROWS.toLocaleString('en-GB')}-row sync import; PostgreSQL stopped while it writes...`,
    )
    const syncAnswer = post(importCsv(districts, 'resilience-sync'), '').then(async (res) => ({
      status: res.status,
      retryAfter: res.headers.get('retry-after') ?? undefined,
      body: await res.text(),
    }))
    const writing = await waitForStatement(cluster, database, 'insert into "provider%')
    const b = restart()
    const answer = await syncAnswer
    const backMsB = b.startAgain()
    const afterSync = await withKnex(counts)
    const problem = refusalProblem(answer.status, answer.retryAfter, answer.body)
    checks.push({
      name: '3b. PostgreSQL stopped and restarted during a sync import',
      pass: writing && answer.status === 503 && problem === undefined && same(before, afterSync),
      figures:
        `stopped ${writing ? 'while it inserted providers' : 'WITHOUT seeing it insert'} (back after ${fmt(backMsB)}); ` +
        `the POST answered HTTP ${answer.status}${problem ? ` (${problem})` : ' in the error shape with Retry-After'}: ${answer.body.slice(0, 160)}; ` +
        partial(before, afterSync),
    })

    // 3c. The async import again, after both restarts.
    log('[resilience] 3c. rerun of the async import after the restarts...')
    const t1 = performance.now()
    let rerun = await startAsync(csv)
    while (performance.now() - t1 < 180_000 && rerun.status === 'running') {
      await sleep(100)
      rerun = (await state(rerun.id)).body
    }
    const rerunMs = performance.now() - t1
    const afterRerun = await withKnex(counts)
    const rerunOk =
      rerun.status === 'committed' &&
      rerun.creates === IMPORT_ROWS &&
      afterRerun.providers === before.providers + IMPORT_ROWS &&
      afterRerun.audit === before.audit + IMPORT_ROWS &&
      afterRerun.committed === before.committed + 1
    rows.push({
      scenario:
        'resilience: async import rerun after PostgreSQL restarts (POST /api/imports?commit=true&async=true)',
      engine: 'server',
      size: `${IMPORT_ROWS.toLocaleString('en-GB')} CSV rows`,
      latency: summarize([rerunMs]),
      throughput: IMPORT_ROWS / (rerunMs / 1000),
      throughputUnit: 'rows/s',
      errors: rerunOk ? 0 : 1,
      peakRssMb: memoryOf(server.child.pid as number).hwm,
    })
    const alive = server.child.exitCode === null
    checks.push({
      name: '3c. the same import rerun after the restarts',
      pass: rerunOk && alive,
      figures: `${rerun.status} with ${rerun.creates ?? 0} creates in ${fmt(rerunMs)}; ${partial(before, afterRerun)}; server process ${alive ? 'alive throughout' : 'EXITED'}`,
    })
  } finally {
    await server.stop()
  }
  return checks
}

async function run(log: Log): Promise<ScenarioResult & { failed: boolean }> {
  const rows: BenchRow[] = []
  const notes: string[] = []
  const checks: Check[] = []
  const views: UserView[] = []
  const cluster = await startPrivateCluster(log)
  try {
    const base = await buildBase(cluster, log)
    const database = await copyOf(cluster, base, 'resilience_load')
    const postcodes = spreadOfPostcodes(postcodeStore(benchStoreConfig()), 500, { englandAndWales: true })
    const paths = signpostPaths(postcodes)
    // application_name: check 5 finds the app's backends by it, to read their CPU.
    const server = await spawnServer(
      serverEnv({ DATABASE_URL: `${cluster.url(database)}?application_name=${APP_NAME}` }),
    )
    try {
      for (const check of [
        () => overloadCheck(server, paths, log, rows),
        () => terminateCheck(server, cluster, database, paths, log, rows),
        async () => {
          const { check, targets } = await goodputCheck(server, cluster, database, paths, log, views)
          notes.push(...targets)
          return check
        },
        () => sigtermCheck(server, paths, log),
      ]) {
        if (server.child.exitCode !== null) break
        const result = await check()
        checks.push(result)
        log(`[resilience] ${result.pass ? 'PASS' : 'FAIL'} ${result.name}: ${result.figures}`)
      }
    } finally {
      await server.stop()
    }
    for (const result of await restartChecks(cluster, base, log, rows)) {
      checks.push(result)
      log(`[resilience] ${result.pass ? 'PASS' : 'FAIL'} ${result.name}: ${result.figures}`)
    }
  } catch (err) {
    checks.push({
      name: 'resilience scenario',
      pass: false,
      figures: `stopped by an error: ${(err as Error).stack}`,
    })
    log(`[resilience] FAIL: ${(err as Error).stack}`)
  } finally {
    cluster.remove()
  }
  for (const c of checks) notes.push(`resilience ${c.pass ? 'PASS' : 'FAIL'} ${c.name}: ${c.figures}`)
  notes.push(
    `resilience: the real server process (NODE_ENV=production; API_MAX_IN_FLIGHT ${limits.apiMaxInFlight}, API_MAX_QUEUE ${limits.apiMaxQueue}, API_QUEUE_TIMEOUT_MS ${limits.apiQueueTimeoutMs}, DATABASE_POOL_MAX ${limits.databasePoolMax}) on a private PostgreSQL 15 cluster (fsync off) holding the demo directory; load from this process (autocannon; node:http keep-alive clients for SIGTERM), except check 5's, which runs in a process of its own`,
  )
  return {
    rows,
    notes,
    userView: views,
    failed: checks.length < EXPECTED_CHECKS || checks.some((c) => !c.pass),
  }
}

export const resilienceScenario: Scenario = {
  name: 'resilience',
  description:
    'Load and faults with PASS/FAIL: 2× sustained signposting for 60 s, every DB backend terminated mid-load, goodput at 2× and 10× the saturation connections, PostgreSQL restarted during a 10,000-row import, SIGTERM under load; on a private throwaway cluster',
  onRequestOnly: true,
  async run(_engines, log) {
    return run(log)
  },
}

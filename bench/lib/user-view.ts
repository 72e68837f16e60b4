import os from 'node:os'
import type { Knex } from 'knex'
import { loadConfig } from '../../server/lib/config'
import { backendPids, type CpuReading, startCpuMeter } from './cpu'
import { type LoadSummary, runLoad } from './load-process'
import { type LatencySummary, summarize } from './stats'

/**
 * What users feel (issue 18): the app in its own process, the load generator in another, and for one
 * HTTP scenario (a) one-connection latency, (b) throughput at saturation with CPU per request for
 * Node and PostgreSQL, (c) latency at a fixed arrival rate of half the peak (open loop), and (d)
 * goodput and latency of the admitted requests at 2× and 10× the saturation connections.
 */

const WARMUP_SECONDS = 5
const STEP_SECONDS = Number(process.env.BENCH_USER_VIEW_SECONDS ?? 10)
const RAMP_SECONDS = Math.max(4, Math.round(STEP_SECONDS / 2))
/** Closed-loop connections tried for the peak. */
const RAMP = [2, 4, 8, 16]
/** The saturation point: the fewest connections reaching this share of the peak. */
const KNEE_SHARE = 0.9
/** The issue's targets for goodput under overload. */
export const GOODPUT_TARGET = 0.9
export const ADMITTED_P99_TARGET_MS = 200

export interface Overload {
  connections: number
  /** 2xx per second. */
  goodput: number
  /** goodput ÷ peak. */
  share: number
  /** Latency of the 2xx answers. */
  admitted: LatencySummary
  refused: number
  /** Other non-2xx answers, socket errors and timeouts. */
  failed: number
}

export interface UserView {
  scenario: string
  engine: 'embedded' | 'server'
  size: string
  /** SQL floor of the same run (the statement alone, one at a time), when the scenario has one. */
  floor?: LatencySummary
  oneConnection: LatencySummary
  peak: { connections: number; rate: number; cpu: CpuReading; requests: number }
  /** Node and PostgreSQL CPU ms per request at the peak. */
  nodeCpuPerRequest: number
  dbCpuPerRequest?: number
  halfPeak: { rate: number; latency: LatencySummary; goodput: number }
  double: Overload
  tenfold: Overload
  loadBefore: number
  loadAfter: number
  /** What CPU was counted, and anything the reader should know. */
  notes: string[]
}

/** Where the app's PostgreSQL backends are found (server engine only). */
export interface PgBackends {
  admin: Knex
  database: string
  applicationName: string
}

export interface UserViewOptions {
  scenario: string
  engine: 'embedded' | 'server'
  size: string
  url: string
  appPid: number
  paths: readonly string[]
  pg?: PgBackends
  floor?: LatencySummary
  log: (line: string) => void
}

/** The load-shedding and pool limits the app process reads (it inherits this environment). */
export function appLimits(env: NodeJS.ProcessEnv = process.env): string {
  const keys = ['API_MAX_IN_FLIGHT', 'API_MAX_QUEUE', 'API_QUEUE_TIMEOUT_MS', 'DATABASE_POOL_MAX'] as const
  const c = loadConfig({
    LOG_LEVEL: 'silent',
    ...Object.fromEntries(keys.flatMap((k) => (env[k] === undefined ? [] : [[k, env[k] as string]]))),
  })
  return `API_MAX_IN_FLIGHT ${c.apiMaxInFlight}, API_MAX_QUEUE ${c.apiMaxQueue}, API_QUEUE_TIMEOUT_MS ${c.apiQueueTimeoutMs}, DATABASE_POOL_MAX ${c.databasePoolMax}`
}

const goodputOf = (s: LoadSummary) => s.okMs.length / s.seconds
const failedOf = (s: LoadSummary) => s.bad + s.errors

/**
 * From the ramp's steps: the peak (most 2xx/s) and the saturation point, the fewest connections
 * reaching KNEE_SHARE of the peak (more only queue: the 2× and 10× loads are multiples of it).
 */
export function saturation<T extends { connections: number; rate: number }>(
  steps: readonly T[],
): { best: number; knee: T; peakStep: T } {
  if (steps.length === 0) throw new Error('saturation: no ramp steps')
  const best = Math.max(...steps.map((s) => s.rate))
  if (!(best > 0)) throw new Error('saturation: no 2xx answers at any step of the ramp')
  const byConnections = [...steps].sort((a, b) => a.connections - b.connections)
  const knee = byConnections.find((s) => s.rate >= KNEE_SHARE * best) as T
  const peakStep = steps.find((s) => s.rate === best) as T
  return { best, knee, peakStep }
}

/** Goodput (2xx/s) ÷ the peak, the admitted requests' latency and the rest, of one overload step. */
export function overload(s: LoadSummary, connections: number, peak: number): Overload {
  const goodput = goodputOf(s)
  return {
    connections,
    goodput,
    share: goodput / peak,
    admitted: summarize(s.okMs),
    refused: s.refused,
    failed: failedOf(s),
  }
}

function problems(label: string, s: LoadSummary): string[] {
  if (failedOf(s) === 0) return []
  return [
    `${label}: ${s.bad} answers that were neither 2xx nor a refusal (first: ${s.firstBad ?? '-'}), ${s.errors} socket errors/timeouts (first: ${s.firstError ?? '-'})`,
  ]
}

export async function measureUserView(o: UserViewOptions): Promise<UserView> {
  const tag = `[${o.scenario}/${o.engine}]`
  const notes: string[] = []
  const loadBefore = os.loadavg()[0] as number
  const backends = o.pg
    ? () => backendPids(o.pg?.admin as Knex, o.pg?.database as string, o.pg?.applicationName as string)
    : undefined
  const load = (spec: { seconds: number; connections?: number; rate?: number }) =>
    runLoad({ url: o.url, paths: o.paths, ...spec })

  o.log(`${tag} warm-up ${WARMUP_SECONDS} s at ${RAMP.at(-1)} connections...`)
  await load({ seconds: WARMUP_SECONDS, connections: RAMP.at(-1) as number })

  o.log(`${tag} (a) one connection for ${STEP_SECONDS} s...`)
  const single = await load({ seconds: STEP_SECONDS, connections: 1 })
  notes.push(...problems('one connection', single))

  o.log(`${tag} (b) saturation: ${RAMP.join(', ')} connections, ${RAMP_SECONDS} s each, CPU measured...`)
  const steps: Array<{ connections: number; rate: number; cpu: CpuReading; requests: number }> = []
  for (const connections of RAMP) {
    const meter = await startCpuMeter(o.appPid, backends)
    const s = await load({ seconds: RAMP_SECONDS, connections })
    const cpu = await meter.stop()
    notes.push(...problems(`${connections} connections`, s))
    steps.push({ connections, rate: goodputOf(s), cpu, requests: s.okMs.length + s.refused + s.bad })
  }
  const { best, knee, peakStep } = saturation(steps)
  if (peakStep.cpu.backendsLost > 0) {
    notes.push(
      `${peakStep.cpu.backendsLost} PostgreSQL backends closed during the peak step: their CPU is missing`,
    )
  }

  const halfRate = best / 2
  o.log(`${tag} (c) open loop at ${Math.round(halfRate)} req/s (half the peak) for ${STEP_SECONDS} s...`)
  const half = await load({ seconds: STEP_SECONDS, rate: halfRate })
  notes.push(...problems('half the peak', half))

  const twice = knee.connections * 2
  o.log(`${tag} (d) ${twice} connections (2× the ${knee.connections} of saturation) for ${STEP_SECONDS} s...`)
  const double = await load({ seconds: STEP_SECONDS, connections: twice })
  notes.push(...problems(`${twice} connections`, double))
  const ten = knee.connections * 10
  o.log(`${tag} (d) ${ten} connections (10×) for ${STEP_SECONDS} s...`)
  const tenfold = await load({ seconds: STEP_SECONDS, connections: ten })
  notes.push(...problems(`${ten} connections`, tenfold))

  const refusals = (o: Overload, raw: LoadSummary) =>
    `${o.connections} connections: ${o.refused.toLocaleString('en-GB')} refused (503/429 with Retry-After; p50 ${summarize(raw.refusedMs).p50.toFixed(1)} ms), ${o.failed} failed, admitted p50 ${o.admitted.p50.toFixed(1)} ms`
  const doubled = overload(double, twice, best)
  const tenfolded = overload(tenfold, ten, best)
  notes.push(
    `overload: ${refusals(doubled, double)}; ${refusals(tenfolded, tenfold)}; the app's limits: ${appLimits()}`,
    `ramp (connections: 2xx/s) ${steps.map((s) => `${s.connections}: ${Math.round(s.rate)}`).join(', ')}; saturation taken at ${knee.connections} connections (the fewest reaching ${KNEE_SHARE * 100} % of the peak)`,
    o.pg
      ? `CPU: the app process's utime+stime from /proc/<pid>/stat, and the sum over its ${peakStep.cpu.backends} PostgreSQL backends (pg_stat_activity by application_name, /proc/<pid>/stat of each), over the peak step ÷ requests answered`
      : 'CPU: the app process (utime+stime from /proc/<pid>/stat) over the peak step ÷ requests answered; PGlite (the embedded engine) runs inside that process, so Node and the database are one figure',
  )
  return {
    scenario: o.scenario,
    engine: o.engine,
    size: o.size,
    floor: o.floor,
    oneConnection: summarize(single.okMs),
    peak: peakStep,
    nodeCpuPerRequest: peakStep.cpu.nodeMs / peakStep.requests,
    dbCpuPerRequest: peakStep.cpu.dbMs === undefined ? undefined : peakStep.cpu.dbMs / peakStep.requests,
    halfPeak: { rate: halfRate, latency: summarize(half.okMs), goodput: goodputOf(half) },
    double: doubled,
    tenfold: tenfolded,
    loadBefore,
    loadAfter: os.loadavg()[0] as number,
    notes,
  }
}

/** The issue's goodput targets, met or missed, one line each. */
export function goodputVerdicts(view: UserView): Array<{ name: string; met: boolean; figures: string }> {
  return [view.double, view.tenfold].flatMap((o) => [
    {
      name: `goodput at ${o.connections} connections ÷ peak >= ${GOODPUT_TARGET}`,
      met: o.share >= GOODPUT_TARGET,
      figures: `${Math.round(o.goodput)} 2xx/s ÷ ${Math.round(view.peak.rate)} = ${o.share.toFixed(2)}; ${o.refused.toLocaleString('en-GB')} refused, ${o.failed} failed`,
    },
    {
      name: `p99 of admitted requests at ${o.connections} connections <= ${ADMITTED_P99_TARGET_MS} ms`,
      met: o.admitted.p99 <= ADMITTED_P99_TARGET_MS,
      figures: `p99 ${o.admitted.p99.toFixed(1)} ms (p50 ${o.admitted.p50.toFixed(1)}, max ${o.admitted.max.toFixed(1)})`,
    },
  ])
}

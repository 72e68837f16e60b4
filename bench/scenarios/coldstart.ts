import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { postcodeStore } from '../../server/geo/postcode-store'
import { childDatabase } from '../lib/child-database'
import type { BenchEngine } from '../lib/engines'
import { loadPaths } from '../lib/http-load'
import { perEngine } from '../lib/per-engine'
import type { BenchRow } from '../lib/report'
import { summarize } from '../lib/stats'
import type { Scenario, ScenarioResult } from '../run'
import { benchStoreConfig, spreadOfPostcodes } from './geo-bench-queries'

/**
 * Cold start to ready (issue 9: embedded ≤ 15 s with the demo loaded): the real server process
 * (`node --import tsx scripts/serve.ts`, as `npm start` runs it after the client build) spawned on a
 * DATA_DIR (embedded) or database (server) that already holds the demo, timed from spawn to the
 * first 200 from /api/ready; STARTS times each. The first start (migrate + seed the demo) is a row of
 * its own. References in the same run: a bare `node` start, and `node --import tsx` opening the
 * same database and answering SELECT 1 (bare PGlite open / bare PostgreSQL connect).
 *
 * Server engine only: the process's RSS under signposting load (10 connections, 10 s of
 * GET /api/signpost by postcode) read from /proc (VmHWM), issue 9's ≤ 300 MB in server mode.
 */

const STARTS = Number(process.env.BENCH_COLDSTART_STARTS ?? 5)
const READY_TIMEOUT_MS = Number(process.env.BENCH_READY_TIMEOUT_MS ?? 600_000)
const EMBEDDED_TARGET_MS = 15_000
const RSS_TARGET_MB = 300
const LOAD_SECONDS = Number(process.env.BENCH_RSS_LOAD_SECONDS ?? 10)
const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const probeScript = fileURLToPath(new URL('../lib/open-db-probe.ts', import.meta.url))

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent' }
  for (const key of ['DATABASE_URL', 'DATABASE_REPLICA_URL', 'DATA_DIR', 'PORT', 'HOST']) delete env[key]
  return {
    ...env,
    HOST: '127.0.0.1',
    PORT: '0',
    GEO_DATA_DIR: path.resolve(repoRoot, '../shared/geo'),
    ...extra,
  }
}

interface Started {
  child: ChildProcess
  url: string
  ms: number
}

/** Spawns the server and resolves once /api/ready answers 200; the time is spawn → that 200. */
async function startServer(env: NodeJS.ProcessEnv): Promise<Started> {
  const t0 = process.hrtime.bigint()
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  // Never leave a server behind if the bench itself exits early.
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  child.once('exit', () => process.removeListener('exit', killOnExit))
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "ready at" within ${READY_TIMEOUT_MS} ms: ${output}`)),
      READY_TIMEOUT_MS,
    )
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /ready at (http:\/\/\S+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1] as string)
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code} before it was ready: ${output.slice(-2000)}`))
    })
  })
  for (;;) {
    const res = await fetch(`${url}/api/ready`).catch(() => undefined)
    if (res?.status === 200) break
    const body = await res?.text().catch(() => '')
    if (Number(process.hrtime.bigint() - t0) / 1e6 > READY_TIMEOUT_MS) {
      await stopServer(child)
      throw new Error(`/api/ready not 200 within ${READY_TIMEOUT_MS} ms (last ${res?.status} ${body ?? ''})`)
    }
    await new Promise((r) => setTimeout(r, 20))
  }
  return { child, url, ms: Number(process.hrtime.bigint() - t0) / 1e6 }
}

/** SIGTERM and wait for the exit (the server closes its database cleanly); SIGKILL after 30 s. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

/** Spawn → exit of a command, in ms; throws on a non-zero exit. */
async function timeProcess(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const t0 = process.hrtime.bigint()
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ['ignore', 'ignore', 'pipe'] })
    let err = ''
    child.stderr?.on('data', (c: Buffer) => {
      err += c.toString()
    })
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${args.join(' ')}: exit ${code} ${err}`)),
    )
  })
  return Number(process.hrtime.bigint() - t0) / 1e6
}

/** VmHWM / VmRSS of a process in MB (Linux /proc). */
function memoryOf(pid: number): { hwm: number; rss: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN)
  return { hwm: Math.round(kb('VmHWM') / 1024), rss: Math.round(kb('VmRSS') / 1024) }
}

async function runOnEngine(engine: BenchEngine, log: (line: string) => void): Promise<ScenarioResult> {
  const rows: BenchRow[] = []
  const notes: string[] = []
  const row = (scenario: string, size: string, samples: number[], errors: number, rssMb: number) =>
    rows.push({ scenario, engine, size, latency: summarize(samples), errors, peakRssMb: rssMb })

  const database = await childDatabase(engine, 'cold')
  const env = childEnv(database.env)
  try {
    log(`[coldstart/${engine}] first start: migrate and seed the demo...`)
    const first = await startServer(env)
    const firstMem = memoryOf(first.child.pid as number)
    await stopServer(first.child)
    row(
      'coldstart: first start (migrate + seed the demo) to /api/ready 200',
      'empty database',
      [first.ms],
      0,
      firstMem.hwm,
    )

    log(`[coldstart/${engine}] ${STARTS} starts on the demo-loaded database...`)
    const samples: number[] = []
    let errors = 0
    let hwm = 0
    let readyRss = 0
    let last: Started | undefined
    for (let i = 0; i < STARTS; i++) {
      try {
        const started = await startServer(env)
        samples.push(started.ms)
        const mem = memoryOf(started.child.pid as number)
        hwm = Math.max(hwm, mem.hwm)
        readyRss = Math.max(readyRss, mem.rss)
        if (i === STARTS - 1 && engine === 'server') last = started
        else await stopServer(started.child)
      } catch (err) {
        errors++
        notes.push(`${engine} cold start ${i + 1}: ${(err as Error).message.slice(0, 300)}`)
      }
    }
    row(`coldstart: spawn to /api/ready 200 (demo loaded)`, `${STARTS} starts`, samples, errors, hwm)
    const p95 = summarize(samples).p95
    if (engine === 'embedded') {
      const median = summarize(samples).p50
      const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met')
      notes.push(
        `embedded (issue 15, every UK postcode): first start ${(first.ms / 1000).toFixed(1)} s (target <= 120 s: ${verdict(first.ms <= 120_000)}); warm restart median ${(median / 1000).toFixed(1)} s, p95 ${(p95 / 1000).toFixed(1)} s (target <= 5 s: ${verdict(p95 <= 5_000)}); RSS at warm ready ${readyRss} MB, at most over ${STARTS} starts (target <= 1024 MB: ${verdict(readyRss <= 1024)}); peak RSS during the first start ${firstMem.hwm} MB (VmHWM at ready; target <= 1536 MB: ${verdict(firstMem.hwm <= 1536)})`,
      )
      notes.push(
        `embedded target cold start to ready <= ${EMBEDDED_TARGET_MS / 1000} s with the demo loaded: ${p95 <= EMBEDDED_TARGET_MS ? 'met' : 'NOT met'} (p95 ${(p95 / 1000).toFixed(1)} s; first start with the seed ${(first.ms / 1000).toFixed(1)} s)`,
      )
    }

    if (last) {
      // Server-mode RSS under signposting load, measured on the real process.
      const running = last
      try {
        const postcodes = spreadOfPostcodes(postcodeStore(benchStoreConfig()), 500, { englandAndWales: true })
        const fns = ['training', 'information-advice', 'grants', 'networks']
        const paths = postcodes.map(
          (p, i) =>
            `/api/signpost?${new URLSearchParams({ postcode: p, function: fns[i % fns.length] as string })}`,
        )
        const pid = running.child.pid as number
        const before = memoryOf(pid)
        log(`[coldstart/server] RSS of the server process under ${LOAD_SECONDS} s of signposting load...`)
        const measured = await loadPaths(running.url, paths, LOAD_SECONDS, 10)
        const after = memoryOf(pid)
        rows.push({
          scenario: 'server process RSS under signpost load (GET /api/signpost by postcode, 10 connections)',
          engine,
          size: `demo, ${LOAD_SECONDS} s`,
          latency: summarize(measured.samples),
          throughput: measured.samples.length / measured.seconds,
          throughputUnit: 'req/s',
          errors: measured.non2xx + measured.errors,
          peakRssMb: after.hwm,
        })
        notes.push(
          `server target process RSS <= ${RSS_TARGET_MB} MB under load: ${after.hwm <= RSS_TARGET_MB ? 'met' : 'NOT met'} (peak ${after.hwm} MB; ${before.rss} MB before the load, ${after.rss} MB after; the peak RSS column of this row is the server process, not the bench)`,
        )
      } finally {
        await stopServer(running.child)
      }
    }

    // References: a bare node, and node + tsx opening the same database for one SELECT 1.
    log(`[coldstart/${engine}] references: bare node, bare database open...`)
    const bare: number[] = []
    const open: number[] = []
    for (let i = 0; i < STARTS; i++) {
      bare.push(await timeProcess(['-e', '0'], env))
      open.push(await timeProcess(['--import', 'tsx', probeScript], env))
    }
    row('reference: bare node start to exit', `${STARTS} starts`, bare, 0, 0)
    row(
      `reference: node --import tsx, ${engine === 'embedded' ? 'open PGlite on the DATA_DIR' : 'connect to PostgreSQL'}, SELECT 1, exit`,
      `${STARTS} starts`,
      open,
      0,
      0,
    )
  } finally {
    await database.cleanup()
  }
  return { rows, notes }
}

export const coldstartScenario: Scenario = {
  name: 'coldstart',
  bothEngines: true,
  description:
    'Cold start of the real server process to /api/ready 200 on a demo-loaded DATA_DIR (embedded) and database (server), beside bare node and a bare database open; server-mode RSS under signposting load',
  run(engines, log) {
    return perEngine(engines, (engine) => runOnEngine(engine, log))
  },
}

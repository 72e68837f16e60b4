import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The real server process (`node --import tsx scripts/serve.ts`, as `npm start` runs it) for the
 * benches that need a process of its own: its memory read from /proc, signals sent to it, its exit
 * code and its last output kept.
 */

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const READY_TIMEOUT_MS = 120_000

export interface ServerProcess {
  child: ChildProcess
  url: string
  /** The last 20,000 characters of stdout and stderr. */
  output(): string
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>
  /** SIGTERM, then SIGKILL after `killAfterMs` if it is still running. */
  stop(killAfterMs?: number): Promise<void>
}

/** Production settings, silent logs, loopback on a free port; DATABASE_URL and the rest from `env`. */
export function serverEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env }
  for (const key of ['DATABASE_URL', 'DATABASE_REPLICA_URL', 'DATA_DIR', 'PORT', 'HOST']) delete base[key]
  return {
    ...base,
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
    GEO_DATA_DIR: path.resolve(repoRoot, '../shared/geo'),
    ...env,
  }
}

export async function spawnServer(env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  // Never leave a server behind if the bench itself exits early.
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => {
      process.removeListener('exit', killOnExit)
      resolve({ code, signal, at: performance.now() })
    }),
  )
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "ready at" within ${READY_TIMEOUT_MS} ms: ${output.slice(-2000)}`)),
      READY_TIMEOUT_MS,
    )
    const onData = () => {
      const match = /ready at (http:\/\/\S+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        child.stdout?.removeListener('data', onData)
        resolve(match[1] as string)
      }
    }
    child.stdout?.on('data', onData)
    exited.then(({ code }) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code} before it was ready: ${output.slice(-2000)}`))
    })
  })
  const stop = async (killAfterMs = 30_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs)
    child.kill('SIGTERM')
    await exited
    clearTimeout(timer)
  }
  return { child, url, output: () => output, exited, stop }
}

/** Resident set size of a process in MB (Linux /proc: VmRSS, and the peak VmHWM). */
export function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN)
  return { rss: Math.round(kb('VmRSS') / 1024), hwm: Math.round(kb('VmHWM') / 1024) }
}

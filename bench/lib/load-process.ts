import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Load from a process of its own (bench/lib/load-worker.ts): closed loop (autocannon, `connections`
 * connections back to back) or open loop (`rate` requests per second whatever the answers' speed).
 */

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

export interface LoadSpec {
  url: string
  paths: readonly string[]
  seconds: number
  /** Closed loop: connections sending back to back. */
  connections?: number
  /** Open loop: requests per second offered, evenly spread. */
  rate?: number
}

export interface LoadSummary {
  /** Response times (ms) of the 2xx answers. */
  okMs: number[]
  /** 429/503 with Retry-After in the error shape (load shedding). */
  refused: number
  refusedMs: number[]
  /** Any other non-2xx answer. */
  bad: number
  firstBad?: string
  /** Socket errors and timeouts. */
  errors: number
  firstError?: string
  timeouts: number
  seconds: number
}

/** Runs one load in a child process and returns its summary; rejects if the child fails. */
export async function runLoad(spec: LoadSpec): Promise<LoadSummary> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'support-atlas-load-'))
  const file = path.join(dir, 'spec.json')
  fs.writeFileSync(file, JSON.stringify(spec))
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/load-worker.ts', file], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const killOnExit = () => child.kill('SIGKILL')
    process.once('exit', killOnExit)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4_000)
    })
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve))
    process.removeListener('exit', killOnExit)
    if (code !== 0) throw new Error(`load generator exited with ${code}: ${stderr}`)
    return JSON.parse(stdout) as LoadSummary
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

import fs from 'node:fs'
import type { Knex } from 'knex'

/**
 * CPU time of processes on this machine, from /proc/<pid>/stat (utime + stime, clock ticks of
 * 1/100 s on Linux): the app's Node process, and the PostgreSQL backends serving its pool.
 */

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks. */
const TICKS_PER_SECOND = 100

/** utime + stime in ms from the text of /proc/<pid>/stat, or undefined when it cannot be read. */
export function cpuMsOfStat(stat: string): number | undefined {
  // The command name (field 2) may hold spaces and parentheses: count fields from after the last ')'.
  const close = stat.lastIndexOf(')')
  if (close < 0) return undefined
  const fields = stat
    .slice(close + 2)
    .trim()
    .split(' ')
  // utime and stime are fields 14 and 15, i.e. 12 and 13 after the state (field 3).
  if (fields.length < 13) return undefined
  const ticks = Number(fields[11]) + Number(fields[12])
  return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : undefined
}

/** CPU time (user + system) of one process in ms, or undefined when it is gone or unreadable. */
export function processCpuMs(pid: number): number | undefined {
  try {
    return cpuMsOfStat(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return undefined
  }
}

/** The backends (pids) of the app's pool: its database and application_name on this server. */
export async function backendPids(admin: Knex, database: string, applicationName: string): Promise<number[]> {
  const { rows } = await admin.raw<{ rows: Array<{ pid: number }> }>(
    `SELECT pid FROM pg_stat_activity
     WHERE datname = ? AND application_name = ? AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
    [database, applicationName],
  )
  return rows.map((r) => r.pid)
}

export interface CpuReading {
  nodeMs: number
  /** undefined when no PostgreSQL backends are measured (embedded engine: PGlite is inside Node). */
  dbMs?: number
  /** Backends seen at the end of the run. */
  backends: number
  /** Backends seen at the start but gone at the end (their CPU over the run is lost). */
  backendsLost: number
}

/**
 * CPU the backends used between two readings (pid -> ms). A backend opened during the run counts
 * from zero (all its CPU fell inside the run); one closed during it cannot be read again, so its
 * share is missing and it is counted in `backendsLost`. A pid whose CPU went down was closed and its
 * number reused by a new backend: the new one counts from zero, the old one is lost.
 */
export function backendCpuDelta(
  before: ReadonlyMap<number, number>,
  after: ReadonlyMap<number, number>,
): { dbMs: number; backendsLost: number } {
  let dbMs = 0
  let backendsLost = 0
  for (const [pid, ms] of after) {
    const start = before.get(pid) ?? 0
    if (ms < start) backendsLost++
    dbMs += ms < start ? ms : ms - start
  }
  for (const pid of before.keys()) if (!after.has(pid)) backendsLost++
  return { dbMs, backendsLost }
}

/** Starts measuring; `stop()` returns the CPU used since. */
export async function startCpuMeter(
  appPid: number,
  backends?: () => Promise<number[]>,
): Promise<{ stop(): Promise<CpuReading> }> {
  const readBackends = async () => {
    const map = new Map<number, number>()
    for (const pid of backends ? await backends() : []) {
      const ms = processCpuMs(pid)
      if (ms !== undefined) map.set(pid, ms)
    }
    return map
  }
  const before = await readBackends()
  const nodeBefore = processCpuMs(appPid) ?? Number.NaN
  return {
    async stop() {
      const nodeAfter = processCpuMs(appPid) ?? Number.NaN
      const after = await readBackends()
      const { dbMs, backendsLost } = backendCpuDelta(before, after)
      return {
        nodeMs: nodeAfter - nodeBefore,
        dbMs: backends ? dbMs : undefined,
        backends: after.size,
        backendsLost,
      }
    },
  }
}

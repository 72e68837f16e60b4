import type { Logger } from 'pino'
import type { SnapshotService } from './coverage-snapshot-service'

/** How often the schedule looks whether a snapshot is due (at most the interval itself). */
const CHECK_EVERY_MS = 60 * 60 * 1000
/** The first look, a little after start-up so it does not compete with it. */
const FIRST_CHECK_MS = 2 * 60 * 1000

/**
 * Scheduled coverage snapshots (SNAPSHOT_INTERVAL_HOURS) in the server process: every hour (or
 * every interval, if shorter) it asks for a snapshot, which is taken only when the newest one is
 * at least the interval old — decided under the snapshot lock, so several processes on one
 * database take one between them, and a restart does not take an extra one. The timers never
 * keep the process alive; `stop` ends them (shutdown).
 */
export function startSnapshotSchedule(deps: {
  snapshots: Pick<SnapshotService, 'takeScheduled'>
  intervalHours: number
  logger: Logger
}): { stop(): void } {
  const { snapshots, intervalHours, logger } = deps
  let stopped = false
  const check = async () => {
    try {
      const { snapshot, created } = await snapshots.takeScheduled(intervalHours)
      if (created)
        logger.info({ snapshot: snapshot.id, areas: snapshot.areaCount }, 'coverage snapshot taken')
    } catch (err) {
      if (!stopped) logger.warn({ err }, 'scheduled coverage snapshot failed; will try again')
    }
  }
  const first = setTimeout(check, FIRST_CHECK_MS)
  const every = setInterval(check, Math.min(CHECK_EVERY_MS, intervalHours * 3_600_000))
  first.unref()
  every.unref()
  return {
    stop() {
      stopped = true
      clearTimeout(first)
      clearInterval(every)
    },
  }
}

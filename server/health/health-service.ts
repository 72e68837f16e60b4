import type { Database } from '../lib/db'
import { mapLayerMode, postgisVersion } from '../lib/db'
import { pendingMigrations } from '../lib/migrator'

export interface Readiness {
  status: 'ready' | 'unavailable'
  engine: Database['engine']
  postgis: string | null
  migrations: 'current' | 'pending' | 'unknown'
  reason?: string
  /** Where map layers come from: vector tiles (server engine) or viewport GeoJSON (embedded). */
  mapLayers: 'mvt' | 'geojson'
  /** Present when DATABASE_REPLICA_URL is set: whether the read replica answers. */
  replica?: { status: 'ready' | 'unavailable'; reason?: string }
}

/** Public reads are served by the replica, so an unreachable replica makes the node unready. */
async function replicaReadiness(db: Database): Promise<Readiness['replica']> {
  if (!db.replica) return undefined
  try {
    await db.read.raw('select 1')
    return { status: 'ready' }
  } catch (err) {
    return { status: 'unavailable', reason: `read replica unreachable: ${messageOf(err)}` }
  }
}

export interface HealthProbes {
  /**
   * One real hot read through the path public requests take (the pooled connection and its named
   * prepared statements), so a fault there — a statement the session cannot prepare, a table
   * gone — makes the node unready instead of failing every search behind a 200.
   */
  hotRead?: () => Promise<unknown>
}

function messageOf(err: unknown): string {
  return (err as Error).message || (err as NodeJS.ErrnoException).code || 'unknown error'
}

export function createHealthService(db: Database, probes: HealthProbes = {}) {
  return {
    async readiness(): Promise<Readiness> {
      const base = { engine: db.engine, mapLayers: mapLayerMode(db.engine) }
      let postgis: string
      try {
        postgis = await postgisVersion(db.knex)
      } catch (err) {
        return {
          ...base,
          status: 'unavailable',
          postgis: null,
          migrations: 'unknown',
          reason: `database unreachable: ${messageOf(err)}`,
        }
      }
      const pending = await pendingMigrations(db.knex)
      if (pending.length > 0) {
        return {
          ...base,
          status: 'unavailable',
          postgis,
          migrations: 'pending',
          reason: `${pending.length} migration(s) pending: ${pending.join(', ')}`,
        }
      }
      const replica = await replicaReadiness(db)
      if (replica?.status === 'unavailable') {
        return {
          ...base,
          status: 'unavailable',
          postgis,
          migrations: 'current',
          reason: replica.reason,
          replica,
        }
      }
      if (probes.hotRead) {
        try {
          await probes.hotRead()
        } catch (err) {
          return {
            ...base,
            status: 'unavailable',
            postgis,
            migrations: 'current',
            reason: `hot read failed: ${messageOf(err)}`,
            ...(replica ? { replica } : {}),
          }
        }
      }
      return { ...base, status: 'ready', postgis, migrations: 'current', ...(replica ? { replica } : {}) }
    },
  }
}

export type HealthService = ReturnType<typeof createHealthService>

import type { Database } from '../lib/db'
import { postgisVersion } from '../lib/db'
import { pendingMigrations } from '../lib/migrator'

export interface Readiness {
  status: 'ready' | 'unavailable'
  engine: Database['engine']
  postgis: string | null
  migrations: 'current' | 'pending' | 'unknown'
  reason?: string
}

export function createHealthService(db: Database) {
  return {
    async readiness(): Promise<Readiness> {
      const base = { engine: db.engine }
      let postgis: string
      try {
        postgis = await postgisVersion(db.knex)
      } catch (err) {
        const message = (err as Error).message || (err as NodeJS.ErrnoException).code || 'unknown error'
        return {
          ...base,
          status: 'unavailable',
          postgis: null,
          migrations: 'unknown',
          reason: `database unreachable: ${message}`,
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
      return { ...base, status: 'ready', postgis, migrations: 'current' }
    },
  }
}

export type HealthService = ReturnType<typeof createHealthService>

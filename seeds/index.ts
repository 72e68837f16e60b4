import type { Logger } from 'pino'
import type { Config } from '../server/lib/config'
import type { Database } from '../server/lib/db'
import type { SeedNotice } from '../server/lifecycle'
import { geographyStep } from './10-geography'
import { taxonomyStep } from './20-taxonomy'
import { directoryStep } from './30-directory'
import { coverageStep } from './40-coverage'
import { fundingStep } from './50-funding'
import { demoAccountsStep } from './90-demo-accounts'

/**
 * Something a person must read once the server is up (the demo passwords): printed in the ready
 * block, where request logs cannot scroll it away before it is seen. Its shape is the server's.
 */
export type { SeedNotice }

/** One numbered step of the demo seed; each clears what it owns before inserting. */
export interface SeedStep {
  name: string
  run(db: Database, config: Config, logger: Logger): Promise<SeedNotice | undefined> | Promise<void>
}

/** The demo seed, in order: geography, taxonomy, directory, ... then the demo accounts last. */
export const seedSteps: SeedStep[] = [
  geographyStep,
  taxonomyStep,
  directoryStep,
  fundingStep,
  coverageStep,
  demoAccountsStep,
]

/** True when no seedable data is present (a fresh database). */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const marker = await db.knex.raw<{ rows: Array<{ seeded: boolean }> }>(
    "select to_regclass('public.seed_runs') is not null and exists (select 1 from seed_runs) as seeded",
  )
  return !marker.rows[0]?.seeded
}

export async function runSeeds(db: Database, config: Config, logger: Logger): Promise<SeedNotice[]> {
  const notices: SeedNotice[] = []
  for (const step of seedSteps) {
    const started = Date.now()
    const notice = await step.run(db, config, logger)
    if (notice) notices.push(notice)
    logger.info({ step: step.name, ms: Date.now() - started }, 'seed step done')
  }
  await db.knex('seed_runs').insert({ steps: seedSteps.map((s) => s.name) })
  return notices
}

/** SEED_DEMO=auto seeds an empty database, always reseeds, never leaves it alone. */
export async function seedDemo(db: Database, config: Config, logger: Logger): Promise<SeedNotice[]> {
  if (config.seedDemo === 'never') return []
  if (config.seedDemo === 'auto' && !(await isDatabaseEmpty(db))) return []
  console.log('Seeding demo data (first start on an empty database)...')
  return runSeeds(db, config, logger)
}

/** Notices as plain text lines, for the console. */
export function formatNotices(notices: SeedNotice[]): string {
  return notices.map((n) => [n.title, ...n.lines].join('\n')).join('\n\n')
}

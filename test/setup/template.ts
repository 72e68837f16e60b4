import type { Logger } from 'pino'
import { pino } from 'pino'
import { seedBaselines } from '../../server/coverage/coverage-baseline-seed'
import { loadDeprivation } from '../../server/deprivation/deprivation-import'
import { templateGeography } from '../../server/geo/geo-seed'
import type { Database } from '../../server/lib/db'
import { migrateLatest } from '../../server/lib/migrator'
import { readTaxonomy } from '../../server/taxonomy/taxonomy-queries'
import { loadTaxonomy } from '../../server/taxonomy/taxonomy-service'
import { testConfig } from '../helpers/test-config'

const silent: Logger = pino({ level: 'silent' })

/**
 * What every db test file starts from: all migrations, plus the reference data that test
 * files share. Built once per run and cloned per file, so files never see each other's writes.
 */
export async function buildTemplate(db: Database): Promise<void> {
  await migrateLatest(db.knex)
  for (const step of templateSteps) await step(db, testConfig(), silent)
}

/** Reference-data loaders the template runs after migrating (geography, taxonomy, ...). */
export const templateSteps: Array<
  (db: Database, config: ReturnType<typeof testConfig>, log: Logger) => Promise<void>
> = [
  templateGeography,
  // The English Indices of Deprivation 2019 over the districts just loaded (docs/decisions/0017).
  async (db, config) => {
    await loadDeprivation(db.knex, config.statsDataDir)
  },
  (db, config) => loadTaxonomy(db.knex, config.taxonomyFile).then(() => {}),
  // The baselines of docs/domain.md (reference data: the coverage tests check against them).
  async (db) => {
    await seedBaselines(db.knex, await readTaxonomy(db.knex))
  },
]

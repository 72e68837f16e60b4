import type { Logger } from 'pino'
import type { Config } from '../lib/config'
import type { Database } from '../lib/db'
import { type GeoImportReport, type ImportLog, importGeography } from './geo-importer'
import { loadManifest } from './geo-manifest'
import { ensurePostcodeStore } from './postcode-store'

export const POSTCODE_SAMPLE_FILE = 'postcodes_sample.csv'

export class GeoSeedError extends Error {
  override name = 'GeoSeedError'
}

function failures(report: GeoImportReport): string[] {
  return [
    ...report.layers.filter((l) => l.status === 'failed').map((l) => `${l.layer}: ${l.error}`),
    ...report.lookups.filter((l) => l.status === 'failed').map((l) => `${l.lookup}: ${l.error}`),
    ...(report.populations.status === 'failed' ? [`populations: ${report.populations.error}`] : []),
  ]
}

/** Every manifest layer, lookup and population file; any failure is an error (seeds must be whole). */
export async function loadBoundaries(db: Database, config: Pick<Config, 'geoDataDir'>, log?: ImportLog) {
  const report = await importGeography(db.knex, { dataDir: config.geoDataDir, manifest: loadManifest(), log })
  const failed = failures(report)
  if (failed.length > 0) throw new GeoSeedError(`Geography import failed: ${failed.join('; ')}`)
  return report
}

function consoleLog(): ImportLog {
  return { info: (m) => console.log(m), warn: (m) => console.warn(m) }
}

/**
 * Demo seed (npm start on an empty database): all boundaries. Postcodes are not in the database:
 * the packed file of every UK postcode is built into DATA_DIR at start-up (server/lifecycle.ts).
 */
export async function seedGeography(db: Database, config: Config, logger: Logger): Promise<void> {
  const log = consoleLog()
  const boundaries = await loadBoundaries(db, config, log)
  logger.info({ ms: boundaries.ms, relations: boundaries.relations }, 'geography boundaries loaded')
}

/** Test template: all boundaries (postcodes come from the packed file the global setup builds once). */
export async function templateGeography(db: Database, config: Config): Promise<void> {
  await loadBoundaries(db, config)
  ensurePostcodeStore(config)
}

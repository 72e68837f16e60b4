import fs from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import type { Logger } from 'pino'
import type { Config } from '../lib/config'
import type { Database } from '../lib/db'
import { type GeoImportReport, type ImportLog, importGeography } from './geo-importer'
import { loadManifest } from './geo-manifest'
import { parsePostcode } from './postcode'
import { importPostcodes, type PostcodeImportReport } from './postcode-importer'

export const POSTCODE_LOOKUP_FILE = 'postcodes_lookup.csv'
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

/** The postcode districts of postcodes_sample.csv: what the test template needs, about 4% of the file. */
export function sampleOutwardCodes(geoDataDir: string): Set<string> {
  const rows: Array<{ postcode: string }> = parse(
    fs.readFileSync(path.join(geoDataDir, POSTCODE_SAMPLE_FILE)),
    {
      columns: true,
      skip_empty_lines: true,
    },
  )
  const codes = new Set<string>()
  for (const row of rows) {
    const pc = parsePostcode(row.postcode)
    if (pc) codes.add(pc.outward)
  }
  return codes
}

export async function loadPostcodes(
  db: Database,
  config: Pick<Config, 'geoDataDir'>,
  options: { outwardCodes?: ReadonlySet<string>; log?: ImportLog } = {},
): Promise<PostcodeImportReport> {
  return importPostcodes(db.knex, {
    file: path.join(config.geoDataDir, POSTCODE_LOOKUP_FILE),
    outwardCodes: options.outwardCodes,
    log: options.log,
  })
}

function consoleLog(): ImportLog {
  return { info: (m) => console.log(m), warn: (m) => console.warn(m) }
}

/** Demo seed (npm start on an empty database): all boundaries and the full postcode file. */
export async function seedGeography(db: Database, config: Config, logger: Logger): Promise<void> {
  const log = consoleLog()
  const boundaries = await loadBoundaries(db, config, log)
  logger.info({ ms: boundaries.ms, relations: boundaries.relations }, 'geography boundaries loaded')
  const postcodes = await loadPostcodes(db, config, { log })
  const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024)
  console.log(
    `  postcodes: ${postcodes.loaded.toLocaleString('en-GB')} loaded from ${postcodes.file} in ${(postcodes.ms / 1000).toFixed(1)} s (${postcodes.rowsPerSecond.toLocaleString('en-GB')} rows/s); ${postcodes.withoutLocation} without coordinates skipped; process RSS ${rssMb} MB`,
  )
  logger.info({ ...postcodes, rssMb }, 'postcodes loaded')
}

/** Test template: all boundaries, and only the postcode districts the sample file uses. */
export async function templateGeography(db: Database, config: Config): Promise<void> {
  await loadBoundaries(db, config)
  await loadPostcodes(db, config, { outwardCodes: sampleOutwardCodes(config.geoDataDir) })
}

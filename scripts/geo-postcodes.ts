// `npm run geo:postcodes [-- --file path.csv]`: streams postcodes_lookup.csv (or another
// postcode,lat,long CSV) from GEO_DATA_DIR into the postcodes table, replacing it atomically,
// and reports rows/s and the process's resident memory.
import path from 'node:path'
import { parseArgs } from 'node:util'
import { GeoImportError } from '../server/geo/geo-importer'
import { POSTCODE_LOOKUP_FILE } from '../server/geo/geo-seed'
import { importPostcodes } from '../server/geo/postcode-importer'
import { ConfigError, loadConfig } from '../server/lib/config'
import { DatabaseConnectError, openDatabase } from '../server/lib/db'
import { DataDirLockedError } from '../server/lib/embedded-postgres'
import { migrateLatest } from '../server/lib/migrator'

const { values } = parseArgs({
  options: { file: { type: 'string' }, help: { type: 'boolean', default: false } },
})
if (values.help) {
  console.log('usage: npm run geo:postcodes [-- --file <csv>]')
  process.exit(0)
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`

try {
  const config = loadConfig()
  const file = values.file ? path.resolve(values.file) : path.join(config.geoDataDir, POSTCODE_LOOKUP_FILE)
  const db = await openDatabase(config)
  try {
    await migrateLatest(db.knex)
    console.log(`Importing postcodes from ${file} into the ${db.engine} database (${db.location})`)
    const report = await importPostcodes(db.knex, {
      file,
      log: { info: (m) => console.log(m), warn: (m) => console.warn(m) },
    })
    console.log(
      `${report.loaded.toLocaleString('en-GB')} postcodes loaded from ${report.rows.toLocaleString('en-GB')} rows in ${(report.ms / 1000).toFixed(1)} s (${report.rowsPerSecond.toLocaleString('en-GB')} rows/s); ${report.sectors.toLocaleString('en-GB')} sectors, ${report.districts.toLocaleString('en-GB')} districts`,
    )
    console.log(`Skipped: ${report.withoutLocation} without coordinates, ${report.rejected} rejected`)
    for (const example of report.rejectedExamples) console.log(`  ${example}`)
    const usage = process.memoryUsage()
    console.log(
      `Process memory: RSS ${mb(usage.rss)} now, peak ${mb(process.resourceUsage().maxRSS * 1024)} (heap ${mb(usage.heapUsed)})`,
    )
  } finally {
    await db.close()
  }
} catch (err) {
  if (
    err instanceof ConfigError ||
    err instanceof DatabaseConnectError ||
    err instanceof DataDirLockedError ||
    err instanceof GeoImportError
  ) {
    console.error(err.message)
    process.exit(1)
  }
  throw err
}

// `npm run geo:postcodes`: (re)builds the packed file of every UK postcode (DATA_DIR/postcodes-uk.v2.bin)
// from GEO_DATA_DIR/postcodes_uk.csv, and reports rows/s and the process's memory. Both engines
// read postcodes from that file (docs/decisions/0011-uk-postcodes.md); start-up builds it when it
// is missing or older than the CSV, so this is only needed to rebuild by hand.
import path from 'node:path'
import { parseArgs } from 'node:util'
import { buildPostcodeStore, POSTCODE_STORE_FILE, POSTCODES_UK_FILE } from '../server/geo/postcode-store'
import { ConfigError, loadConfig } from '../server/lib/config'

const { values } = parseArgs({ options: { help: { type: 'boolean', default: false } } })
if (values.help) {
  console.log(
    'usage: npm run geo:postcodes   (rebuilds DATA_DIR/postcodes-uk.v2.bin from GEO_DATA_DIR/postcodes_uk.csv)',
  )
  process.exit(0)
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`

try {
  const config = loadConfig()
  const csv = path.join(config.geoDataDir, POSTCODES_UK_FILE)
  const out = path.join(config.dataDir, POSTCODE_STORE_FILE)
  console.log(`Packing ${csv} into ${out}`)
  const report = buildPostcodeStore(csv, out)
  console.log(
    `${report.postcodes.toLocaleString('en-GB')} postcodes packed from ${report.rows.toLocaleString('en-GB')} rows in ${(report.ms / 1000).toFixed(1)} s (${report.rowsPerSecond.toLocaleString('en-GB')} rows/s), ${mb(report.bytes)}`,
  )
  console.log(
    `Skipped: ${report.withoutLocation} without coordinates, ${report.rejected} not valid postcodes, ${report.duplicates} duplicates`,
  )
  console.log(
    `Process memory: RSS ${mb(process.memoryUsage().rss)} now, peak ${mb(process.resourceUsage().maxRSS * 1024)}`,
  )
} catch (err) {
  if (err instanceof ConfigError || (err as NodeJS.ErrnoException).code === 'ENOENT') {
    console.error((err as Error).message)
    process.exit(1)
  }
  throw err
}

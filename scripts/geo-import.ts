// `npm run geo:import [-- --only districts,wards] [--manifest path]`: loads the boundary layers,
// lookups and populations listed in db/geo-manifest.json from GEO_DATA_DIR (and the IMD 2019 from
// STATS_DATA_DIR) into the configured
// database (DATABASE_URL, or the embedded one under DATA_DIR: stop `npm start` first).
import { parseArgs } from 'node:util'
import { loadDeprivation } from '../server/deprivation/deprivation-import'
import { importGeography } from '../server/geo/geo-importer'
import { defaultManifestPath, loadManifest } from '../server/geo/geo-manifest'
import { loadConfig } from '../server/lib/config'
import { openDatabase } from '../server/lib/db'
import { migrateLatest } from '../server/lib/migrator'
import { exitOnOperatorError } from '../server/lib/operator-errors'

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    manifest: { type: 'string', default: defaultManifestPath },
    help: { type: 'boolean', default: false },
  },
})
if (values.help) {
  console.log('usage: npm run geo:import [-- --only <layer,lookup,...>] [--manifest <file>]')
  process.exit(0)
}

try {
  const config = loadConfig()
  const manifest = loadManifest(values.manifest)
  const only = values.only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const known = [...manifest.layers, ...manifest.lookups].map((e) => e.name)
  const unknown = only?.filter((name) => !known.includes(name)) ?? []
  if (unknown.length > 0) {
    console.error(`Unknown manifest entries: ${unknown.join(', ')} (known: ${known.join(', ')})`)
    process.exit(2)
  }
  const db = await openDatabase(config)
  try {
    await migrateLatest(db.knex)
    console.log(
      `Importing geography from ${config.geoDataDir} into the ${db.engine} database (${db.location})`,
    )
    const report = await importGeography(db.knex, {
      dataDir: config.geoDataDir,
      manifest,
      only,
      log: { info: (m) => console.log(m), warn: (m) => console.warn(m) },
    })
    console.log(
      `Done in ${(report.ms / 1000).toFixed(1)} s: ${report.relations} parent/child relations, ${report.closure} ancestor pairs`,
    )
    // The English Indices of Deprivation 2019 (STATS_DATA_DIR), summed over the districts just loaded.
    const imd = await loadDeprivation(db.knex, config.statsDataDir)
    console.log(
      `Deprivation (IMD 2019): ${imd.districts} districts from ${config.statsDataDir}, ${imd.rolledUp} areas summed from them${imd.unmatched.length > 0 ? `; ${imd.unmatched.length} districts not loaded here` : ''}`,
    )
    const failed = [...report.layers, ...report.lookups].filter((r) => r.status === 'failed')
    if (!report.ok) {
      console.error(
        `${failed.length} entr${failed.length === 1 ? 'y' : 'ies'} not loaded; the others are in place.`,
      )
      process.exitCode = 1
    }
  } finally {
    await db.close()
  }
} catch (err) {
  exitOnOperatorError(err)
  throw err
}

// `npm run geo:hexes [-- --resolution 7]`: (re)builds the H3 hexagon grid over England and Wales
// in the configured database (docs/decisions/0008). The resolution comes from --resolution, else
// HEX_RESOLUTION, else 7. Idempotent: a rerun replaces the grid with the same cells.
import { parseArgs } from 'node:util'
import { postcodeStore } from '../server/geo/postcode-store'
import {
  HEX_RESOLUTION_DEFAULT,
  HexResolutionError,
  parseHexResolution,
} from '../server/hexgrid/hexgrid-grid'
import { buildHexGrid } from '../server/hexgrid/hexgrid-service'
import { loadConfig } from '../server/lib/config'
import { openDatabase } from '../server/lib/db'
import { migrateLatest } from '../server/lib/migrator'
import { exitOnOperatorError } from '../server/lib/operator-errors'

try {
  const { values } = parseArgs({
    options: {
      resolution: { type: 'string' },
      district: { type: 'string', multiple: true },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    console.log('usage: npm run geo:hexes [-- --resolution 5..9] [--district E08000035 ...]')
    process.exit(0)
  }
  const resolution =
    values.resolution !== undefined
      ? parseHexResolution(values.resolution, '--resolution')
      : process.env.HEX_RESOLUTION
        ? parseHexResolution(process.env.HEX_RESOLUTION, 'HEX_RESOLUTION')
        : HEX_RESOLUTION_DEFAULT
  const config = loadConfig()
  const db = await openDatabase(config)
  try {
    await migrateLatest(db.knex)
    console.log(
      `Building the H3 grid at resolution ${resolution} in the ${db.engine} database (${db.location})`,
    )
    const report = await buildHexGrid(db.knex, {
      resolution,
      postcodes: postcodeStore(config, (m) => console.log(m)),
      ...(values.district ? { districts: values.district.map((d) => d.trim().toUpperCase()) } : {}),
      log: (m) => console.log(`  ${m}`),
    })
    console.log(
      `${report.cells.toLocaleString('en-GB')} hexagons in ${(report.ms.total / 1000).toFixed(1)} s (cells ${report.ms.cells} ms, write ${report.ms.write} ms, coverage index ${report.ms.reindex} ms)`,
    )
  } finally {
    await db.close()
  }
} catch (err) {
  exitOnOperatorError(err, [HexResolutionError])
  if ((err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error((err as Error).message)
    process.exit(1)
  }
  throw err
}

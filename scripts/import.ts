// `npm run import -- providers.csv [--commit] [--format csv|geojson|oruk]`
// Checks a provider file against the configured database and prints the per-row report (a dry
// run); with --commit, applies every row in one transaction, or nothing when any row is invalid.
// Prints progress lines (phase: processed of total rows) while it works.
// Stop a running embedded server first (the embedded database has one user at a time).
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { IMPORT_FORMATS, type ImportFormat } from '../server/imports/imports-registry'
import type { ImportProgress } from '../server/imports/imports-report'
import { createImportService } from '../server/imports/imports-service'
import { loadConfig } from '../server/lib/config'
import { openDatabase } from '../server/lib/db'
import { HttpError } from '../server/lib/errors'
import { migrateLatest } from '../server/lib/migrator'
import { createTaxonomyService } from '../server/taxonomy/taxonomy-service'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { commit: { type: 'boolean', default: false }, format: { type: 'string' } },
})
const file = positionals[0]
const byExtension: Record<string, ImportFormat> = { '.csv': 'csv', '.geojson': 'geojson' }

/** A .json file: a GeoJSON FeatureCollection, or ORUK (a service, a page of services, or a list). */
function jsonFormat(name: string): ImportFormat | undefined {
  let doc: unknown
  try {
    doc = JSON.parse(fs.readFileSync(name, 'utf8'))
  } catch {
    return undefined
  }
  const d = doc as Record<string, unknown> | null
  if (d?.type === 'FeatureCollection') return 'geojson'
  if (
    Array.isArray(doc) ||
    Array.isArray(d?.contents) ||
    (typeof d?.name === 'string' && 'id' in (d ?? {}))
  ) {
    return 'oruk'
  }
  return undefined
}

const extension = path.extname(file ?? '').toLowerCase()
const format = (values.format ??
  (extension === '.json' && file ? jsonFormat(file) : byExtension[extension])) as ImportFormat | undefined
if (!file || !format || !IMPORT_FORMATS.includes(format)) {
  console.error(
    'usage: npm run import -- <file.csv|file.geojson|oruk.json> [--commit] [--format csv|geojson|oruk]',
  )
  process.exit(2)
}

/** One line per phase, and at most one every 2 s within a phase. */
let lastLine = { phase: '', at: 0 }
function printProgress(_id: string | null, progress: ImportProgress): void {
  const now = Date.now()
  if (progress.phase === lastLine.phase && now - lastLine.at < 2000 && progress.processed < progress.total)
    return
  lastLine = { phase: progress.phase, at: now }
  console.log(`  ${progress.phase}: ${progress.processed} of ${progress.total} rows`)
}

try {
  const config = loadConfig()
  const db = await openDatabase(config)
  try {
    await migrateLatest(db.knex)
    const imports = createImportService({
      knex: db.knex,
      taxonomy: createTaxonomyService(db.knex, { cacheSeconds: 0 }),
      options: {
        maxRows: config.importMaxRows,
        polygonMaxVertices: config.coveragePolygonMaxVertices,
        onProgress: printProgress,
      },
    })
    const text = fs.readFileSync(file, 'utf8')
    let report: Awaited<ReturnType<typeof imports.run>>
    try {
      report = await imports.run(null, { format, text, commit: values.commit, filename: path.basename(file) })
    } catch (err) {
      if (err instanceof HttpError && err.status === 422) report = err.details as typeof report
      else throw err
    }
    const counts = `${report.totalRows} rows: ${report.creates} to create, ${report.updates} to update, ${report.errorCount} error(s)`
    console.log(`${report.mode} of ${file} (${format}): ${report.status}; ${counts}`)
    for (const e of report.errors) console.log(`  row ${e.row}, column ${e.column}: ${e.message}`)
    if (report.errorCount > report.errors.length) {
      console.log(`  ... and ${report.errorCount - report.errors.length} more`)
    }
    if (report.status === 'invalid') {
      console.log(values.commit ? 'Nothing was imported.' : 'Fix these and run again.')
      process.exitCode = 1
    } else if (!values.commit) {
      console.log('Dry run only: add --commit to apply.')
    }
  } finally {
    await db.close()
  }
} catch (err) {
  console.error((err as Error).message)
  process.exit(1)
}

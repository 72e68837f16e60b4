// `npm run harvest:oruk -- <feed base URL> [--since <date>] [--commit] [--skip-invalid] [--json]`
// Reads every service of another Open Referral UK 3.0 API (or, with --since, those modified after
// that date), page by page, politely (Retry-After honoured, retries with back-off), and runs them
// through the same ORUK import as a file: a dry run unless --commit, all or nothing, recorded in
// the list of imports with the feed's URL as each record's source. New services are drafts in the
// review queue (/admin/candidates), linked by (feed URL, service id); services an editor rejected
// there are skipped (`rejected`). --skip-invalid leaves out the services that do not map (each
// named) instead of refusing the whole run.
// Stop a running embedded server first (the embedded database has one user at a time).
import { parseArgs } from 'node:util'
import { HarvestError, harvestIntoImport } from '../server/imports/imports-harvest'
import { createImportService } from '../server/imports/imports-service'
import { loadConfig } from '../server/lib/config'
import { openDatabase } from '../server/lib/db'
import { migrateLatest } from '../server/lib/migrator'
import { createTaxonomyService } from '../server/taxonomy/taxonomy-service'

const usage =
  'usage: npm run harvest:oruk -- <feed base URL, e.g. https://example.org/oruk> [--since 2026-01-31] [--commit] [--skip-invalid] [--json]'
let parsed: ReturnType<typeof parse>
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      since: { type: 'string' },
      commit: { type: 'boolean', default: false },
      'skip-invalid': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  })
}
try {
  parsed = parse()
} catch (err) {
  console.error(`${(err as Error).message}\n${usage}`)
  process.exit(2)
}
const { values, positionals } = parsed
const baseUrl = positionals[0]
if (!baseUrl || positionals.length > 1) {
  console.error(usage)
  process.exit(2)
}
if (values.since !== undefined && Number.isNaN(Date.parse(values.since))) {
  console.error(
    `--since must be a date or date-time, such as 2026-01-31 or 2026-01-31T09:00:00Z (got "${values.since}")`,
  )
  process.exit(2)
}
const say = (line: string) => {
  if (!values.json) console.log(line)
}

try {
  const config = loadConfig()
  const db = await openDatabase(config)
  try {
    await migrateLatest(db.knex)
    const imports = createImportService({
      knex: db.knex,
      taxonomy: createTaxonomyService(db.knex, { cacheSeconds: 0 }),
      options: { maxRows: config.importMaxRows, polygonMaxVertices: config.coveragePolygonMaxVertices },
    })
    const { harvest, report, leftOut, skipped } = await harvestIntoImport({
      baseUrl,
      since: values.since,
      commit: values.commit,
      skipInvalid: values['skip-invalid'],
      imports,
      onPage: (page, total, count) => say(`  page ${page} of ${total}: ${count} service(s)`),
    })
    if (values.json) {
      console.log(
        JSON.stringify(
          { harvest: { ...harvest, services: harvest.services.length }, leftOut, skipped, report },
          null,
          2,
        ),
      )
    } else {
      say(
        `${harvest.services.length} service(s) read in ${harvest.requests} request(s) (${harvest.retries} retried, ${harvest.fetchedOneByOne} fetched one by one)`,
      )
      for (const s of leftOut) say(`  left out ${s.id} (${s.name}): ${s.reasons.join('; ')}`)
      for (const [reason, n] of Object.entries(skipped)) say(`  skipped ${n} service(s): ${reason}`)
      say(
        `${report.mode} (import ${report.id}): ${report.status}; ${report.totalRows} record(s): ${report.creates} to create, ${report.updates} to update, ${report.errorCount} error(s)`,
      )
      for (const e of report.errors) say(`  service ${e.row}, ${e.column}: ${e.message}`)
      if (report.status === 'invalid') {
        say(values.commit ? 'Nothing was imported.' : 'Add --skip-invalid to import the services that map.')
      } else if (!values.commit) {
        say('Dry run only: add --commit to apply.')
      }
    }
    if (report.status === 'invalid') process.exitCode = 1
  } finally {
    await db.close()
  }
} catch (err) {
  console.error(err instanceof HarvestError ? `harvest failed: ${err.message}` : (err as Error).message)
  process.exit(1)
}

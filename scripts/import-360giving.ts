// `npm run import:360giving -- <file.json|file.csv> [--commit] [--json]`
// Validates a 360Giving file against the standard in ../shared/360giving (every error with its
// JSON path), matches each recipient to a directory record (org-id, then charity number, then
// name + postcode as a suggestion for an editor) and, with --commit, stores the grants in one
// transaction (re-importing a file updates its grants by their 360Giving ids). A dry run by default;
// --json prints the report on stdout. Decision 0016. Stop a running embedded server first (the
// embedded database has one user at a time).
import { defaultStandardDir, GRANTS_USAGE, parseGrantsArgs, runGrantsCli } from '../server/funding/grants-cli'
import { loadConfig } from '../server/lib/config'
import { openDatabase } from '../server/lib/db'
import { migrateLatest } from '../server/lib/migrator'

const options = parseGrantsArgs(process.argv.slice(2))
if ('usageError' in options) {
  console.error(`${options.usageError}\n${GRANTS_USAGE}`)
  process.exit(2)
}

try {
  const config = loadConfig()
  const db = await openDatabase(config)
  try {
    await migrateLatest(db.knex)
    process.exitCode = await runGrantsCli(options, {
      knex: db.knex,
      standardDir: defaultStandardDir(config),
      out: (text) => process.stdout.write(text),
      err: (line) => console.error(line),
    })
  } finally {
    await db.close()
  }
} catch (error) {
  console.error((error as Error).message)
  process.exit(1)
}

// `npm run import:ccew -- --dir <folder> [--commit] [--json] [--reference <folder>]`
// Reads the Charity Commission register extract (publicextract.charity.json and its side tables)
// from <folder>, scores every registered main charity as an infrastructure candidate and maps each
// candidate to a draft record (decision 0015). A dry run unless --commit; --commit applies the plan
// in one transaction (drafts created, register fields updated, removed charities closed), or
// nothing when any row is malformed. Progress and problems go to stderr; --json prints
// `{ read, candidates: [...], skipped: {...} }` on stdout. --reference names the folder holding
// cc_aoo_to_2013_codes.csv (default: `charity` beside GEO_DATA_DIR, i.e. ../shared/charity).
// Stop a running embedded server first (the embedded database has one user at a time).
import {
  CCEW_USAGE,
  defaultReferenceDir,
  parseCcewArgs,
  postcodeLocator,
  runCcewCli,
} from '../server/imports/ccew-cli'
import { loadConfig } from '../server/lib/config'
import { openDatabase } from '../server/lib/db'
import { migrateLatest } from '../server/lib/migrator'
import { createTaxonomyService } from '../server/taxonomy/taxonomy-service'

const options = parseCcewArgs(process.argv.slice(2))
if ('usageError' in options) {
  console.error(`${options.usageError}\n${CCEW_USAGE}`)
  process.exit(2)
}

const err = (line: string) => console.error(line)
try {
  const config = loadConfig()
  const db = await openDatabase(config)
  try {
    await migrateLatest(db.knex)
    process.exitCode = await runCcewCli(options, {
      knex: db.knex,
      taxonomy: await createTaxonomyService(db.knex, { cacheSeconds: 0 }).getTaxonomy(),
      referenceDir: options.reference ?? defaultReferenceDir(config),
      locate: postcodeLocator(config, err),
      out: (text) => process.stdout.write(text),
      err,
    })
  } finally {
    await db.close()
  }
} catch (error) {
  console.error((error as Error).message)
  process.exit(1)
}

// `npm run demo:generate -- --providers 100000 --seed 1`: replace the generated (benchmark)
// providers in the configured database (DATABASE_URL, or the embedded one under DATA_DIR: stop a
// running `npm start` first) with a synthetic directory of that size. The demo records are never
// touched. `npm run demo:generate -- --remove` deletes the generated records only.
import { parseArgs } from 'node:util'
import { removeGeneratedProviders, replaceGeneratedProviders } from '../server/directory/directory-seed'
import { ConfigError, loadConfig } from '../server/lib/config'
import { openDatabase } from '../server/lib/db'
import { pendingMigrations } from '../server/lib/migrator'
import { exitOnOperatorError } from '../server/lib/operator-errors'
import { readTaxonomy } from '../server/taxonomy/taxonomy-queries'

const MAX_PROVIDERS = 1_000_000

function usage(problem: string): never {
  console.error(`${problem}
usage: npm run demo:generate -- --providers <1..${MAX_PROVIDERS}> [--seed <integer>] [--batch <100..10000>]
       npm run demo:generate -- --remove`)
  process.exit(2)
}

function wholeNumber(
  name: string,
  raw: string | undefined,
  min: number,
  max: number,
  fallback?: number,
): number {
  if (raw === undefined) {
    if (fallback === undefined) usage(`--${name} is required`)
    return fallback
  }
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    usage(`--${name} must be a whole number from ${min} to ${max} (got "${raw}")`)
  }
  return Number(raw)
}

let args: ReturnType<typeof parse>
function parse() {
  return parseArgs({
    options: {
      providers: { type: 'string' },
      seed: { type: 'string' },
      batch: { type: 'string' },
      remove: { type: 'boolean', default: false },
    },
    strict: true,
  })
}
try {
  args = parse()
} catch (err) {
  usage((err as Error).message)
}

try {
  const config = loadConfig()
  const db = await openDatabase(config)
  try {
    const pending = await pendingMigrations(db.knex)
    if (pending.length > 0) {
      throw new ConfigError(
        `The database has pending migrations (${pending.join(', ')}): run npm run db:migrate first`,
      )
    }
    if (args.values.remove) {
      const removed = await removeGeneratedProviders(db.knex)
      console.log(`removed ${removed.toLocaleString('en-GB')} generated provider(s)`)
    } else {
      const count = wholeNumber('providers', args.values.providers, 1, MAX_PROVIDERS)
      const seed = wholeNumber('seed', args.values.seed, 0, 2 ** 31 - 1, 1)
      const batchSize = wholeNumber('batch', args.values.batch, 100, 10_000, 2000)
      const taxonomy = await readTaxonomy(db.knex)
      if (taxonomy.functions.length === 0) {
        throw new ConfigError('The taxonomy is not loaded: run npm start (or npm run db:seed) once first')
      }
      const started = Date.now()
      const result = await replaceGeneratedProviders(db.knex, taxonomy, {
        count,
        seed,
        batchSize,
        onBatch(done, total) {
          const seconds = (Date.now() - started) / 1000
          process.stdout.write(
            `\r  ${done.toLocaleString('en-GB')} / ${total.toLocaleString('en-GB')} (${seconds.toFixed(0)} s)`,
          )
        },
      })
      process.stdout.write('\n')
      const { rows } = await db.knex.raw<{ rows: Array<{ n: number }> }>(
        'SELECT count(*)::int AS n FROM provider_coverage_index',
      )
      console.log(
        `generated ${result.providers.toLocaleString('en-GB')} provider(s) with seed ${seed} in ${((Date.now() - started) / 1000).toFixed(1)} s; coverage index now ${rows[0]?.n.toLocaleString('en-GB')} rows`,
      )
    }
  } finally {
    await db.close()
  }
} catch (err) {
  exitOnOperatorError(err)
  throw err
}

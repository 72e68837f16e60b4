// `npm run db:migrate | db:seed | db:reset` against the configured database (DATABASE_URL, or the
// embedded one under DATA_DIR — stop a running `npm start` first: the embedded database is locked).
import { formatNotices, runSeeds } from '../seeds'
import { loadConfig } from '../server/lib/config'
import { openDatabase } from '../server/lib/db'
import { createLogger } from '../server/lib/logger'
import { migrateLatest, rollbackAll } from '../server/lib/migrator'
import { exitOnOperatorError } from '../server/lib/operator-errors'

const command = process.argv[2]
if (command !== 'migrate' && command !== 'seed' && command !== 'reset') {
  console.error('usage: tsx scripts/db.ts migrate|seed|reset')
  process.exit(2)
}

try {
  const config = loadConfig()
  const logger = createLogger(config)
  const db = await openDatabase(config)
  try {
    if (command === 'reset') {
      await rollbackAll(db.knex)
      console.log('rolled back every migration')
    }
    const applied = await migrateLatest(db.knex)
    console.log(
      applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'migrations current',
    )
    if (command !== 'migrate') {
      const notices = await runSeeds(db, config, logger)
      console.log('demo data seeded')
      if (notices.length > 0) console.log(formatNotices(notices))
    }
  } finally {
    await db.close()
  }
} catch (err) {
  exitOnOperatorError(err)
  throw err
}

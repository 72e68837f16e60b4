// The cold-start scenario's reference: open the database the server would open (DATABASE_URL, or
// the embedded one under DATA_DIR), answer SELECT 1, close. Run as its own process and timed.
import { loadConfig } from '../../server/lib/config'
import { openDatabase } from '../../server/lib/db'

const db = await openDatabase(loadConfig())
try {
  await db.knex.raw('SELECT 1')
} finally {
  await db.close()
}

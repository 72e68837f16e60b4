// `npm run user:create -- --email admin@example.org --role admin [--name "Ada"]`
// Creates an account and prints a generated password once. Stop a running embedded server first.
import { parseArgs } from 'node:util'
import { createAuthQueries } from '../server/auth/auth-queries'
import { createUserBodySchema } from '../server/auth/auth-schemas'
import { createAuthService } from '../server/auth/auth-service'
import { loadConfig } from '../server/lib/config'
import { openDatabase } from '../server/lib/db'
import { migrateLatest } from '../server/lib/migrator'

const { values } = parseArgs({
  options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } },
})
const parsed = createUserBodySchema.safeParse({
  email: values.email,
  role: values.role,
  displayName: values.name,
})
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`--${issue.path.join('.')}: ${issue.message}`)
  console.error(
    'usage: npm run user:create -- --email someone@example.org --role admin|editor|helpline|provider',
  )
  process.exit(2)
}
try {
  const config = loadConfig()
  const db = await openDatabase(config)
  try {
    await migrateLatest(db.knex)
    const { user, password } = await createAuthService(createAuthQueries(db.knex), config).createUser(
      parsed.data,
    )
    console.log(`Created ${user.role} account ${user.email}`)
    console.log(`Password (shown once): ${password}`)
  } finally {
    await db.close()
  }
} catch (err) {
  console.error((err as Error).message)
  process.exit(1)
}

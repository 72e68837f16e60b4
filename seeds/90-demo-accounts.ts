import type { Logger } from 'pino'
import { createAuthQueries } from '../server/auth/auth-queries'
import type { Role } from '../server/auth/auth-schemas'
import { createAuthService } from '../server/auth/auth-service'
import type { Config } from '../server/lib/config'
import type { Database } from '../server/lib/db'
import type { SeedNotice, SeedStep } from './index'

export const DEMO_ACCOUNT_ROLES: Role[] = ['admin', 'editor', 'helpline', 'provider']
export const demoAccountEmail = (role: Role) => `${role}@demo.example.org`

/**
 * One account per role so a newcomer can try every screen. Passwords are random and printed
 * once; on a server database this only happens when SEED_DEMO_ACCOUNTS=true.
 */
export const demoAccountsStep: SeedStep = {
  name: 'demo-accounts',
  async run(db: Database, config: Config, logger: Logger): Promise<SeedNotice | undefined> {
    if (db.engine === 'server' && !config.seedDemoAccounts) {
      logger.info('demo accounts skipped on a server database (set SEED_DEMO_ACCOUNTS=true to create them)')
      return undefined
    }
    const auth = createAuthService(createAuthQueries(db.knex), config)
    await db
      .knex('users')
      .whereIn(
        'email',
        DEMO_ACCOUNT_ROLES.map((r) => demoAccountEmail(r)),
      )
      .delete()
    const lines: string[] = []
    for (const role of DEMO_ACCOUNT_ROLES) {
      const { user, password } = await auth.createUser({
        email: demoAccountEmail(role),
        role,
        displayName: `Demo ${role}`,
      })
      lines.push(`  ${role.padEnd(9)} ${demoAccountEmail(role).padEnd(28)} ${password}`)
      if (role === 'provider') {
        const linked = await linkDemoProvider(db, user.id)
        if (linked)
          lines.push(`            (may propose changes to ${linked.name}: /providers/${linked.slug})`)
      }
    }
    // Not printed here: the server shows it with its ready line, after the seed's progress lines.
    return { title: 'Demo accounts (shown once; demo data only):', lines }
  },
}

/**
 * Links the demo provider account to one demo record (the first active one by slug) so the
 * provider role can be tried: its edits go to the moderation queue.
 */
export async function linkDemoProvider(
  db: Database,
  userId: string,
): Promise<{ id: string; slug: string; name: string } | undefined> {
  const record = await db
    .knex('providers')
    .where({ status: 'active' })
    .orderBy('slug')
    .first<{ id: string; slug: string; name: string } | undefined>('id', 'slug', 'name')
  if (!record) return undefined
  await db.knex('provider_users').insert({ provider_id: record.id, user_id: userId }).onConflict().ignore()
  return record
}

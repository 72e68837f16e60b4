import type { Logger } from 'pino'
import { createAuthQueries } from '../server/auth/auth-queries'
import type { Role } from '../server/auth/auth-schemas'
import { createAuthService } from '../server/auth/auth-service'
import type { Config } from '../server/lib/config'
import type { Database } from '../server/lib/db'
import type { SeedStep } from './index'

export const DEMO_ACCOUNT_ROLES: Role[] = ['admin', 'editor', 'helpline', 'provider']
export const demoAccountEmail = (role: Role) => `${role}@demo.example.org`

/**
 * One account per role so a newcomer can try every screen. Passwords are random and printed
 * once; on a server database this only happens when SEED_DEMO_ACCOUNTS=true.
 */
export const demoAccountsStep: SeedStep = {
  name: 'demo-accounts',
  async run(db: Database, config: Config, logger: Logger) {
    if (db.engine === 'server' && !config.seedDemoAccounts) {
      logger.info('demo accounts skipped on a server database (set SEED_DEMO_ACCOUNTS=true to create them)')
      return
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
      const { password } = await auth.createUser({
        email: demoAccountEmail(role),
        role,
        displayName: `Demo ${role}`,
      })
      lines.push(`  ${role.padEnd(9)} ${demoAccountEmail(role).padEnd(28)} ${password}`)
    }
    console.log(['Demo accounts (shown once; demo data only):', ...lines].join('\n'))
  },
}

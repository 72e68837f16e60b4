import { pino } from 'pino'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { demoAccountEmail, demoAccountsStep } from '../../seeds/90-demo-accounts'
import { testConfig } from '../../test/helpers/test-config'
import { openTestDatabase } from '../../test/helpers/test-database'
import { fixtureDirectory } from '../directory/directory-fixture'
import { seedDirectory } from '../directory/directory-seed'
import type { Database } from '../lib/db'
import { readTaxonomy } from '../taxonomy/taxonomy-queries'

let db: Database
beforeAll(async () => {
  db = await openTestDatabase()
  await seedDirectory(db.knex, await readTaxonomy(db.knex), fixtureDirectory())
})
afterAll(async () => {
  await db?.close()
})

test('the demo seed links provider@demo.example.org to one active record and says which', async () => {
  const notice = await demoAccountsStep.run(
    db,
    { ...testConfig(), seedDemoAccounts: true },
    pino({ level: 'silent' }),
  )
  const links = await db
    .knex('provider_users as pu')
    .join('users as u', 'u.id', 'pu.user_id')
    .join('providers as p', 'p.id', 'pu.provider_id')
    .where('u.email', demoAccountEmail('provider'))
    .select('p.slug', 'p.name', 'p.status')
  expect(links).toHaveLength(1)
  expect(links[0].status).toBe('active')
  // The step returns what the ready block prints once (issue 13: not lost in the log).
  expect(notice?.lines.join('\n')).toContain(`/providers/${links[0].slug}`)
  // Seeding again replaces the accounts and links the new provider account the same way.
  await demoAccountsStep.run(db, { ...testConfig(), seedDemoAccounts: true }, pino({ level: 'silent' }))
  const again = await db
    .knex('provider_users as pu')
    .join('users as u', 'u.id', 'pu.user_id')
    .where('u.email', demoAccountEmail('provider'))
  expect(again).toHaveLength(1)
})

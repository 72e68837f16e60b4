import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import knexFactory from 'knex'
import type { TestProject } from 'vitest/node'
import { openDatabase } from '../../server/lib/db'
import { uniqueDbName, withDatabase } from '../helpers/engines'
import { buildTemplate } from './template'

declare module 'vitest' {
  export interface ProvidedContext {
    embeddedTemplatePath: string
    serverTemplateDb: string
  }
}

const inMemory = { databaseUrl: undefined, databasePoolMax: 1, databaseConnectTimeoutMs: 10_000, dataDir: '' }

/** Builds the migrated, seeded template once per run; each test file clones it. */
export default async function setup(project: TestProject) {
  // Global setup runs in the main process, where the project's env is not applied: use its name.
  const engine = project.name === 'db:server' ? 'server' : 'embedded'
  const started = Date.now()
  if (engine === 'embedded') {
    const db = await openDatabase(inMemory, {})
    const embedded = db.embedded
    if (!embedded) throw new Error('expected an embedded database')
    const file = path.join(os.tmpdir(), `support-atlas-template-${process.pid}-${Date.now()}.tar.gz`)
    try {
      await buildTemplate(db)
      await db.knex.destroy()
      const dump = await embedded.pglite.dumpDataDir('gzip')
      fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()))
    } finally {
      await embedded.close()
    }
    console.log(`[db:embedded] template built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    project.provide('embeddedTemplatePath', file)
    project.provide('serverTemplateDb', '')
    return () => fs.rmSync(file, { force: true })
  }

  const adminUrl = process.env.TEST_DATABASE_URL
  if (!adminUrl) throw new Error('The db:server project needs TEST_DATABASE_URL')
  const admin = knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } })
  const templateName = uniqueDbName('sa_template')
  await admin.raw(`CREATE DATABASE ${templateName}`)
  const db = await openDatabase({
    ...inMemory,
    databaseUrl: withDatabase(adminUrl, templateName),
    databasePoolMax: 4,
  })
  try {
    await buildTemplate(db)
  } finally {
    await db.close()
  }
  console.log(`[db:server] template ${templateName} built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  project.provide('embeddedTemplatePath', '')
  project.provide('serverTemplateDb', templateName)
  return async () => {
    await admin.raw(`DROP DATABASE IF EXISTS ${templateName} WITH (FORCE)`)
    await admin.destroy()
  }
}

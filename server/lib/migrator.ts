import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Knex } from 'knex'

export const migrationsDir = fileURLToPath(new URL('../../db/migrations/', import.meta.url))

interface MigrationModule {
  up(knex: Knex): Promise<void>
  down(knex: Knex): Promise<void>
}

/**
 * Loads the TypeScript migrations by import (tsx and vitest both compile them), named without
 * their extension so the knex_migrations table does not depend on how the code was run.
 */
class FolderMigrationSource implements Knex.MigrationSource<string> {
  async getMigrations(): Promise<string[]> {
    return fs
      .readdirSync(migrationsDir)
      .filter((f) => /^\d{14}_[\w-]+\.ts$/.test(f))
      .sort()
  }
  getMigrationName(file: string): string {
    return path.basename(file, '.ts')
  }
  async getMigration(file: string): Promise<Knex.Migration> {
    const mod = (await import(pathToFileURL(path.join(migrationsDir, file)).href)) as MigrationModule
    return { up: mod.up, down: mod.down }
  }
}

export const migrationConfig: Knex.MigratorConfig = {
  migrationSource: new FolderMigrationSource(),
  tableName: 'knex_migrations',
}

export async function migrateLatest(knex: Knex): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest(migrationConfig)) as [number, string[]]
  return applied
}

export async function pendingMigrations(knex: Knex): Promise<string[]> {
  // With a custom source, knex lists pending migrations as the source's own entries (file names).
  const [, pending] = (await knex.migrate.list(migrationConfig)) as [unknown, string[]]
  return pending.map((file) => path.basename(file, '.ts'))
}

export async function rollbackAll(knex: Knex): Promise<void> {
  await knex.migrate.rollback(migrationConfig, true)
}

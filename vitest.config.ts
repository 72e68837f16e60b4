import { defineConfig } from 'vitest/config'

const dbProject = (engine: 'embedded' | 'server') => ({
  test: {
    name: `db:${engine}`,
    include: ['{server,test,seeds,scripts}/**/*.db.test.ts'],
    env: { TEST_ENGINE: engine },
    globalSetup: ['test/setup/db-global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // PGlite instances are memory-heavy and CPU-bound; two at once suits a 2-core machine.
    maxWorkers: 2,
    sequence: { groupOrder: engine === 'embedded' ? 1 : 2 },
  },
})

const serverUrl = process.env.TEST_DATABASE_URL
if (!serverUrl) {
  console.log('[vitest] TEST_DATABASE_URL not set: the db suite runs on embedded PGlite only')
}

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{server,client,test,seeds,scripts,bench}/**/*.test.{ts,tsx}'],
          exclude: ['**/*.db.test.ts', '**/*.e2e.test.ts', '**/node_modules/**'],
          sequence: { groupOrder: 0 },
        },
      },
      dbProject('embedded'),
      ...(serverUrl ? [dbProject('server')] : []),
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/setup/e2e-global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
})

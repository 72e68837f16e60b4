import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Config, loadConfig } from '../../server/lib/config'

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

/** The configuration tests run with: defaults, quiet logs, geography from ../shared/geo. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig(
      {
        NODE_ENV: 'test',
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
        GEO_DATA_DIR: path.join(repoRoot, '../shared/geo'),
      },
      repoRoot,
    ),
    ...overrides,
  }
}

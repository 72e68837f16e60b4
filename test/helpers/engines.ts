export type TestEngine = 'embedded' | 'server'

export function currentEngine(): TestEngine {
  const engine = process.env.TEST_ENGINE
  if (engine !== 'embedded' && engine !== 'server') {
    throw new Error('TEST_ENGINE must be "embedded" or "server" (set by the vitest db projects)')
  }
  return engine
}

/** A database name safe to use unquoted: lower-case letters, digits and underscores. */
export function uniqueDbName(prefix: string): string {
  return `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

import type { Knex } from 'knex'

interface PgConnection {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>
}

/**
 * Runs a hot read as a named prepared statement on the pooled (or the transaction's) connection:
 * planning the geography's point lookup or the signposting rank costs several times running it,
 * and a prepared statement is planned once per connection (PostgreSQL switches to a generic plan
 * after five runs). knex has no prepared statements, so this goes to node-postgres. A connection
 * the pool opens anew starts with DISCARD ALL (lib/db.ts), so names never meet stale statements.
 */
export async function preparedRows<T>(
  knex: Knex | Knex.Transaction,
  name: string,
  sql: string,
  bindings: readonly Knex.RawBinding[],
): Promise<T[]> {
  const native = knex.raw(sql, bindings).toSQL().toNative()
  const client = knex.client as unknown as {
    acquireConnection(): Promise<PgConnection>
    releaseConnection(connection: PgConnection): Promise<void>
  }
  const connection = await client.acquireConnection()
  try {
    const result = await connection.query({ name, text: native.sql, values: native.bindings as unknown[] })
    return result.rows as T[]
  } finally {
    await client.releaseConnection(connection)
  }
}

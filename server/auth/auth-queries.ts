import type { Knex } from 'knex'
import type { PublicUser, Role } from './auth-schemas'

export interface UserRow {
  id: string
  email: string
  display_name: string | null
  password_hash: string
  role: Role
  disabled_at: Date | null
  last_login_at: Date | null
  created_at: Date
  updated_at: Date
}

export interface ThrottleCounter {
  key: string
  scope: 'pair' | 'address' | 'account'
}

export interface ThrottleCount {
  key: string
  scope: ThrottleCounter['scope']
  failures: number
  /** Seconds until this counter's window ends. */
  retryAfterSeconds: number
}

interface ThrottleRow {
  key: string
  scope: ThrottleCounter['scope']
  failures: number | string
  retry_after: number | string
}

export function toPublicUser(row: UserRow): PublicUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    disabled: row.disabled_at !== null,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  }
}

export function createAuthQueries(knex: Knex) {
  return {
    findUserByEmail(email: string): Promise<UserRow | undefined> {
      return knex<UserRow>('users').whereRaw('lower(email) = lower(?)', [email]).first()
    },
    /** The provider records a provider-role account is linked to (what it may propose changes to). */
    linkedProviders(userId: string): Promise<Array<{ id: string; slug: string; name: string }>> {
      return knex('provider_users as pu')
        .join('providers as p', 'p.id', 'pu.provider_id')
        .where('pu.user_id', userId)
        .orderBy('p.name')
        .select('p.id', 'p.slug', 'p.name')
    },

    findUserById(id: string): Promise<UserRow | undefined> {
      return knex<UserRow>('users').where({ id }).first()
    },
    listUsers(): Promise<UserRow[]> {
      return knex<UserRow>('users').orderBy('email')
    },
    async insertUser(user: {
      email: string
      role: Role
      passwordHash: string
      displayName?: string
    }): Promise<UserRow> {
      const [row] = await knex<UserRow>('users')
        .insert({
          email: user.email,
          role: user.role,
          password_hash: user.passwordHash,
          display_name: user.displayName ?? null,
        })
        .returning('*')
      return row as UserRow
    },
    /**
     * Changes an account; disabling it also ends every session it holds, in the same transaction
     * (requests also re-read the account each time: server/auth/auth-middleware.ts).
     */
    updateUser(id: string, patch: Partial<Pick<UserRow, 'role' | 'display_name' | 'disabled_at'>>) {
      return knex.transaction(async (trx) => {
        const [row] = await trx<UserRow>('users')
          .where({ id })
          .update({ ...patch, updated_at: new Date() })
          .returning('*')
        if (row?.disabled_at) await trx('sessions').whereRaw("sess->>'userId' = ?", [id]).delete()
        return row as UserRow | undefined
      })
    },
    /** What a request may do is decided from this, read afresh on every signed-in request. */
    accountState(id: string): Promise<Pick<UserRow, 'id' | 'role' | 'disabled_at'> | undefined> {
      return knex<UserRow>('users').where({ id }).first('id', 'role', 'disabled_at')
    },
    markLoggedIn(id: string) {
      return knex('users').where({ id }).update({ last_login_at: knex.fn.now() })
    },
    /**
     * Counts one sign-in attempt against each counter, atomically: one INSERT … ON CONFLICT … DO
     * UPDATE … RETURNING per call, in one transaction, so parallel attempts queue on the rows
     * (always locked in key order: no deadlock) and each sees the count the one before it left.
     * `refuse` sees the new counts; when it throws, the transaction rolls back and the refused
     * attempt is not counted (a blocked attacker cannot run up the other counters).
     */
    countAttempt(
      counters: ThrottleCounter[],
      windowMinutes: number,
      refuse: (rows: ThrottleCount[]) => void,
    ): Promise<ThrottleCount[]> {
      const sorted = [...counters].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      return knex.transaction(async (trx) => {
        const { rows } = await trx.raw<{ rows: ThrottleRow[] }>(
          `INSERT INTO login_throttle AS t (key, scope, failures, window_started)
           VALUES ${sorted.map(() => '(?, ?, 1, now())').join(', ')}
           ON CONFLICT (key) DO UPDATE SET
             failures = CASE WHEN t.window_started <= now() - make_interval(mins => ?) THEN 1 ELSE t.failures + 1 END,
             window_started = CASE WHEN t.window_started <= now() - make_interval(mins => ?) THEN now() ELSE t.window_started END
           RETURNING key, scope, failures,
             extract(epoch FROM (window_started + make_interval(mins => ?) - now())) AS retry_after`,
          [...sorted.flatMap((c) => [c.key, c.scope]), windowMinutes, windowMinutes, windowMinutes],
        )
        const counts = rows.map((r) => ({
          key: r.key,
          scope: r.scope,
          failures: Number(r.failures),
          retryAfterSeconds: Math.max(1, Math.ceil(Number(r.retry_after))),
        }))
        refuse(counts)
        return counts
      })
    },
    /** A successful sign-in: that pair starts again; the attempt is taken off the other counters. */
    async attemptSucceeded(pairKey: string, otherKeys: string[]) {
      await knex('login_throttle').where({ key: pairKey }).delete()
      await knex('login_throttle')
        .whereIn('key', otherKeys)
        .update({ failures: knex.raw('greatest(failures - 1, 0)') })
    },
    /** Counters whose window has passed are only noise; swept now and then by sign-ins. */
    sweepThrottle(windowMinutes: number) {
      return knex('login_throttle')
        .whereRaw('window_started <= now() - make_interval(mins => ?)', [windowMinutes])
        .delete()
    },
    async sessionSecret(generated: string): Promise<string> {
      await knex('app_secrets')
        .insert({ name: 'session_secret', value: generated })
        .onConflict('name')
        .ignore()
      const row = await knex('app_secrets').where({ name: 'session_secret' }).first()
      return row.value as string
    },
  }
}

export type AuthQueries = ReturnType<typeof createAuthQueries>

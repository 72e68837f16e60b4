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
    async updateUser(id: string, patch: Partial<Pick<UserRow, 'role' | 'display_name' | 'disabled_at'>>) {
      const [row] = await knex<UserRow>('users')
        .where({ id })
        .update({ ...patch, updated_at: new Date() })
        .returning('*')
      return row as UserRow | undefined
    },
    markLoggedIn(id: string) {
      return knex('users').where({ id }).update({ last_login_at: knex.fn.now() })
    },
    async recentFailures(emailKey: string, ip: string, windowMinutes: number) {
      const { rows } = await knex.raw<{
        rows: Array<{ by_email: number; by_ip: number; oldest: Date | null }>
      }>(
        `select count(*) filter (where email_key = ?) as by_email,
                count(*) filter (where ip = ?) as by_ip,
                min(failed_at) filter (where email_key = ? or ip = ?) as oldest
           from login_failures
          where failed_at > now() - make_interval(mins => ?) and (email_key = ? or ip = ?)`,
        [emailKey, ip, emailKey, ip, windowMinutes, emailKey, ip],
      )
      return rows[0] ?? { by_email: 0, by_ip: 0, oldest: null }
    },
    recordFailure(emailKey: string, ip: string) {
      return knex('login_failures').insert({ email_key: emailKey, ip })
    },
    clearFailures(emailKey: string) {
      return knex('login_failures').where({ email_key: emailKey }).delete()
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

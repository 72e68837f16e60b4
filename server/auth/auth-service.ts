import { createHash } from 'node:crypto'
import type { Config } from '../lib/config'
import { ConflictError, HttpError, NotFoundError } from '../lib/errors'
import { type AuthQueries, toPublicUser } from './auth-queries'
import type { PublicUser, Role } from './auth-schemas'
import { dummyHash, generatePassword, hashPassword, verifyPassword } from './password'

export class InvalidCredentialsError extends HttpError {
  constructor() {
    // One message whether the account exists, is disabled or the password is wrong.
    super(401, 'InvalidCredentials', 'Email or password is incorrect')
  }
}

export class TooManyAttemptsError extends HttpError {
  constructor(retryAfterSeconds: number, limit: number, windowSeconds: number) {
    super(
      429,
      'TooManyRequests',
      `Too many failed sign-ins; try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s)`,
      undefined,
      {
        'Retry-After': String(retryAfterSeconds),
        'RateLimit-Policy': `${limit};w=${windowSeconds}`,
        'RateLimit-Limit': String(limit),
        'RateLimit-Remaining': '0',
        'RateLimit-Reset': String(retryAfterSeconds),
      },
    )
  }
}

/** Failures are keyed by a hash of the lower-cased email: the table never holds addresses. */
function emailKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex')
}

export function createAuthService(
  queries: AuthQueries,
  config: Pick<Config, 'loginMaxFailures' | 'loginFailureWindowMinutes'>,
) {
  const limit = config.loginMaxFailures
  const windowSeconds = config.loginFailureWindowMinutes * 60

  async function assertNotThrottled(key: string, ip: string) {
    const recent = await queries.recentFailures(key, ip, config.loginFailureWindowMinutes)
    if (recent.by_email >= limit || recent.by_ip >= limit) {
      const oldest = recent.oldest ? new Date(recent.oldest).getTime() : Date.now()
      const retryAfter = Math.max(1, Math.ceil((oldest + windowSeconds * 1000 - Date.now()) / 1000))
      throw new TooManyAttemptsError(retryAfter, limit, windowSeconds)
    }
    return recent
  }

  return {
    /** Checks the password; throttled per account and per address; never says which part was wrong. */
    async login(
      email: string,
      password: string,
      ip: string,
    ): Promise<{ user: PublicUser; remaining: number }> {
      const key = emailKey(email)
      const recent = await assertNotThrottled(key, ip)
      const row = await queries.findUserByEmail(email)
      const ok = await verifyPassword(password, row?.password_hash ?? (await dummyHash))
      if (!row || !ok || row.disabled_at) {
        await queries.recordFailure(key, ip)
        const remaining = Math.max(0, limit - Math.max(recent.by_email, recent.by_ip) - 1)
        const err = new InvalidCredentialsError()
        Object.assign(err.headers, {
          'RateLimit-Policy': `${limit};w=${windowSeconds}`,
          'RateLimit-Limit': String(limit),
          'RateLimit-Remaining': String(remaining),
        })
        throw err
      }
      await queries.clearFailures(key)
      await queries.markLoggedIn(row.id)
      return { user: toPublicUser(row), remaining: limit }
    },

    async currentUser(id: string): Promise<PublicUser | undefined> {
      const row = await queries.findUserById(id)
      return row && !row.disabled_at ? toPublicUser(row) : undefined
    },

    /** The records a provider-role account may propose changes to (empty for other roles). */
    async linkedProviders(user: PublicUser) {
      return user.role === 'provider' ? queries.linkedProviders(user.id) : []
    },

    async listUsers(): Promise<PublicUser[]> {
      return (await queries.listUsers()).map(toPublicUser)
    },

    /** Creates an account; without a password one is generated and returned once. */
    async createUser(input: { email: string; role: Role; displayName?: string; password?: string }) {
      if (await queries.findUserByEmail(input.email)) {
        throw new ConflictError(`An account already exists for ${input.email}`)
      }
      const password = input.password ?? generatePassword()
      const row = await queries.insertUser({
        email: input.email,
        role: input.role,
        displayName: input.displayName,
        passwordHash: await hashPassword(password),
      })
      return { user: toPublicUser(row), password: input.password ? undefined : password }
    },

    async updateUser(id: string, patch: { role?: Role; displayName?: string; disabled?: boolean }) {
      const row = await queries.updateUser(id, {
        ...(patch.role ? { role: patch.role } : {}),
        ...(patch.displayName ? { display_name: patch.displayName } : {}),
        ...(patch.disabled === undefined ? {} : { disabled_at: patch.disabled ? new Date() : null }),
      })
      if (!row) throw new NotFoundError(`No user with id ${id}`)
      return toPublicUser(row)
    },
  }
}

export type AuthService = ReturnType<typeof createAuthService>

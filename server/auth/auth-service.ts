import { createHash } from 'node:crypto'
import type { Config } from '../lib/config'
import { ConflictError, HttpError, NotFoundError } from '../lib/errors'
import { type AuthQueries, type ThrottleCount, toPublicUser } from './auth-queries'
import type { PublicUser, Role } from './auth-schemas'
import { dummyHash, generatePassword, hashPassword, verifyPassword } from './password'
import { assertAcceptablePassword, passwordProblem } from './password-policy'

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

function counterKey(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex')
}

/** A random password (about 120 bits); one the estimator would refuse is drawn again. */
function generatedPassword(inputs: Array<string | undefined>): string {
  for (;;) {
    const password = generatePassword()
    if (!passwordProblem(password, inputs)) return password
  }
}

type ThrottleConfig = Pick<
  Config,
  | 'loginMaxFailures'
  | 'loginMaxFailuresPerAddress'
  | 'loginMaxFailuresPerAccount'
  | 'loginFailureWindowMinutes'
>

/**
 * Sign-in throttling (docs/decisions/0013): LOGIN_MAX_FAILURES per account from one address, a
 * higher ceiling per address (one address trying many accounts) and a much higher one per account
 * from everywhere (a spread-out guessing attack). Someone guessing at an account from their own
 * address blocks only themselves: the owner, elsewhere, still signs in.
 */
export function createAuthService(queries: AuthQueries, config: ThrottleConfig) {
  const windowMinutes = config.loginFailureWindowMinutes
  const windowSeconds = windowMinutes * 60
  const limits: Record<ThrottleCount['scope'], number> = {
    pair: config.loginMaxFailures,
    address: config.loginMaxFailuresPerAddress,
    account: config.loginMaxFailuresPerAccount,
  }

  function rateHeaders(limit: number, remaining: number): Record<string, string> {
    return {
      'RateLimit-Policy': `${limit};w=${windowSeconds}`,
      'RateLimit-Limit': String(limit),
      'RateLimit-Remaining': String(Math.max(0, remaining)),
    }
  }

  /** Counts the attempt before the password is checked; refuses it (uncounted) over any limit. */
  function countAttempt(email: string, ip: string): Promise<ThrottleCount[]> {
    const account = emailKey(email)
    return queries.countAttempt(
      [
        { key: counterKey('pair', account, ip), scope: 'pair' },
        { key: counterKey('address', ip), scope: 'address' },
        { key: counterKey('account', account), scope: 'account' },
      ],
      windowMinutes,
      (counts) => {
        const over = counts.filter((c) => c.failures > limits[c.scope])
        if (over.length === 0) return
        const retryAfter = Math.max(...over.map((c) => c.retryAfterSeconds))
        throw new TooManyAttemptsError(retryAfter, limits[over[0]?.scope ?? 'pair'], windowSeconds)
      },
    )
  }

  return {
    /** Checks the password; throttled (see above); never says which part was wrong. */
    async login(
      email: string,
      password: string,
      ip: string,
    ): Promise<{ user: PublicUser; remaining: number }> {
      const counts = await countAttempt(email, ip)
      if (Math.random() < 0.05) await queries.sweepThrottle(windowMinutes)
      const pair = counts.find((c) => c.scope === 'pair')
      const remaining = Math.min(...counts.map((c) => limits[c.scope] - c.failures))
      const row = await queries.findUserByEmail(email)
      const ok = await verifyPassword(password, row?.password_hash ?? (await dummyHash))
      if (!row || !ok || row.disabled_at) {
        const err = new InvalidCredentialsError()
        Object.assign(err.headers, rateHeaders(limits.pair, remaining))
        throw err
      }
      await queries.attemptSucceeded(
        pair?.key ?? '',
        counts.filter((c) => c.scope !== 'pair').map((c) => c.key),
      )
      await queries.markLoggedIn(row.id)
      return { user: toPublicUser(row), remaining: limits.pair }
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
      const inputs = [input.email, input.displayName]
      // Every password an account gets, given or generated, meets the same rule.
      const password = input.password ?? generatedPassword(inputs)
      assertAcceptablePassword(password, inputs)
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

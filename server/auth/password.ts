import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

/**
 * scrypt from Node's crypto (memory-hard, no native add-on to build). N=2^15, r=8, p=1 uses
 * 128·N·r = 32 MiB per hash and takes roughly 50–100 ms on one core here: slow for guessing,
 * fine for a login. The parameters are stored with each hash so they can be raised later.
 */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1, keyLength: 64, saltBytes: 16 } as const

function derive(
  password: string,
  salt: Buffer,
  N: number,
  r: number,
  p: number,
  keyLength: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, { N, r, p, maxmem: 256 * N * r }, (err, key) =>
      err ? reject(err) : resolve(key),
    )
  })
}

export async function hashPassword(password: string): Promise<string> {
  const { N, r, p, keyLength, saltBytes } = SCRYPT_PARAMS
  const salt = randomBytes(saltBytes)
  const key = await derive(password, salt, N, r, p, keyLength)
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false
  const [, n, r, p, saltB64, keyB64] = parts as [string, string, string, string, string, string]
  const expected = Buffer.from(keyB64, 'base64')
  const actual = await derive(
    password,
    Buffer.from(saltB64, 'base64'),
    Number(n),
    Number(r),
    Number(p),
    expected.length,
  )
  return timingSafeEqual(actual, expected)
}

/** A stored hash of a random password: verifying against it costs the same as a real account. */
export const dummyHash = hashPassword(randomBytes(16).toString('hex'))

/** A readable random password for generated accounts (about 120 bits). */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url')
}

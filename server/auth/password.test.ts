import { describe, expect, test } from 'vitest'
import { generatePassword, hashPassword, SCRYPT_PARAMS, verifyPassword } from './password'

describe('password hashing', () => {
  test('a hash verifies its password and nothing else, and records its parameters', async () => {
    const hash = await hashPassword('correct horse battery staple')
    expect(hash).toMatch(
      new RegExp(`^scrypt\\$${SCRYPT_PARAMS.N}\\$8\\$1\\$[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+$`),
    )
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true)
    expect(await verifyPassword('correct horse battery stapl', hash)).toBe(false)
    expect(await verifyPassword('', hash)).toBe(false)
  })

  test('the same password hashes differently each time (salted)', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'))
  })

  test('malformed stored hashes never verify', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false)
    expect(await verifyPassword('x', 'bcrypt$1$2$3$4$5')).toBe(false)
  })

  test('generated passwords are long and distinct', () => {
    const a = generatePassword()
    expect(a.length).toBeGreaterThanOrEqual(20)
    expect(generatePassword()).not.toBe(a)
  })
})

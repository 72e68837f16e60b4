import { describe, expect, test } from 'vitest'
import { generatePassword } from './password'
import { assertAcceptablePassword, passwordProblem } from './password-policy'

// NIST SP 800-63B: refuse passwords that are common, guessable or built from the account itself.
describe('password policy', () => {
  test.each([
    'password1234',
    'Password12345',
    'qwertyuiop123',
    '123456789012',
    'iloveyou1234',
    'letmein12345',
    'aaaaaaaaaaaa',
    'abcdefghijkl',
    'p@ssw0rd1234',
  ])('%j is refused as too easy to guess', (password) => {
    expect(passwordProblem(password)).toMatch(/^is too easy to guess \(.+\)/)
  })

  test('a password built from the account email or the product name is refused', () => {
    expect(passwordProblem('jo.bloggs@example.org', ['jo.bloggs@example.org'])).toMatch(/email address, name/)
    expect(passwordProblem('SupportAtlas2024')).toMatch(/too easy to guess/)
  })

  test('shorter than 12 characters is refused whatever it is', () => {
    expect(passwordProblem('x7#Qv!9zLm')).toBe('must be at least 12 characters')
  })

  test.each([
    // The passwords the test suites and browser tests sign in with.
    'a long test password',
    'correct horse battery staple',
    'a long admin e2e test password',
    'a long admin-ops test password',
    'a long helpline test password',
    'Tr0ub4dor&3 river lantern',
  ])('%j is accepted', (password) => {
    expect(passwordProblem(password, ['someone@example.org'])).toBeUndefined()
  })

  test('generated passwords (demo accounts, npm run user:create, the admin screen) pass', () => {
    for (let i = 0; i < 20; i++) expect(passwordProblem(generatePassword())).toBeUndefined()
  })

  test('a refused password is the usual 400 naming the field and why', () => {
    try {
      assertAcceptablePassword('password1234', ['x@example.org'])
      expect.unreachable('password1234 was accepted')
    } catch (err) {
      expect(err).toMatchObject({
        status: 400,
        name: 'ValidationError',
        message: expect.stringMatching(
          /^Invalid body: password: is too easy to guess \(it is a commonly used/,
        ),
        details: [{ field: 'password', message: expect.stringMatching(/^is too easy to guess/) }],
      })
    }
  })
})

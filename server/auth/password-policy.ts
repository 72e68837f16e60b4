import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core'
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common'
import { ValidationError } from '../lib/errors'

/**
 * NIST SP 800-63B §5.1.1.2: at least 12 characters here, no composition rules, and a check
 * against passwords known to be common, guessable or breached. zxcvbn-ts estimates the guesses an
 * attacker needs, matching the common-password and word lists, keyboard walks, repeats, sequences,
 * dates and l33t spellings; a score below 3 (fewer than about 10^8 guesses) is refused, as is
 * anything built from the account's own email or name.
 */
export const MIN_PASSWORD_SCORE = 3
const CHECKED_LENGTH = 100

const zxcvbn = new ZxcvbnFactory({
  dictionary,
  graphs: adjacencyGraphs,
  // Edit-distance matching measured 8x slower (376 ms a password here); the l33t and
  // capitalisation variants it would add are already matched without it.
  useLevenshteinDistance: false,
})

// zxcvbn-ts reports warning keys; the wording people see is ours (server messages are English).
const warnings: Record<string, string> = {
  straightRow: 'it is a row of keys on the keyboard',
  keyPattern: 'it is a short keyboard pattern',
  simpleRepeat: 'it repeats characters (like "aaa")',
  extendedRepeat: 'it repeats a pattern (like "abcabc")',
  sequences: 'it is a common sequence (like "abc" or "1234")',
  recentYears: 'it is built on a recent year',
  dates: 'it is built on a date',
  topTen: 'it is one of the ten most used passwords',
  topHundred: 'it is one of the hundred most used passwords',
  common: 'it is a commonly used password',
  similarToCommon: 'it is a commonly used password with small changes',
  wordByItself: 'it is a single common word',
  namesByThemselves: 'it is a name',
  commonNames: 'it is built on common names',
  userInputs: 'it contains the email address, name or the product name',
  pwned: 'it has appeared in a data breach',
}

/** Why `password` is refused, or undefined when it is acceptable. */
export function passwordProblem(
  password: string,
  userInputs: Array<string | undefined> = [],
): string | undefined {
  if ([...password].length < 12) return 'must be at least 12 characters'
  const inputs = ['support', 'atlas', 'supportatlas']
  for (const input of userInputs) {
    if (!input) continue
    inputs.push(input.toLowerCase())
    // The parts of an email address ("jo.bloggs@example.org" -> jo, bloggs, example).
    inputs.push(
      ...input
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter((part) => part.length >= 3),
    )
  }
  // The estimate's cost grows with the length (0.5 s for 1,024 random characters): the first
  // CHECKED_LENGTH characters decide, and more characters never make a password weaker.
  const result: ZxcvbnResult = zxcvbn.check(password.slice(0, CHECKED_LENGTH), inputs)
  if (result.score >= MIN_PASSWORD_SCORE) return undefined
  const reason = (result.feedback.warning && warnings[result.feedback.warning]) ?? 'it is too easy to guess'
  return `is too easy to guess (${reason}); use a longer passphrase of several unrelated words`
}

/** Throws the usual 400 naming the field when `password` is refused. */
export function assertAcceptablePassword(
  password: string,
  userInputs: Array<string | undefined>,
  field = 'password',
): void {
  const problem = passwordProblem(password, userInputs)
  if (problem) {
    throw new ValidationError(`Invalid body: ${field}: ${problem}`, [{ field, message: problem }])
  }
}

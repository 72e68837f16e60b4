import { describe, expect, test } from 'vitest'
import { ConfigError } from './config'
import { DatabaseConnectError } from './db'
import { DataDirLockedError } from './embedded-postgres'
import { isOperatorError } from './operator-errors'

class ScriptError extends Error {}

describe('errors an operator can fix from the message alone', () => {
  test.each([
    ['a setting', new ConfigError('PORT must be a whole number')],
    ['an unreachable database', new DatabaseConnectError('Cannot reach the database')],
    ['a locked data directory', new DataDirLockedError('DATA_DIR /data is in use by another process')],
  ])('%s is one', (_what, err) => {
    expect(isOperatorError(err)).toBe(true)
  })

  test.each([
    ['a bug', new TypeError('x is undefined')],
    ['a plain error', new Error('boom')],
    ['not an error', 'text'],
    ['nothing', undefined],
  ])('%s is not', (_what, err) => {
    expect(isOperatorError(err)).toBe(false)
  })

  test("a script's own such errors count when named", () => {
    expect(isOperatorError(new ScriptError('resolution 20 is too fine'))).toBe(false)
    expect(isOperatorError(new ScriptError('resolution 20 is too fine'), [ScriptError])).toBe(true)
  })
})

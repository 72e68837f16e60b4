import { ConfigError } from './config'
import { DatabaseConnectError } from './db'
import { DataDirLockedError } from './embedded-postgres'

type ErrorClass = abstract new (...args: never[]) => Error

/**
 * Failures the operator can fix from the message alone (a setting, an unreachable database, a
 * data directory another process holds): the server and the scripts print them as one line, with
 * no stack. Anything else is a bug and keeps its stack.
 */
const OPERATOR_ERRORS: readonly ErrorClass[] = [ConfigError, DatabaseConnectError, DataDirLockedError]

export function isOperatorError(err: unknown, also: readonly ErrorClass[] = []): err is Error {
  return [...OPERATOR_ERRORS, ...also].some((kind) => err instanceof kind)
}

/**
 * For a script's last catch: an operator's error is printed as its one line and the process exits
 * with 1; anything else is thrown on (Node prints its stack). `also`: the script's own such errors.
 */
export function exitOnOperatorError(err: unknown, also: readonly ErrorClass[] = []): void {
  if (isOperatorError(err, also)) {
    console.error(err.message)
    process.exit(1)
  }
}

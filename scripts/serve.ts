import { seedDemo } from '../seeds'
import { type Config, loadConfig } from '../server/lib/config'
import { createLogger } from '../server/lib/logger'
import { isOperatorError } from '../server/lib/operator-errors'
import { readyBlock, startServer } from '../server/lifecycle'

/*
 * The server process's entry point (what `npm start` runs after the client build, and what the
 * browser tests and the cold-start bench spawn). It lives outside server/ because it wires the demo
 * seed into the server: server/ never imports seeds/.
 */

/** Failures a newcomer can fix get one line; anything else is a bug and keeps its stack. */
function fail(err: unknown): never {
  if (isOperatorError(err)) {
    console.error(`Support Atlas could not start: ${err.message}`)
  } else if ((err as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
    console.error(`Support Atlas could not start: ${(err as Error).message} (set PORT to a free port)`)
  } else {
    console.error('Support Atlas could not start:', err)
  }
  process.exit(1)
}

let config: Config
try {
  config = loadConfig()
} catch (err) {
  fail(err)
}
const logger = createLogger(config)

// Signals are caught from the very start: a SIGTERM during migration or the first seed waits for
// start-up to finish and then shuts down cleanly, instead of killing PGlite mid-write.
let stopSignal: NodeJS.Signals | undefined
let stopNow: ((signal: NodeJS.Signals) => void) | undefined
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopSignal) {
      console.error(
        `${signal} again: exiting without waiting (an embedded database may need its last change redone)`,
      )
      process.exit(1)
    }
    stopSignal = signal
    if (stopNow) stopNow(signal)
    else console.log(`${signal} received during start-up: stopping once start-up has finished`)
  })
}

const running = await startServer(config, logger, seedDemo).catch(fail)
stopNow = (signal) => {
  running
    .shutdown(signal)
    .then(() => process.exit(0))
    .catch((err) => {
      logger.error({ err }, 'shutdown failed')
      process.exit(1)
    })
}
if (stopSignal) stopNow(stopSignal)
else console.log(readyBlock(running.url, running.notices))

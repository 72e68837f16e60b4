import type { LaunchOptions } from 'playwright-core'

/** Debian's Chromium (`apt-get install chromium`): the report's PDF and the browser tests use it. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium'

/**
 * How every Chromium this project starts is launched: headless, without a sandbox (containers
 * rarely allow one), and without the background traffic (updates, sync, QUIC) a server never needs.
 */
export function chromiumLaunchOptions(executablePath: string): LaunchOptions {
  return {
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  }
}

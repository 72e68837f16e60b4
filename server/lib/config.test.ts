import { describe, expect, test } from 'vitest'
import { ConfigError, loadConfig, redactUrl } from './config'

describe('loadConfig', () => {
  test('defaults', () => {
    const config = loadConfig({}, '/srv/atlas')
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: '/srv/atlas/data',
      geoDataDir: '/srv/shared/geo',
      statsDataDir: '/srv/shared/stats',
      logLevel: 'info',
      logFormat: 'text',
      databaseIdleTimeoutMs: 30_000,
      seedDemo: 'auto',
      // Nobody's X-Forwarded-For is believed unless a proxy is named (issue 13, §5).
      trustProxy: false,
      // The area report's PDF: Debian's Chromium, two at a time, 30 s each (docs/decisions/0019).
      chromiumPath: '/usr/bin/chromium',
      reportPdfMaxConcurrent: 2,
      reportPdfTimeoutMs: 30_000,
    })
  })

  test.each([
    ['false', false],
    ['', false],
    ['1', 1],
    ['loopback', ['loopback']],
    ['loopback, 10.0.0.0/8, fd00::/8, 192.168.1.7', ['loopback', '10.0.0.0/8', 'fd00::/8', '192.168.1.7']],
  ])('TRUST_PROXY=%j is read as %j', (raw, expected) => {
    expect(loadConfig({ TRUST_PROXY: raw }).trustProxy).toEqual(expected)
  })

  test.each(['true', '0', '11', 'everyone', '10.0.0.0/33', 'loopback,', '300.1.1.1'])(
    'TRUST_PROXY=%j is refused, saying what is allowed',
    (raw) => {
      expect(() => loadConfig({ TRUST_PROXY: raw })).toThrow(
        `TRUST_PROXY must be false (the default), a number of proxy hops from 1 to 10, or a comma-separated list of loopback, linklocal, uniquelocal, IP addresses and CIDR ranges (got "${raw}")`,
      )
    },
  )

  test.each([
    [{ PORT: 'abc' }, 'PORT must be a whole number from 0 to 65535 (got "abc")'],
    [{ PORT: '70000' }, 'PORT must be a whole number from 0 to 65535 (got "70000")'],
    [{ PORT: '3.5' }, 'PORT must be a whole number from 0 to 65535'],
    [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL must use the postgres:// or postgresql:// scheme'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL must be a postgres:// URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO must be one of auto, always, never'],
    [{ TILE_URL: 'https://tiles.example.org/x.png' }, 'TILE_URL must be empty'],
    [{ DATABASE_POOL_MAX: '0' }, 'DATABASE_POOL_MAX must be a whole number from 1 to 100'],
    [
      { DATABASE_IDLE_TIMEOUT_MS: '50' },
      'DATABASE_IDLE_TIMEOUT_MS must be a whole number from 100 to 86400000',
    ],
    [
      { DATABASE_IDLE_TIMEOUT_MS: 'soon' },
      'DATABASE_IDLE_TIMEOUT_MS must be a whole number from 100 to 86400000',
    ],
    [{ LOG_FORMAT: 'pretty' }, 'LOG_FORMAT must be one of text, json'],
    [{ REPORT_PDF_MAX_CONCURRENT: '0' }, 'REPORT_PDF_MAX_CONCURRENT must be a whole number from 1 to 16'],
    [{ REPORT_PDF_TIMEOUT_MS: '10' }, 'REPORT_PDF_TIMEOUT_MS must be a whole number from 1000 to 300000'],
  ])('%j is refused with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(ConfigError)
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(message)
  })

  test('coverage snapshots: daily by default, off under NODE_ENV=test unless set, retention as given (decision 0018)', () => {
    expect(loadConfig({}).snapshots).toEqual({ intervalHours: 24, retain: 90, retainDays: 400 })
    expect(loadConfig({ NODE_ENV: 'test' }).snapshots.intervalHours).toBe(0)
    expect(loadConfig({ NODE_ENV: 'test', SNAPSHOT_INTERVAL_HOURS: '6' }).snapshots.intervalHours).toBe(6)
    expect(
      loadConfig({ SNAPSHOT_INTERVAL_HOURS: '0', SNAPSHOT_RETAIN: '0', SNAPSHOT_RETAIN_DAYS: '30' })
        .snapshots,
    ).toEqual({
      intervalHours: 0,
      retain: 0,
      retainDays: 30,
    })
    expect(() => loadConfig({ SNAPSHOT_INTERVAL_HOURS: '-1' })).toThrow(
      'SNAPSHOT_INTERVAL_HOURS must be a whole number from 0 to 8760 (got "-1")',
    )
  })

  test('a postgres URL is accepted and its password is redacted for logs', () => {
    const url = 'postgres://atlas:secret@db.internal:5432/atlas'
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url)
    expect(redactUrl(url)).toBe('postgres://atlas:***@db.internal:5432/atlas')
  })
})

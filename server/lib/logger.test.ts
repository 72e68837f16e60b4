import { describe, expect, test } from 'vitest'
import { readyBlock } from '../lifecycle'
import { createLogger, formatLogLine, redactRequestUrl } from './logger'

describe('redactRequestUrl', () => {
  test.each([
    ['/api/signpost?postcode=BD1%201HY&function=training', '/api/signpost?postcode=*&function=training'],
    ['/api/signpost?function=training&postcode=BD1+1HY', '/api/signpost?function=training&postcode=*'],
    [
      '/api/providers?q=jo%20smith&lat=53.79&lng=-1.75&level=local',
      '/api/providers?q=*&lat=*&lng=*&level=local',
    ],
    ['/oruk/services?search=mine&text=x&page=2', '/oruk/services?search=*&text=*&page=2'],
    ['/api/geo/postcodes/BD1%201HY', '/api/geo/postcodes/*'],
    ['/api/geo/postcodes/BD11HY?x=1', '/api/geo/postcodes/*?x=1'],
    ['/api/signpost?POSTCODE=BD1', '/api/signpost?POSTCODE=*'],
    ['/api/signpost?post%63ode=BD1', '/api/signpost?post%63ode=*'],
    ['/api/signpost?%ZZ=BD1', '/api/signpost?%ZZ=*'],
    ['/api/coverage?level=local&within=E12000003', '/api/coverage?level=local&within=E12000003'],
    ['/api/health', '/api/health'],
    ['/review/AbC-123_xyz', '/review/*'],
    ['/api/reviews/AbC-123_xyz/confirm', '/api/reviews/*/confirm'],
  ])('%s is logged as %s', (url, logged) => {
    expect(redactRequestUrl(url)).toBe(logged)
  })
})

describe('text log lines', () => {
  test('a request is one short line: method, redacted path, status, time', () => {
    const line = JSON.stringify({
      level: 30,
      time: Date.UTC(2026, 11, 7, 9, 5, 3),
      reqId: 'abc',
      req: { id: 'abc', method: 'GET', url: '/api/signpost?postcode=*' },
      res: { statusCode: 200 },
      responseTime: 14,
      msg: 'request completed',
    })
    expect(formatLogLine(line)).toBe('09:05:03 GET /api/signpost?postcode=* 200 14 ms\n')
  })

  test('other entries keep their level, message and fields; an error its stack', () => {
    const out: string[] = []
    const logger = createLogger({ logLevel: 'info', logFormat: 'text' }, { write: (t) => out.push(t) })
    logger.warn({ step: 'geography', ms: 12 }, 'seed step slow')
    logger.error({ err: new Error('boom') }, 'unhandled error')
    logger.debug('not at info')
    expect(out).toHaveLength(2)
    expect(out[0]).toMatch(/^\d\d:\d\d:\d\d WARN seed step slow step=geography ms=12\n$/)
    expect(out[1]).toMatch(/^\d\d:\d\d:\d\d ERROR unhandled error\n {4}Error: boom\n {5,}at /)
  })

  test('LOG_FORMAT=json keeps pino structured lines', () => {
    const out: string[] = []
    const logger = createLogger({ logLevel: 'info', logFormat: 'json' }, { write: (t) => out.push(t) })
    logger.info({ step: 'x' }, 'hello')
    expect(JSON.parse(out[0] ?? '')).toMatchObject({ level: 30, msg: 'hello', step: 'x' })
  })
})

describe('the ready block', () => {
  test('the URL and the demo passwords stand apart from the log, in plain text', () => {
    const block = readyBlock('http://127.0.0.1:3000', [
      {
        title: 'Demo accounts (shown once; demo data only):',
        lines: ['  admin     admin@demo.example.org  pw'],
      },
    ])
    expect(block.split('\n')).toEqual([
      '',
      '-'.repeat(72),
      'Support Atlas ready at http://127.0.0.1:3000',
      '',
      'Demo accounts (shown once; demo data only):',
      '  admin     admin@demo.example.org  pw',
      '-'.repeat(72),
      '',
    ])
  })
})

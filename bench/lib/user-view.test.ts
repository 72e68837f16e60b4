import { describe, expect, test } from 'vitest'
import type { LoadSummary } from './load-process'
import { userViewTable } from './report'
import { appLimits, goodputVerdicts, overload, saturation, type UserView } from './user-view'

const step = (connections: number, rate: number) => ({ connections, rate })

describe('saturation: the peak and the fewest connections that reach 90 % of it', () => {
  test('the knee is the first step at or above 90 % of the peak, the peak the best step', () => {
    const steps = [step(2, 100), step(4, 180), step(8, 200), step(16, 190)]
    const { best, knee, peakStep } = saturation(steps)
    expect(best).toBe(200)
    expect(knee.connections).toBe(4)
    expect(peakStep.connections).toBe(8)
  })

  test('steps given out of order are taken by connections', () => {
    expect(saturation([step(16, 200), step(2, 50), step(8, 199)]).knee.connections).toBe(8)
  })

  test('a ramp with no 2xx at all is a failed measurement, not a peak of zero', () => {
    expect(() => saturation([step(2, 0), step(4, 0)])).toThrow(/no 2xx/)
    expect(() => saturation([])).toThrow(/no ramp steps/)
  })
})

const summary = (over: Partial<LoadSummary>): LoadSummary => ({
  okMs: [],
  refused: 0,
  refusedMs: [],
  bad: 0,
  errors: 0,
  timeouts: 0,
  seconds: 10,
  ...over,
})

describe('overload: goodput counts only the 2xx answers', () => {
  test('2xx per second ÷ the peak; refusals apart; other answers and socket errors are failures', () => {
    const okMs = Array.from({ length: 1_800 }, (_, i) => (i < 1_782 ? 20 : 400))
    const o = overload(summary({ okMs, refused: 5_000, bad: 2, errors: 1 }), 40, 200)
    expect(o.goodput).toBe(180)
    expect(o.share).toBeCloseTo(0.9)
    expect(o.refused).toBe(5_000)
    expect(o.failed).toBe(3)
    expect(o.admitted.p50).toBe(20)
    expect(o.admitted.p99).toBe(20)
    expect(o.admitted.max).toBe(400)
  })
})

function view(double: UserView['double'], tenfold: UserView['tenfold']): UserView {
  const latency = { count: 10, p50: 5, p95: 9, p99: 12, mean: 6, max: 14 }
  return {
    scenario: 'signpost: GET /api/signpost',
    engine: 'server',
    size: 'demo',
    oneConnection: latency,
    peak: {
      connections: 8,
      rate: 200,
      cpu: { nodeMs: 1_000, dbMs: 2_000, backends: 10, backendsLost: 0 },
      requests: 1_000,
    },
    nodeCpuPerRequest: 1,
    dbCpuPerRequest: 2,
    halfPeak: { rate: 100, latency, goodput: 100 },
    double,
    tenfold,
    loadBefore: 1.5,
    loadAfter: 2.2,
    notes: [],
  }
}

const over = (connections: number, goodput: number, p99: number): UserView['double'] => ({
  connections,
  goodput,
  share: goodput / 200,
  admitted: { count: 100, p50: p99 / 2, p95: p99, p99, mean: p99 / 2, max: p99 },
  refused: 0,
  failed: 0,
})

describe('the goodput targets, met or missed', () => {
  test('goodput ÷ peak >= 0.9 and the admitted p99 <= 200 ms, each judged at 2× and 10×', () => {
    const verdicts = goodputVerdicts(view(over(16, 190, 150), over(80, 170, 250)))
    expect(verdicts.map((v) => [v.name, v.met])).toEqual([
      ['goodput at 16 connections ÷ peak >= 0.9', true],
      ['p99 of admitted requests at 16 connections <= 200 ms', true],
      ['goodput at 80 connections ÷ peak >= 0.9', false],
      ['p99 of admitted requests at 80 connections <= 200 ms', false],
    ])
    expect(verdicts[2]?.figures).toContain('170 2xx/s ÷ 200 = 0.85')
  })

  test('exactly on a target meets it', () => {
    const verdicts = goodputVerdicts(view(over(16, 180, 200), over(80, 180, 200)))
    expect(verdicts.every((v) => v.met)).toBe(true)
  })
})

describe('the user-view table', () => {
  test('one aligned line per scenario; PostgreSQL CPU says "in Node" for the embedded engine', () => {
    const server = view(over(16, 190, 150), over(80, 170, 250))
    const embedded = { ...view(over(16, 190, 150), over(80, 170, 250)), engine: 'embedded' as const }
    embedded.dbCpuPerRequest = undefined
    const lines = userViewTable([server, embedded]).split('\n')
    expect(lines).toHaveLength(4)
    expect(new Set(lines.map((l) => l.length)).size).toBe(1)
    expect(lines[2]).toContain('| 190 (0.95) at 16 ')
    expect(lines[2]).toContain('| 1.5 → 2.2 ')
    expect(lines[3]).toContain('| in Node ')
    expect(lines[3]).toMatch(
      /^\| signpost: GET \/api\/signpost \| embedded \| demo +\| - +\| 5\.000 \/ 12\.0 /,
    )
  })
})

describe('the app limits beside the figures', () => {
  test('the defaults, or what the environment the app inherits sets', () => {
    expect(appLimits({})).toMatch(
      /^API_MAX_IN_FLIGHT \d+, API_MAX_QUEUE \d+, API_QUEUE_TIMEOUT_MS \d+, DATABASE_POOL_MAX \d+$/,
    )
    expect(appLimits({ API_MAX_IN_FLIGHT: '12', API_QUEUE_TIMEOUT_MS: '150' })).toContain(
      'API_MAX_IN_FLIGHT 12, API_MAX_QUEUE',
    )
    expect(appLimits({ API_QUEUE_TIMEOUT_MS: '150' })).toContain('API_QUEUE_TIMEOUT_MS 150,')
  })
})

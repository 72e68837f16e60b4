import { describe, expect, test } from 'vitest'
import { markdownTable } from './report'
import { percentile, seededRandom, summarize } from './stats'

describe('bench statistics', () => {
  test.each([
    [50, 50],
    [95, 95],
    [99, 99],
    [100, 100],
    [0, 1],
    [1, 1],
  ])('nearest-rank p%i of 1..100 is %i', (p, expected) => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1)
    expect(percentile(values, p)).toBe(expected)
  })

  test('summaries sort their input and report count, mean and max', () => {
    expect(summarize([5, 1, 3, 2, 4])).toEqual({ count: 5, p50: 3, p95: 5, p99: 5, mean: 3, max: 5 })
    expect(summarize([]).p50).toBeNaN()
  })

  test('the seeded generator repeats itself and stays in [0, 1)', () => {
    const a = seededRandom(42)
    const b = seededRandom(42)
    const xs = Array.from({ length: 1000 }, () => a())
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()))
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true)
    expect(new Set(xs).size).toBe(1000)
  })

  test('the table has one aligned line per row and dashes where a column does not apply', () => {
    const table = markdownTable([
      {
        scenario: 'geo: point -> areas',
        engine: 'server',
        size: '5,000 points',
        latency: { count: 5000, p50: 0.2, p95: 0.3, p99: 0.45, mean: 0.21, max: 2 },
        throughput: 4100,
        errors: 0,
        peakRssMb: 210,
      },
      { scenario: 'geo: import', engine: 'embedded', size: '601,871 rows', errors: 0, peakRssMb: 1043 },
    ])
    const lines = table.split('\n')
    expect(lines).toHaveLength(4)
    expect(new Set(lines.map((l) => l.length)).size).toBe(1)
    expect(lines[2]).toContain('| 0.200 ')
    expect(lines[2]).toContain('4,100 ops/s')
    expect(lines[3]).toMatch(/\| - +\| - +\| - +\| - +\| 0 +\| 1043 MB +\|$/)
  })
})

import { describe, expect, test } from 'vitest'
import { backendCpuDelta, cpuMsOfStat } from './cpu'

// A /proc/<pid>/stat line as Linux writes it: utime (field 14) = 1234 ticks, stime (15) = 56 ticks.
const statOf = (comm: string, utime = 1234, stime = 56) =>
  `7175 (${comm}) S 1 7175 7175 0 -1 4194304 4016 18563 0 3 ${utime} ${stime} 18 22 20 0 1 0 3880493 222334976 7315 18446744073709551615 0 0 0 0\n`

describe('CPU time from /proc/<pid>/stat', () => {
  test('utime + stime, in ticks of 1/100 s, as ms', () => {
    expect(cpuMsOfStat(statOf('node'))).toBe(12_900)
    expect(cpuMsOfStat(statOf('node', 0, 0))).toBe(0)
  })

  test('a command name with spaces and parentheses does not shift the fields', () => {
    // PostgreSQL backends rename themselves: "postgres: user db 127.0.0.1(5432) idle".
    expect(cpuMsOfStat(statOf('postgres: atlas_test bench 127.0.0.1(40112) SELECT', 7, 3))).toBe(100)
  })

  test('text that is not a stat line reads as unknown, not as zero', () => {
    expect(cpuMsOfStat('')).toBeUndefined()
    expect(cpuMsOfStat('7175 (node) S 1 2')).toBeUndefined()
    expect(cpuMsOfStat('no parenthesis here')).toBeUndefined()
  })
})

describe('PostgreSQL backend CPU over a run', () => {
  test('sums what each backend used between the readings', () => {
    const before = new Map([
      [101, 1_000],
      [102, 500],
    ])
    const after = new Map([
      [101, 1_600],
      [102, 540],
    ])
    expect(backendCpuDelta(before, after)).toEqual({ dbMs: 640, backendsLost: 0 })
  })

  test('a backend opened during the run counts from zero; one closed during it is counted as lost', () => {
    const before = new Map([
      [101, 1_000],
      [102, 500],
    ])
    const after = new Map([
      [101, 1_100],
      [103, 70],
    ])
    expect(backendCpuDelta(before, after)).toEqual({ dbMs: 170, backendsLost: 1 })
  })

  test('a pid reused by a new backend (its CPU went down) counts the new one from zero and the old as lost', () => {
    expect(backendCpuDelta(new Map([[101, 900]]), new Map([[101, 30]]))).toEqual({
      dbMs: 30,
      backendsLost: 1,
    })
  })
})

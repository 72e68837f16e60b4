import { describe, expect, test } from 'vitest'
import type { OpeningHours } from '../api/provider-types'
import { clockMinutes, openState, ukClock, weeklySchedule } from './opening-hours'

const office: OpeningHours = {
  weekly: [
    { day: 'mon', opens: '09:30', closes: '16:30' },
    { day: 'tue', opens: '09:30', closes: '16:30' },
    { day: 'fri', opens: '18:00', closes: '22:00' },
    { day: 'fri', opens: '09:30', closes: '13:00' },
  ],
}

describe('ukClock', () => {
  test.each([
    // Summer: BST is UTC+1.
    ['2026-07-06T08:30:00Z', 'mon', 9 * 60 + 30],
    // Winter: GMT is UTC.
    ['2026-01-05T09:30:00Z', 'mon', 9 * 60 + 30],
    // Just before midnight UTC on a Sunday in summer is already Monday in the UK.
    ['2026-07-12T23:30:00Z', 'mon', 30],
  ])('%s is %s at minute %i in the UK', (iso, day, minutes) => {
    expect(ukClock(new Date(iso))).toEqual({ day, minutes })
  })
})

describe('openState', () => {
  test.each([
    ['Monday 09:30 BST, opening time', '2026-07-06T08:30:00Z', { status: 'open', closes: '16:30' }],
    [
      'Monday 09:29 BST',
      '2026-07-06T08:29:00Z',
      { status: 'closed', next: { day: 'mon', opens: '09:30', inDays: 0 } },
    ],
    [
      'Monday 16:30 BST, closing time',
      '2026-07-06T15:30:00Z',
      { status: 'closed', next: { day: 'tue', opens: '09:30', inDays: 1 } },
    ],
    ['Monday 09:30 GMT', '2026-01-05T09:30:00Z', { status: 'open', closes: '16:30' }],
    [
      'Monday 09:00 GMT (09:00 UTC)',
      '2026-01-05T09:00:00Z',
      { status: 'closed', next: { day: 'mon', opens: '09:30', inDays: 0 } },
    ],
    [
      'Friday 14:00 BST, between slots',
      '2026-07-10T13:00:00Z',
      { status: 'closed', next: { day: 'fri', opens: '18:00', inDays: 0 } },
    ],
    ['Friday 19:00 BST, evening slot', '2026-07-10T18:00:00Z', { status: 'open', closes: '22:00' }],
    [
      'Friday 23:00 BST',
      '2026-07-10T22:00:00Z',
      { status: 'closed', next: { day: 'mon', opens: '09:30', inDays: 3 } },
    ],
  ])('%s', (_label, iso, expected) => {
    expect(openState(office, new Date(iso))).toEqual(expected)
  })

  test('a record without hours is unknown, never closed', () => {
    expect(openState(null, new Date())).toEqual({ status: 'unknown' })
    expect(openState({ weekly: [] }, new Date())).toEqual({ status: 'unknown' })
  })

  test('a slot open until midnight counts its last minute', () => {
    const lateNight: OpeningHours = { weekly: [{ day: 'mon', opens: '20:00', closes: '24:00' }] }
    expect(openState(lateNight, new Date('2026-01-05T23:59:00Z'))).toEqual({
      status: 'open',
      closes: '24:00',
    })
    // A week later, same slot: the next opening is seven days away.
    expect(openState(lateNight, new Date('2026-01-06T00:00:00Z'))).toEqual({
      status: 'closed',
      next: { day: 'mon', opens: '20:00', inDays: 6 },
    })
  })
})

test('weeklySchedule lists every day, slots in time order', () => {
  const schedule = weeklySchedule(office)
  expect(schedule.map((d) => d.day)).toEqual(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])
  expect(schedule[4]?.slots).toEqual([
    { opens: '09:30', closes: '13:00' },
    { opens: '18:00', closes: '22:00' },
  ])
  expect(schedule[2]?.slots).toEqual([])
})

test.each([
  ['00:00', 0],
  ['09:30', 570],
  ['24:00', 1440],
])('clockMinutes(%s) = %i', (time, minutes) => {
  expect(clockMinutes(time)).toBe(minutes)
})

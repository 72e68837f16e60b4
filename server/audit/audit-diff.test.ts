import { describe, expect, test } from 'vitest'
import { diffRecords } from './audit-diff'

describe('diffRecords', () => {
  test('lists only changed fields, comparing arrays, objects and dates by value', () => {
    const before = {
      name: 'A',
      strands: ['race'],
      hours: { mon: ['09:00'] },
      at: new Date('2026-01-01T00:00:00Z'),
      same: 1,
    }
    const after = {
      name: 'B',
      strands: ['race'],
      hours: { mon: ['10:00'] },
      at: '2026-01-01T00:00:00.000Z',
      same: 1,
    }
    expect(diffRecords(before, after)).toEqual({
      hours: { from: { mon: ['09:00'] }, to: { mon: ['10:00'] } },
      name: { from: 'A', to: 'B' },
    })
  })

  test('key order inside objects does not count as a change', () => {
    expect(diffRecords({ o: { a: 1, b: 2 } }, { o: { b: 2, a: 1 } })).toEqual({})
  })

  test('a create diffs every field against null; a removal the other way', () => {
    expect(diffRecords(null, { name: 'A' })).toEqual({ name: { from: null, to: 'A' } })
    expect(diffRecords({ name: 'A' }, null)).toEqual({ name: { from: 'A', to: null } })
  })

  test('an added or removed field is a change; undefined equals null', () => {
    expect(diffRecords({ a: 1 }, { a: 1, b: 2 })).toEqual({ b: { from: null, to: 2 } })
    expect(diffRecords({ a: undefined }, { a: null })).toEqual({})
  })
})

import { describe, expect, test } from 'vitest'
import { changedFields, dayToIso, formatValue } from './format-value'

describe('formatValue', () => {
  test.each([
    [null, ''],
    [undefined, ''],
    ['', ''],
    ['Leeds CVS', 'Leeds CVS'],
    [3, '3'],
    [false, 'false'],
    [['a', 'b'], 'a\nb'],
    [{ b: 1 }, '{\n  "b": 1\n}'],
    [[{ a: 1 }], '[\n  {\n    "a": 1\n  }\n]'],
  ])('%j -> %j', (value, text) => {
    expect(formatValue(value)).toBe(text)
  })
})

describe('changedFields', () => {
  test('keeps only fields whose values differ, by value, sorted', () => {
    expect(
      changedFields({ name: 'A', topics: ['x'], phone: '1' }, { topics: ['x'], name: 'B', email: 'e@x.org' }),
    ).toEqual([
      { field: 'email', from: null, to: 'e@x.org' },
      { field: 'name', from: 'A', to: 'B' },
      { field: 'phone', from: '1', to: null },
    ])
  })

  test('a create lists every field against nothing', () => {
    expect(changedFields(null, { name: 'A' })).toEqual([{ field: 'name', from: null, to: 'A' }])
  })
})

describe('dayToIso', () => {
  test('start and end of a UTC day; anything else is no filter', () => {
    expect(dayToIso('2026-11-01')).toBe('2026-11-01T00:00:00.000Z')
    expect(dayToIso('2026-11-01', true)).toBe('2026-11-01T23:59:59.999Z')
    expect(dayToIso('')).toBeUndefined()
    expect(dayToIso('1/11/2026')).toBeUndefined()
  })
})

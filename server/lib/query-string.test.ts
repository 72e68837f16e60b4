import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { checkPlace, coordinate, oneOf, repeatable, single, wholeNumber } from './query-string'

/** The messages a schema gives for a value, or its parsed value. */
const run = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value)
  return result.success ? { value: result.data } : { messages: result.error.issues.map((i) => i.message) }
}

describe('query-string pieces', () => {
  test('single: once only', () => {
    expect(run(single('q'), 'a')).toEqual({ value: 'a' })
    expect(run(single('q'), ['a', 'b'])).toEqual({ messages: ['give q once'] })
  })

  test('oneOf and repeatable name the allowed values', () => {
    expect(run(oneOf('format', ['json', 'csv']), 'xml')).toEqual({
      messages: ['unknown format "xml"; allowed: json, csv'],
    })
    expect(run(repeatable('strand', ['race', 'sex']), ['race', 'race', 'sex'])).toEqual({
      value: ['race', 'sex'],
    })
    expect(run(repeatable('strand', ['race']), ['x', 'race', 'y'])).toEqual({
      messages: ['unknown strand "x", "y"; allowed codes: race'],
    })
  })

  test('wholeNumber: range, repetition, how much of a bad value is echoed, strings only', () => {
    expect(run(wholeNumber('page', 1, 10), ' 7 ')).toEqual({ value: 7 })
    expect(run(wholeNumber('page', 1, 10), '11')).toEqual({
      messages: ['page must be a whole number from 1 to 10 (got "11")'],
    })
    expect(run(wholeNumber('page', 1, 10), ['1', '2'])).toEqual({ messages: ['give page once'] })
    expect(run(wholeNumber('page', 1, 10, { echoChars: 3 }), 'abcdef')).toEqual({
      messages: ['page must be a whole number from 1 to 10 (got "abc")'],
    })
    const text = run(wholeNumber('page', 1, 10, { stringOnly: true }), ['1'])
    expect(text.messages?.[0]).not.toBe('give page once')
  })

  test('coordinate: plain decimals; scientific reads exponents and tells range apart', () => {
    expect(run(coordinate('lat', -90, 90), '53.8')).toEqual({ value: 53.8 })
    expect(run(coordinate('lat', -90, 90), '5.38e1')).toEqual({
      messages: ['lat must be a number from -90 to 90 (got "5.38e1")'],
    })
    expect(run(coordinate('lat', -90, 90), '91')).toEqual({
      messages: ['lat must be a number from -90 to 90 (got "91")'],
    })
    expect(run(coordinate('lat', -90, 90, { scientific: true }), '5.38e1')).toEqual({ value: 53.8 })
    expect(run(coordinate('lat', -90, 90, { scientific: true }), '91')).toEqual({
      messages: ['lat must be from -90 to 90 (got 91)'],
    })
    expect(run(coordinate('lat', -90, 90, { scientific: true }), '')).toEqual({
      messages: ['lat must be a number from -90 to 90 (got "")'],
    })
  })
})

describe('checkPlace', () => {
  const place = (required: boolean) =>
    z
      .object({
        postcode: z.string().optional(),
        lat: z.number().optional(),
        lng: z.number().optional(),
        area: z.string().optional(),
      })
      .superRefine((q, ctx) => checkPlace(q, ctx, required))
  const issues = (required: boolean, value: unknown) => {
    const result = place(required).safeParse(value)
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
  }

  test('one place passes; none passes only when the place is optional', () => {
    expect(issues(true, { postcode: 'BD1 1HY' })).toEqual([])
    expect(issues(true, { lat: 53.8, lng: -1.75 })).toEqual([])
    expect(issues(false, {})).toEqual([])
    expect(issues(true, {})).toEqual(['postcode: give a place: a postcode, or lat and lng, or an area code'])
  })

  test('two places, or half a point, are named', () => {
    expect(issues(false, { postcode: 'BD1 1HY', area: 'E08000032' })).toEqual([
      'postcode: give one place: a postcode, or lat and lng, or an area code',
    ])
    expect(issues(true, { lat: 53.8 })).toEqual(['lng: give both lat and lng'])
  })
})

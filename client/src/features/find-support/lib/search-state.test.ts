import { describe, expect, test } from 'vitest'
import { apiUrl } from '../../../lib/api-client'
import {
  emptySearch,
  findPath,
  looksLikePostcode,
  normalisePostcode,
  parseSearchState,
  type SearchState,
  toApiQuery,
  toSearchParams,
  withChanges,
} from './search-state'

const parse = (search: string) => parseSearchState(new URLSearchParams(search))

describe('parseSearchState', () => {
  test('reads every part of a search', () => {
    expect(
      parse(
        'function=training&topic=fundraising&strand=race&strand=sex&postcode=bd1+1hy&level=local&kind=specialist&page=3&perPage=50',
      ),
    ).toEqual({
      functions: ['training'],
      topics: ['fundraising'],
      strands: ['race', 'sex'],
      levels: ['local'],
      kinds: ['specialist'],
      q: undefined,
      place: { kind: 'postcode', postcode: 'BD1 1HY' },
      page: 3,
      perPage: 50,
    })
  })

  test.each([
    ['lat=53.79&lng=-1.75', { kind: 'point', lat: 53.79, lng: -1.75 }],
    ['area=e08000032', { kind: 'area', code: 'E08000032' }],
    ['postcode=BD11HY&lat=1&lng=2', { kind: 'postcode', postcode: 'BD1 1HY' }],
    ['lat=53.79', undefined],
    ['lat=95&lng=1', undefined],
    ['area=Bradford', undefined],
    ['', undefined],
  ])('place from %s', (search, place) => {
    expect(parse(search).place).toEqual(place)
  })

  test.each([
    ['page=0', 1, 20],
    ['page=abc&perPage=7', 1, 20],
    ['page=2&perPage=100', 2, 100],
    ['perPage=1000', 1, 20],
  ])('paging from %s is page %i, %i per page (unknown sizes fall back)', (search, page, perPage) => {
    expect(parse(search)).toMatchObject({ page, perPage })
  })

  test('repeated and malformed codes are dropped, the API reports unknown ones', () => {
    expect(parse('strand=race&strand=race&strand=<b>&strand=not-a-strand').strands).toEqual([
      'race',
      'not-a-strand',
    ])
  })

  test('free words are trimmed; empty ones are no words', () => {
    expect(parse('q=+lease+help+').q).toBe('lease help')
    expect(parse('q=+').q).toBeUndefined()
  })
})

test('the address bar round-trips, in a stable order, leaving defaults out', () => {
  const state: SearchState = {
    ...emptySearch,
    functions: ['training'],
    strands: ['sexual-orientation', 'race'],
    place: { kind: 'postcode', postcode: 'BD1 1HY' },
    page: 2,
  }
  const params = toSearchParams(state)
  expect(params.toString()).toBe(
    'function=training&postcode=BD1+1HY&strand=sexual-orientation&strand=race&page=2',
  )
  expect(parseSearchState(params)).toEqual(state)
  expect(findPath(emptySearch)).toBe('/find')
})

test('the API query uses the same names and repeats strands', () => {
  const state = parse('function=training&strand=race&strand=sex&lat=53.7&lng=-1.7&perPage=50')
  expect(apiUrl('/providers', toApiQuery(state))).toBe(
    '/api/providers?function=training&strand=race&strand=sex&lat=53.7&lng=-1.7&page=1&perPage=50',
  )
})

test('a change goes back to the first page', () => {
  expect(withChanges({ ...emptySearch, page: 4 }, { strands: [] }).page).toBe(1)
  expect(withChanges({ ...emptySearch, page: 4 }, { page: 5 }).page).toBe(5)
})

test.each([
  ['bd11hy', 'BD1 1HY', true],
  [' sw1a  0aa ', 'SW1A 0AA', true],
  ['BD1', 'BD1', false],
  ['hello', 'HELLO', false],
  ['12345', '12345', false],
])('postcode %j -> %j (looks like a postcode: %s)', (input, normalised, valid) => {
  expect(normalisePostcode(input)).toBe(normalised)
  expect(looksLikePostcode(input)).toBe(valid)
})

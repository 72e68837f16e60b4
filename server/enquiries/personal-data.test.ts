import { describe, expect, test } from 'vitest'
import { findPersonalData } from './personal-data'

describe('findPersonalData', () => {
  test.each([
    ['call back on 01274 123456', ['phone number']],
    ['mobile 07700 900123', ['phone number']],
    ['ring +44 (0)20 7946 0958 after 5', ['phone number']],
    ['0044 113 496 0000', ['phone number']],
    ['email jo.bloggs@example.org please', ['email address']],
    ['lives at BD1 1HY', ['postcode']],
    ['postcode sw1a2aa', ['postcode']],
    ['jo@example.org, 07700900123, LS6 3AB', ['email address', 'phone number', 'postcode']],
  ])('%s -> %j', (text, kinds) => {
    expect(findPersonalData(text)).toEqual(kinds)
  })

  test.each([
    'Group wants help with a funding bid for a youth project',
    'Tenants association, 12 members, needs governance training in 2026',
    'Referred to the BME network; caller will ring them on Monday',
    'Needs a venue for 40 people, budget about 150 pounds',
    'Ward E05001234 has no hub',
  ])('no personal data in: %s', (text) => {
    expect(findPersonalData(text)).toEqual([])
  })
})

import { describe, expect, test } from 'vitest'
import { denominatorFor } from './denominators'

describe('denominatorFor', () => {
  test.each([
    ['older-people', '60+'],
    ['children-young-people', '0-15'],
    // A bare `age` covers both ends of life; no count of disabled people, carers… exists by area.
    ['age', 'all'],
    ['disability', 'all'],
    ['race', 'all'],
    ['carers', 'all'],
    [null, 'all'],
  ] as const)('%s → %s, from the IoD2019 mid-2015 denominators', (strand, band) => {
    expect(denominatorFor(strand)).toEqual({ band, source: 'imd2019-mid-2015', year: 2015 })
  })
})

import { describe, expect, test } from 'vitest'
import type { CoverageArea, CoverageCell } from '../api/coverage-types'
import { deprivedAndThinValue, imdOverlayClassOf, isThin } from './deprivation'

const area = (over: Partial<CoverageArea> & { rank?: number }): CoverageArea => ({
  code: 'E06000001',
  name: 'A',
  nameCy: null,
  population: 1000,
  populationEstimated: false,
  inDirectory: true,
  unmetNeed: 0,
  cells: [],
  deprivation:
    over.rank === undefined
      ? { figures: null, unavailable: 'outside-england' }
      : {
          unavailable: null,
          figures: {
            weightedRank: over.rank,
            shareMostDeprived10: 0.1,
            shareMostDeprived20: 0.2,
            lsoaCount: 10,
            population: 1000,
            bands: { '0-15': 200, '16-59': 500, '60+': 300 },
            rankAmongType: { rank: 1, of: 326, type: 'lad' },
            derivedFrom: 'lsoas',
          },
        },
  ...over,
})
const cell = (depth: CoverageCell['depth']) => ({ depth }) as CoverageCell

describe('need beside supply', () => {
  test.each([
    [null, undefined],
    [0.19, undefined],
    [0.2, 'imd-mid'],
    [0.39, 'imd-mid'],
    [0.4, 'imd-high'],
    [0.9, 'imd-high'],
  ])('a share of %s in the most deprived 20 %% is outlined as %s', (share, id) => {
    expect(imdOverlayClassOf(share)?.id).toBe(id)
  })

  test.each([
    ['local', 'neighbourhood', false],
    ['local', 'local', false],
    ['local', 'subregional', true],
    ['local', 'national', true],
    ['local', null, true],
    ['subregional', 'subregional', false],
    ['subregional', 'regional', true],
    ['neighbourhood', 'local', true],
  ] as const)('a %s area whose nearest support is %s is thin: %s', (level, depth, thin) => {
    expect(isThin(area({ rank: 1 }), cell(depth), level)).toBe(thin)
  })

  test('outside the directory nothing is thin (not a gap)', () => {
    expect(isThin(area({ inDirectory: false }), cell(null), 'local')).toBe(false)
  })

  test('the order: thin and most deprived first, then the rest by deprivation, then areas without figures', () => {
    const rows = [
      { name: 'covered, very deprived', a: area({ rank: 10 }), c: cell('local') },
      { name: 'thin, less deprived', a: area({ rank: 20_000 }), c: cell('regional') },
      { name: 'Welsh, thin', a: area({}), c: cell(null) },
      { name: 'thin, deprived', a: area({ rank: 500 }), c: cell(null) },
    ]
    const sorted = [...rows].sort(
      (x, y) => deprivedAndThinValue(x.a, x.c, 'local') - deprivedAndThinValue(y.a, y.c, 'local'),
    )
    expect(sorted.map((r) => r.name)).toEqual([
      'thin, deprived',
      'thin, less deprived',
      'covered, very deprived',
      'Welsh, thin',
    ])
  })
})

import { describe, expect, test } from 'vitest'
import { cellOfProperties, classOf, countClasses, depthClasses } from './choropleth'

describe('choropleth classes', () => {
  test.each([
    [{ count: 0, depth: null }, 'none'],
    [{ count: 3, depth: 'local' }, 'local'],
    [{ count: 1, depth: 'national' }, 'national'],
  ] as const)('depth of %o is drawn as %s', (cell, id) => {
    expect(classOf(cell, 'depth').id).toBe(id)
  })

  test.each([
    [0, 'c0'],
    [1, 'c1'],
    [2, 'c2'],
    [4, 'c3'],
    [5, 'c5'],
    [9, 'c5'],
    [10, 'c10'],
    [250, 'c10'],
  ])('a count of %i is in bin %s', (count, id) => {
    expect(classOf({ count, depth: null }, 'count').id).toBe(id)
  })

  test('every class has its own texture, so the legend does not rest on colour alone', () => {
    for (const classes of [depthClasses, countClasses]) {
      expect(new Set(classes.map((c) => c.texture)).size).toBe(classes.length)
      expect(new Set(classes.map((c) => c.colour)).size).toBe(classes.length)
    }
  })
})

describe('cellOfProperties', () => {
  test('reads the column asked for from a map-layer feature', () => {
    const props = {
      code: 'E06000016',
      'count:any|generalist': 3,
      'depth:any|generalist': 'local',
      'count:any|disability': 0,
      'depth:any|disability': null,
    }
    expect(cellOfProperties(props, 'any|generalist')).toEqual({ count: 3, depth: 'local' })
    expect(cellOfProperties(props, 'any|disability')).toEqual({ count: 0, depth: null })
    expect(classOf(cellOfProperties(props, 'any|disability'), 'depth').id).toBe('none')
  })

  test('a column the feature does not carry reads as nothing', () => {
    expect(cellOfProperties({ code: 'E06000016' }, 'topic:premises|any')).toEqual({ count: 0, depth: null })
  })
})

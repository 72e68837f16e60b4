import { describe, expect, test } from 'vitest'
import { GENERALIST_KIND } from '../directory/directory-service'
import { COVERAGE_CODES } from '../providers/coverage-cells-queries'
import {
  checkBaseline,
  countUpTo,
  depthOf,
  groupsFor,
  perCapita,
  ruleFacet,
  rulesByColumn,
  total,
} from './coverage-model'
import type { Baseline, ByLevel } from './coverage-schemas'

const levels = (n: Partial<ByLevel>): ByLevel => ({
  neighbourhood: 0,
  local: 0,
  subregional: 0,
  regional: 0,
  national: 0,
  ...n,
})

const rule = (r: Partial<Baseline>): Baseline => ({
  id: 'r',
  key: 'r',
  label: 'r',
  labelCy: 'r',
  level: 'local',
  function: null,
  topic: null,
  group: 'generalist',
  minCount: 1,
  acceptableDepth: 'local',
  source: null,
  version: 1,
  createdAt: '',
  updatedAt: '',
  scope: 'all',
  ...r,
})

describe('coverage rules', () => {
  test.each([
    [levels({}), null],
    [levels({ national: 2 }), 'national'],
    [levels({ regional: 1, national: 5 }), 'regional'],
    [levels({ neighbourhood: 1, local: 3 }), 'neighbourhood'],
  ])('depth of %o is %s: the lowest level with a provider', (byLevel, depth) => {
    expect(depthOf(byLevel)).toBe(depth)
  })

  test('counts up to a depth include every closer level', () => {
    const byLevel = levels({ neighbourhood: 1, local: 2, subregional: 4, national: 8 })
    expect(total(byLevel)).toBe(15)
    expect(countUpTo(byLevel, 'neighbourhood')).toBe(1)
    expect(countUpTo(byLevel, 'local')).toBe(3)
    expect(countUpTo(byLevel, 'regional')).toBe(7)
    expect(countUpTo(byLevel, 'national')).toBe(15)
  })

  test.each([
    [3, 523115, 0.57],
    [1, 100000, 1],
    [0, 5000, 0],
    [2, null, null],
    [2, 0, null],
  ])('%i providers for %s residents is %s per 100,000', (count, population, expected) => {
    expect(perCapita(count, population)).toBe(expected)
  })

  test('a baseline passes at its minimum count, counting only providers at its depth or closer', () => {
    const local = rule({ minCount: 2, acceptableDepth: 'local' })
    expect(checkBaseline(local, levels({ local: 1, subregional: 5 }))).toMatchObject({
      status: 'fail',
      counted: 1,
    })
    expect(checkBaseline(local, levels({ neighbourhood: 1, local: 1 }))).toMatchObject({
      status: 'pass',
      counted: 2,
    })
    expect(checkBaseline(rule({ acceptableDepth: 'national' }), levels({ national: 1 })).status).toBe('pass')
  })

  test('rules find their column by level, facet and group', () => {
    const rules = [
      rule({ id: 'a' }),
      rule({ id: 'b', function: 'grants', group: 'any' }),
      rule({ id: 'c', topic: 'governance', group: 'race' }),
      rule({ id: 'd', level: 'neighbourhood' }),
    ]
    const byColumn = rulesByColumn(rules, 'local')
    expect([...byColumn.keys()].sort()).toEqual([
      'any|generalist',
      'function:grants|any',
      'topic:governance|race',
    ])
    expect(ruleFacet(rules[2] as Baseline)).toEqual({ kind: 'topic', code: 'governance' })
  })

  test('the default columns are every strand then generalists; asked-for groups keep their order', () => {
    expect(groupsFor([], ['age', 'race'])).toEqual(['age', 'race', 'generalist'])
    expect(groupsFor(['race', 'any'], ['age', 'race'])).toEqual(['race', 'any', 'generalist'])
    expect(groupsFor(['generalist', 'age'], ['age'])).toEqual(['generalist', 'age'])
  })

  test('the codes the cells depend on are the directory’s', () => {
    expect(COVERAGE_CODES.generalistKind).toBe(GENERALIST_KIND)
  })
})

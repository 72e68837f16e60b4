import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { loadTaxonomyFile } from '../../../../../server/taxonomy/taxonomy-source'
import { repoRoot } from '../../../../../test/helpers/test-config'
import { needOptions, normalise } from './need-options'

const taxonomy = loadTaxonomyFile(path.join(repoRoot, '../shared/docs/taxonomy.md'))
const codes = (text: string, language = 'en') => needOptions(taxonomy, text, language).map((o) => o.code)

describe('need suggestions for the helpline', () => {
  test.each([
    ['train', 'training'],
    ['Training', 'training'],
    ['  gover ', 'governance'],
    ['bid writing', 'fundraising'],
    ['room hire', 'meeting-space'],
    ['volunteer', 'volunteering'],
    ['small grants', 'grants'],
    ['hyfforddiant', 'training'],
  ])('"%s" puts %s first', (text, code) => {
    expect(codes(text)[0]).toBe(code)
  })

  test('a synonym match says which synonym matched', () => {
    expect(needOptions(taxonomy, 'bid writing', 'en')[0]).toMatchObject({
      vocabulary: 'topics',
      code: 'fundraising',
      label: 'Fundraising and income',
      matched: 'bid writing',
    })
  })

  test('labels come in the interface language', () => {
    const [first] = needOptions(taxonomy, 'train', 'cy')
    expect(first?.code).toBe('training')
    expect(first?.label).toBe(taxonomy.functions.find((f) => f.code === 'training')?.labelCy)
  })

  test('empty text lists every function, then every topic', () => {
    const all = needOptions(taxonomy, '', 'en')
    expect(all).toHaveLength(taxonomy.functions.length + taxonomy.topics.length)
    expect(all[0]?.vocabulary).toBe('functions')
    expect(all.at(-1)?.vocabulary).toBe('topics')
  })

  test('nothing matches nonsense, and at most eight are offered', () => {
    expect(codes('zzqx')).toEqual([])
    expect(needOptions(taxonomy, 'a', 'en').length).toBeLessThanOrEqual(8)
  })

  test('normalising drops case, accents and extra spaces', () => {
    expect(normalise('  Côr   Cymraeg ')).toBe('cor cymraeg')
  })
})

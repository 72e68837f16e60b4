import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { loadTaxonomyFile } from '../../../../../server/taxonomy/taxonomy-source'
import { repoRoot } from '../../../../../test/helpers/test-config'
import { exactTerm, matchScore, matchTerms, normaliseText } from './match-terms'

// The real vocabulary, as the server loads it: synonyms and Welsh labels included.
const taxonomy = loadTaxonomyFile(path.join(repoRoot, '../shared/docs/taxonomy.md'))

const top = (query: string, language = 'en', vocabularies = undefined) =>
  matchTerms(taxonomy, query, language, vocabularies).map((m) => `${m.vocabulary}:${m.code}`)

describe('matchTerms', () => {
  test.each([
    ['bid writing', 'topics:fundraising'],
    ['Bid-Writing', 'topics:fundraising'],
    ['writing bid', 'topics:fundraising'],
    ['BME', 'strands:race'],
    ['train', 'functions:training'],
    ['courses', 'functions:training'],
    ['village hall', 'functions:meeting-space'],
    ['deaf', 'strands:disability'],
    ['trustees', 'topics:governance'],
    ['small grants', 'functions:grants'],
  ])('"%s" suggests %s', (query, expected) => {
    expect(top(query)).toContain(expected)
  })

  test('"LGBT" finds both sexual orientation and gender reassignment', () => {
    expect(top('LGBT')).toEqual(
      expect.arrayContaining(['strands:sexual-orientation', 'strands:gender-reassignment']),
    )
  })

  test('a synonym match says which synonym matched; a label match does not', () => {
    const [fundraising] = matchTerms(taxonomy, 'bid writing', 'en', ['topics'])
    expect(fundraising).toMatchObject({
      code: 'fundraising',
      label: 'Fundraising and income',
      matchedText: 'bid writing',
    })
    const [training] = matchTerms(taxonomy, 'training', 'en', ['functions'])
    expect(training).toMatchObject({ code: 'training', matchedText: undefined })
  })

  test('Welsh labels are offered and matched in the Welsh interface, and English still works there', () => {
    const [training] = matchTerms(taxonomy, 'hyfforddiant', 'cy', ['functions'])
    expect(training).toMatchObject({ code: 'training', label: 'Hyfforddiant', matchedText: undefined })
    const [english] = matchTerms(taxonomy, 'training', 'cy', ['functions'])
    expect(english).toMatchObject({ code: 'training', label: 'Hyfforddiant', matchedText: 'Training' })
  })

  test('a better match ranks first within its vocabulary', () => {
    // "fund" starts "Fund distribution and small grants" but is only inside "Fundraising..." as a prefix too;
    // the exact synonym "funding bids" is weaker than a label that starts with what was typed.
    const functions = matchTerms(taxonomy, 'grants', 'en', ['functions'])
    expect(functions[0]?.code).toBe('grants')
  })

  test('nothing typed lists every term in document order; nonsense lists none', () => {
    expect(matchTerms(taxonomy, '  ', 'en', ['functions']).map((m) => m.code)).toEqual(
      taxonomy.functions.map((t) => t.code),
    )
    expect(matchTerms(taxonomy, 'zzqx', 'en')).toEqual([])
  })
})

test.each([
  ['Bid-writing & Tenders', 'bid writing and tenders'],
  ['Cymraeg’s', 'cymraegs'],
  ['Llywodraethu ac ymddiriedolwyr', 'llywodraethu ac ymddiriedolwyr'],
  ['Hŷn', 'hyn'],
])('normaliseText(%j) = %j', (input, expected) => {
  expect(normaliseText(input)).toBe(expected)
})

test.each([
  ['bid writing', 'bid writing', 100],
  ['bid', 'bid writing', 80],
  ['writing', 'bid writing', 60],
  ['writ bid', 'bid writing', 40],
  ['iting', 'bid writing', 0],
])('matchScore(%j, %j) = %i', (query, text, expected) => {
  expect(matchScore(query, text)).toBe(expected)
})

test('exactTerm finds a label typed in full, in either language', () => {
  expect(exactTerm(taxonomy, 'training', ['functions', 'topics'])).toEqual({
    vocabulary: 'functions',
    code: 'training',
  })
  expect(exactTerm(taxonomy, 'Hyfforddiant', ['functions'])).toEqual({
    vocabulary: 'functions',
    code: 'training',
  })
  expect(exactTerm(taxonomy, 'train', ['functions'])).toBeUndefined()
})

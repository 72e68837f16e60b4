import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { repoRoot } from '../../test/helpers/test-config'
import { parseTaxonomyMarkdown, TaxonomyFormatError } from './taxonomy-markdown'
import { buildTaxonomy } from './taxonomy-source'

const markdown = fs.readFileSync(path.join(repoRoot, '../shared/docs/taxonomy.md'), 'utf8')

describe('taxonomy.md parsing', () => {
  const md = parseTaxonomyMarkdown(markdown)

  test('levels come in signposting order', () => {
    expect(md.levels.map((l) => l.code)).toEqual([
      'neighbourhood',
      'local',
      'subregional',
      'regional',
      'national',
    ])
    expect(md.levels[1]).toMatchObject({ label: 'Local', description: expect.stringContaining('district') })
  })

  test('functions carry their family and synonyms', () => {
    expect(md.functionFamilies).toEqual(['support', 'coordination', 'representation', 'promotion'])
    expect(md.functions).toHaveLength(16)
    expect(md.functions.find((f) => f.code === 'meeting-space')).toEqual({
      code: 'meeting-space',
      family: 'support',
      label: 'Meeting space and community hub',
      synonyms: ['room hire', 'village hall', 'community centre', 'hub'],
    })
  })

  test('the first nine strands are protected characteristics; synonyms feed search', () => {
    expect(md.strands).toHaveLength(14)
    expect(md.strands.filter((s) => s.protectedCharacteristic).map((s) => s.code)).toEqual([
      'age',
      'disability',
      'gender-reassignment',
      'marriage-civil-partnership',
      'pregnancy-maternity',
      'race',
      'religion-belief',
      'sex',
      'sexual-orientation',
    ])
    const synonymsOf = (code: string) => md.strands.find((s) => s.code === code)?.synonyms
    expect(synonymsOf('race')).toContain('BME')
    expect(synonymsOf('sexual-orientation')).toContain('LGBT')
    expect(synonymsOf('gender-reassignment')).toContain('LGBT')
    expect(synonymsOf('disability')).toContain('deaf')
    expect(synonymsOf('marriage-civil-partnership')).toEqual([])
  })

  test('the controlled lists are read from their bullets', () => {
    expect(md.orgTypes).toEqual([
      'infrastructure',
      'federated-network',
      'front-line-contributor',
      'community-organisation',
      'professional-association',
      'commercial',
      'public-body',
    ])
    expect(md.formats).toContain('step-free-access')
    expect(md.formats).toHaveLength(8)
    expect(md.statuses).toEqual(['active', 'draft', 'closed'])
    expect(md.kinds.map((k) => k.code)).toEqual(['generalist', 'specialist'])
  })

  test.each([
    ['a missing section', markdown.replace('## Topics (`topic`)', '## Subjects'), /topic/],
    ['a duplicated code', markdown.replace('| `finance` |', '| `governance` |'), /governance.*twice/],
    ['a code that is not kebab-case', markdown.replace('| `training` |', '| `Training_` |'), /kebab-case/],
  ])('%s is an error, not a silent gap', (_name, text, message) => {
    expect(() => parseTaxonomyMarkdown(text)).toThrow(TaxonomyFormatError)
    expect(() => parseTaxonomyMarkdown(text)).toThrow(message)
  })
})

describe('the full vocabulary', () => {
  const taxonomy = buildTaxonomy(markdown)

  test('every term of every vocabulary has an English and a Welsh label', () => {
    for (const [vocabulary, terms] of Object.entries(taxonomy)) {
      expect(terms.length, vocabulary).toBeGreaterThan(0)
      for (const term of terms) {
        expect(term.label, `${vocabulary}.${term.code}`).toMatch(/\S/)
        expect(term.labelCy, `${vocabulary}.${term.code}`).toMatch(/\S/)
      }
    }
  })

  test('Welsh labels are translations, not copies of the English', () => {
    const copied = [...taxonomy.functions, ...taxonomy.topics, ...taxonomy.strands].filter(
      (t) => t.label === t.labelCy,
    )
    expect(copied).toEqual([])
    expect(taxonomy.functions.find((f) => f.code === 'training')?.labelCy).toBe('Hyfforddiant')
  })

  test('languages include Welsh, English and BSL', () => {
    expect(taxonomy.languages.map((l) => l.code)).toEqual(
      expect.arrayContaining(['en', 'cy', 'bfi', 'ur', 'pl']),
    )
  })

  test('a code taxonomy.md gains without a translation fails the load', () => {
    const extended = markdown.replace(
      '| `carers` | Carers | unpaid carers |',
      '| `carers` | Carers | unpaid carers |\n| `veterans` | Armed forces veterans | ex-service |',
    )
    expect(() => buildTaxonomy(extended)).toThrow(/strand: no Welsh text for veterans/)
  })
})

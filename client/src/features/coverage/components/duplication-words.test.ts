import { describe, expect, test } from 'vitest'
import { cy } from '../../../locales/cy'
import { en } from '../../../locales/en'
import { type DuplicationWords, duplicationGroup } from './duplication-words'

/** The locale's own templates, filled as i18next does ({{name}}). */
function wordsIn(
  messages: { duplication: { detail: string; wholeStrand: string } },
  labels: Record<string, string>,
): DuplicationWords {
  return {
    t: (key, values) => {
      const template = messages.duplication[key === 'duplication.detail' ? 'detail' : 'wholeStrand']
      return template.replace(/{{(\w+)}}/g, (_, name: string) => values[name] ?? '')
    },
    groupLabel: (code) => labels[code] ?? code,
    detailLabel: (code) => labels[code] ?? code,
    hasDetails: (strand) => strand === 'disability' || strand === 'age',
  }
}

describe('naming a duplication group', () => {
  const english = wordsIn(en, {
    disability: 'Disability',
    race: 'Race and ethnicity',
    generalist: 'Generalist support (any group)',
    'sensory-impairment': 'Sight or hearing loss',
  })
  test.each([
    [
      'a detail',
      { strand: 'disability', strandDetail: 'sensory-impairment' },
      'Disability — Sight or hearing loss',
    ],
    [
      'whole-strand bodies under a strand with details',
      { strand: 'disability', strandDetail: null },
      'Disability — every sub-group',
    ],
    ['a strand without details', { strand: 'race', strandDetail: null }, 'Race and ethnicity'],
    ['generalists', { strand: 'generalist', strandDetail: null }, 'Generalist support (any group)'],
  ])('%s', (_name, item, expected) => {
    expect(duplicationGroup(english, item)).toBe(expected)
  })

  test('in Welsh', () => {
    const welsh = wordsIn(cy, { disability: 'Anabledd', 'mental-health': 'Iechyd meddwl' })
    expect(duplicationGroup(welsh, { strand: 'disability', strandDetail: 'mental-health' })).toBe(
      'Anabledd — Iechyd meddwl',
    )
    expect(duplicationGroup(welsh, { strand: 'disability', strandDetail: null })).toBe(
      'Anabledd — pob is-grŵp',
    )
  })
})

import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { repoRoot } from '../../test/helpers/test-config'
import { loadTaxonomyFile } from '../taxonomy/taxonomy-source'
import { createReasonRenderer, formatDistance, isOpenAt, londonDate } from './signpost-reasons'
import { selectWithFallbacks } from './signpost-service'

const taxonomy = loadTaxonomyFile(path.join(repoRoot, '../shared/docs/taxonomy.md'))
const render = createReasonRenderer(taxonomy)
const bradford = { code: 'E08000032', name: 'Bradford', nameCy: null, level: 'local' }

describe('reason sentences', () => {
  test.each([
    [{ code: 'covers', area: bradford, viaPolygon: false }, 'Covers Bradford (local)'],
    [
      { code: 'covers', area: { ...bradford, name: 'City', level: 'neighbourhood' }, viaPolygon: true },
      'Covers City (neighbourhood) within its drawn service area',
    ],
    [
      { code: 'strands', strands: ['sexual-orientation', 'race'] },
      'Works with groups: Sexual orientation; Race and ethnicity',
    ],
    [{ code: 'serves-all-groups' }, 'Generalist: supports any voluntary or community group'],
    [
      { code: 'offers', functions: ['training'], topics: ['governance'] },
      'Offers training on governance and trustees',
    ],
    [{ code: 'offers', functions: [], topics: ['digital'] }, 'Helps with digital and ICT'],
    [
      { code: 'need-not-listed', functions: [], topics: ['volunteering'] },
      'Does not list volunteering, but as the local generalist can advise or refer on',
    ],
    [
      { code: 'acts-as-generalist' },
      "Acts as the area's generalist: supports any voluntary or community group here",
    ],
    [{ code: 'activity-specialist' }, 'Activity specialist: supports any group with this kind of help'],
    [
      { code: 'community-context', strands: ['sexual-orientation'], functions: ['consultancy'], topics: [] },
      'For the community context: works with Sexual orientation, though it does not list consultancy and one-to-one support',
    ],
    [{ code: 'offers-access', languages: ['cy'], formats: ['easy-read'] }, 'Offers Welsh, easy read'],
    [{ code: 'does-not-offer', languages: ['cy'], formats: [] }, 'Does not offer Welsh'],
    [{ code: 'pair', role: 'generalist' }, 'The generalist of the pair at this level: for the need itself'],
    [{ code: 'pair', role: 'specialist' }, 'The specialist of the pair at this level: for the community'],
    [{ code: 'verified', date: '2025-03-01' }, 'Details verified 1 March 2025'],
    [{ code: 'distance', metres: 640 }, 'Office 640 m away'],
    [
      { code: 'fallback', fallback: 'local-generalist', area: bradford },
      'Fallback: the local generalist for Bradford',
    ],
    [
      { code: 'fallback', fallback: 'national', area: null },
      'Fallback: the best national option for this need',
    ],
    [
      {
        code: 'refers',
        to: { id: 'x', name: 'Bradford Equity Partnership' },
        strands: ['sexual-orientation'],
        topics: [],
      },
      'Refers on to Bradford Equity Partnership: Sexual orientation',
    ],
  ] as const)('%o', (reason, text) => {
    expect(render.reason(reason as Parameters<typeof render.reason>[0])).toBe(text)
  })

  test.each([
    [{ code: 'not-active', status: 'closed' }, 'Not signposted: the record is closed'],
    [
      { code: 'not-covering', areas: [{ ...bradford, name: 'Leeds' }] },
      'Does not cover this place (covers Leeds)',
    ],
    [
      { code: 'wrong-strand', strands: ['disability'], requested: ['race'] },
      'Works only with other groups: Disability',
    ],
    [{ code: 'wrong-strand', strands: [], requested: ['race'] }, 'Not a specialist for: Race and ethnicity'],
    [
      { code: 'lacks-need', functions: ['grants'], topics: [] },
      'Does not offer fund distribution and small grants',
    ],
    [
      { code: 'infrastructure-only' },
      'Not offered to front-line groups: serves other infrastructure bodies only',
    ],
    [
      { code: 'sibling-detail', strandDetails: ['older-people'], requested: ['children-young-people'] },
      'Works only with other groups within the strand: Older people (asked: Children and young people)',
    ],
    [
      { code: 'lacks-quality-mark', qualityMarks: [], requested: ['matrix'] },
      'Holds none of the quality marks asked for: matrix Standard',
    ],
    [
      { code: 'expired', lastVerifiedAt: '2008-07-01', months: 36 },
      'Not offered: Last verified 2008: not verified for over 36 months — check it still exists before referring',
    ],
    [
      { code: 'no-contact' },
      'Not offered: No contact route recorded (no phone, e-mail or website) — find one before referring',
    ],
  ] as const)('%o', (reason, text) => {
    expect(render.exclusion(reason as Parameters<typeof render.exclusion>[0])).toBe(text)
  })

  test.each([
    [40, '40 m'],
    [994, '990 m'],
    [999, '1.0 km'],
    [1000, '1.0 km'],
    [9_949, '9.9 km'],
    [9_950, '10 km'],
    [148_600, '149 km'],
  ])('%i metres reads "%s"', (metres, text) => {
    expect(formatDistance(metres)).toBe(text)
  })
})

describe('opening hours in London time', () => {
  const hours = { weekly: [{ day: 'mon', opens: '09:00', closes: '17:00' }] }
  test.each([
    ['2026-11-23T08:59:00Z', false, 'Monday 08:59 GMT'],
    ['2026-11-23T09:00:00Z', true, 'Monday 09:00 GMT'],
    ['2026-11-23T16:59:00Z', true, 'Monday 16:59 GMT'],
    ['2026-11-23T17:00:00Z', false, 'closing time is not open'],
    ['2026-07-06T08:30:00Z', true, 'Monday 09:30 BST'],
    ['2026-07-06T16:30:00Z', false, 'Monday 17:30 BST'],
    ['2026-11-22T10:00:00Z', false, 'Sunday'],
  ])('%s is %s (%s)', (iso, open) => {
    expect(isOpenAt(hours, new Date(iso))).toBe(open)
  })

  test('no hours on record means unknown, not closed', () => {
    expect(isOpenAt(null, new Date())).toBeNull()
    expect(isOpenAt({ weekly: [] }, new Date())).toBeNull()
  })

  test('the London day rolls over at London midnight', () => {
    expect(londonDate(new Date('2026-07-06T23:30:00Z'))).toBe('2026-07-07')
    expect(londonDate(new Date('2026-11-23T23:30:00Z'))).toBe('2026-11-23')
  })
})

describe('fallbacks within the limit', () => {
  const r = (id: string) => ({ id })
  const ranked = ['a', 'b', 'c', 'd', 'e'].map(r)
  test.each([
    ['fallbacks already in the top need no room', [r('a'), r('b')], 3, 'a b c'],
    ['one fallback below the cut takes the last place', [r('b'), r('e')], 3, 'a b e'],
    ['two fallbacks below the cut take two places', [r('d'), r('e')], 3, 'a d e'],
    ['a missing fallback is skipped', [undefined, r('e')], 3, 'a b e'],
    ['the same provider twice counts once', [r('e'), r('e')], 3, 'a b e'],
    ['fallbacks outside the ranked list still fit', [r('x')], 2, 'a x'],
    ['a short list is not padded', [], 10, 'a b c d e'],
  ])('%s', (_name, fallbacks, max, expected) => {
    expect(
      selectWithFallbacks(ranked, fallbacks, max)
        .map((x) => x.id)
        .join(' '),
    ).toBe(expected)
  })
})

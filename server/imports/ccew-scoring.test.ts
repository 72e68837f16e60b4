import { describe, expect, test } from 'vitest'
import { CANDIDATE_SCORE, scoreCharity } from './ccew-scoring'

/**
 * The labelled table of docs/decisions/0015: plainly fictional charities (Anytown, Exampleshire,
 * Sampleton, ...), each with its classification codes and activities text, and whether it is an
 * infrastructure candidate (and, for candidates, its kind).
 */
type Case = [
  name: string,
  codes: number[],
  activities: string,
  candidate: boolean,
  kind?: 'generalist' | 'specialist',
]

const NONE = ''
const SUPPORT_TEXT =
  'We support local voluntary and community groups with funding advice, training and governance.'

const cases: Case[] = [
  // Unambiguous generalist names: a candidate on the name alone.
  ['Anytown Council for Voluntary Service', [], NONE, true, 'generalist'],
  ['Anytown CVS', [], NONE, true, 'generalist'],
  ['Sampleton Council for Voluntary Services', [207], NONE, true, 'generalist'],
  ['Exampleshire Council for Voluntary Action', [205, 309], SUPPORT_TEXT, true, 'generalist'],
  ['Voluntary Action Anytown', [], NONE, true, 'generalist'],
  ['Voluntary Action Sampleton', [205, 309, 201, 202, 203], SUPPORT_TEXT, true, 'generalist'],
  ['Community Action Exampleshire', [205], NONE, true, 'generalist'],
  ['Anytown Community Voluntary Service', [], NONE, true, 'generalist'],
  ['Sampleshire County Voluntary Council', [205], NONE, true, 'generalist'],
  ['Exampleton Voluntary Services Council', [], NONE, true, 'generalist'],
  ['Anyshire Voluntary Sector Council', [], NONE, true, 'generalist'],
  ['Anytown Third Sector Partnership', [205], NONE, true, 'generalist'],
  ['Sampleton VCS Assembly', [], NONE, false],
  ['Sampleton VCS Assembly', [309], NONE, true, 'generalist'],
  ['Anytown Voluntary & Community Sector Forum', [], NONE, true, 'generalist'],
  ['Anytown CVS', [201, 202, 203, 204, 207], SUPPORT_TEXT, true, 'generalist'],
  // Specialist names.
  ['Exampleshire Rural Community Council', [], NONE, true, 'specialist'],
  ['Action with Communities in Rural Sampleshire', [205], NONE, true, 'specialist'],
  ['Volunteer Centre Anytown', [], NONE, true, 'specialist'],
  ['Sampleton Volunteer Bureau', [304], NONE, true, 'specialist'],
  ['Anytown Racial Equality Council', [204], NONE, true, 'specialist'],
  ['Exampleshire Council for Racial Equality', [], NONE, true, 'specialist'],
  ['Anyshire Equality Network', [], NONE, true, 'specialist'],
  ['Sampleton BME Network', [205], NONE, true, 'specialist'],
  ['Anytown Disability Forum', [205, 203], NONE, true, 'specialist'],
  ['Exampleshire Women’s Network', [309], NONE, true, 'specialist'],
  ['Anytown LGBT+ Forum', [309], NONE, true, 'specialist'],
  ['Sampleton Older People’s Forum', [205], NONE, true, 'specialist'],
  ['Exampleshire Interfaith Network', [205], NONE, true, 'specialist'],
  ['Anytown Refugee Forum', [309], NONE, true, 'specialist'],
  ['Volunteering Sampleshire', [205], NONE, true, 'specialist'],
  ['Exampleton Carers Network', [309], NONE, true, 'specialist'],
  ['Anytown Equalities Forum', [], NONE, true, 'specialist'],
  // Classifications and text together, without a telling name.
  ['Exampleshire Umbrella Trust', [205, 309], NONE, true, 'generalist'],
  ['The Sampleton Resource Centre', [205, 309], SUPPORT_TEXT, true, 'generalist'],
  ['Anytown Development Agency', [205], SUPPORT_TEXT, true, 'generalist'],
  ['Sampleshire Support Hub', [309], 'An umbrella organisation for charities in the third sector.', true],
  ['Anytown Partnership', [205], 'Capacity building for community groups across the district.', true],
  ['Exampleton Enterprise Alliance', [309, 205], 'Social enterprise support and business planning.', true],
  ['Anyshire Youth Network', [205], NONE, true, 'specialist'],
  ['Sampleton Mental Health Forum', [309, 203], NONE, true, 'specialist'],
  // Not candidates: one weak signal only.
  ['Anytown Food Bank Network', [205], NONE, false],
  ['Sampleton Befriending Service', [205], NONE, false],
  ['Exampleshire Community Transport', [309], NONE, false],
  ['Anytown Network of Chess Clubs', [], NONE, false],
  ['Sampleton Carers Forum', [], NONE, false],
  ['Exampleshire Equality Choir', [], NONE, false],
  ['Anytown Alliance of Bell Ringers', [205], NONE, false],
  ['Sampleton Partnership Trust', [], SUPPORT_TEXT, false],
  // Front-line bodies.
  ['St Example’s Church Anytown', [108, 207], NONE, false],
  ['Anytown Primary School PTA', [201, 205], NONE, false],
  ['Sampleton Scouts Network', [201, 205], NONE, false],
  ['Friends of Anytown Park Forum', [205], NONE, false],
  ['Exampleshire Hospice', [203, 207, 306], NONE, false],
  ['Anytown Football Club Community Trust', [201], NONE, false],
  ['Sampleton Almshouses', [202, 305], NONE, false],
  ['Anytown Youth Football League', [201, 310], NONE, false],
  ['The Exampleshire Donkey Sanctuary', [111, 207], NONE, false],
  ['Sampleton Village Hall', [207, 305], NONE, false],
  ['Anytown Mosque Trust', [108, 207], NONE, false],
  ['Anytown Pre-School Playgroup', [201], NONE, false],
  // Grant-makers are funders, not infrastructure.
  ['The Exampleshire Foundation', [205, 302], NONE, false],
  ['Sampleton Benevolent Fund', [205, 301], NONE, false],
  ['The Anytown Charitable Trust', [205, 302], 'Grants to organisations in the area.', false],
  // A front-line name outweighs a generalist word only when nothing else supports it.
  ['Anytown Church Network', [309], NONE, false],
  ['Sampleton Schools Voluntary Action', [205], NONE, true],
]

describe('the labelled table of charities (decision 0015)', () => {
  test('has at least 60 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60)
  })

  test.each(cases)('%s %j: candidate %s', (name, codes, activities, candidate, kind) => {
    const result = scoreCharity({ names: [name], classifications: codes, activities })
    expect(result.candidate, JSON.stringify(result.evidence)).toBe(candidate)
    expect(result.score >= CANDIDATE_SCORE).toBe(candidate)
    if (kind) expect(result.kind).toBe(kind)
  })
})

describe('what a candidate is proposed as, with its evidence', () => {
  test('a CVS: generalist with the core functions; the name and codes are the evidence', () => {
    const r = scoreCharity({
      names: ['Anytown Council for Voluntary Service'],
      classifications: [205, 309, 307, 201, 202, 203],
      activities: SUPPORT_TEXT,
    })
    expect(r.kind).toBe('generalist')
    expect(r.strands).toEqual([])
    expect(r.functions).toEqual(
      expect.arrayContaining(['information-advice', 'consultancy', 'training', 'networks', 'advocacy']),
    )
    expect(r.topics).toEqual(expect.arrayContaining(['fundraising', 'governance']))
    expect(r.evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from: 'classification', match: '205', points: 2 }),
        expect.objectContaining({ from: 'classification', match: '309', points: 2 }),
        expect.objectContaining({ from: 'name', match: 'council for voluntary service', points: 4 }),
        expect.objectContaining({
          from: 'activities',
          match: 'support local voluntary and community groups',
        }),
      ]),
    )
  })

  test('an other name counts: a charity registered under a plain name but known as a CVS', () => {
    const r = scoreCharity({
      names: ['Anytown Community Support Limited', 'Anytown CVS'],
      classifications: [],
      activities: null,
    })
    expect(r).toMatchObject({ candidate: true, kind: 'generalist' })
  })

  test('a rural community council proposes the rural strand; a volunteer centre volunteering', () => {
    expect(
      scoreCharity({
        names: ['Exampleshire Rural Community Council'],
        classifications: [],
        activities: null,
      }),
    ).toMatchObject({ strands: ['rural'], topics: ['community-development'] })
    const vc = scoreCharity({ names: ['Volunteer Centre Anytown'], classifications: [304], activities: null })
    expect(vc.functions).toEqual(expect.arrayContaining(['brokerage']))
    expect(vc.topics).toEqual(['volunteering'])
    expect(vc.strands).toEqual([])
  })

  test('beneficiary codes propose strands for a specialist naming one or two groups', () => {
    const r = scoreCharity({ names: ['Sampleton Network'], classifications: [205, 204], activities: null })
    expect(r).toMatchObject({ candidate: true, kind: 'specialist', strands: ['race'] })
  })

  test('a non-candidate still gets at least one function (for the record if an editor adds it)', () => {
    const r = scoreCharity({ names: ['Anytown Chess Club'], classifications: [], activities: null })
    expect(r).toMatchObject({ candidate: false, score: 0, functions: ['information-advice'] })
  })
})

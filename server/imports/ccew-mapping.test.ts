import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { readExtract } from './ccew-extract'
import { AOO_FILE, coverageOf, draftOf, loadAreaMap, NO_AREA, slugFor, titleCase } from './ccew-mapping'

const areas = loadAreaMap(path.resolve(__dirname, '../../../shared/charity', AOO_FILE))
const fixture = path.resolve(__dirname, '../../test/fixtures/ccew')

describe('areas of operation -> coverage and level (../shared/charity/cc_aoo_to_2013_codes.csv)', () => {
  test.each([
    ['one district', [['Local Authority', 'Bradford City']], ['E08000032'], 'local'],
    ['a county', [['Local Authority', 'Kent']], ['E10000016'], 'subregional'],
    ['a metropolitan county', [['Metropolitan Counties', 'West Yorkshire']], ['E11000006'], 'subregional'],
    ['a region', [['Region', 'Throughout London']], ['E12000007'], 'regional'],
    ['Wales', [['Region', 'Throughout Wales']], ['W92000004'], 'national'],
    [
      'England and Wales',
      [['Region', 'Throughout England And Wales']],
      ['E92000001', 'W92000004'],
      'national',
    ],
    ['post-2013 Bournemouth', [['Local Authority', 'Bournemouth']], ['E06000028'], 'local'],
    ['post-2013 Buckinghamshire', [['Local Authority', 'Buckinghamshire']], ['E10000002'], 'subregional'],
    ['post-2013 North Yorkshire', [['Local Authority', 'North Yorkshire']], ['E10000023'], 'subregional'],
    [
      'Hertfordshire (the source’s wrong code corrected)',
      [['Local Authority', 'Hertfordshire']],
      ['E10000015'],
      'subregional',
    ],
    [
      'two districts',
      [
        ['Local Authority', 'Bradford City'],
        ['Local Authority', 'Leeds City'],
      ],
      ['E08000032', 'E08000035'],
      'subregional',
    ],
    [
      'a district and its region',
      [
        ['Local Authority', 'Bradford City'],
        ['Region', 'Throughout England'],
      ],
      ['E08000032', 'E92000001'],
      'national',
    ],
    [
      'Cumbria listed twice',
      [
        ['Local Authority', 'Cumbria'],
        ['Local Authority', 'Cumbria'],
      ],
      ['E10000006'],
      'subregional',
    ],
  ])('%s', (_what, list, codes, level) => {
    const result = coverageOf(
      list.map(([type, description]) => ({ type: type as string, description: description as string })),
      areas,
    )
    expect(result).toEqual({ codes, level, unmapped: [] })
  })

  test('an area abroad is not mapped; with nothing else there is no level', () => {
    expect(coverageOf([{ type: 'Country', description: 'France' }], areas)).toEqual({
      codes: [],
      level: null,
      unmapped: ['Country: France'],
    })
  })
})

describe('a charity -> a draft record', () => {
  const locate = (postcode: string) => (postcode === 'BD1 1HY' ? { lng: -1.75329, lat: 53.79232 } : undefined)

  test('the fixture CVS: register fields, org-ids, office, coverage, level, proposals', async () => {
    const { charities } = await readExtract(fixture)
    const cvs = charities.find((c) => c.row.registered_charity_number === 1190001)
    const draft = draftOf(cvs as NonNullable<typeof cvs>, { areas, locate })
    expect(draft).toMatchObject({
      input: {
        slug: 'anytown-council-for-voluntary-service-1190001',
        name: 'Anytown Council for Voluntary Service',
        status: 'draft',
        kind: 'generalist',
        level: 'local',
        orgType: 'infrastructure',
        website: 'https://www.anytown-cvs.example.org/',
        email: 'info@anytown-cvs.example.org',
        phone: '01274 000001',
        address: '1 Example Street, Anytown, BD1 1HY',
        office: { lng: -1.75329, lat: 53.79232 },
        charityNumber: '1190001',
        companyNumber: '08000001',
        source: 'ccew',
        coverage: { areas: ['E08000032'] },
      },
      facts: { orgIds: ['GB-CHC-1190001', 'GB-COH-08000001'], latestIncome: 412000 },
    })
    expect('input' in draft && draft.input.summary).toMatch(
      /^We support local voluntary and community groups/,
    )
  })

  test('bad contact fields are left out with a note; a charity working only abroad is skipped', async () => {
    const { charities } = await readExtract(fixture)
    const bucks = draftOf(charities.find((c) => c.row.registered_charity_number === 1190012) as never, {
      areas,
      locate,
    })
    expect('input' in bucks && bucks.input).not.toHaveProperty('email')
    expect('input' in bucks && bucks.input).not.toHaveProperty('website')
    expect('notes' in bucks && bucks.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^email left out/),
        expect.stringMatching(/^website left out/),
      ]),
    )
    const abroad = draftOf(charities.find((c) => c.row.registered_charity_number === 1190011) as never, {
      areas,
      locate,
    })
    expect(abroad).toEqual({ skip: NO_AREA })
  })

  test('names in capitals are written as words; slugs carry the charity number', () => {
    expect(titleCase('SAMPLETON BME NETWORK')).toBe('Sampleton BME Network')
    expect(titleCase('ACTION WITH COMMUNITIES IN RURAL SAMPLESHIRE')).toBe(
      'Action with Communities in Rural Sampleshire',
    )
    expect(titleCase('Anytown CVS')).toBe('Anytown CVS')
    expect(slugFor('Ysgol Gymraeg Môn & Friends', 1234567)).toBe('ysgol-gymraeg-mon-friends-1234567')
  })
})

import type { PolygonGeometry } from '../lib/geometry'
import type { DirectoryContent, RawProvider } from '../providers/provider-schema'

/**
 * A small directory over real geography (Bradford, Leeds, West Yorkshire, Norwich, Cardiff) for
 * the directory's db tests, independent of the demo content. Slugs start with "fx-" so a test
 * can never confuse these with demo records.
 */
export const fixtureAreas = {
  england: 'E92000001',
  wales: 'W92000004',
  yorkshire: 'E12000003',
  westYorkshire: 'E11000006',
  bradford: 'E08000032',
  leeds: 'E08000035',
  norfolk: 'E10000020',
  norwich: 'E07000148',
  cardiff: 'W06000015',
  /** Bradford's City ward, where BD1 1HY is. */
  bradfordCityWard: 'E05001347',
} as const

/** BD1 1HY, in Bradford's City ward (../shared/geo/postcodes_sample.csv). */
export const bradfordPoint = { postcode: 'BD1 1HY', lat: 53.79232, lng: -1.75329 } as const

/** What every fixture record has unless it says otherwise (other test directories start from it too). */
export const fixtureProviderBase = {
  orgType: 'infrastructure',
  status: 'active',
  cost: { type: 'free' },
  membershipBased: false,
  topics: [],
  strands: [],
  languages: ['en'],
  formats: [],
  qualityMarks: [],
  lastVerifiedAt: '2025-06-01',
  source: 'fixture',
} as const satisfies Partial<RawProvider>

function provider(
  p: Partial<RawProvider> &
    Pick<RawProvider, 'slug' | 'name' | 'kind' | 'level' | 'summary' | 'functions' | 'coverage'>,
): RawProvider {
  return {
    ...fixtureProviderBase,
    topics: [],
    strands: [],
    languages: ['en'],
    formats: [],
    qualityMarks: [],
    ...p,
  } as RawProvider
}

/** A rectangle over central Bradford, about 2.8 by 2.8 km: most of the City ward, a sliver of Bradford. */
export const centralBradfordSquare: PolygonGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [-1.78, 53.78],
      [-1.737, 53.78],
      [-1.737, 53.805],
      [-1.78, 53.805],
      [-1.78, 53.78],
    ],
  ],
}

export const fixtureSlugs = {
  bradfordLgb: 'fx-bradford-lgb-network',
  bradfordCvs: 'fx-bradford-cvs',
  leedsCvs: 'fx-leeds-cvs',
  westYorkshireEquality: 'fx-west-yorkshire-equality-partnership',
  yorkshireBme: 'fx-yorkshire-bme-network',
  nationalLgbt: 'fx-national-lgbt-consortium',
  ukEquality: 'fx-uk-equality-hub',
  cityWardForum: 'fx-city-ward-forum',
  drawnArea: 'fx-central-bradford-hub',
  norfolkRural: 'fx-norfolk-rural-council',
  cardiffCvc: 'fx-cardiff-cvc',
  closedBody: 'fx-closed-bradford-project',
  draftBody: 'fx-draft-bradford-project',
} as const

export function fixtureDirectory(): DirectoryContent {
  const s = fixtureSlugs
  const a = fixtureAreas
  return {
    providers: [
      provider({
        slug: s.bradfordLgb,
        name: 'Fixture Bradford LGB Network',
        kind: 'specialist',
        level: 'local',
        summary: 'Supports lesbian, gay and bisexual community groups in Bradford.',
        remit: 'Training and networking for LGB groups across the Bradford district.',
        functions: ['training', 'networks'],
        topics: ['equality-diversity'],
        strands: ['sexual-orientation'],
        office: { lng: -1.752, lat: 53.793 },
        coverage: { areas: [a.bradford] },
      }),
      provider({
        slug: s.bradfordCvs,
        name: 'Fixture Bradford Council for Voluntary Service',
        kind: 'generalist',
        level: 'local',
        summary: 'Generic support to any voluntary group in Bradford: funding bids, governance, volunteers.',
        description: 'Runs a funding advice surgery and trustee training.',
        functions: ['information-advice', 'training', 'grants'],
        topics: ['governance', 'fundraising', 'volunteering'],
        languages: ['en', 'ur', 'pa'],
        formats: ['large-print', 'hearing-loop'],
        qualityMarks: ['navca-quality-award', 'trusted-charity'],
        office: { lng: -1.756, lat: 53.795 },
        limits: 'Does not provide legal advice or training in sign language.',
        coverage: { areas: [a.bradford] },
      }),
      provider({
        slug: s.leedsCvs,
        name: 'Fixture Voluntary Action Leeds',
        kind: 'generalist',
        level: 'local',
        summary: 'Generic support to voluntary groups in Leeds.',
        functions: ['information-advice', 'training'],
        topics: ['governance'],
        office: { lng: -1.548, lat: 53.8 },
        coverage: { areas: [a.leeds] },
      }),
      provider({
        slug: s.westYorkshireEquality,
        name: 'Fixture West Yorkshire Equality Partnership',
        kind: 'specialist',
        level: 'subregional',
        summary: 'A multi-strand equality network for the five West Yorkshire districts.',
        functions: ['networks', 'training', 'consultation'],
        strands: ['race', 'disability', 'sexual-orientation', 'gender-reassignment', 'sex'],
        office: { lng: -1.548, lat: 53.797 },
        coverage: { areas: [a.westYorkshire] },
        lastVerifiedAt: '2024-01-15',
      }),
      provider({
        slug: s.yorkshireBme,
        name: 'Fixture Yorkshire and Humber Black and Minority Ethnic Network',
        kind: 'specialist',
        level: 'regional',
        summary: 'Regional voice for black and minority ethnic community groups.',
        functions: ['advocacy', 'research'],
        strands: ['race'],
        languages: ['en', 'ur', 'bn'],
        coverage: { areas: [a.yorkshire] },
      }),
      provider({
        slug: s.nationalLgbt,
        name: 'Fixture National LGBT Consortium',
        kind: 'specialist',
        level: 'national',
        summary: 'National infrastructure for LGBT voluntary and community organisations.',
        functions: ['training', 'policy', 'networks'],
        strands: ['sexual-orientation', 'gender-reassignment'],
        office: { lng: -0.1, lat: 51.52 },
        coverage: { areas: [a.england] },
        lastVerifiedAt: '2023-03-01',
      }),
      provider({
        slug: s.ukEquality,
        name: 'Fixture UK Equality Hub',
        kind: 'specialist',
        level: 'national',
        summary: 'Single equality body supporting groups across England and Wales.',
        functions: ['information-advice', 'training'],
        strands: [
          'age',
          'disability',
          'gender-reassignment',
          'marriage-civil-partnership',
          'pregnancy-maternity',
          'race',
          'religion-belief',
          'sex',
          'sexual-orientation',
        ],
        formats: ['bsl', 'easy-read'],
        languages: ['en', 'cy', 'bfi'],
        coverage: { areas: [a.england, a.wales] },
      }),
      provider({
        slug: s.cityWardForum,
        name: 'Fixture City Ward Community Forum',
        kind: 'generalist',
        level: 'neighbourhood',
        orgType: 'community-organisation',
        summary: 'The community forum and meeting room for the City ward.',
        functions: ['networks', 'meeting-space'],
        topics: ['community-development'],
        office: { lng: -1.7533, lat: 53.7923 },
        coverage: { areas: [a.bradfordCityWard] },
      }),
      provider({
        slug: s.drawnArea,
        name: 'Fixture Central Bradford Hub',
        kind: 'specialist',
        level: 'neighbourhood',
        orgType: 'community-organisation',
        summary: 'A drop-in hub for refugee and migrant groups in central Bradford.',
        functions: ['meeting-space', 'information-advice'],
        strands: ['refugees-migrants'],
        coverage: { areas: [], polygon: centralBradfordSquare },
      }),
      provider({
        slug: s.norfolkRural,
        name: 'Fixture Norfolk Rural Community Council',
        kind: 'generalist',
        level: 'subregional',
        summary: 'Support for village halls and rural community groups in Norfolk.',
        functions: ['information-advice', 'training', 'meeting-space'],
        topics: ['premises'],
        strands: ['rural'],
        coverage: { areas: [a.norfolk] },
        lastVerifiedAt: '2019-09-30',
      }),
      provider({
        slug: s.cardiffCvc,
        name: 'Fixture Cardiff County Voluntary Council',
        kind: 'generalist',
        level: 'local',
        summary: 'Cymorth i grwpiau gwirfoddol yng Nghaerdydd; support for voluntary groups in Cardiff.',
        functions: ['information-advice', 'training', 'grants'],
        topics: ['governance', 'fundraising'],
        languages: ['en', 'cy'],
        formats: ['bsl'],
        coverage: { areas: [a.cardiff] },
      }),
      provider({
        slug: s.closedBody,
        name: 'Fixture Closed Bradford Project',
        kind: 'specialist',
        level: 'local',
        status: 'closed',
        summary: 'Closed; kept for history.',
        functions: ['training'],
        strands: ['sexual-orientation'],
        coverage: { areas: [a.bradford] },
      }),
      provider({
        slug: s.draftBody,
        name: 'Fixture Draft Bradford Project',
        kind: 'specialist',
        level: 'local',
        status: 'draft',
        summary: 'A draft record, not yet published.',
        functions: ['training'],
        strands: ['disability'],
        coverage: { areas: [a.bradford] },
      }),
    ],
    pathways: [
      {
        fromSlug: s.bradfordCvs,
        toSlug: s.bradfordLgb,
        strands: ['sexual-orientation'],
        topics: ['equality-diversity'],
        criteria: 'LGB groups needing specialist development support.',
        followUp: 'A joint follow-up call after six weeks.',
      },
      {
        fromSlug: s.bradfordLgb,
        toSlug: s.bradfordCvs,
        strands: [],
        topics: ['fundraising', 'governance'],
        criteria: 'Groups needing generic help with funding bids or governance.',
      },
    ],
    districtsWithoutLocalGeneralist: [],
  }
}

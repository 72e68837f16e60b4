import type { PolygonGeometry } from '../lib/geometry'
import type { DirectoryContent, RawProvider } from '../providers/provider-schema'

/**
 * A tiny directory over the five real West Yorkshire districts (and Cardiff), small enough to
 * check every coverage figure by hand. Slugs start with "cv-".
 *
 *   Bradford   local generalist (training, grants, advice; community development), three local
 *              disability trainers (duplication), a ward forum in City ward, a drop-in hub drawn
 *              over central Bradford (most of City ward, a sliver of the district)
 *   Leeds      local generalist (training, advice)
 *   Kirklees   its local generalist is closed
 *   Calderdale its local generalist is only a draft
 *   Wakefield  nothing local
 *   all five   a West Yorkshire (sub-regional) generalist offering training
 *   Yorkshire  a regional race network; England: a national LGBT body; Wales: a national generalist
 *              that also lists Welsh-language communities
 */
export const coverageAreas = {
  england: 'E92000001',
  wales: 'W92000004',
  yorkshire: 'E12000003',
  westYorkshire: 'E11000006',
  bradford: 'E08000032',
  calderdale: 'E08000033',
  kirklees: 'E08000034',
  leeds: 'E08000035',
  wakefield: 'E08000036',
  cardiff: 'W06000015',
  /** Bradford's City ward. */
  bradfordCityWard: 'E05001347',
} as const

/** 2011 populations of ../shared/geo/lad_population.csv. */
export const coveragePopulations = {
  bradford: 523115,
  calderdale: 204170,
  kirklees: 422970,
  leeds: 750683,
  wakefield: 326433,
} as const

/** About 2.8 km square over central Bradford: most of the City ward, a sliver of the district. */
export const centralBradford: PolygonGeometry = {
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

export const coverageSlugs = {
  bradfordCvs: 'cv-bradford-cvs',
  leedsCvs: 'cv-leeds-cvs',
  kirkleesCvs: 'cv-kirklees-cvs',
  calderdaleCvs: 'cv-calderdale-cvs',
  westYorkshireGeneralist: 'cv-west-yorkshire-generalist',
  bradfordDisability: ['cv-bradford-disability-1', 'cv-bradford-disability-2', 'cv-bradford-disability-3'],
  yorkshireRace: 'cv-yorkshire-race-network',
  nationalLgbt: 'cv-national-lgbt-body',
  bradfordHub: 'cv-central-bradford-hub',
  cityWardForum: 'cv-city-ward-forum',
  walesNational: 'cv-wales-national-generalist',
} as const

/** A fixture record with plain defaults (active, free, English); other coverage tests build theirs with it. */
export function provider(
  p: Pick<RawProvider, 'slug' | 'name' | 'kind' | 'level' | 'functions' | 'coverage'> & Partial<RawProvider>,
): RawProvider {
  return {
    orgType: 'infrastructure',
    status: 'active',
    summary: `${p.name} (coverage test fixture).`,
    cost: { type: 'free' },
    membershipBased: false,
    topics: [],
    strands: [],
    languages: ['en'],
    formats: [],
    qualityMarks: [],
    lastVerifiedAt: '2025-06-01',
    source: 'fixture',
    // A contact route: the freshness policy counts no record without one (decision 0020).
    website: `https://example.org/${p.slug}`,
    ...p,
  }
}

export function coverageDirectory(): DirectoryContent {
  const a = coverageAreas
  const s = coverageSlugs
  return {
    providers: [
      provider({
        slug: s.bradfordCvs,
        name: 'CV Bradford CVS',
        kind: 'generalist',
        level: 'local',
        functions: ['information-advice', 'training', 'grants'],
        topics: ['community-development'],
        coverage: { areas: [a.bradford] },
      }),
      provider({
        slug: s.leedsCvs,
        name: 'CV Leeds CVS',
        kind: 'generalist',
        level: 'local',
        functions: ['information-advice', 'training'],
        coverage: { areas: [a.leeds] },
      }),
      provider({
        slug: s.kirkleesCvs,
        name: 'CV Kirklees CVS',
        kind: 'generalist',
        level: 'local',
        status: 'closed',
        functions: ['training'],
        coverage: { areas: [a.kirklees] },
      }),
      provider({
        slug: s.calderdaleCvs,
        name: 'CV Calderdale CVS',
        kind: 'generalist',
        level: 'local',
        status: 'draft',
        functions: ['training'],
        coverage: { areas: [a.calderdale] },
      }),
      provider({
        slug: s.westYorkshireGeneralist,
        name: 'CV West Yorkshire Voluntary Support',
        kind: 'generalist',
        level: 'subregional',
        functions: ['training'],
        coverage: { areas: [a.westYorkshire] },
      }),
      ...s.bradfordDisability.map((slug, i) =>
        provider({
          slug,
          name: `CV Bradford Disability Trainers ${i + 1}`,
          kind: 'specialist',
          level: 'local',
          functions: ['training'],
          strands: ['disability'],
          coverage: { areas: [a.bradford] },
        }),
      ),
      provider({
        slug: s.yorkshireRace,
        name: 'CV Yorkshire Race Equality Network',
        kind: 'specialist',
        level: 'regional',
        functions: ['training', 'advocacy'],
        strands: ['race'],
        coverage: { areas: [a.yorkshire] },
      }),
      provider({
        slug: s.nationalLgbt,
        name: 'CV National LGBT Body',
        kind: 'specialist',
        level: 'national',
        functions: ['training'],
        strands: ['sexual-orientation', 'gender-reassignment'],
        coverage: { areas: [a.england] },
      }),
      provider({
        slug: s.bradfordHub,
        name: 'CV Central Bradford Drop-in Hub',
        kind: 'specialist',
        level: 'neighbourhood',
        orgType: 'community-organisation',
        functions: ['meeting-space', 'training'],
        strands: ['refugees-migrants'],
        coverage: { areas: [], polygon: centralBradford },
      }),
      provider({
        slug: s.cityWardForum,
        name: 'CV City Ward Forum',
        kind: 'generalist',
        level: 'neighbourhood',
        orgType: 'community-organisation',
        functions: ['networks', 'meeting-space'],
        coverage: { areas: [a.bradfordCityWard] },
      }),
      provider({
        slug: s.walesNational,
        name: 'CV Wales National Generalist',
        kind: 'generalist',
        level: 'national',
        functions: ['information-advice'],
        // A generalist that also lists a strand: counted once where both count (help:<strand>).
        strands: ['welsh-language'],
        coverage: { areas: [a.wales] },
      }),
    ],
    pathways: [],
    districtsWithoutLocalGeneralist: [a.calderdale, a.kirklees, a.wakefield, a.cardiff],
  }
}

import type { DirectoryContent, RawProvider } from '../../server/providers/provider-schema'
import { areaBodies } from './demo-area-bodies'
import { loadDemoGeography } from './demo-geography'
import {
  DISTRICTS_WITHOUT_LOCAL_GENERALIST,
  localGeneralists,
  localSpecialists,
  volunteerCentres,
} from './demo-local-bodies'
import { nationBodies } from './demo-nation-bodies'
import { neighbourhoodBodies } from './demo-neighbourhood-bodies'
import { checkPathways, demoPathways } from './demo-pathways'
import { sourceBodies } from './demo-source-bodies'

/**
 * The demo directory: the real bodies named in the source documents, the national onward routes
 * for Scotland and Northern Ireland named in the domain notes, plus plainly fictional
 * records (`source: demo`) generated over the geography in `geoDataDir`, with referral pathways.
 * Same input, same output: every choice is seeded from a record's own key and no clock is read.
 */
export function buildDemoDirectory(geoDataDir: string): DirectoryContent {
  const geo = loadDemoGeography(geoDataDir)
  const providers: RawProvider[] = [
    ...sourceBodies(),
    ...nationBodies(),
    ...localGeneralists(geo),
    ...volunteerCentres(geo),
    ...localSpecialists(geo),
    ...areaBodies(geo),
    ...neighbourhoodBodies(geo),
  ]

  const seen = new Set<string>()
  for (const provider of providers) {
    if (seen.has(provider.slug)) throw new Error(`duplicate demo slug ${provider.slug}`)
    seen.add(provider.slug)
  }

  // Seed 001: a rural community council may be its county's main generalist. Where a district it
  // covers has no active local generalist, it acts as the area's generalist (decision 0004).
  const hasLocalGeneralist = (districtCode: string) =>
    providers.some(
      (p) =>
        p.status === 'active' &&
        p.kind === 'generalist' &&
        p.level === 'local' &&
        p.coverage.areas.includes(districtCode),
    )
  for (const rcc of providers.filter((p) => p.slug.endsWith('-rural-community-council'))) {
    const districts = rcc.coverage.areas.flatMap((code) => geo.districtsIn(code))
    if (districts.some((d) => !hasLocalGeneralist(d.code))) rcc.actsAsGeneralist = true
  }

  const localGeneralistOf = (districtCode: string): string => {
    const found = providers.find(
      (p) =>
        p.status === 'active' &&
        p.kind === 'generalist' &&
        p.level === 'local' &&
        p.coverage.areas.includes(districtCode),
    )
    if (!found) throw new Error(`no active local generalist in ${districtCode}`)
    return found.slug
  }
  const pathways = demoPathways(localGeneralistOf)
  checkPathways(pathways, providers)

  return {
    providers,
    pathways,
    districtsWithoutLocalGeneralist: DISTRICTS_WITHOUT_LOCAL_GENERALIST.map((d) => d.code).sort(),
  }
}

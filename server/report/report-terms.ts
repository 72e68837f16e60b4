import type { Taxonomy, TaxonomyTerm } from '../taxonomy/taxonomy-schemas'
import { createTaxonomyService } from '../taxonomy/taxonomy-service'
import type { Bilingual, ReportContext } from './report-section'

/**
 * The words a report section needs for codes, in the report's language: levels, functions, strands,
 * kinds and statuses from the taxonomy (its English and Welsh labels, as the web client shows them),
 * and the area types the client's locale files name.
 */
export interface ReportTerms {
  level(code: string): string
  fn(code: string): string
  /** A strand (without its bracketed gloss), or the generalist / any-provider group. */
  group(code: string): string
  kind(code: string): string
  status(code: string): string
  areaType(type: string): string
  areaName(area: { name: string; nameCy: string | null }): string
  /** "Bradford (district)" / "Bradford (ardal)". */
  areaWithType(area: { name: string; nameCy: string | null; type: string }): string
  /** "a, b and c" / "a, b a c". */
  list(items: string[]): string
}

/** The same words as the client's `areaTypes` (client/src/locales/en.ts, cy.ts), lower case. */
const AREA_TYPES: Record<string, Bilingual> = {
  ward: { en: 'ward', cy: 'ward' },
  hex: { en: 'hexagon', cy: 'hecsagon' },
  lad: { en: 'district', cy: 'ardal' },
  county: { en: 'county', cy: 'sir' },
  'upper-tier': { en: 'upper-tier authority', cy: 'awdurdod haen uchaf' },
  'combined-authority': { en: 'combined authority', cy: 'awdurdod cyfun' },
  region: { en: 'region', cy: 'rhanbarth' },
  nation: { en: 'nation', cy: 'gwlad' },
}

const GROUPS: Record<string, Bilingual> = {
  generalist: { en: 'Generalist support (any group)', cy: 'Cymorth cyffredinol (unrhyw grŵp)' },
  any: { en: 'Any provider', cy: 'Unrhyw ddarparwr' },
}

const loaded = new WeakMap<ReportContext, Promise<ReportTerms>>()

function termsOf(taxonomy: Taxonomy, ctx: ReportContext): ReportTerms {
  const welsh = ctx.lang === 'cy'
  const labelIn = (terms: readonly TaxonomyTerm[]) => {
    const byCode = new Map(terms.map((t) => [t.code, welsh ? t.labelCy : t.label]))
    return (code: string) => byCode.get(code) ?? code
  }
  const strand = labelIn(taxonomy.strands)
  const areaName = (area: { name: string; nameCy: string | null }) =>
    welsh && area.nameCy ? area.nameCy : area.name
  const listFormat = new Intl.ListFormat(welsh ? 'cy' : 'en-GB', { type: 'conjunction' })
  return {
    level: labelIn(taxonomy.levels),
    fn: labelIn(taxonomy.functions),
    group: (code) => {
      const fixed = GROUPS[code]
      return fixed ? ctx.say(fixed) : (strand(code).split(' (')[0] ?? code)
    },
    kind: labelIn(taxonomy.kinds),
    status: labelIn(taxonomy.statuses),
    areaType: (type) => {
      const word = AREA_TYPES[type]
      return word ? ctx.say(word) : type
    },
    areaName,
    areaWithType: (area) => {
      const word = AREA_TYPES[area.type]
      return `${areaName(area)} (${word ? ctx.say(word) : area.type})`
    },
    list: (items) => listFormat.format(items),
  }
}

/** The terms for this report, read once per report from the taxonomy in its database. */
export function reportTerms(ctx: ReportContext): Promise<ReportTerms> {
  let terms = loaded.get(ctx)
  if (!terms) {
    terms = createTaxonomyService(ctx.db, { cacheSeconds: 0 })
      .getTaxonomy()
      .then((taxonomy) => termsOf(taxonomy, ctx))
    loaded.set(ctx, terms)
  }
  return terms
}

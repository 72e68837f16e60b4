import type { Knex } from 'knex'
import { stableId } from '../directory/directory-service'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import { type BaselineWrite, replaceAllBaselines } from './coverage-baseline-queries'

/**
 * The starting baselines, from "Minimum baselines (what 'no gap' means)" in
 * ../shared/docs/domain.md. They are the partnership's to change through the API; the seed only
 * gives a new installation the document's rules. Keys are stable, and ids derive from them, so
 * tests and links can name a rule.
 */
export const baselineKeys = {
  localGeneralist: 'local-generalist',
  wardForum: 'ward-forum-or-network',
  wardHub: 'ward-meeting-space',
  wardCapacityBuilding: 'ward-capacity-building',
  wardSmallGrants: 'ward-small-grants',
  /** One rule per strand: `strand-<code>`. */
  strand: (strand: string) => `strand-${strand}`,
} as const

export const baselineId = (key: string) => stableId('coverage-baseline', key)

const DOMAIN = 'docs/domain.md, Minimum baselines'
const WELSH_LANGUAGE = 'welsh-language'

/** The label of a term without its parenthesised gloss: "Age (older people; ...)" -> "Age". */
const short = (label: string) => label.split(' (')[0] as string

export function defaultBaselines(taxonomy: Taxonomy): Array<BaselineWrite & { id: string }> {
  const rule = (key: string, r: Omit<BaselineWrite, 'key'>) => ({
    id: baselineId(key),
    key,
    scope: 'all' as const,
    ...r,
  })
  return [
    // "Every **local** area should have access to a dedicated local **generalist** provider.
    //  (In 2004, 40 areas of England had none; most were rural.)"
    // Any support from a generalist whose own level is local (or neighbourhood): a county-wide
    // body or a national helpline does not make a district's local generalist.
    rule(baselineKeys.localGeneralist, {
      label: 'A local generalist provider in every district',
      label_cy: 'Darparwr cyffredinol lleol ym mhob ardal leol',
      area_level: 'local',
      function_code: null,
      topic_code: null,
      group_kind: 'generalist',
      strand_code: null,
      min_count: 1,
      acceptable_depth: 'local',
      source: `${DOMAIN}: "Every local area should have access to a dedicated local generalist provider."`,
    }),
    // "Every **neighbourhood** should have, at minimum: one representative, inclusive forum or
    //  network; one physical hub (meeting room, village hall); access to generalist
    //  capacity-building workers; access to small grants."
    // A forum and a hub are things in the ward itself (neighbourhood depth). "Access to" workers
    // and grants is met by the district's bodies too (local depth).
    rule(baselineKeys.wardForum, {
      label: 'A forum or network in every ward',
      label_cy: 'Fforwm neu rwydwaith ym mhob ward',
      area_level: 'neighbourhood',
      function_code: 'networks',
      topic_code: null,
      group_kind: 'any',
      strand_code: null,
      min_count: 1,
      acceptable_depth: 'neighbourhood',
      source: `${DOMAIN}: "Every neighbourhood should have, at minimum: one representative, inclusive forum or network"`,
    }),
    rule(baselineKeys.wardHub, {
      label: 'A meeting space or community hub in every ward',
      label_cy: 'Man cyfarfod neu hyb cymunedol ym mhob ward',
      area_level: 'neighbourhood',
      function_code: 'meeting-space',
      topic_code: null,
      group_kind: 'any',
      strand_code: null,
      min_count: 1,
      acceptable_depth: 'neighbourhood',
      source: `${DOMAIN}: "Every neighbourhood should have, at minimum: ... one physical hub (meeting room, village hall)"`,
    }),
    rule(baselineKeys.wardCapacityBuilding, {
      label: 'Generalist capacity-building support for every ward',
      label_cy: 'Cymorth cyffredinol i feithrin gallu ar gyfer pob ward',
      area_level: 'neighbourhood',
      function_code: null,
      topic_code: 'community-development',
      group_kind: 'generalist',
      strand_code: null,
      min_count: 1,
      acceptable_depth: 'local',
      source: `${DOMAIN}: "Every neighbourhood should have, at minimum: ... access to generalist capacity-building workers"`,
    }),
    rule(baselineKeys.wardSmallGrants, {
      label: 'Access to small grants in every ward',
      label_cy: 'Mynediad at grantiau bach ym mhob ward',
      area_level: 'neighbourhood',
      function_code: 'grants',
      topic_code: null,
      group_kind: 'any',
      strand_code: null,
      min_count: 1,
      acceptable_depth: 'local',
      source: `${DOMAIN}: "Every neighbourhood should have, at minimum: ... access to small grants"`,
    }),
    // "Specialist support for each strand should be reachable from every place, at some level."
    // Checked for every district: any provider working with the strand, at any level up to national.
    // The Welsh-language strand is judged in Wales only (issue 17: it failed in every English district).
    ...taxonomy.strands.map((strand) =>
      rule(baselineKeys.strand(strand.code), {
        label: `Specialist support reachable from every district: ${short(strand.label)}`,
        label_cy: `Cymorth arbenigol o fewn cyrraedd pob ardal leol: ${short(strand.labelCy)}`,
        area_level: 'local',
        function_code: null,
        topic_code: null,
        group_kind: 'strand',
        strand_code: strand.code,
        scope: strand.code === WELSH_LANGUAGE ? 'wales' : 'all',
        min_count: 1,
        acceptable_depth: 'national',
        source: `${DOMAIN}: "Specialist support for each strand should be reachable from every place, at some level."`,
      }),
    ),
  ]
}

/** Clears the baselines and inserts the document's rules (the seed step and the test template). */
export async function seedBaselines(knex: Knex, taxonomy: Taxonomy): Promise<number> {
  const rows = defaultBaselines(taxonomy)
  await knex.transaction((trx) => replaceAllBaselines(trx, rows))
  return rows.length
}

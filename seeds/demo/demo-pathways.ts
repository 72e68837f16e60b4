import type { PathwayInput, RawProvider } from '../../server/providers/provider-schema'
import { demoKeySlugs } from './demo-key-records'

/**
 * Referral pathways between generalist and specialist bodies in Bradford, Cardiff and Leicester,
 * written the way source 000 recommends: when and why a body refers on, to whom, and what
 * follow-up there is. A pathway that starts at a real body is avoided: the documents do not
 * describe those bodies' referral practice, so only fictional bodies make referrals here.
 */

const CORE_TOPICS = ['governance', 'fundraising', 'finance']

function coreBack(fromSlug: string, toSlug: string, who: string): PathwayInput {
  return {
    fromSlug,
    toSlug,
    strands: [],
    topics: CORE_TOPICS,
    criteria: `${who} needing core capacity building (a constitution, a funding bid, accounts) that is not specific to their community.`,
    followUp: 'The referring worker introduces the group by email and stays in touch on the specialist side.',
  }
}

/** `localGeneralistOf` gives the slug of the active local generalist covering a district. */
export function demoPathways(localGeneralistOf: (districtCode: string) => string): PathwayInput[] {
  const bradford = demoKeySlugs.bradfordGeneralist
  const cardiff = demoKeySlugs.cardiffGeneralist
  const leicester = localGeneralistOf('E06000016')
  return [
    {
      fromSlug: bradford,
      toSlug: demoKeySlugs.bradfordLgbBody,
      strands: ['sexual-orientation'],
      topics: ['community-development', 'equality-diversity'],
      criteria:
        'LGB-led groups, or groups wanting to reach LGB people, that need knowledge of LGB communities in Bradford beyond general development support.',
      followUp:
        'Joint review with the group after three months; the CVS stays the contact for governance and funding questions.',
    },
    {
      fromSlug: bradford,
      toSlug: 'example-bradford-interfaith-forum',
      strands: ['religion-belief'],
      topics: ['community-development'],
      criteria: 'Faith-based groups wanting to work with other faiths or with public bodies on faith issues.',
    },
    coreBack('example-bradford-interfaith-forum', bradford, 'Faith-based groups'),
    {
      fromSlug: bradford,
      toSlug: 'example-bradford-disabled-peoples-forum',
      strands: ['disability'],
      topics: ['equality-diversity', 'influence'],
      criteria:
        "Disabled people's groups wanting peer support, access advice or a voice on partnership boards.",
      followUp: 'The forum reports back to the CVS on access issues raised about its own services.',
    },
    coreBack('example-bradford-disabled-peoples-forum', bradford, "Disabled people's groups"),
    {
      fromSlug: bradford,
      toSlug: 'example-bradford-carers-groups-network',
      strands: ['carers'],
      topics: ['community-development'],
      criteria: "New carers' support groups, and groups finding that many members are unpaid carers.",
    },
    {
      fromSlug: bradford,
      toSlug: 'example-yorkshire-and-the-humber-bme-network',
      strands: ['race'],
      topics: ['organisational-development', 'influence'],
      criteria: 'BME-led groups seeking specialist development or regional representation.',
    },
    {
      fromSlug: bradford,
      toSlug: 'example-volunteer-centre-bradford',
      strands: [],
      topics: ['volunteering'],
      criteria: 'Groups that need volunteers or help with volunteer policies and management.',
    },
    {
      fromSlug: demoKeySlugs.westYorkshireEqualityPartnership,
      toSlug: demoKeySlugs.bradfordLgbBody,
      strands: ['sexual-orientation'],
      topics: ['equality-diversity'],
      criteria: 'Bradford groups whose equality question is specifically about LGB people.',
    },
    {
      fromSlug: cardiff,
      toSlug: 'example-cardiff-migrant-community-support-network',
      strands: ['refugees-migrants', 'race'],
      topics: ['community-development'],
      criteria:
        'Refugee- and migrant-led groups, especially where members need development sessions with an interpreter.',
      followUp: 'A three-way meeting with the group after its first funding application.',
    },
    coreBack('example-cardiff-migrant-community-support-network', cardiff, 'Refugee and migrant groups'),
    {
      fromSlug: cardiff,
      toSlug: 'example-cardiff-welsh-language-groups-forum',
      strands: ['welsh-language'],
      topics: ['community-development'],
      criteria: 'Welsh-medium groups that want development support entirely in Welsh.',
    },
    coreBack('example-cardiff-welsh-language-groups-forum', cardiff, 'Welsh-medium groups'),
    {
      fromSlug: cardiff,
      toSlug: 'example-wales-lgbt-community-development-project',
      strands: ['sexual-orientation', 'gender-reassignment'],
      topics: ['community-development', 'equality-diversity'],
      criteria:
        'LGBT groups in Cardiff wanting specialist development support; there is no Cardiff-only LGBT body.',
    },
    {
      fromSlug: cardiff,
      toSlug: 'example-cardiff-parents-groups-network',
      strands: ['pregnancy-maternity'],
      topics: ['premises'],
      criteria: 'New-parent and parent-and-baby groups looking for venues or peer-support training.',
    },
    {
      fromSlug: cardiff,
      toSlug: 'example-cardiff-interfaith-network',
      strands: ['religion-belief'],
      topics: ['community-development'],
      criteria: 'Faith-based projects wanting to work across faiths.',
    },
    coreBack('example-cardiff-tackling-poverty-partnership', cardiff, 'Anti-poverty groups'),
    {
      fromSlug: leicester,
      toSlug: 'leicester-council-of-faiths',
      strands: ['religion-belief'],
      topics: ['community-development'],
      criteria: 'Groups planning multi-faith programmes in Leicester.',
    },
    {
      fromSlug: leicester,
      toSlug: 'example-leicester-bme-voluntary-sector-alliance',
      strands: ['race', 'refugees-migrants'],
      topics: ['organisational-development'],
      criteria: 'BME-led groups wanting development support in a community language.',
    },
    coreBack('example-leicester-bme-voluntary-sector-alliance', leicester, 'BME-led groups'),
  ]
}

/** Throws unless every pathway joins two existing, distinct records. */
export function checkPathways(pathways: readonly PathwayInput[], providers: readonly RawProvider[]): void {
  const slugs = new Set(providers.map((p) => p.slug))
  for (const pathway of pathways) {
    for (const slug of [pathway.fromSlug, pathway.toSlug]) {
      if (!slugs.has(slug)) throw new Error(`pathway refers to unknown provider ${slug}`)
    }
    if (pathway.fromSlug === pathway.toSlug) throw new Error(`pathway from ${pathway.fromSlug} to itself`)
  }
}

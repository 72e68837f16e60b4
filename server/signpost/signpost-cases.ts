import type { SignpostProvider } from './signpost-schemas'

/**
 * The acceptance table of issue 17: helpline cases over the demo directory, each checked by hand
 * against the rules of docs/decisions/0004 (the rule a case shows is named in its title). Each
 * case asserts the whole answer: the groups, their order, and each option's labels.
 *
 * An option is written `slug` or `slug [labels]`, the labels in this order:
 * - `pair:generalist` / `pair:specialist` — its level's pair (rule 2);
 * - `community-context` — a specialist for the groups that does not itself offer the need;
 * - `fallback:local` / `fallback:national` — there because nothing nearer matched (rule 5);
 * - `lacks:<code>` — a requested language or format it does not offer (rule 4).
 */

/** One option as the table writes it. */
export function written(p: SignpostProvider): string {
  const labels = [
    ...(p.pair ? [`pair:${p.pair}`] : []),
    ...(p.communityContext ? ['community-context'] : []),
    ...(p.fallback ? [`fallback:${p.fallback === 'local-generalist' ? 'local' : 'national'}`] : []),
    ...[...p.access.missing.languages, ...p.access.missing.formats].map((code) => `lacks:${code}`),
  ]
  return labels.length > 0 ? `${p.slug} [${labels.join(', ')}]` : p.slug
}

export interface SignpostCase {
  name: string
  query: string
  /** The whole answer: [level, options] nearest level first. */
  groups: Array<[string, string[]]>
  /** Slugs that must not be offered (the point of the case, said once more). */
  never?: string[]
  /** Pathways shown on an option: [from slug, to slug]. */
  pathways?: Array<[string, string]>
}

export const signpostCases: SignpostCase[] = [
  {
    name: 'the pair: the local generalist for the need and the LGB specialist for the community context; the pathway between them shown though its topics differ (Bradford, fundraising)',
    query: 'postcode=BD1 1HY&topic=fundraising&strand=sexual-orientation',
    groups: [
      [
        'local',
        [
          'example-bradford-council-for-voluntary-service [pair:generalist]',
          'bradford-equity-partnership [pair:specialist, community-context]',
        ],
      ],
      [
        'subregional',
        [
          'example-west-yorkshire-fundraisers-group',
          'example-west-yorkshire-equality-partnership [pair:specialist, community-context]',
        ],
      ],
      [
        'regional',
        [
          'example-yorkshire-and-the-humber-social-enterprise-network',
          'example-yorkshire-and-the-humber-equality-network [pair:specialist, community-context]',
        ],
      ],
      [
        'national',
        [
          'institute-of-fundraising',
          'consortium-of-lgbt-voluntary-and-community-organisations [pair:specialist, community-context]',
        ],
      ],
    ],
    pathways: [['example-bradford-council-for-voluntary-service', 'bradford-equity-partnership']],
  },
  {
    name: 'the pair when the specialist offers the need too; the local generalist fits, so it is no fallback (Bradford, LGB training)',
    query: 'postcode=BD1 1HY&function=training&strand=sexual-orientation',
    groups: [
      [
        'local',
        [
          'bradford-equity-partnership [pair:specialist]',
          'example-bradford-council-for-voluntary-service [pair:generalist]',
          'example-bradford-community-business-hub',
          'example-volunteer-centre-bradford',
        ],
      ],
      [
        'subregional',
        [
          'example-west-yorkshire-equality-partnership [pair:specialist]',
          'example-west-yorkshire-fundraisers-group',
          'example-west-yorkshire-digital-circuit-riders',
        ],
      ],
      [
        'regional',
        [
          'example-yorkshire-and-the-humber-equality-network [pair:specialist]',
          'example-yorkshire-and-the-humber-social-enterprise-network',
        ],
      ],
      ['national', ['consortium-of-lgbt-voluntary-and-community-organisations [pair:specialist]']],
    ],
    never: ['national-equality-partnership'],
    pathways: [['example-bradford-council-for-voluntary-service', 'bradford-equity-partnership']],
  },
  {
    name: 'a regional specialist offered for the community context beside activity specialists (Bradford, LGB consultancy)',
    query: 'postcode=BD1 1HY&function=consultancy&strand=sexual-orientation',
    groups: [
      [
        'local',
        [
          'bradford-equity-partnership [pair:specialist]',
          'example-bradford-council-for-voluntary-service [pair:generalist]',
          'example-bradford-community-business-hub',
        ],
      ],
      [
        'subregional',
        [
          'example-west-yorkshire-equality-partnership [pair:specialist]',
          'example-west-yorkshire-digital-circuit-riders',
        ],
      ],
      [
        'regional',
        [
          'example-yorkshire-and-the-humber-social-enterprise-network',
          'example-yorkshire-and-the-humber-equality-network [pair:specialist, community-context]',
        ],
      ],
      [
        'national',
        [
          'consortium-of-lgbt-voluntary-and-community-organisations [pair:specialist]',
          'example-trustee-governance-consultancy',
          'example-digital-for-good-consultancy-ltd',
        ],
      ],
    ],
  },
  {
    name: 'a rural community council acting as the generalist where a district has no CVS, under a non-rural strand (Richmondshire, race)',
    query: 'area=E07000166&function=information-advice&strand=race',
    groups: [
      ['subregional', ['example-north-yorkshire-rural-community-council [pair:generalist]']],
      [
        'regional',
        [
          'example-yorkshire-and-the-humber-social-enterprise-network',
          'example-yorkshire-and-the-humber-equality-network [pair:specialist, community-context]',
        ],
      ],
      [
        'national',
        [
          'example-charity-digital-helpline',
          'uk-workforce-hub',
          'community-matters',
          'development-trusts-association',
          'bteg [pair:specialist, community-context]',
        ],
      ],
    ],
    never: ['example-yorkshire-and-the-humber-voluntary-sector-network'],
  },
  {
    name: 'the rural community council under the rural strand: generalist of the pair beside the rural specialist (Richmondshire)',
    query: 'area=E07000166&function=information-advice&strand=rural',
    groups: [
      [
        'subregional',
        [
          'example-dales-community-action-network [pair:specialist]',
          'example-north-yorkshire-rural-community-council [pair:generalist]',
        ],
      ],
      ['regional', ['example-yorkshire-and-the-humber-social-enterprise-network']],
      [
        'national',
        [
          'example-charity-digital-helpline',
          'uk-workforce-hub',
          'community-matters',
          'development-trusts-association',
          'acre [pair:specialist, community-context]',
        ],
      ],
    ],
  },
  {
    name: "a place with no local generalist: the county's rural community council is the pair's generalist (Melton, disability)",
    query: 'area=E07000133&function=information-advice&strand=disability',
    groups: [
      ['local', ['example-volunteer-centre-melton']],
      [
        'subregional',
        [
          'example-leicestershire-rural-community-council [pair:generalist]',
          'example-leicester-and-leicestershire-equality-forum [pair:specialist, community-context]',
        ],
      ],
      [
        'regional',
        [
          'example-east-midlands-social-enterprise-network',
          'example-east-midlands-equality-network [pair:specialist, community-context]',
        ],
      ],
      [
        'national',
        ['mencap [pair:specialist]', 'rnib', 'rnid', 'example-charity-digital-helpline', 'uk-workforce-hub'],
      ],
    ],
  },
  {
    name: 'a place with no local generalist and no strand: no local fallback, the national option fits and is no fallback (Melton)',
    query: 'area=E07000133&function=information-advice',
    groups: [
      ['local', ['example-volunteer-centre-melton']],
      ['subregional', ['example-leicestershire-rural-community-council']],
      ['regional', ['example-east-midlands-social-enterprise-network']],
      [
        'national',
        [
          'example-charity-digital-helpline',
          'uk-workforce-hub',
          'community-matters',
          'development-trusts-association',
          'mencap',
          'rnib',
          'rnid',
        ],
      ],
    ],
  },
  {
    name: 'a closed local generalist is left out; the rural community council covers (Ryedale)',
    query: 'area=E07000167&function=information-advice',
    groups: [
      ['subregional', ['example-north-yorkshire-rural-community-council']],
      [
        'regional',
        [
          'example-yorkshire-and-the-humber-social-enterprise-network',
          'example-yorkshire-family-and-relationship-groups-network',
          'example-yorkshire-mens-groups-network',
        ],
      ],
      [
        'national',
        [
          'example-charity-digital-helpline',
          'uk-workforce-hub',
          'community-matters',
          'development-trusts-association',
          'mencap',
          'rnib',
        ],
      ],
    ],
    never: ['example-ryedale-voluntary-action'],
  },
  {
    name: 'a volunteer centre under a strand it does not list: activity specialists are never excluded by a strand (Bradford, volunteering for a race group)',
    query: 'postcode=BD1 1HY&topic=volunteering&strand=race',
    groups: [
      [
        'local',
        [
          'example-volunteer-centre-bradford',
          'example-bradford-council-for-voluntary-service [fallback:local]',
        ],
      ],
      ['subregional', ['example-west-yorkshire-equality-partnership [pair:specialist, community-context]']],
      [
        'regional',
        ['example-yorkshire-and-the-humber-equality-network [pair:specialist, community-context]'],
      ],
      [
        'national',
        [
          'uk-workforce-hub',
          'csv',
          'national-centre-for-volunteering',
          'volunteer-development-england',
          'volunteering-england',
          'bteg [pair:specialist, community-context]',
        ],
      ],
    ],
    pathways: [['example-bradford-council-for-voluntary-service', 'example-volunteer-centre-bradford']],
  },
  {
    name: 'a volunteer centre under the Welsh-language strand; the Welsh-language forum for the community context, pathways both ways (Cardiff)',
    query: 'postcode=CF10 3ND&function=information-advice&strand=welsh-language',
    groups: [
      ['neighbourhood', ['example-cathays-community-hub-cardiff [pair:generalist]']],
      [
        'local',
        [
          'example-cardiff-county-voluntary-council [pair:generalist]',
          'example-cardiff-volunteer-centre',
          'example-cardiff-welsh-language-groups-forum [pair:specialist, community-context]',
        ],
      ],
      ['subregional', ['example-south-east-wales-digital-circuit-riders']],
      [
        'national',
        [
          'example-wales-rural-communities-network [pair:specialist]',
          'example-wales-social-enterprise-support-network',
          'example-wales-council-for-voluntary-action [pair:generalist]',
          'uk-workforce-hub',
        ],
      ],
    ],
    pathways: [
      ['example-cardiff-county-voluntary-council', 'example-cardiff-welsh-language-groups-forum'],
      ['example-cardiff-welsh-language-groups-forum', 'example-cardiff-county-voluntary-council'],
    ],
  },
  {
    name: "a youth group is never offered an older people's body (Sunderland, children and young people)",
    query: 'lat=54.9082&lng=-1.38608&function=networks&strandDetail=children-young-people',
    groups: [
      [
        'neighbourhood',
        [
          'example-millfield-community-association-sunderland [pair:generalist]',
          'example-millfield-community-forum-sunderland',
        ],
      ],
      [
        'local',
        ['example-sunderland-young-peoples-network [pair:specialist]', 'sunderland-cvs [fallback:local]'],
      ],
      ['subregional', ['example-tyne-and-wear-equality-forum [pair:specialist]']],
      [
        'regional',
        [
          'example-north-east-equality-network [pair:specialist]',
          'example-north-east-social-enterprise-network',
        ],
      ],
      ['national', ['national-regionalisation-consortium [pair:generalist]', 'umbrellas-forum']],
    ],
    never: ['example-north-east-older-peoples-network', 'age-concern'],
  },
  {
    name: "an older people's group is never offered a youth body; a body for all ages still fits (Sunderland, older people)",
    query: 'lat=54.9082&lng=-1.38608&function=networks&strandDetail=older-people',
    groups: [
      [
        'neighbourhood',
        [
          'example-millfield-community-association-sunderland [pair:generalist]',
          'example-millfield-community-forum-sunderland',
        ],
      ],
      ['local', ['sunderland-cvs [fallback:local]']],
      ['subregional', ['example-tyne-and-wear-equality-forum [pair:specialist]']],
      [
        'regional',
        [
          'example-north-east-equality-network [pair:specialist]',
          'example-north-east-older-peoples-network',
          'example-north-east-social-enterprise-network',
        ],
      ],
      [
        'national',
        [
          'age-concern [pair:specialist]',
          'national-regionalisation-consortium [pair:generalist]',
          'umbrellas-forum',
        ],
      ],
    ],
    never: ['example-sunderland-young-peoples-network'],
  },
  {
    name: "the bare strand fits every detail: youth and older people's bodies both offered (Sunderland, age)",
    query: 'lat=54.9082&lng=-1.38608&function=networks&strand=age',
    groups: [
      [
        'neighbourhood',
        [
          'example-millfield-community-association-sunderland [pair:generalist]',
          'example-millfield-community-forum-sunderland',
        ],
      ],
      [
        'local',
        ['example-sunderland-young-peoples-network [pair:specialist]', 'sunderland-cvs [fallback:local]'],
      ],
      ['subregional', ['example-tyne-and-wear-equality-forum [pair:specialist]']],
      [
        'regional',
        [
          'example-north-east-equality-network [pair:specialist]',
          'example-north-east-older-peoples-network',
          'example-north-east-social-enterprise-network',
        ],
      ],
      [
        'national',
        ['age-concern [pair:specialist]', 'national-regionalisation-consortium [pair:generalist]'],
      ],
    ],
  },
  {
    name: 'a sight or hearing loss group is offered the Deaf network, not the learning disability body (Leicester)',
    query: 'postcode=LE1 1FZ&function=networks&strandDetail=sensory-impairment',
    groups: [
      ['neighbourhood', ['example-castle-residents-network-leicester [pair:generalist]']],
      [
        'local',
        [
          'example-leicester-deaf-community-network [pair:specialist]',
          'example-voluntary-action-leicester [pair:generalist]',
        ],
      ],
      ['subregional', ['example-leicester-and-leicestershire-equality-forum [pair:specialist]']],
      [
        'regional',
        [
          'example-east-midlands-equality-network [pair:specialist]',
          'example-east-midlands-social-enterprise-network',
        ],
      ],
      [
        'national',
        [
          'disability-lib [pair:specialist]',
          'national-regionalisation-consortium [pair:generalist]',
          'umbrellas-forum',
        ],
      ],
    ],
    never: ['mencap'],
  },
  {
    name: 'a learning disability group is offered the learning disability body, never the sight or hearing loss bodies (Leicester)',
    query: 'postcode=LE1 1FZ&function=information-advice&strandDetail=learning-disability',
    groups: [
      ['neighbourhood', ['example-castle-neighbourhood-centre-leicester [pair:generalist]']],
      [
        'local',
        ['example-voluntary-action-leicester [pair:generalist]', 'example-volunteer-centre-leicester'],
      ],
      [
        'subregional',
        ['example-leicester-and-leicestershire-equality-forum [pair:specialist, community-context]'],
      ],
      [
        'regional',
        [
          'example-east-midlands-social-enterprise-network',
          'example-east-midlands-equality-network [pair:specialist, community-context]',
        ],
      ],
      [
        'national',
        [
          'mencap [pair:specialist]',
          'example-charity-digital-helpline',
          'uk-workforce-hub',
          'community-matters',
        ],
      ],
    ],
    never: ['example-leicester-deaf-community-network', 'rnib', 'rnid'],
  },
  {
    name: 'a body that serves infrastructure only is never offered: the regional network that refers groups on is gone (Bradford, disability advocacy)',
    query: 'postcode=BD1 1HY&function=advocacy&strand=disability',
    groups: [
      ['neighbourhood', ['example-bradford-city-centre-community-network [pair:generalist]']],
      [
        'local',
        [
          'example-bradford-disabled-peoples-forum [pair:specialist]',
          'example-bradford-council-for-voluntary-service [pair:generalist]',
        ],
      ],
      ['subregional', ['example-west-yorkshire-equality-partnership [pair:specialist, community-context]']],
      ['regional', ['example-yorkshire-disabled-peoples-organisations-network [pair:specialist]']],
      ['national', ['ncvo [pair:generalist]', 'disability-lib [pair:specialist, community-context]']],
    ],
    never: ['example-yorkshire-and-the-humber-voluntary-sector-network'],
    pathways: [
      ['example-bradford-council-for-voluntary-service', 'example-bradford-disabled-peoples-forum'],
      ['example-bradford-disabled-peoples-forum', 'example-bradford-council-for-voluntary-service'],
    ],
  },
  {
    name: 'a body that serves infrastructure only is not even the national fallback (Rutland, training for an age group)',
    query: 'area=E06000017&function=training&strand=age',
    groups: [
      ['local', ['example-volunteer-centre-rutland']],
      [
        'regional',
        [
          'example-east-midlands-youth-work-network [pair:specialist]',
          'example-east-midlands-equality-network',
          'example-east-midlands-social-enterprise-network',
        ],
      ],
      [
        'national',
        [
          'example-trustee-governance-consultancy',
          'example-digital-for-good-consultancy-ltd',
          'acevo',
          'charity-finance-directors-group',
          'institute-of-fundraising',
          'age-concern [pair:specialist, community-context]',
        ],
      ],
    ],
    never: ['national-equality-partnership', 'example-rutland-community-and-voluntary-service'],
  },
  {
    name: 'a Welsh-speaking caller in Cardiff: Welsh-speaking bodies first in each level, the one that does not offer Welsh says so',
    query: 'postcode=CF10 3ND&function=information-advice&language=cy',
    groups: [
      ['neighbourhood', ['example-cathays-community-hub-cardiff']],
      [
        'local',
        [
          'example-cardiff-county-voluntary-council',
          'example-cardiff-volunteer-centre',
          'example-cardiff-parents-groups-network',
        ],
      ],
      ['subregional', ['example-south-east-wales-digital-circuit-riders']],
      [
        'national',
        [
          'example-wales-rural-communities-network',
          'example-wales-refugee-and-asylum-support-network',
          'example-wales-social-enterprise-support-network',
          'example-wales-council-for-voluntary-action',
          'uk-workforce-hub [lacks:cy]',
        ],
      ],
    ],
  },
  {
    name: 'a Welsh-speaking caller in Cardiff needing fundraising help: every option offers Welsh',
    query: 'postcode=CF10 3ND&topic=fundraising&language=cy',
    groups: [
      ['neighbourhood', ['example-adamsdown-small-grants-fund-cardiff']],
      ['local', ['example-cardiff-county-voluntary-council']],
      ['national', ['example-wales-council-for-voluntary-action']],
    ],
  },
  {
    name: 'Welsh asked where nobody offers it: the options are still given, each saying it does not offer Welsh (Bradford)',
    query: 'postcode=BD1 1HY&function=training&language=cy',
    groups: [
      [
        'local',
        [
          'example-bradford-council-for-voluntary-service [lacks:cy]',
          'example-bradford-interfaith-forum [lacks:cy]',
          'example-bradford-community-business-hub [lacks:cy]',
          'example-bradford-disabled-peoples-forum [lacks:cy]',
          'example-volunteer-centre-bradford [lacks:cy]',
          'bradford-equity-partnership [lacks:cy]',
        ],
      ],
      [
        'subregional',
        [
          'example-west-yorkshire-fundraisers-group [lacks:cy]',
          'example-west-yorkshire-equality-partnership [lacks:cy]',
          'example-west-yorkshire-digital-circuit-riders [lacks:cy]',
        ],
      ],
      ['national', ['example-trustee-governance-consultancy [lacks:cy]']],
    ],
  },
  {
    name: 'an easy-read request: bodies offering easy read first in each level, the others say they do not (Bradford, training)',
    query: 'postcode=BD1 1HY&function=training&format=easy-read',
    groups: [
      [
        'local',
        [
          'example-bradford-community-business-hub',
          'example-bradford-disabled-peoples-forum',
          'example-bradford-council-for-voluntary-service [lacks:easy-read]',
          'example-bradford-interfaith-forum [lacks:easy-read]',
          'example-volunteer-centre-bradford [lacks:easy-read]',
          'bradford-equity-partnership [lacks:easy-read]',
        ],
      ],
      [
        'subregional',
        [
          'example-west-yorkshire-fundraisers-group [lacks:easy-read]',
          'example-west-yorkshire-equality-partnership [lacks:easy-read]',
          'example-west-yorkshire-digital-circuit-riders [lacks:easy-read]',
        ],
      ],
      ['national', ['example-relationship-support-organisations-network']],
    ],
  },
  {
    name: 'Welsh and easy read together: bodies offering both before those offering one (Cardiff)',
    query: 'postcode=CF10 3ND&function=information-advice&language=cy&format=easy-read',
    groups: [
      ['neighbourhood', ['example-cathays-community-hub-cardiff [lacks:easy-read]']],
      [
        'local',
        [
          'example-cardiff-county-voluntary-council',
          'example-cardiff-volunteer-centre [lacks:easy-read]',
          'example-cardiff-parents-groups-network [lacks:easy-read]',
        ],
      ],
      ['subregional', ['example-south-east-wales-digital-circuit-riders']],
      [
        'national',
        [
          'example-wales-refugee-and-asylum-support-network',
          'example-wales-council-for-voluntary-action',
          'example-wales-rural-communities-network [lacks:easy-read]',
          'example-wales-social-enterprise-support-network [lacks:easy-read]',
          'uk-workforce-hub [lacks:cy, lacks:easy-read]',
        ],
      ],
    ],
  },
  {
    name: "British Sign Language asked for: the disabled people's forum that offers it first in its level (Bradford, networks)",
    query: 'postcode=BD1 1HY&function=networks&language=bfi',
    groups: [
      ['neighbourhood', ['example-bradford-city-centre-community-network [lacks:bfi]']],
      [
        'local',
        [
          'example-bradford-disabled-peoples-forum',
          'example-bradford-council-for-voluntary-service [lacks:bfi]',
          'example-bradford-interfaith-forum [lacks:bfi]',
          'example-bradford-carers-groups-network [lacks:bfi]',
          'example-bradford-anti-poverty-alliance [lacks:bfi]',
          'bradford-equity-partnership [lacks:bfi]',
        ],
      ],
      [
        'subregional',
        [
          'example-west-yorkshire-fundraisers-group [lacks:bfi]',
          'example-west-yorkshire-equality-partnership [lacks:bfi]',
        ],
      ],
      ['national', ['example-relationship-support-organisations-network [lacks:bfi]']],
    ],
  },
  {
    name: 'a quality mark asked for keeps only the bodies holding it (Cardiff, NAVCA Quality Award)',
    query: 'postcode=CF10 3ND&function=information-advice&qualityMark=navca-quality-award',
    groups: [['local', ['example-cardiff-county-voluntary-council']]],
    never: ['example-wales-council-for-voluntary-action'],
  },
  {
    name: 'fallback only when nothing nearer matched: the national generalist (Ceredigion, fundraising)',
    query: 'area=W06000008&topic=fundraising',
    groups: [['national', ['example-wales-council-for-voluntary-action [fallback:national]']]],
  },
  {
    name: 'no local generalist in a Welsh county: the volunteer centre and the national pair (Ceredigion, Welsh language)',
    query: 'area=W06000008&function=information-advice&strand=welsh-language',
    groups: [
      ['local', ['example-ceredigion-volunteer-centre']],
      [
        'national',
        [
          'example-wales-rural-communities-network [pair:specialist]',
          'example-wales-social-enterprise-support-network',
          'example-wales-council-for-voluntary-action [pair:generalist]',
          'uk-workforce-hub',
        ],
      ],
    ],
  },
  {
    name: 'a strand with only national specialist provision: the pair at national level (Brighton, marriage and civil partnership)',
    query: 'postcode=BN1 1JA&function=networks&strand=marriage-civil-partnership',
    groups: [
      [
        'neighbourhood',
        [
          'example-regency-community-forum-brighton-and-hove [pair:generalist]',
          'example-brighton-north-laine-and-city-centre-forum',
        ],
      ],
      ['local', ['example-voluntary-action-brighton-and-hove [pair:generalist]']],
      ['regional', ['example-south-east-social-enterprise-network']],
      [
        'national',
        [
          'example-relationship-support-organisations-network [pair:specialist]',
          'national-regionalisation-consortium [pair:generalist]',
          'umbrellas-forum',
        ],
      ],
    ],
  },
  {
    name: 'two strands: specialists for either, the pair at each level, pathways for each (Leicester, race and faith)',
    query: 'postcode=LE1 1FZ&function=consultancy&strand=race&strand=religion-belief',
    groups: [
      [
        'local',
        [
          'example-leicester-bme-voluntary-sector-alliance [pair:specialist]',
          'example-voluntary-action-leicester [pair:generalist]',
        ],
      ],
      ['subregional', ['example-leicester-and-leicestershire-equality-forum [pair:specialist]']],
      [
        'regional',
        [
          'example-east-midlands-bme-network [pair:specialist]',
          'example-east-midlands-social-enterprise-network',
        ],
      ],
      [
        'national',
        [
          'bteg [pair:specialist]',
          'cemvo',
          'example-trustee-governance-consultancy',
          'example-digital-for-good-consultancy-ltd',
          'community-matters',
        ],
      ],
    ],
    pathways: [
      ['example-voluntary-action-leicester', 'example-leicester-bme-voluntary-sector-alliance'],
      ['example-voluntary-action-leicester', 'leicester-council-of-faiths'],
    ],
  },
  {
    name: 'two strands where the local generalist lacks the topic: it is the local fallback, with its pathway (Cardiff, refugees and race)',
    query: 'postcode=CF24 4HQ&topic=community-development&strand=refugees-migrants&strand=race',
    groups: [
      [
        'neighbourhood',
        [
          'example-cathays-community-hub-cardiff [pair:generalist]',
          'example-cathays-residents-network-cardiff',
        ],
      ],
      [
        'local',
        [
          'example-cardiff-migrant-community-support-network [pair:specialist]',
          'example-cardiff-county-voluntary-council [fallback:local]',
        ],
      ],
      ['national', ['example-wales-refugee-and-asylum-support-network [pair:specialist]']],
    ],
    pathways: [
      ['example-cardiff-county-voluntary-council', 'example-cardiff-migrant-community-support-network'],
    ],
  },
  {
    name: 'no strand: no pairs; the local generalist without the need is the local fallback (Sunderland, training)',
    query: 'lat=54.9082&lng=-1.38608&function=training',
    groups: [
      [
        'local',
        [
          'example-volunteer-centre-sunderland',
          'example-sunderland-young-peoples-network',
          'sunderland-cvs [fallback:local]',
        ],
      ],
      [
        'subregional',
        ['example-tyne-and-wear-equality-forum', 'example-tyne-and-wear-digital-circuit-riders'],
      ],
      [
        'regional',
        [
          'example-north-east-interfaith-network',
          'example-north-east-equality-network',
          'example-north-east-bme-network',
          'example-north-east-social-enterprise-network',
        ],
      ],
      ['national', ['example-trustee-governance-consultancy']],
    ],
  },
  {
    // Every Worcestershire district has its own generalist in the demo, so the county's RCC does
    // not act as one: it is not offered for a non-rural strand (the RCC case above has a county without).
    name: "the local CVS lacks the need and the county's RCC does not act as its generalist: the CVS is the local fallback, the pair's specialist regional (Wyre Forest, training for women's groups)",
    query: 'area=E07000239&function=training&strand=sex',
    groups: [
      ['local', ['example-volunteer-centre-wyre-forest', 'community-action-wyre-forest [fallback:local]']],
      [
        'regional',
        [
          'example-west-midlands-equality-network [pair:specialist]',
          'waits',
          'example-west-midlands-social-enterprise-network',
        ],
      ],
      [
        'national',
        [
          'example-trustee-governance-consultancy',
          'example-digital-for-good-consultancy-ltd',
          'acevo',
          'charity-finance-directors-group',
          'fatima-womens-network [pair:specialist, community-context]',
        ],
      ],
    ],
  },
  {
    name: 'a topic only activity specialists list: the local generalist is the fallback, the national volunteering bodies fit (Bradford)',
    query: 'postcode=BD1 1HY&topic=volunteering',
    groups: [
      [
        'local',
        [
          'example-volunteer-centre-bradford',
          'example-bradford-council-for-voluntary-service [fallback:local]',
        ],
      ],
      [
        'national',
        [
          'uk-workforce-hub',
          'csv',
          'national-centre-for-volunteering',
          'volunteer-development-england',
          'volunteering-england',
        ],
      ],
    ],
    pathways: [['example-bradford-council-for-voluntary-service', 'example-volunteer-centre-bradford']],
  },
  {
    name: 'function and topic together: double fits first in each level (Bradford, consultancy on fundraising)',
    query: 'postcode=BD7 1DP&function=consultancy&topic=fundraising',
    groups: [
      [
        'local',
        [
          'example-bradford-council-for-voluntary-service',
          'example-bradford-carers-groups-network',
          'example-bradford-community-business-hub',
          'example-bradford-council-voluntary-sector-liaison-team',
          'bradford-equity-partnership',
        ],
      ],
      [
        'subregional',
        [
          'example-west-yorkshire-fundraisers-group',
          'example-west-yorkshire-equality-partnership',
          'example-west-yorkshire-digital-circuit-riders',
        ],
      ],
      ['regional', ['example-yorkshire-and-the-humber-social-enterprise-network']],
      ['national', ['example-trustee-governance-consultancy']],
    ],
  },
  {
    name: 'a place in no loaded area gives no options (Edinburgh)',
    query: 'lat=55.95031&lng=-3.19036&function=training',
    groups: [],
  },
  {
    name: 'a full list keeps a slot for the national option (no fallback: nearer bodies fit); neighbourhood polygon coverage (Bradford City, networks)',
    query: 'postcode=BD1 1HY&function=networks',
    groups: [
      ['neighbourhood', ['example-bradford-city-centre-community-network']],
      [
        'local',
        [
          'example-bradford-council-for-voluntary-service',
          'example-bradford-interfaith-forum',
          'example-bradford-disabled-peoples-forum',
          'example-bradford-carers-groups-network',
          'example-bradford-anti-poverty-alliance',
          'bradford-equity-partnership',
        ],
      ],
      [
        'subregional',
        ['example-west-yorkshire-fundraisers-group', 'example-west-yorkshire-equality-partnership'],
      ],
      ['national', ['example-relationship-support-organisations-network']],
    ],
  },
]

import type { RawProvider } from '../../server/providers/provider-schema'

/**
 * Real bodies named in the source documents. Everything here comes from what the documents say:
 * the name, the geography, the client group and the kind of work. Nothing else is added: no
 * contact details, no office, no quality marks. Functions are those the document describes for
 * the body or, where it only names the body as an example of a category, the functions it gives
 * for that category (said so in the description).
 *
 * `lastVerifiedAt` is the date of the document, since that is the last time these details were
 * confirmed: source 000 cites June 2008 as published and 16 July 2008 as still to come, so it was
 * written in early July 2008; source 001 is dated February 2004. Bodies named there may have
 * changed or closed since, and the descriptions say so.
 */

const SOURCE_000 = {
  source: 'source:000',
  lastVerifiedAt: '2008-07-01',
  study:
    'a 2008 study of specialist equality infrastructure workers, carried out for the Consortium of Lesbian, Gay, Bisexual and Transgender Voluntary and Community Organisations on behalf of the National Equality Partnership',
}

const SOURCE_001 = {
  source: 'source:001',
  lastVerifiedAt: '2004-02-01',
  study:
    "the February 2004 draft 'Working Towards an Infrastructure Strategy for the Voluntary and Community Sector' (OPM and Compass Partnership)",
}

const NOT_RECHECKED =
  'The source gives no contact details, and this record has not been checked against the body as it is today.'

const UNKNOWN_COST: RawProvider['cost'] = {
  type: 'mixed',
  text: 'Costs are not stated in the source document.',
}

const ENGLAND = 'E92000001'
const WALES = 'W92000004'

/** The seven equality strands of 2008 (age, disability, gender, gender identity, race, religion or belief, sexual orientation). */
const SEVEN_STRANDS = [
  'age',
  'disability',
  'gender-reassignment',
  'race',
  'religion-belief',
  'sex',
  'sexual-orientation',
]

interface SourceSpec {
  slug: string
  name: string
  kind: RawProvider['kind']
  level: RawProvider['level']
  orgType: RawProvider['orgType']
  summary: string
  description: string
  remit?: string
  limits?: string
  referralCriteria?: string
  functions: string[]
  topics: string[]
  strands: string[]
  strandDetails?: string[]
  servesInfrastructureOnly?: boolean
  areas: string[]
}

function fromSource(origin: typeof SOURCE_000 | typeof SOURCE_001, spec: SourceSpec): RawProvider {
  const { areas, description, ...rest } = spec
  return {
    ...rest,
    // A specialist for no community is one for an activity (volunteering, social enterprise, ...).
    activitySpecialist: spec.kind === 'specialist' && spec.strands.length === 0,
    status: 'active',
    description: `${description} ${NOT_RECHECKED}`,
    cost: UNKNOWN_COST,
    membershipBased: false,
    languages: ['en'],
    formats: [],
    qualityMarks: [],
    lastVerifiedAt: origin.lastVerifiedAt,
    source: origin.source,
    coverage: { areas },
  }
}

/** Wording of the Appendix One entry, as the study gives it. */
function appendix(name: string, entry: string, more = ''): string {
  return `${name} is listed in Appendix One of ${SOURCE_000.study}, as: "${entry}".${more ? ` ${more}` : ''}`
}

const LOCAL_SPECIALIST_ROLES =
  'The study describes the work of local specialist equality infrastructure as development, community development, partnership and capacity-building work with the voluntary and community groups connected to an equality strand.'

/** Source 000, Appendix One: the 21 stakeholders consulted, with the geography and strand given there. */
export function appendixOneBodies(): RawProvider[] {
  const a = (spec: SourceSpec) => fromSource(SOURCE_000, spec)
  return [
    a({
      slug: 'bradford-equity-partnership',
      name: 'Bradford Equity Partnership',
      kind: 'specialist',
      level: 'local',
      orgType: 'infrastructure',
      summary: 'Supports lesbian, gay and bisexual (LGB) communities and groups in Bradford.',
      description: appendix(
        'Bradford Equity Partnership',
        'supporting LGB communities and groups in Bradford',
        LOCAL_SPECIALIST_ROLES,
      ),
      remit: 'Specialist support for LGB community groups and organisations in the Bradford district.',
      functions: ['information-advice', 'consultancy', 'training', 'networks', 'partnership'],
      topics: ['community-development', 'equality-diversity'],
      strands: ['sexual-orientation'],
      areas: ['E08000032'],
    }),
    a({
      slug: 'bteg',
      name: 'BTEG (Black Training & Enterprise Group)',
      kind: 'specialist',
      level: 'national',
      orgType: 'infrastructure',
      summary:
        'Policy development and capacity-building for the black and minority ethnic voluntary and community sector nationally.',
      description: appendix(
        'BTEG (Black Training & Enterprise Group)',
        'policy development and capacity-building for the black and minority ethnic voluntary and community sector nationally',
      ),
      functions: ['policy', 'consultancy', 'sector-development'],
      topics: ['organisational-development', 'equality-diversity'],
      strands: ['race'],
      areas: [ENGLAND],
    }),
    a({
      slug: 'cemvo',
      name: 'CEMVO (Council of Ethnic Minority Voluntary Organisations)',
      kind: 'specialist',
      level: 'national',
      orgType: 'infrastructure',
      summary: 'Strengthening minority individuals, communities and their organisations nationally.',
      description: appendix(
        'CEMVO (Council of Ethnic Minority Voluntary Organisations)',
        'strengthening minority individuals, communities and their organisations nationally',
      ),
      functions: ['consultancy', 'sector-development'],
      topics: ['organisational-development', 'community-development'],
      strands: ['race'],
      areas: [ENGLAND],
    }),
    a({
      slug: 'community-action-wyre-forest',
      name: 'Community Action Wyre Forest',
      kind: 'generalist',
      level: 'local',
      orgType: 'infrastructure',
      summary:
        'Council for Voluntary Service supporting the voluntary and community sector and the general public in Wyre Forest District.',
      description: appendix(
        'Community Action Wyre Forest',
        'CVS providing support to the voluntary and community sector and general public in Wyre Forest District',
        'It is one of the few generalist bodies the study consulted.',
      ),
      functions: ['information-advice', 'consultancy', 'networks', 'consultation'],
      topics: ['organisational-development', 'community-development'],
      strands: [],
      areas: ['E07000239'],
    }),
    a({
      slug: 'disability-lib',
      name: 'Disability LIB (Listen Include Build)',
      kind: 'specialist',
      level: 'national',
      orgType: 'infrastructure',
      summary:
        "Alliance aimed at improving the effectiveness and capacity of disabled people's organisations nationally.",
      description: appendix(
        'Disability LIB (Listen Include Build)',
        "alliance aimed at improving the effectiveness and capacity of disabled people's organizations nationally",
      ),
      functions: ['consultancy', 'networks', 'sector-development'],
      topics: ['organisational-development'],
      strands: ['disability'],
      areas: [ENGLAND],
    }),
    a({
      slug: 'equality-south-west',
      name: 'Equality South West',
      kind: 'specialist',
      level: 'regional',
      orgType: 'infrastructure',
      summary:
        'Supports dedicated regional networks for each of the seven equality strands in the South West region.',
      description: appendix(
        'Equality South West',
        'supports dedicated regional networks for each of the 7 equalities strands in the South West region',
        'The study notes that organisations with a regional single equality remit link equality groups into local decision-making structures as well as supporting groups directly.',
      ),
      functions: ['networks', 'partnership', 'sector-development'],
      topics: ['equality-diversity'],
      strands: SEVEN_STRANDS,
      areas: ['E12000009'],
    }),
    a({
      slug: 'fatima-womens-network',
      name: "FATIMA Women's Network",
      kind: 'specialist',
      level: 'national',
      orgType: 'infrastructure',
      summary:
        'Supports the social and economic empowerment of all women, with a particular focus on women from diverse and disadvantaged backgrounds.',
      description: appendix(
        "FATIMA Women's Network",
        'supports the social and economic empowerment of all women with a particular focus on women from diverse and disadvantaged women',
        'The study does not state where it works; it is listed here at national level, the geography of the study itself.',
      ),
      functions: ['networks', 'sector-development'],
      topics: ['community-development', 'equality-diversity'],
      strands: ['sex', 'race', 'socio-economic'],
      areas: [ENGLAND],
    }),
    a({
      slug: 'intercom-trust',
      name: 'Intercom Trust',
      kind: 'specialist',
      level: 'subregional',
      orgType: 'infrastructure',
      summary: 'Supports LGBT community groups and activities in Devon, Cornwall, Somerset and Dorset.',
      description: appendix(
        'Intercom Trust',
        'supporting LGBT community groups and activities in Devon, Cornwall, Somerset and Dorset',
        'The four counties are read here as the ceremonial counties, including their unitary authorities.',
      ),
      functions: ['information-advice', 'consultancy', 'networks'],
      topics: ['community-development'],
      strands: ['sexual-orientation', 'gender-reassignment'],
      areas: [
        'E10000008', // Devon
        'E06000026', // Plymouth
        'E06000027', // Torbay
        'E06000052', // Cornwall
        'E06000053', // Isles of Scilly
        'E10000027', // Somerset
        'E06000022', // Bath and North East Somerset
        'E06000024', // North Somerset
        'E10000009', // Dorset
        'E06000028', // Bournemouth
        'E06000029', // Poole
      ],
    }),
    a({
      slug: 'leicester-council-of-faiths',
      name: 'Leicester Council of Faiths',
      kind: 'specialist',
      level: 'local',
      orgType: 'infrastructure',
      summary:
        'Works for trust and understanding between faith communities, initiating and supporting multi-faith programmes across Leicester.',
      description: appendix(
        'Leicester Council of Faiths',
        'Working for trust and understanding between faith communities; initiating and supporting multi- faith programmes across Leicester',
      ),
      functions: ['networks', 'partnership', 'sector-development'],
      topics: ['community-development'],
      strands: ['religion-belief'],
      areas: ['E06000016'],
    }),
    a({
      slug: 'nnrec',
      name: 'NNREC (Norwich & Norfolk Racial Equality Council)',
      kind: 'specialist',
      level: 'subregional',
      orgType: 'infrastructure',
      summary:
        'Works in partnership with communities and with local, regional and national statutory and voluntary bodies to address inequality and discrimination in Norwich and Norfolk.',
      description: appendix(
        'NNREC (Norwich & Norfolk Racial Equality Council)',
        'Partnership with communities, local, regional and national statutory & voluntary bodies to address issues of inequality and discrimination in Norwich and Norfolk',
      ),
      functions: ['partnership', 'advocacy'],
      topics: ['equality-diversity', 'influence'],
      strands: ['race'],
      areas: ['E10000020'],
    }),
    a({
      slug: 'partnership-for-young-london',
      name: 'Partnership for Young London',
      kind: 'specialist',
      level: 'regional',
      orgType: 'infrastructure',
      summary: 'Works to promote and improve youth work and services for young people across London.',
      description: appendix(
        'Partnership for Young London',
        'working to promote and improve youth work and services for young people across London',
      ),
      functions: ['standards', 'sector-development'],
      topics: ['organisational-development'],
      strands: ['age'],
      strandDetails: ['children-young-people'],
      areas: ['E12000007'],
    }),
    a({
      slug: 'preno',
      name: 'PRENO (Portsmouth Race Equality Network Organisation)',
      kind: 'specialist',
      level: 'subregional',
      orgType: 'infrastructure',
      summary: 'Supports BME and faith groups to develop in Portsmouth and South East Hampshire.',
      description: appendix(
        'PRENO (Portsmouth Race Equality Network Organisation)',
        'support BME and faith groups to develop in Portsmouth and South East Hampshire',
        'South East Hampshire is read here as the districts of Fareham, Gosport and Havant.',
      ),
      functions: ['information-advice', 'consultancy'],
      topics: ['organisational-development', 'community-development'],
      strands: ['race', 'religion-belief'],
      areas: ['E06000044', 'E07000087', 'E07000088', 'E07000090'],
    }),
    a({
      slug: 'preston-disc',
      name: 'Preston DISC (Disability Information Services Centre) Ltd',
      kind: 'specialist',
      level: 'local',
      orgType: 'front-line-contributor',
      summary: 'Works to improve the lives of disabled people in Preston.',
      description: appendix(
        'Preston DISC (Disability Information Services Centre) Ltd',
        'working to improve the lives of disabled people in Preston',
        'As its name says, it is an information services centre; the study consulted it as equality infrastructure.',
      ),
      functions: ['information-advice', 'advocacy'],
      topics: ['equality-diversity'],
      strands: ['disability'],
      areas: ['E07000123'],
    }),
    a({
      slug: 'rota',
      name: 'ROTA (Race on the Agenda)',
      kind: 'specialist',
      level: 'regional',
      orgType: 'infrastructure',
      summary: 'Social policy that impacts on race equality in London.',
      description: appendix(
        'ROTA (Race on the Agenda)',
        'social policy that impacts on race equality in London',
      ),
      functions: ['policy', 'research', 'advocacy'],
      topics: ['influence', 'equality-diversity'],
      strands: ['race'],
      areas: ['E12000007'],
    }),
    a({
      slug: 'south-yorkshire-womens-development-trust',
      name: "South Yorkshire Women's Development Trust",
      kind: 'specialist',
      level: 'subregional',
      orgType: 'infrastructure',
      summary:
        "Support, resources and funding opportunities for women's organisations across South Yorkshire.",
      description: appendix(
        "South Yorkshire Women's Development Trust",
        "support, resources and funding opportunities for women's organisations across South Yorkshire",
      ),
      functions: ['information-advice', 'consultancy'],
      topics: ['fundraising', 'organisational-development'],
      strands: ['sex'],
      areas: ['E11000003'],
    }),
    a({
      slug: 'spectrum-brighton-and-hove',
      name: 'Spectrum',
      kind: 'specialist',
      level: 'local',
      orgType: 'infrastructure',
      summary: 'Infrastructure and community development support for the LGBT community in Brighton & Hove.',
      description: appendix(
        'Spectrum',
        'infrastructure and community development support for the LGBT community in Brighton & Hove',
      ),
      functions: ['information-advice', 'consultancy', 'networks'],
      topics: ['community-development'],
      strands: ['sexual-orientation', 'gender-reassignment'],
      areas: ['E06000043'],
    }),
    a({
      slug: 'sunderland-cvs',
      name: 'Sunderland CVS (Sunderland Centre for Voluntary Service)',
      kind: 'generalist',
      level: 'local',
      orgType: 'infrastructure',
      summary: 'Supports voluntary organisations in Sunderland to function more effectively.',
      description: appendix(
        'Sunderland CVS (Sunderland Centre for Voluntary Service)',
        'support voluntary organisations, in Sunderland, to function more effectively',
      ),
      functions: ['information-advice', 'consultancy'],
      topics: ['organisational-development'],
      strands: [],
      areas: ['E08000024'],
    }),
    a({
      slug: 'uk-workforce-hub',
      name: 'UK Workforce Hub',
      kind: 'specialist',
      level: 'national',
      orgType: 'infrastructure',
      summary:
        'Helps third sector organisations make the best of their paid staff, volunteers and trustees through workforce development.',
      description: appendix(
        'UK Workforce Hub',
        'helps third sector organisations make the best of their paid staff, volunteers and trustees through workforce development',
        'The study adds that it co-ordinates the steering groups developing National Occupational Standards (NOS) for development work and campaigning. Its name gives its geography as the UK; this directory covers England and Wales.',
      ),
      functions: ['information-advice', 'standards', 'sector-development'],
      topics: ['people', 'volunteering', 'governance'],
      strands: [],
      areas: [ENGLAND, WALES],
    }),
    a({
      slug: 'waits',
      name: "WAITS (Women Acting in Today's Society)",
      kind: 'specialist',
      level: 'regional',
      orgType: 'infrastructure',
      summary:
        "Women's educational charity working to build women's community leadership in the West Midlands.",
      description: appendix(
        "WAITS (Women Acting in Today's Society)",
        "women's educational charity working to build women's community leadership in the West Midlands",
      ),
      functions: ['training'],
      topics: ['leadership', 'community-development'],
      strands: ['sex'],
      areas: ['E12000005'],
    }),
    a({
      slug: 'wow-women-organising-in-wolverhampton',
      name: 'WOW (Women Organising in Wolverhampton)',
      kind: 'specialist',
      level: 'local',
      orgType: 'infrastructure',
      summary:
        "Umbrella body of women's organisations across Wolverhampton, working together in partnership to progress issues that affect women in the city.",
      description: appendix(
        'WOW (Women Organising in Wolverhampton)',
        "Umbrella body of women's organisations across Wolverhampton which aims to work together in partnership to progress issues that affect women in the City",
      ),
      functions: ['networks', 'partnership', 'advocacy'],
      topics: ['influence'],
      strands: ['sex'],
      areas: ['E08000031'],
    }),
    a({
      slug: 'young-lives',
      name: 'Young Lives',
      kind: 'specialist',
      level: 'subregional',
      orgType: 'infrastructure',
      summary:
        'Enhances the networking, engagement and development of voluntary and community organisations working with children and young people in Cambridgeshire and Peterborough.',
      description: appendix(
        'Young Lives',
        'aims to enhance the networking, engagement and development of voluntary and community organisations working with children and young people in Cambridgeshire and Peterborough',
      ),
      functions: ['networks', 'consultation', 'sector-development'],
      topics: ['organisational-development'],
      strands: ['age'],
      strandDetails: ['children-young-people'],
      areas: ['E10000003', 'E06000031'],
    }),
  ]
}

/** Source 000, main text: the national bodies behind and around the study. */
export function studyNationalBodies(): RawProvider[] {
  const a = (spec: SourceSpec) => fromSource(SOURCE_000, spec)
  return [
    a({
      slug: 'consortium-of-lgbt-voluntary-and-community-organisations',
      name: 'The Consortium of Lesbian, Gay, Bisexual and Transgender Voluntary and Community Organisations',
      kind: 'specialist',
      level: 'national',
      orgType: 'infrastructure',
      summary:
        'National specialist infrastructure for LGBT voluntary and community organisations; a delivery partner of the National Equality Partnership.',
      description: `The Consortium commissioned ${SOURCE_000.study}. The study says it is committed to promoting generalist infrastructure to LGBT organisations and groups, so its staff do not take on basic development work that local generalist infrastructure can provide, and focus on gaps. It reports many referrals from generalist bodies to the LGBT sector for core capacity building such as governance and funding.`,
      remit: 'Specialist support, training and development for LGBT voluntary and community organisations.',
      limits:
        'Does not take on basic development functions (governance, funding and similar core capacity building) that local generalist infrastructure can provide.',
      referralCriteria:
        'Groups needing core capacity building are encouraged to use their local generalist infrastructure body; the Consortium concentrates on specialist LGBT needs and gaps.',
      functions: ['consultancy', 'training', 'brokerage', 'research', 'sector-development'],
      topics: ['equality-diversity', 'organisational-development'],
      strands: ['sexual-orientation', 'gender-reassignment'],
      areas: [ENGLAND],
    }),
    a({
      slug: 'national-equality-partnership',
      name: 'National Equality Partnership',
      kind: 'specialist',
      level: 'national',
      orgType: 'infrastructure',
      summary:
        'Three-year partnership project supporting sector support providers (umbrella and infrastructure bodies) with equality, diversity and human rights.',
      description: `According to ${SOURCE_000.study}, the National Equality Partnership is a three-year project funded by CapacityBuilders to support the third sector on equality and diversity. Its remit is to deliver services to sector support providers, that is umbrella bodies and infrastructure organisations, to help them with equality, diversity and human rights. It carried out a mapping exercise of equality infrastructure, and the study recommends it act as a training and development hub, developing information resources on specialist equalities training available locally and nationally.`,
      remit:
        'Equality, diversity and human rights support for umbrella bodies and infrastructure organisations.',
      limits: 'Works with sector support providers rather than directly with front-line groups.',
      servesInfrastructureOnly: true,
      functions: ['information-advice', 'training', 'research', 'sector-development'],
      topics: ['equality-diversity'],
      strands: SEVEN_STRANDS,
      areas: [ENGLAND],
    }),
    a({
      slug: 'womens-resource-centre',
      name: "Women's Resource Centre",
      kind: 'specialist',
      level: 'national',
      orgType: 'infrastructure',
      summary:
        "A delivery partner of the National Equality Partnership that carried out its mapping exercises on women's and equality organisations.",
      description: `${SOURCE_000.study.charAt(0).toUpperCase()}${SOURCE_000.study.slice(1)} says the Women's Resource Centre carried out mapping exercises on behalf of the National Equality Partnership and hosted its Learning and Collaboration Officer. ${SOURCE_001.study.charAt(0).toUpperCase()}${SOURCE_001.study.slice(1)} lists WRC among the bodies commissioned to report on diversity, equalities and BME issues.`,
      functions: ['research', 'consultation'],
      topics: ['equality-diversity'],
      strands: ['sex'],
      areas: [ENGLAND],
    }),
    a({
      slug: 'navca',
      name: 'NAVCA (National Association for Voluntary and Community Action)',
      kind: 'specialist',
      level: 'national',
      orgType: 'infrastructure',
      summary:
        'Developed, with SKiLD, the development worker framework: the skills and knowledge needed by people in local infrastructure organisations.',
      description: `${SOURCE_000.study.charAt(0).toUpperCase()}${SOURCE_000.study.slice(1)} reviews the development worker framework developed by NAVCA and SKiLD, which outlines the skills and knowledge required by people in local infrastructure organisations who support voluntary and community groups, including a core competency on promoting equality and diversity.`,
      functions: ['standards', 'sector-development'],
      topics: ['people', 'community-development'],
      strands: [],
      areas: [ENGLAND],
    }),
    a({
      slug: 'skild',
      name: 'SKiLD (Skills and Knowledge for Local Development)',
      kind: 'specialist',
      level: 'national',
      orgType: 'infrastructure',
      summary:
        'Co-developer, with NAVCA, of the development worker framework for local infrastructure staff.',
      description: `${SOURCE_000.study.charAt(0).toUpperCase()}${SOURCE_000.study.slice(1)} names SKiLD as co-developer, with NAVCA, of the development worker framework for people in local infrastructure organisations.`,
      functions: ['standards'],
      topics: ['people'],
      strands: [],
      areas: [ENGLAND],
    }),
  ]
}

const categoryNote = (category: string, functions: string) =>
  `The strategy names it as an example of ${category}; the functions listed are those the strategy gives for that category (${functions}).`

/** Source 001: national bodies named in the English infrastructure strategy. */
export function strategyNationalBodies(): RawProvider[] {
  const a = (spec: SourceSpec) => fromSource(SOURCE_001, spec)
  const named = (what: string) => `Named in ${SOURCE_001.study} ${what}.`
  const federal = categoryNote(
    'a federal voluntary sector organisation that invests in infrastructure through its national network',
    'developing national networks working to agreed standards',
  )
  const frontLine = categoryNote(
    'a front-line voluntary organisation that also contributes to infrastructure',
    'nationwide governance and management structures and support to independent organisations',
  )
  const professional = categoryNote(
    'a professional association supporting individuals working in the sector',
    'training, standard setting and policy work',
  )
  return [
    a({
      slug: 'ncvo',
      name: 'NCVO (National Council for Voluntary Organisations)',
      kind: 'generalist',
      level: 'national',
      orgType: 'infrastructure',
      summary: 'National generalist infrastructure body for the voluntary and community sector in England.',
      description: named(
        'as a generalist infrastructure provider, alongside regional voluntary sector networks and Councils for Voluntary Service. It was commissioned to report on national infrastructure and on ICT for the strategy',
      ),
      functions: ['consultation', 'research', 'policy', 'advocacy'],
      topics: ['organisational-development', 'digital'],
      strands: [],
      areas: [ENGLAND],
    }),
    a({
      slug: 'community-matters',
      name: 'Community Matters',
      kind: 'specialist',
      level: 'national',
      orgType: 'infrastructure',
      summary: 'National specialist infrastructure provider named in the 2004 infrastructure strategy.',
      description: `${named('as an example of a specialist infrastructure provider')} ${categoryNote('specialist infrastructure', 'specialist support and advice to front-line organisations')}`,
      functions: ['information-advice', 'consultancy'],
      topics: ['community-development'],
      strands: [],
      areas: [ENGLAND],
    }),
    a({
      slug: 'development-trusts-association',
      name: 'Development Trusts Association',
      kind: 'specialist',
      level: 'national',
      orgType: 'infrastructure',
      summary: 'National specialist infrastructure provider named in the 2004 infrastructure strategy.',
      description: `${named('as an example of a specialist infrastructure provider')} ${categoryNote('specialist infrastructure', 'specialist support and advice to front-line organisations')}`,
      functions: ['information-advice', 'consultancy'],
      topics: ['community-development'],
      strands: [],
      areas: [ENGLAND],
    }),
    a({
      slug: 'volunteering-england',
      name: 'Volunteering England',
      kind: 'specialist',
      level: 'national',
      orgType: 'infrastructure',
      summary: 'Clarified the core functions of volunteering infrastructure in England.',
      description: named(
        'as the body that clarified the core functions of volunteering infrastructure, provided by specialist volunteer bureaux and generalist bodies',
      ),
      functions: ['standards', 'sector-development'],
      topics: ['volunteering'],
      strands: [],
      areas: [ENGLAND],
    }),
    a({
      slug: 'volunteer-development-england',
      name: 'Volunteer Development England',
      kind: 'specialist',
      level: 'national',
      orgType: 'infrastructure',
      summary: 'Commissioned to report on volunteering infrastructure for the 2004 infrastructure strategy.',
      description: named('as commissioned to report on volunteering infrastructure'),
      functions: ['consultation', 'research'],
      topics: ['volunteering'],
      strands: [],
      areas: [ENGLAND],
    }),
    a({
      slug: 'csv',
      name: 'CSV',
      kind: 'specialist',
      level: 'national',
      orgType: 'infrastructure',
      summary:
        'Commissioned, with the National Centre for Volunteering, to report on volunteering infrastructure for the 2004 strategy.',
      description: named(
        'as commissioned, with the National Centre for Volunteering, to report on volunteering infrastructure',
      ),
      functions: ['consultation', 'research'],
      topics: ['volunteering'],
      strands: [],
      areas: [ENGLAND],
    }),
    a({
      slug: 'national-centre-for-volunteering',
      name: 'National Centre for Volunteering',
      kind: 'specialist',
      level: 'national',
      orgType: 'infrastructure',
      summary:
        'Commissioned, with CSV, to report on volunteering infrastructure for the 2004 infrastructure strategy.',
      description: named('as commissioned, with CSV, to report on volunteering infrastructure'),
      functions: ['consultation', 'research'],
      topics: ['volunteering'],
      strands: [],
      areas: [ENGLAND],
    }),
    a({
      slug: 'urban-forum',
      name: 'Urban Forum',
      kind: 'specialist',
      level: 'national',
      orgType: 'infrastructure',
      summary: 'Commissioned to report on community development and urban renewal for the 2004 strategy.',
      description: named('as commissioned to report on community development and urban renewal'),
      functions: ['consultation', 'policy'],
      topics: ['community-development'],
      strands: [],
      areas: [ENGLAND],
    }),
    a({
      slug: 'social-enterprise-coalition',
      name: 'Social Enterprise Coalition',
      kind: 'specialist',
      level: 'national',
      orgType: 'infrastructure',
      summary: 'Commissioned to report on social enterprise infrastructure for the 2004 strategy.',
      description: named('as commissioned to report on social enterprise'),
      functions: ['consultation', 'policy'],
      topics: ['social-enterprise'],
      strands: [],
      areas: [ENGLAND],
    }),
    a({
      slug: 'acre',
      name: 'ACRE',
      kind: 'specialist',
      level: 'national',
      orgType: 'infrastructure',
      summary: 'Commissioned to report on rural infrastructure for the 2004 infrastructure strategy.',
      description: named(
        'as commissioned to report on rural infrastructure. The strategy notes that 38 Rural Community Councils, one in each county, are largely responsible for infrastructure support in rural areas',
      ),
      functions: ['consultation', 'research', 'policy'],
      topics: ['community-development'],
      strands: ['rural'],
      areas: [ENGLAND],
    }),
    a({
      slug: 'lgb-coalition',
      name: 'LGB Coalition',
      kind: 'specialist',
      level: 'national',
      orgType: 'infrastructure',
      summary:
        'Commissioned, with GLAD and WRC, to report on diversity, equalities and BME issues for the 2004 strategy.',
      description: named(
        'as commissioned, with GLAD and WRC, to report on diversity, equalities and BME issues. The strategy records that lesbian, gay and bisexual groups have felt excluded from mainstream infrastructure support',
      ),
      functions: ['consultation', 'advocacy', 'policy'],
      topics: ['equality-diversity'],
      strands: ['sexual-orientation'],
      areas: [ENGLAND],
    }),
    a({
      slug: 'age-concern',
      name: 'Age Concern',
      kind: 'specialist',
      level: 'national',
      orgType: 'federated-network',
      summary:
        'Federated national charity whose network, working under one name, contributes to infrastructure.',
      description: `${named('as an example of a federal voluntary sector organisation')} ${federal}`,
      functions: ['networks', 'standards'],
      topics: [],
      strands: ['age'],
      strandDetails: ['older-people'],
      areas: [ENGLAND],
    }),
    a({
      slug: 'mind',
      name: 'Mind',
      kind: 'specialist',
      level: 'national',
      orgType: 'federated-network',
      summary:
        'Federated national charity whose network, working under one name, contributes to infrastructure.',
      description: `${named('as an example of a federal voluntary sector organisation')} ${federal}`,
      functions: ['networks', 'standards'],
      topics: [],
      strands: ['disability'],
      strandDetails: ['mental-health'],
      areas: [ENGLAND],
    }),
    a({
      slug: 'mencap',
      name: 'Mencap',
      kind: 'specialist',
      level: 'national',
      orgType: 'front-line-contributor',
      summary: 'Front-line charity that also contributes to voluntary sector infrastructure.',
      description: `${named('as an example of a front-line voluntary organisation contributing to infrastructure')} ${frontLine}`,
      functions: ['information-advice', 'consultancy'],
      topics: [],
      strands: ['disability'],
      strandDetails: ['learning-disability'],
      areas: [ENGLAND],
    }),
    a({
      slug: 'rnib',
      name: 'RNIB',
      kind: 'specialist',
      level: 'national',
      orgType: 'front-line-contributor',
      summary: 'Front-line charity that also contributes to voluntary sector infrastructure.',
      description: `${named('as an example of a front-line voluntary organisation contributing to infrastructure')} ${frontLine}`,
      functions: ['information-advice', 'consultancy'],
      topics: [],
      strands: ['disability'],
      strandDetails: ['sensory-impairment'],
      areas: [ENGLAND],
    }),
    a({
      slug: 'rnid',
      name: 'RNID',
      kind: 'specialist',
      level: 'national',
      orgType: 'front-line-contributor',
      summary: 'Front-line charity that also contributes to voluntary sector infrastructure.',
      description: `${named('as an example of a front-line voluntary organisation contributing to infrastructure')} ${frontLine}`,
      functions: ['information-advice', 'consultancy'],
      topics: [],
      strands: ['disability'],
      strandDetails: ['sensory-impairment'],
      areas: [ENGLAND],
    }),
    a({
      slug: 'acevo',
      name: 'ACEVO',
      kind: 'specialist',
      level: 'national',
      orgType: 'professional-association',
      summary: 'Professional association named in the 2004 infrastructure strategy.',
      description: `${named('as an example of a professional association')} ${professional}`,
      functions: ['training', 'standards', 'policy'],
      topics: ['leadership'],
      strands: [],
      areas: [ENGLAND],
    }),
    a({
      slug: 'charity-finance-directors-group',
      name: 'Charity Finance Directors Group',
      kind: 'specialist',
      level: 'national',
      orgType: 'professional-association',
      summary: 'Professional association named in the 2004 infrastructure strategy.',
      description: `${named('as an example of a professional association')} ${professional}`,
      functions: ['training', 'standards', 'policy'],
      topics: ['finance'],
      strands: [],
      areas: [ENGLAND],
    }),
    a({
      slug: 'institute-of-fundraising',
      name: 'Institute of Fundraising',
      kind: 'specialist',
      level: 'national',
      orgType: 'professional-association',
      summary: 'Professional association named in the 2004 infrastructure strategy.',
      description: `${named('as an example of a professional association')} ${professional}`,
      functions: ['training', 'standards', 'policy'],
      topics: ['fundraising'],
      strands: [],
      areas: [ENGLAND],
    }),
    a({
      slug: 'national-regionalisation-consortium',
      name: 'National Regionalisation Consortium (NRC)',
      kind: 'generalist',
      level: 'national',
      orgType: 'infrastructure',
      summary:
        'Emerging initiative for co-ordinating voluntary sector infrastructure, named in the 2004 strategy.',
      description: named(
        'as one of the emerging initiatives, with the Umbrella\'s Forum, in a field with "no single place in which issues relating to the infrastructure of the whole sector can be explored"',
      ),
      functions: ['networks', 'service-coordination'],
      topics: [],
      strands: [],
      areas: [ENGLAND],
    }),
    a({
      slug: 'umbrellas-forum',
      name: "Umbrella's Forum",
      kind: 'generalist',
      level: 'national',
      orgType: 'infrastructure',
      summary: 'Emerging forum of umbrella bodies named in the 2004 infrastructure strategy.',
      description: named(
        'as one of the emerging initiatives, with the National Regionalisation Consortium, for exploring issues relating to the infrastructure of the whole sector',
      ),
      functions: ['networks'],
      topics: [],
      strands: [],
      areas: [ENGLAND],
    }),
  ]
}

export function sourceBodies(): RawProvider[] {
  return [...appendixOneBodies(), ...studyNationalBodies(), ...strategyNationalBodies()]
}

import type { RawProvider } from '../../server/providers/provider-schema'
import type { DemoArea, DemoGeography, LngLat } from './demo-geography'
import { mostPopulous, round6 } from './demo-geography'
import { chooser } from './demo-random'
import { fictional, freeCost, generalistCost, jitter, kebab, officeHours } from './demo-record-helpers'

/**
 * Fictional bodies above district level: rural community councils, regional networks, equality
 * networks, specialists for every strand, social enterprise and digital support, plus a few
 * bodies whose service area is a drawn polygon rather than a list of areas.
 */

const ENGLAND = 'E92000001'
const WALES = 'W92000004'
const NORTH_WALES = ['W06000001', 'W06000002', 'W06000003', 'W06000004', 'W06000005', 'W06000006']
const GWENT = ['W06000018', 'W06000019', 'W06000020', 'W06000021', 'W06000022']
const SOUTH_EAST_WALES = ['W06000014', 'W06000015', 'W06000016', 'W06000022', 'W06000024']

const MULTI_STRAND = [
  'age',
  'disability',
  'gender-reassignment',
  'race',
  'religion-belief',
  'sex',
  'sexual-orientation',
]

/** Unitary authorities with a county-wide rural community council of their own. */
const RURAL_UNITARIES: ReadonlyArray<{ name: string; areas: string[] }> = [
  { name: 'Northumberland', areas: ['E06000057'] },
  { name: 'County Durham', areas: ['E06000047'] },
  { name: 'East Riding of Yorkshire', areas: ['E06000011'] },
  { name: 'Shropshire', areas: ['E06000051'] },
  { name: 'Herefordshire', areas: ['E06000019'] },
  { name: 'Wiltshire', areas: ['E06000054'] },
  { name: 'Cornwall and the Isles of Scilly', areas: ['E06000052', 'E06000053'] },
]

function slugOf(name: string): string {
  return kebab(name.replace(/\(demo\)/, ''))
}

interface AreaSpec {
  name: string
  kind: RawProvider['kind']
  level: RawProvider['level']
  orgType?: RawProvider['orgType']
  status?: RawProvider['status']
  areas: string[]
  strands: string[]
  topics: string[]
  functions: string[]
  summary: string
  description: string
  remit?: string
  limits?: string
  referralCriteria?: string
  howToAccess?: string
  cost?: RawProvider['cost']
  membershipBased?: boolean
  languages?: string[]
  formats?: string[]
  qualityMarks?: string[]
  qualityMarkOther?: string
  strandDetails?: string[]
  activitySpecialist?: boolean
  servesInfrastructureOnly?: boolean
  /** Office district; defaults to the most populous district covered. */
  officeDistrict?: string
  noOffice?: boolean
  polygon?: RawProvider['coverage']['polygon']
  office?: LngLat
}

function areaBody(geo: DemoGeography, spec: AreaSpec): RawProvider {
  const slug = slugOf(spec.name)
  const pick = chooser(`area-body:${slug}`)
  const covered = spec.areas.flatMap((code) => geo.districtsIn(code))
  const welsh = covered.length > 0 && covered.every((d) => d.nationCode === WALES)
  let office = spec.office
  if (!office && !spec.noOffice && covered.length > 0) {
    const district = spec.officeDistrict ? geo.district(spec.officeDistrict) : mostPopulous(covered)
    office = jitter(district.point, slug)
  }
  const description = welsh
    ? `${spec.description} Mae'r corff hwn yn cynnig gwasanaethau yn Gymraeg ac yn Saesneg.`
    : spec.description
  return fictional({
    slug,
    name: spec.name,
    status: spec.status,
    kind: spec.kind,
    level: spec.level,
    orgType: spec.orgType ?? 'infrastructure',
    summary: spec.summary,
    description,
    remit: spec.remit,
    limits: spec.limits,
    referralCriteria: spec.referralCriteria,
    howToAccess:
      spec.howToAccess ??
      pick.pick([
        'Email or phone; most support is by phone and online, with visits for member groups.',
        'Join the network online to receive the bulletin and invitations to meetings.',
        'Book a call with a development officer through the website.',
      ]),
    cost:
      spec.cost ??
      (pick.chance(0.5)
        ? freeCost
        : pick.pick<RawProvider['cost']>([
            { type: 'membership', text: 'Membership £25–£100 a year depending on income.' },
            { type: 'mixed', text: 'Network free; training days £30–£60.' },
            { type: 'charged', text: 'Consultancy at £35 an hour; reduced rate for small groups.' },
          ])),
    membershipBased: spec.membershipBased,
    functions: spec.functions,
    topics: spec.topics,
    strands: spec.strands,
    strandDetails: spec.strandDetails,
    activitySpecialist: spec.activitySpecialist,
    servesInfrastructureOnly: spec.servesInfrastructureOnly,
    languages: spec.languages ?? (welsh ? ['en', 'cy'] : ['en']),
    formats: spec.formats ?? pick.some(['large-print', 'easy-read', 'audio', 'translation'], pick.int(0, 2)),
    openingHours: pick.chance(0.75) ? officeHours(slug) : undefined,
    contacts: pick.chance(0.7) ? 'full' : 'online',
    office,
    qualityMarks: spec.qualityMarks ?? (pick.chance(0.3) ? ['trusted-charity'] : []),
    qualityMarkOther: spec.qualityMarkOther,
    annualReport: pick.chance(0.5),
    coverage: spec.polygon ? { areas: spec.areas, polygon: spec.polygon } : { areas: spec.areas },
  })
}

/** One rural community council per shire county, and for the largely rural unitary counties. */
export function ruralCommunityCouncils(geo: DemoGeography): RawProvider[] {
  const counties: Array<{ name: string; areas: string[] }> = [
    ...geo.shireCounties.map((c: DemoArea) => ({ name: c.name, areas: [c.code] })),
    ...RURAL_UNITARIES,
  ]
  return counties.map(({ name, areas }) => {
    const pick = chooser(`rcc:${name}`)
    return areaBody(geo, {
      name: `Example ${name} Rural Community Council (demo)`,
      kind: 'specialist',
      level: 'subregional',
      areas,
      strands: ['rural'],
      topics: [
        'community-development',
        'premises',
        'governance',
        ...pick.some(['fundraising', 'volunteering', 'digital', 'social-enterprise'], pick.int(1, 2)),
      ],
      functions: [
        'information-advice',
        'consultancy',
        'training',
        'networks',
        'advocacy',
        ...pick.some(['research', 'grants', 'partnership'], pick.int(1, 2)),
      ],
      summary: `Support for village halls, parish groups and rural community action across ${name}.`,
      description: `The rural community council for ${name}: advice for village hall committees, community-led plans, rural transport and housing schemes, and a rural voice to the county. In districts with no local generalist body it is often the main source of support for rural groups.`,
      remit: `Community groups, village halls and parish and town councils in rural ${name}.`,
      limits: 'Concentrates on rural communities; urban groups are referred to their local generalist body.',
      referralCriteria:
        'Takes referrals for village halls and rural community buildings from any body in the county.',
      cost: pick.chance(0.5)
        ? { type: 'membership', text: 'Village hall membership £40 a year, including insurance advice.' }
        : freeCost,
      ...(pick.chance(0.4)
        ? { qualityMarks: ['other'], qualityMarkOther: 'ACRE Network Quality Standard' }
        : { qualityMarks: [] }),
    })
  })
}

/** Regional voluntary sector networks (one per English region) and the national bodies for Wales. */
export function regionalGeneralists(geo: DemoGeography): RawProvider[] {
  const bodies = geo.regions.map((region) => {
    const { cost, membershipBased } = generalistCost(`regional:${region.code}`)
    return areaBody(geo, {
      name: `Example ${region.name} Voluntary Sector Network (demo)`,
      kind: 'generalist',
      level: 'regional',
      areas: [region.code],
      strands: [],
      topics: ['influence', 'organisational-development', 'fundraising'],
      functions: [
        'networks',
        'policy',
        'advocacy',
        'consultation',
        'partnership',
        'research',
        'information-advice',
      ],
      summary: `The regional network for voluntary and community organisations and local infrastructure in ${region.name}.`,
      description: `Connects local infrastructure bodies and regional voluntary organisations across ${region.name}, represents them to regional public bodies and shares intelligence on funding and policy.`,
      remit: `Local infrastructure bodies and regional voluntary organisations in ${region.name}.`,
      limits: 'Does not give one-to-one support to local groups; refers them to their local generalist body.',
      servesInfrastructureOnly: true,
      cost,
      membershipBased,
    })
  })
  bodies.push(
    areaBody(geo, {
      name: 'Example Wales Council for Voluntary Action (demo)',
      kind: 'generalist',
      level: 'national',
      areas: [WALES],
      officeDistrict: 'W06000015',
      strands: [],
      topics: ['governance', 'fundraising', 'influence', 'volunteering', 'organisational-development'],
      functions: ['information-advice', 'training', 'grants', 'policy', 'advocacy', 'networks', 'standards'],
      summary: 'National umbrella body for voluntary organisations in Wales, working bilingually.',
      description:
        'Information, training, grant schemes and a national voice for the voluntary sector in Wales, working with the County Voluntary Councils.',
      languages: ['cy', 'en'],
      formats: ['large-print', 'easy-read'],
      qualityMarks: ['trusted-charity'],
    }),
    areaBody(geo, {
      name: 'Example North Wales Voluntary Sector Network (demo)',
      kind: 'generalist',
      level: 'regional',
      areas: NORTH_WALES,
      strands: [],
      topics: ['influence', 'organisational-development'],
      functions: ['networks', 'partnership', 'consultation'],
      summary: 'Regional network of the six County Voluntary Councils and regional charities of North Wales.',
      description:
        'Brings the North Wales County Voluntary Councils and regional charities together for joint work with the regional partnership board.',
      languages: ['cy', 'en'],
    }),
  )
  return bodies
}

const REGION_LANGUAGES: Record<string, string[]> = {
  E12000003: ['en', 'ur', 'pa'],
  E12000004: ['en', 'gu', 'pa'],
  E12000005: ['en', 'pa', 'ur', 'bn'],
  E12000007: ['en', 'bn', 'so', 'yo'],
  E12000002: ['en', 'ur'],
}

/** BME networks in every English region (as the 2004 strategy records) and for Wales. */
export function bmeNetworks(geo: DemoGeography): RawProvider[] {
  const bodies = geo.regions.map((region) =>
    areaBody(geo, {
      name: `Example ${region.name} BME Network (demo)`,
      kind: 'specialist',
      level: 'regional',
      areas: [region.code],
      strands: chooser(`bme:${region.code}`).chance(0.5) ? ['race', 'refugees-migrants'] : ['race'],
      topics: ['organisational-development', 'influence', 'equality-diversity'],
      functions: ['networks', 'advocacy', 'consultancy', 'training', 'policy'],
      summary: `Regional network of black and minority ethnic voluntary and community organisations in ${region.name}.`,
      description: `Builds the capacity of BME-led organisations across ${region.name}, represents them regionally and challenges mainstream infrastructure to serve them better.`,
      languages: REGION_LANGUAGES[region.code],
      referralCriteria:
        'Takes referrals for BME-led groups needing specialist development; refers core governance questions to local generalist bodies.',
    }),
  )
  bodies.push(
    areaBody(geo, {
      name: 'Example Wales Black and Minority Ethnic Support Network (demo)',
      kind: 'specialist',
      level: 'national',
      areas: [WALES],
      strands: ['race', 'refugees-migrants'],
      topics: ['organisational-development', 'equality-diversity'],
      functions: ['networks', 'consultancy', 'training', 'advocacy'],
      summary: 'Capacity building and a national voice for BME-led organisations in Wales.',
      description:
        'Development support and representation for black and minority ethnic organisations across Wales.',
      languages: ['en', 'cy', 'ar', 'so', 'ur'],
    }),
  )
  return bodies
}

/** Multi-strand ("single equality") networks, some regional and some sub-regional. */
export function equalityNetworks(geo: DemoGeography): RawProvider[] {
  const regional = ['E12000001', 'E12000002', 'E12000003', 'E12000004', 'E12000005', 'E12000008']
  const bodies = regional.map((code) => {
    const region = geo.regions.find((r) => r.code === code)
    if (!region) throw new Error(`unknown region ${code}`)
    return areaBody(geo, {
      name: `Example ${region.name} Equality Network (demo)`,
      kind: 'specialist',
      level: 'regional',
      areas: [code],
      strands: MULTI_STRAND,
      topics: ['equality-diversity', 'influence'],
      functions: ['networks', 'training', 'policy', 'consultation', 'sector-development'],
      summary: `A single equality network for ${region.name}: groups working across age, disability, gender, trans, race, faith and sexual orientation.`,
      description: `Strand networks under one roof for ${region.name}, with equality training for infrastructure bodies and joint responses to regional consultations. Many groups belong to several strands at once, so it encourages joint work across them.`,
      remit: 'Equality-led groups and the infrastructure bodies that support them.',
    })
  })
  const sub: Array<{ name: string; areas: string[]; languages?: string[] }> = [
    {
      name: 'Example West Yorkshire Equality Partnership (demo)',
      areas: ['E11000006'],
      languages: ['en', 'ur', 'pa'],
    },
    { name: 'Example Tyne and Wear Equality Forum (demo)', areas: ['E11000007'] },
    { name: 'Example Greater Manchester Equality Alliance (demo)', areas: ['E11000001'] },
    {
      name: 'Example Leicester and Leicestershire Equality Forum (demo)',
      areas: ['E06000016', 'E10000018'],
      languages: ['en', 'gu', 'pa'],
    },
    { name: 'Example Kent and Medway Equality Network (demo)', areas: ['E10000016', 'E06000035'] },
    { name: 'Example Gwent Equality Network (demo)', areas: GWENT },
  ]
  for (const s of sub) {
    bodies.push(
      areaBody(geo, {
        name: s.name,
        kind: 'specialist',
        level: 'subregional',
        areas: s.areas,
        strands: [...MULTI_STRAND, 'socio-economic'],
        topics: ['equality-diversity', 'community-development'],
        functions: ['networks', 'training', 'consultancy', 'consultation'],
        summary:
          'Multi-strand equality network: training, development support and a joint voice for equality-led groups.',
        description:
          'Supports equality-led groups across the sub-region and trains other voluntary organisations on equality and inclusion, including how to ask about diversity sensitively.',
        languages: s.languages,
        referralCriteria:
          'Refers groups needing core capacity building to their local generalist body, and groups needing deep single-strand expertise to a specialist body for that strand.',
      }),
    )
  }
  return bodies
}

interface StrandSpec {
  name: string
  level: RawProvider['level']
  areas: string[]
  strands: string[]
  topics: string[]
  functions: string[]
  summary: string
  description: string
  languages?: string[]
  formats?: string[]
  orgType?: RawProvider['orgType']
  status?: RawProvider['status']
  strandDetails?: string[]
}

/** Specialists above district level, so that every strand has provision somewhere. */
export function strandSpecialists(geo: DemoGeography): RawProvider[] {
  const s = (spec: StrandSpec) => areaBody(geo, { ...spec, kind: 'specialist' })
  return [
    s({
      name: "Example North East Older People's Network (demo)",
      level: 'regional',
      areas: ['E12000001'],
      strands: ['age'],
      strandDetails: ['older-people'],
      topics: ['influence', 'community-development'],
      functions: ['networks', 'consultation', 'advocacy'],
      summary: "Regional network of older people's forums and groups in the North East.",
      description:
        "Links older people's forums, shares good practice and represents older people's groups regionally.",
    }),
    s({
      name: "Example Yorkshire Older People's Network (demo)",
      level: 'regional',
      areas: ['E12000003'],
      strands: ['age'],
      strandDetails: ['older-people'],
      topics: ['influence', 'community-development'],
      functions: ['networks', 'consultation', 'training'],
      summary: "Regional network of older people's groups in Yorkshire and the Humber.",
      description: "Training and networking for older people's groups, and a regional voice on ageing well.",
    }),
    s({
      name: 'Example East Midlands Youth Work Network (demo)',
      level: 'regional',
      areas: ['E12000004'],
      strands: ['age'],
      strandDetails: ['children-young-people'],
      topics: ['legal', 'organisational-development'],
      functions: ['networks', 'training', 'standards'],
      summary: 'Regional network for voluntary youth organisations in the East Midlands.',
      description:
        'Safeguarding training, a youth-work quality mark and networking for voluntary youth groups.',
    }),
    s({
      name: 'Example Kent Youth Organisations Network (demo)',
      level: 'subregional',
      areas: ['E10000016', 'E06000035'],
      strands: ['age'],
      strandDetails: ['children-young-people'],
      topics: ['legal', 'fundraising'],
      functions: ['networks', 'training', 'information-advice'],
      summary: 'Support for voluntary youth groups across Kent and Medway.',
      description: 'Safeguarding, funding and training support for youth clubs and uniformed groups.',
    }),
    s({
      name: "Example Yorkshire Disabled People's Organisations Network (demo)",
      level: 'regional',
      areas: ['E12000003'],
      strands: ['disability'],
      topics: ['equality-diversity', 'influence', 'organisational-development'],
      functions: ['networks', 'consultancy', 'training', 'advocacy'],
      summary: "Regional network of user-led disabled people's organisations in Yorkshire and the Humber.",
      description:
        "Development support for user-led disabled people's organisations and access training for others.",
      languages: ['en', 'bfi'],
      formats: ['bsl', 'easy-read', 'large-print', 'audio', 'braille'],
    }),
    s({
      name: 'Example South East Deaf Organisations Network (demo)',
      level: 'regional',
      areas: ['E12000008'],
      strands: ['disability'],
      strandDetails: ['sensory-impairment'],
      topics: ['community-development'],
      functions: ['networks', 'information-advice'],
      summary: 'Links Deaf-led groups across the South East.',
      description: 'A Deaf-led regional network working in British Sign Language.',
      languages: ['bfi', 'en'],
      formats: ['bsl', 'hearing-loop'],
    }),
    s({
      name: "Example Welsh Disabled People's Organisations Network (demo)",
      level: 'national',
      areas: [WALES],
      strands: ['disability'],
      topics: ['equality-diversity', 'influence'],
      functions: ['networks', 'advocacy', 'training'],
      summary: "National network of disabled people's organisations in Wales.",
      description: "Development and representation for disabled people's organisations across Wales.",
      languages: ['cy', 'en', 'bfi'],
      formats: ['bsl', 'easy-read', 'large-print'],
    }),
    s({
      name: 'Example Northern Trans Community Network (demo)',
      level: 'regional',
      areas: ['E12000001', 'E12000002', 'E12000003'],
      strands: ['gender-reassignment'],
      topics: ['community-development', 'equality-diversity'],
      functions: ['networks', 'consultancy', 'training'],
      summary: 'Supports trans-led community groups across the North of England.',
      description:
        'Development support for trans-led groups and trans-inclusion training for other organisations.',
    }),
    s({
      name: 'Example East Midlands LGBT Network (demo)',
      level: 'regional',
      areas: ['E12000004'],
      strands: ['sexual-orientation', 'gender-reassignment'],
      topics: ['community-development'],
      functions: ['networks', 'training', 'consultancy'],
      summary: 'Regional network of LGBT community groups in the East Midlands.',
      description: 'Networking, training and development support for LGBT groups.',
    }),
    s({
      name: 'Example Wales LGBT Community Development Project (demo)',
      level: 'national',
      areas: [WALES],
      strands: ['sexual-orientation', 'gender-reassignment'],
      topics: ['community-development', 'equality-diversity'],
      functions: ['consultancy', 'training', 'networks'],
      summary: 'Community development support for LGBT groups across Wales.',
      description:
        'Helps LGBT groups set up and grow across Wales, with inclusion training for other organisations.',
    }),
    s({
      name: 'Example Relationship Support Organisations Network (demo)',
      level: 'national',
      areas: [ENGLAND, WALES],
      strands: ['marriage-civil-partnership'],
      topics: ['organisational-development'],
      functions: ['networks', 'standards', 'training'],
      summary: 'A network for groups that support couples, marriages and civil partnerships.',
      description:
        'Good-practice standards and training for relationship-support and couple-counselling groups, including support for people in civil partnerships.',
    }),
    s({
      name: 'Example Yorkshire Family and Relationship Groups Network (demo)',
      level: 'regional',
      areas: ['E12000003'],
      strands: ['marriage-civil-partnership', 'pregnancy-maternity'],
      topics: ['community-development'],
      functions: ['networks', 'information-advice'],
      summary: "Links family, parents' and relationship-support groups in Yorkshire and the Humber.",
      description:
        'A network for family support, new-parent and relationship groups, with a shared directory.',
    }),
    s({
      name: "Example East Midlands Maternity and Parents' Groups Network (demo)",
      level: 'regional',
      areas: ['E12000004'],
      strands: ['pregnancy-maternity'],
      topics: ['community-development', 'premises'],
      functions: ['networks', 'training'],
      summary: 'Supports peer-support groups for pregnant women and new parents in the East Midlands.',
      description: 'Training for volunteer peer supporters and help finding baby-friendly venues.',
    }),
    s({
      name: 'Example Yorkshire and Humber Faiths Forum (demo)',
      level: 'regional',
      areas: ['E12000003'],
      strands: ['religion-belief'],
      topics: ['community-development', 'influence'],
      functions: ['networks', 'consultation', 'partnership'],
      summary: 'Regional forum of faith communities and faith-based social action.',
      description:
        'Brings faith communities together on social action and represents faith groups regionally.',
    }),
    s({
      name: 'Example North East Interfaith Network (demo)',
      level: 'regional',
      areas: ['E12000001'],
      strands: ['religion-belief'],
      topics: ['community-development'],
      functions: ['networks', 'training'],
      summary: 'Regional interfaith network for the North East.',
      description: 'Interfaith networking and religious-literacy training for voluntary organisations.',
    }),
    s({
      name: "Example North East Women's Network (demo)",
      level: 'regional',
      areas: ['E12000001'],
      strands: ['sex'],
      topics: ['leadership', 'influence'],
      functions: ['networks', 'training', 'advocacy'],
      summary: "Regional network of women's organisations in the North East.",
      description:
        "Leadership training for women in community groups and a regional voice for women's organisations.",
    }),
    s({
      name: "Example Yorkshire Men's Groups Network (demo)",
      level: 'regional',
      areas: ['E12000003'],
      strands: ['sex'],
      topics: ['community-development'],
      functions: ['networks', 'information-advice'],
      summary: "Links men's groups and sheds across Yorkshire and the Humber.",
      description: "A network for men's health and social groups, with help starting new groups.",
    }),
    s({
      name: "Example Wales Women's Organisations Network (demo)",
      level: 'national',
      areas: [WALES],
      strands: ['sex'],
      topics: ['leadership', 'influence'],
      functions: ['networks', 'advocacy', 'training'],
      summary: "National network of women's organisations in Wales.",
      description: "Leadership development and representation for women's organisations across Wales.",
    }),
    s({
      name: 'Example North East Anti-Poverty Network (demo)',
      level: 'regional',
      areas: ['E12000001'],
      strands: ['socio-economic'],
      topics: ['influence', 'community-development'],
      functions: ['networks', 'research', 'advocacy'],
      summary: 'Regional network of groups tackling poverty in the North East.',
      description: 'Shares evidence on poverty and amplifies the voice of people with experience of it.',
    }),
    s({
      name: 'Example Wales Anti-Poverty Network (demo)',
      level: 'national',
      areas: [WALES],
      strands: ['socio-economic'],
      topics: ['influence', 'equality-diversity'],
      functions: ['networks', 'policy', 'training'],
      summary: 'Supports groups in Wales to use the socio-economic duty and tackle poverty.',
      description:
        'Training and policy support on the socio-economic duty for community groups and public bodies.',
    }),
    s({
      name: 'Example Wales Rural Communities Network (demo)',
      level: 'national',
      areas: [WALES],
      strands: ['rural', 'welsh-language'],
      topics: ['community-development', 'premises'],
      functions: ['networks', 'information-advice', 'advocacy'],
      summary: 'Support for rural community groups and community buildings across Wales.',
      description: 'Advice for community halls and rural groups, and a rural voice to the Welsh Government.',
    }),
    s({
      name: 'Example Yorkshire Refugee and Migrant Organisations Network (demo)',
      level: 'regional',
      areas: ['E12000003'],
      strands: ['refugees-migrants'],
      topics: ['organisational-development', 'influence'],
      functions: ['networks', 'consultancy', 'advocacy'],
      summary: 'Regional network of refugee and migrant community organisations.',
      description: 'Capacity building and a regional voice for refugee and migrant community organisations.',
      languages: ['en', 'ar', 'fa', 'ti', 'pl'],
      formats: ['translation'],
    }),
    s({
      name: 'Example Wales Refugee and Asylum Support Network (demo)',
      level: 'national',
      areas: [WALES],
      strands: ['refugees-migrants'],
      topics: ['community-development', 'legal'],
      functions: ['networks', 'information-advice', 'training'],
      summary: 'National network for refugee and asylum-seeker community groups in Wales.',
      description: 'Information, training and networking for refugee-led groups across Wales.',
      languages: ['en', 'cy', 'ar', 'fa'],
    }),
    s({
      name: "Example Lincolnshire Carers' Groups Network (demo)",
      level: 'subregional',
      areas: ['E10000019'],
      strands: ['carers', 'rural'],
      topics: ['community-development'],
      functions: ['networks', 'information-advice'],
      summary: "Links carers' support groups across rural Lincolnshire.",
      description: "A network for carers' groups in a large rural county, with online meetings.",
    }),
    s({
      name: "Example Hampshire Carers' Groups Network (demo)",
      level: 'subregional',
      areas: ['E10000014', 'E06000044', 'E06000045'],
      strands: ['carers'],
      topics: ['community-development', 'fundraising'],
      functions: ['networks', 'consultancy'],
      summary: "Supports carers' groups in Hampshire, Portsmouth and Southampton.",
      description: "Development support and a shared fundraising calendar for carers' groups.",
    }),
    s({
      name: "Example Wales Carers' Organisations Network (demo)",
      level: 'national',
      areas: [WALES],
      strands: ['carers'],
      topics: ['influence'],
      functions: ['networks', 'advocacy'],
      summary: "National network of carers' organisations in Wales.",
      description: "Represents carers' organisations to the Welsh Government.",
    }),
    s({
      name: 'Example Welsh-Language Community Groups Network (demo)',
      level: 'national',
      areas: [WALES],
      strands: ['welsh-language'],
      topics: ['community-development', 'governance'],
      functions: ['networks', 'consultancy', 'training'],
      summary: 'Support for Welsh-medium community groups across Wales.',
      description:
        "Development support, templates and training in Welsh for Welsh-medium groups. Mae'r rhwydwaith yn gweithio yn Gymraeg.",
      languages: ['cy', 'en'],
    }),
  ]
}

/** Activity specialists: social enterprise, digital/ICT and a couple of professional and commercial providers. */
export function activitySpecialists(geo: DemoGeography): RawProvider[] {
  const bodies: RawProvider[] = geo.regions.map((region) =>
    areaBody(geo, {
      name: `Example ${region.name} Social Enterprise Network (demo)`,
      kind: 'specialist',
      activitySpecialist: true,
      level: 'regional',
      areas: [region.code],
      strands: [],
      topics: ['social-enterprise', 'finance', 'fundraising'],
      functions: ['information-advice', 'consultancy', 'training', 'networks'],
      summary: `Business support and networking for social enterprises and trading charities in ${region.name}.`,
      description:
        'Helps voluntary organisations start trading, win contracts and find social investment, and runs a regional network of social enterprises.',
    }),
  )
  bodies.push(
    areaBody(geo, {
      name: 'Example Wales Social Enterprise Support Network (demo)',
      kind: 'specialist',
      activitySpecialist: true,
      level: 'national',
      areas: [WALES],
      strands: [],
      topics: ['social-enterprise', 'finance'],
      functions: ['information-advice', 'consultancy', 'training'],
      summary: 'Business support for social enterprises and co-operatives in Wales.',
      description:
        'Bilingual business support for social enterprises, co-operatives and community businesses.',
    }),
  )
  const circuitRiders: Array<{ name: string; areas: string[] }> = [
    { name: 'West Yorkshire', areas: ['E11000006'] },
    { name: 'Tyne and Wear', areas: ['E11000007'] },
    { name: 'Derbyshire', areas: ['E10000007', 'E06000015'] },
    { name: 'Nottinghamshire', areas: ['E10000024', 'E06000018'] },
    { name: 'Kent', areas: ['E10000016'] },
    { name: 'Hampshire', areas: ['E10000014', 'E06000044', 'E06000045'] },
    { name: 'Surrey', areas: ['E10000030'] },
    { name: 'Lincolnshire', areas: ['E10000019'] },
    { name: 'South East Wales', areas: SOUTH_EAST_WALES },
  ]
  for (const cr of circuitRiders) {
    bodies.push(
      areaBody(geo, {
        name: `Example ${cr.name} Digital Circuit Riders (demo)`,
        kind: 'specialist',
        activitySpecialist: true,
        level: 'subregional',
        areas: cr.areas,
        strands: [],
        topics: ['digital', 'legal'],
        functions: ['consultancy', 'training', 'information-advice'],
        summary: `Hands-on ICT and digital support for small voluntary organisations across ${cr.name}.`,
        description:
          'Circuit riders who visit groups to sort out computers, websites, data protection and cyber security, plus low-cost digital skills workshops.',
        cost: {
          type: 'charged',
          text: 'Visits £30 an hour, subsidised to £10 for groups with income under £25,000.',
        },
      }),
    )
  }
  bodies.push(
    areaBody(geo, {
      name: 'Example Charity Digital Helpline (demo)',
      kind: 'specialist',
      activitySpecialist: true,
      level: 'national',
      areas: [ENGLAND],
      noOffice: true,
      strands: [],
      topics: ['digital'],
      functions: ['information-advice'],
      summary: 'A phone and web helpline for voluntary groups with ICT and data-protection questions.',
      description:
        'Basic ICT support and signposting by phone and web, as the 2004 strategy proposed for every area.',
      cost: freeCost,
    }),
    areaBody(geo, {
      name: 'Example Digital for Good Consultancy Ltd (demo)',
      kind: 'specialist',
      activitySpecialist: true,
      level: 'national',
      orgType: 'commercial',
      areas: [ENGLAND, WALES],
      officeDistrict: 'E08000035',
      strands: [],
      topics: ['digital', 'organisational-development'],
      functions: ['consultancy', 'training'],
      summary: 'Commercial consultancy on digital strategy and systems for charities.',
      description:
        'A for-profit consultancy offering digital strategy reviews, CRM selection and staff training.',
      cost: { type: 'charged', text: 'Day rate £450; fixed-price packages for small charities.' },
    }),
    areaBody(geo, {
      name: 'Example Trustee Governance Consultancy (demo)',
      kind: 'specialist',
      activitySpecialist: true,
      level: 'national',
      orgType: 'commercial',
      areas: [ENGLAND],
      officeDistrict: 'E08000025',
      strands: [],
      topics: ['governance', 'legal', 'leadership'],
      functions: ['consultancy', 'training'],
      summary: 'Commercial governance reviews and trustee training.',
      description: 'Board reviews, trustee recruitment and governance training for charities of any size.',
      cost: { type: 'charged', text: 'From £300 for a half-day trustee workshop.' },
    }),
    areaBody(geo, {
      name: "Example West Yorkshire Fundraisers' Group (demo)",
      kind: 'specialist',
      activitySpecialist: true,
      level: 'subregional',
      orgType: 'professional-association',
      areas: ['E11000006'],
      strands: [],
      topics: ['fundraising', 'people'],
      functions: ['networks', 'training', 'standards'],
      summary: 'A professional network for fundraisers working in West Yorkshire charities.',
      description: 'Peer learning, training and good-practice standards for fundraisers.',
      cost: { type: 'membership', text: 'Individual membership £35 a year.' },
      membershipBased: true,
    }),
    areaBody(geo, {
      name: 'Example Greater Manchester Community Development Network (demo)',
      kind: 'specialist',
      activitySpecialist: true,
      level: 'subregional',
      areas: ['E11000001'],
      strands: [],
      topics: ['community-development'],
      functions: ['networks', 'training', 'sector-development'],
      summary: 'A network for community development workers across Greater Manchester.',
      description:
        'Training and peer support for community development workers, based on the national occupational standards.',
    }),
  )
  return bodies
}

/** A closed ring approximating a circle of `radiusMetres` around a point (anticlockwise, 6 decimals). */
export function circlePolygon(centre: LngLat, radiusMetres: number, vertices = 36): number[][][] {
  const metresPerDegreeLat = 111_320
  const metresPerDegreeLng = 111_320 * Math.cos((centre.lat * Math.PI) / 180)
  const ring: number[][] = []
  for (let i = 0; i < vertices; i++) {
    const angle = (2 * Math.PI * i) / vertices
    ring.push([
      round6(centre.lng + (radiusMetres * Math.cos(angle)) / metresPerDegreeLng),
      round6(centre.lat + (radiusMetres * Math.sin(angle)) / metresPerDegreeLat),
    ])
  }
  const first = ring[0]
  if (first) ring.push([...first])
  return [ring]
}

/** Bodies whose service area is a drawn shape (a town centre, a dale), not a list of areas. */
export function polygonBodies(geo: DemoGeography): RawProvider[] {
  const centres: Array<{
    name: string
    centre: LngLat
    radius: number
    kind: 'forum' | 'hub'
    place: string
    languages?: string[]
  }> = [
    {
      name: 'Example Bradford City Centre Community Network (demo)',
      centre: { lng: -1.7523, lat: 53.7925 },
      radius: 1500,
      kind: 'forum',
      place: 'Bradford city centre',
      languages: ['en', 'ur', 'pa'],
    },
    {
      name: "Example Leeds City Centre Residents' Forum (demo)",
      centre: { lng: -1.548, lat: 53.7975 },
      radius: 1500,
      kind: 'forum',
      place: 'Leeds city centre',
    },
    {
      name: 'Example Cardiff Bay Community Hub (demo)',
      centre: { lng: -3.165, lat: 51.466 },
      radius: 1200,
      kind: 'hub',
      place: 'Cardiff Bay',
      languages: ['en', 'cy', 'so', 'ar'],
    },
    {
      name: 'Example Brighton North Laine and City Centre Forum (demo)',
      centre: { lng: -0.14, lat: 50.826 },
      radius: 1000,
      kind: 'forum',
      place: 'central Brighton',
    },
    {
      name: 'Example Leicester Cultural Quarter Community Hub (demo)',
      centre: { lng: -1.125, lat: 52.638 },
      radius: 1000,
      kind: 'hub',
      place: "Leicester's Cultural Quarter",
      languages: ['en', 'gu', 'pa'],
    },
  ]
  const bodies = centres.map((c) =>
    areaBody(geo, {
      name: c.name,
      kind: 'generalist',
      level: 'neighbourhood',
      orgType: 'community-organisation',
      areas: [],
      office: c.centre,
      polygon: { type: 'Polygon', coordinates: circlePolygon(c.centre, c.radius) },
      strands: [],
      topics:
        c.kind === 'hub' ? ['premises', 'community-development'] : ['community-development', 'influence'],
      functions:
        c.kind === 'hub'
          ? ['meeting-space', 'incubation', 'information-advice']
          : ['networks', 'consultation', 'advocacy'],
      summary:
        c.kind === 'hub'
          ? `Meeting rooms, desk space and drop-in help for community groups in ${c.place}.`
          : `A forum for residents' and community groups in ${c.place}, which has no ward-level forum of its own.`,
      description: `Serves roughly ${c.radius / 1000} km around the centre of ${c.place}, an area drawn by the body itself that cuts across ward boundaries.`,
      languages: c.languages,
      cost:
        c.kind === 'hub'
          ? { type: 'charged', text: 'Rooms from £10 an hour; free for new groups for three months.' }
          : freeCost,
    }),
  )
  // A rural network for an upland area drawn as a rough ellipse around the dales.
  const dales: LngLat = { lng: -2.05, lat: 54.25 }
  bodies.push(
    areaBody(geo, {
      name: 'Example Dales Community Action Network (demo)',
      kind: 'specialist',
      level: 'subregional',
      areas: [],
      office: { lng: -1.95, lat: 54.2 },
      polygon: { type: 'Polygon', coordinates: circlePolygon(dales, 22_000, 48) },
      strands: ['rural'],
      topics: ['community-development', 'premises'],
      functions: ['networks', 'information-advice', 'grants'],
      summary:
        'Support for village groups and halls across the upland dales, wherever the district lines fall.',
      description:
        'A rural network for the dales, drawn around the villages it serves rather than by district, including parts of districts that have no local generalist body.',
      cost: freeCost,
    }),
  )
  return bodies
}

export function areaBodies(geo: DemoGeography): RawProvider[] {
  return [
    ...ruralCommunityCouncils(geo),
    ...regionalGeneralists(geo),
    ...bmeNetworks(geo),
    ...equalityNetworks(geo),
    ...strandSpecialists(geo),
    ...activitySpecialists(geo),
    ...polygonBodies(geo),
  ]
}

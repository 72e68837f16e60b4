import type { RawProvider } from '../../server/providers/provider-schema'
import type { DemoDistrict, DemoGeography } from './demo-geography'
import { mostPopulous } from './demo-geography'
import { DEMO_DENSE_REGIONS } from './demo-key-records'
import { chooser } from './demo-random'
import {
  buildingHours,
  fictional,
  freeCost,
  generalistCost,
  jitter,
  kebab,
  officeHours,
} from './demo-record-helpers'

/**
 * Fictional local (district-level) bodies: a generalist (CVS / County Voluntary Council) for every
 * district but the deliberate gaps (one per district in the dense regions, one per shire county
 * elsewhere), volunteer centres, and local specialists in the districts where the demo has wards.
 */

/**
 * The districts the demo deliberately leaves without an active local generalist (all in the dense
 * regions; every other district of England and Wales has one), as the 2004 strategy found for 40
 * areas of England, most of them rural. Ryedale's body has closed and Rutland's is still a draft,
 * so neither counts. README.md states how many; server/coverage/coverage-demo.db.test.ts checks it.
 */
export const DISTRICTS_WITHOUT_LOCAL_GENERALIST: ReadonlyArray<{ code: string; why: string }> = [
  {
    code: 'E06000003',
    why: 'Redcar and Cleveland: mixed urban and rural, served from neighbouring districts',
  },
  { code: 'E07000166', why: 'Richmondshire: rural, upland' },
  { code: 'E07000167', why: 'Ryedale: rural; its CVS closed (closed record kept for history)' },
  { code: 'E07000169', why: 'Selby: rural; a volunteer centre but no generalist' },
  { code: 'E07000033', why: 'Bolsover: former coalfield, rural fringe' },
  { code: 'E07000133', why: 'Melton: rural' },
  { code: 'E06000017', why: 'Rutland: rural; a new CVS is only a draft record' },
  { code: 'E07000140', why: 'South Holland: rural, fenland' },
  { code: 'E07000142', why: 'West Lindsey: rural' },
  { code: 'E07000151', why: 'Daventry: rural' },
  { code: 'E07000005', why: 'Chiltern: rural, affluent' },
  { code: 'E07000006', why: 'South Bucks: rural, affluent' },
  { code: 'E07000064', why: 'Rother: rural, coastal' },
  { code: 'E07000089', why: 'Hart: rural, affluent' },
  { code: 'E07000181', why: 'West Oxfordshire: rural' },
  { code: 'E07000215', why: 'Tandridge: rural, commuter belt' },
  { code: 'W06000008', why: 'Ceredigion: rural' },
  // The freshness policy's gaps (docs/decisions/0020): the only local generalist is a body named in
  // the 2008 study, with no contact details and not verified since, so it is not counted.
  {
    code: 'E08000024',
    why: 'Sunderland: its only local generalist, Sunderland CVS, is named in the 2008 study and not verified since (not counted)',
  },
  {
    code: 'E07000239',
    why: 'Wyre Forest: its only local generalist, Community Action Wyre Forest, is named in the 2008 study and not verified since (not counted)',
  },
]

/** Local generalists covering several districts (hub and spoke, as the 2004 strategy describes). */
const SHARED_GENERALISTS: ReadonlyArray<{ name: string; districts: string[]; welsh?: boolean }> = [
  { name: 'Example Mansfield and Ashfield Voluntary Action (demo)', districts: ['E07000174', 'E07000170'] },
  {
    name: 'Example Gwent Association of Voluntary Organisations (demo)',
    districts: ['W06000018', 'W06000019', 'W06000020', 'W06000021', 'W06000022'],
    welsh: true,
  },
]

/** Districts outside the dense regions with a generalist of their own even in a shire county (ward samples, sample postcodes). */
const EXTRA_GENERALIST_DISTRICTS = [
  'E07000148', // Norwich (sample wards)
  'E07000123', // Preston (sample wards)
  'E08000003', // Manchester
  'E08000025', // Birmingham
  'E09000033', // Westminster
  'E09000028', // Southwark
  'E09000022', // Lambeth
  'E06000051', // Shropshire
]

/**
 * Districts whose real generalist is named in source 000; no fictional one is added. Under the
 * freshness policy that body is not counted, so they are among the districts without one.
 */
export const REAL_GENERALIST_DISTRICTS = new Set(['E08000024', 'E07000239'])

/** Extra community languages offered by bodies in some districts (ISO 639-1). */
const DISTRICT_LANGUAGES: Record<string, string[]> = {
  E08000032: ['ur', 'pa'], // Bradford
  E08000035: ['ur', 'pl'], // Leeds
  E06000016: ['gu', 'pa', 'ur'], // Leicester
  E07000136: ['pl', 'lt'], // Boston
  E06000039: ['pa', 'ur'], // Slough
  E06000045: ['pl'], // Southampton
  E06000018: ['ur', 'pl'], // Nottingham
  E07000148: ['pl'], // Norwich
  E07000123: ['gu', 'ur'], // Preston
  W06000015: ['ar', 'so'], // Cardiff
}

export function displayName(district: DemoDistrict): string {
  return district.name.replace(/, (City|County) of$/, '')
}

function isWelsh(district: DemoDistrict): boolean {
  return district.nationCode === 'W92000004'
}

function languagesFor(districtCodes: readonly string[], welsh: boolean, pickExtra: boolean): string[] {
  const languages = welsh ? ['en', 'cy'] : ['en']
  if (pickExtra) {
    for (const code of districtCodes) {
      for (const language of DISTRICT_LANGUAGES[code] ?? []) {
        if (!languages.includes(language)) languages.push(language)
      }
    }
  }
  return languages
}

const ENGLISH_TEMPLATES = [
  (d: string) => `Example ${d} Council for Voluntary Service (demo)`,
  (d: string) => `Example Voluntary Action ${d} (demo)`,
  (d: string) => `Example ${d} Community and Voluntary Action (demo)`,
  (d: string) => `Example ${d} Voluntary Sector Support (demo)`,
]

const OPTIONAL_FUNCTIONS = [
  'grants',
  'incubation',
  'meeting-space',
  'brokerage',
  'partnership',
  'service-coordination',
  'research',
  'standards',
]
const OPTIONAL_TOPICS = [
  'people',
  'volunteering',
  'community-development',
  'premises',
  'digital',
  'legal',
  'leadership',
  'influence',
  'social-enterprise',
  'equality-diversity',
]
const FORMATS = ['large-print', 'easy-read', 'hearing-loop', 'step-free-access', 'translation', 'bsl']
const GENERALIST_MARKS = ['navca-quality-award', 'trusted-charity', 'investing-in-volunteers', 'matrix']

function slugOf(name: string): string {
  return kebab(name.replace(/\(demo\)/, ''))
}

interface GeneralistInput {
  name: string
  districts: DemoDistrict[]
  status?: RawProvider['status']
  extraDescription?: string
}

function localGeneralist(input: GeneralistInput): RawProvider {
  const slug = slugOf(input.name)
  const pick = chooser(`generalist:${slug}`)
  const welsh = input.districts.every(isWelsh)
  const places = input.districts.map(displayName)
  const placeText =
    places.length === 1
      ? (places[0] ?? '')
      : `${places.slice(0, -1).join(', ')} and ${places[places.length - 1]}`
  const welshNames = welsh ? ` (${input.districts.map((d) => d.nameWelsh ?? d.name).join(', ')})` : ''
  const body = welsh ? 'County Voluntary Council' : 'Council for Voluntary Service'
  const functions = [
    'information-advice',
    'consultancy',
    'training',
    'networks',
    'consultation',
    'advocacy',
    ...pick.some(OPTIONAL_FUNCTIONS, pick.int(2, 4)),
  ]
  const topics = [
    'governance',
    'fundraising',
    'finance',
    'organisational-development',
    ...pick.some(OPTIONAL_TOPICS, pick.int(2, 5)),
  ]
  const { cost, membershipBased } = generalistCost(slug)
  const office = mostPopulous(input.districts)
  const shared =
    input.districts.length > 1
      ? ` It works as a hub with local offices, so each of its ${input.districts.length} areas has a named development worker.`
      : ''
  const bilingual = welsh ? " Mae'r corff hwn yn cynnig gwasanaethau yn Gymraeg ac yn Saesneg." : ''
  return fictional({
    slug,
    name: input.name,
    status: input.status,
    kind: 'generalist',
    level: 'local',
    orgType: 'infrastructure',
    summary: `The local ${body} for ${placeText}: advice, training, funding and governance support for any voluntary or community group.`,
    description: `A ${body.toLowerCase()} serving ${placeText}${welshNames}. It gives generic support to any front-line group, from a new residents' group to an established charity, and represents the sector to the council and health bodies.${shared}${bilingual}${input.extraDescription ? ` ${input.extraDescription}` : ''}`,
    mission: `An independent, well-run and well-connected voluntary and community sector in ${placeText}.`,
    remit: `Any voluntary or community group, charity or social enterprise working in ${placeText}.`,
    limits: functions.includes('grants')
      ? 'Does not give grants beyond the small grants scheme it runs; does not give legal representation or specialist support for particular equality groups, for which it refers on.'
      : 'Does not give grants or legal representation; does not give specialist support for particular equality groups, for which it refers on.',
    referralCriteria:
      'Refers groups to specialist bodies when they need knowledge of a particular community (for example LGBT, disabled, BME or faith groups). Takes referrals from specialist bodies for core capacity building: governance, funding bids and finance.',
    howToAccess: pick.pick([
      'Phone or email the development team to book a one-to-one session.',
      'Drop in on Wednesday mornings, or book an appointment by phone or email.',
      'Start with the online enquiry form; a development worker replies within three working days.',
    ]),
    cost,
    membershipBased,
    functions,
    topics,
    strands: [],
    languages: languagesFor(
      input.districts.map((d) => d.code),
      welsh,
      true,
    ),
    formats: pick.some(FORMATS, pick.int(0, 3)),
    openingHours: officeHours(slug),
    contacts: 'full',
    address: `Unit ${pick.int(1, 40)}, Example Business Centre, ${displayName(office)} (fictional address)`,
    office: jitter(office.point, slug),
    qualityMarks: pick.some(GENERALIST_MARKS, pick.int(0, 2)),
    annualReport: pick.chance(0.6),
    coverage: { areas: input.districts.map((d) => d.code) },
  })
}

function generalistName(district: DemoDistrict): string {
  const place = displayName(district)
  if (isWelsh(district)) return `Example ${place} County Voluntary Council (demo)`
  // Bradford's name is fixed: tests and pathways refer to it.
  if (district.code === 'E08000032') return `Example ${place} Council for Voluntary Service (demo)`
  const template = chooser(`generalist-name:${district.code}`).pick(ENGLISH_TEMPLATES)
  return template(place)
}

/**
 * Outside the dense regions: the districts of a shire county share one local generalist, a hub with
 * a development worker in each (as several county-wide councils for voluntary service work), and
 * every other district (unitary, metropolitan, London borough) has its own. Keeps the demo modest
 * while leaving no district without a local generalist by accident.
 */
function hubGeneralists(geo: DemoGeography, taken: ReadonlySet<string>): RawProvider[] {
  const dense = new Set<string>(DEMO_DENSE_REGIONS)
  const hubs = new Map<string, { place: string; districts: DemoDistrict[] }>()
  for (const d of geo.districts) {
    if (dense.has(d.regionCode) || taken.has(d.code)) continue
    const county = d.countyCode?.startsWith('E10') ? d.countyCode : undefined
    const key = county ?? d.code
    const hub = hubs.get(key) ?? { place: county ? (d.countyName ?? county) : displayName(d), districts: [] }
    hub.districts.push(d)
    hubs.set(key, hub)
  }
  return [...hubs].map(([key, hub]) => {
    const [only] = hub.districts
    const name =
      hub.districts.length === 1 && only
        ? generalistName(only)
        : chooser(`generalist-name:${key}`).pick(ENGLISH_TEMPLATES)(hub.place)
    return localGeneralist({ name, districts: hub.districts })
  })
}

export function localGeneralists(geo: DemoGeography): RawProvider[] {
  const gaps = new Set(DISTRICTS_WITHOUT_LOCAL_GENERALIST.map((g) => g.code))
  const shared = new Set(SHARED_GENERALISTS.flatMap((s) => s.districts))
  const regions = new Set<string>(DEMO_DENSE_REGIONS)
  const districts = [
    ...geo.districts.filter((d) => regions.has(d.regionCode)),
    ...EXTRA_GENERALIST_DISTRICTS.map((code) => geo.district(code)),
  ]
  const taken = new Set([...gaps, ...shared, ...REAL_GENERALIST_DISTRICTS])
  const records = districts
    .filter((d) => !taken.has(d.code))
    .map((d) => localGeneralist({ name: generalistName(d), districts: [d] }))
  records.push(...hubGeneralists(geo, new Set([...taken, ...EXTRA_GENERALIST_DISTRICTS])))
  for (const hub of SHARED_GENERALISTS) {
    records.push(localGeneralist({ name: hub.name, districts: hub.districts.map((c) => geo.district(c)) }))
  }
  records.push(
    localGeneralist({
      name: 'Example Ryedale Voluntary Action (demo)',
      districts: [geo.district('E07000167')],
      status: 'closed',
      extraDescription:
        'Closed in 2025 when its core funding ended; groups in Ryedale are signposted to the county rural community council.',
    }),
    localGeneralist({
      name: 'Example Rutland Community and Voluntary Service (demo)',
      districts: [geo.district('E06000017')],
      status: 'draft',
      extraDescription: 'Being set up by a steering group of local charities; not yet taking enquiries.',
    }),
  )
  return records
}

/** Volunteer centres: every ward district, Selby (a specialist where no generalist is), and about a quarter of the rest. */
export function volunteerCentres(geo: DemoGeography): RawProvider[] {
  const wardDistricts = new Set(geo.wards.map((w) => w.districtCode))
  const regions = new Set<string>(DEMO_DENSE_REGIONS)
  const chosen = geo.districts.filter(
    (d) =>
      wardDistricts.has(d.code) ||
      d.code === 'E07000169' ||
      (regions.has(d.regionCode) && chooser(`volunteer-centre:${d.code}`).chance(0.25)),
  )
  return chosen.map((district) => {
    const place = displayName(district)
    const welsh = isWelsh(district)
    const name = welsh
      ? `Example ${place} Volunteer Centre (demo)`
      : `Example Volunteer Centre ${place} (demo)`
    const slug = slugOf(name)
    const pick = chooser(`volunteer-centre-record:${slug}`)
    return fictional({
      slug,
      name,
      kind: 'specialist',
      activitySpecialist: true,
      level: 'local',
      orgType: 'infrastructure',
      summary: `Matches volunteers with groups in ${place} and helps groups recruit, manage and keep volunteers.`,
      description: `The volunteer centre for ${place}${welsh && district.nameWelsh ? ` (${district.nameWelsh})` : ''}: a brokerage service between people who want to volunteer and the groups that need them, with training for volunteer managers and good-practice support on volunteer policies.`,
      remit: `Groups in ${place} that involve volunteers, and people who want to volunteer there.`,
      limits:
        'Does not give general funding or governance advice; refers groups to the local generalist body.',
      referralCriteria:
        'Refers groups needing help beyond volunteering (constitution, funding, finance) to the local generalist body.',
      howToAccess: 'Register opportunities online; volunteer managers can book training by email.',
      cost: pick.chance(0.7)
        ? freeCost
        : { type: 'mixed', text: 'Brokerage free; volunteer-management courses £20 a place.' },
      functions: ['brokerage', 'information-advice', 'training', ...(pick.chance(0.4) ? ['standards'] : [])],
      topics: ['volunteering', 'people'],
      strands: [],
      languages: languagesFor([district.code], welsh, pick.chance(0.5)),
      formats: pick.some(FORMATS, pick.int(0, 2)),
      openingHours: officeHours(slug),
      contacts: pick.chance(0.8) ? 'full' : 'online',
      office: jitter(district.point, slug),
      ...(pick.chance(0.5)
        ? { qualityMarks: ['other'], qualityMarkOther: 'Volunteer Centre Quality Accreditation' }
        : { qualityMarks: [] }),
      coverage: { areas: [district.code] },
    })
  })
}

interface LocalSpecialistSpec {
  name: string
  district: string
  strands: string[]
  topics: string[]
  functions: string[]
  summary: string
  description: string
  orgType?: RawProvider['orgType']
  status?: RawProvider['status']
  strandDetails?: string[]
  activitySpecialist?: boolean
  servesInfrastructureOnly?: boolean
  languages?: string[]
  formats?: string[]
  cost?: RawProvider['cost']
  limits?: string
  referralCriteria?: string
  meetingSpace?: boolean
}

function localSpecialist(geo: DemoGeography, spec: LocalSpecialistSpec): RawProvider {
  const district = geo.district(spec.district)
  const slug = slugOf(spec.name)
  const pick = chooser(`local-specialist:${slug}`)
  const welsh = isWelsh(district)
  const place = displayName(district)
  return fictional({
    slug,
    name: spec.name,
    status: spec.status,
    kind: 'specialist',
    level: 'local',
    orgType: spec.orgType ?? 'infrastructure',
    summary: spec.summary,
    description: spec.description,
    remit: `Groups in ${place} working with or led by the communities named in its summary.`,
    limits:
      spec.limits ??
      'Does not give general governance, funding or finance support that the local generalist body provides.',
    referralCriteria:
      spec.referralCriteria ??
      'Refers groups needing core capacity building to the local generalist body; takes referrals from it for specialist knowledge.',
    howToAccess: pick.pick([
      'Email to arrange a meeting with a development worker.',
      'Come to a network meeting (monthly) or phone the coordinator.',
      'Use the online enquiry form; replies within a week.',
    ]),
    cost:
      spec.cost ??
      (pick.chance(0.6) ? freeCost : { type: 'membership', text: 'Group membership £10 a year.' }),
    functions: spec.functions,
    topics: spec.topics,
    strands: spec.strands,
    strandDetails: spec.strandDetails,
    activitySpecialist: spec.activitySpecialist,
    servesInfrastructureOnly: spec.servesInfrastructureOnly,
    languages: spec.languages ?? languagesFor([district.code], welsh, true),
    formats: spec.formats ?? pick.some(FORMATS, pick.int(0, 2)),
    openingHours: spec.meetingSpace ? buildingHours(slug) : pick.chance(0.7) ? officeHours(slug) : undefined,
    contacts: pick.chance(0.6) ? 'full' : 'online',
    office: jitter(district.point, slug),
    annualReport: pick.chance(0.3),
    coverage: { areas: [district.code] },
  })
}

const BRADFORD = 'E08000032'
const LEEDS = 'E08000035'
const CARDIFF = 'W06000015'

export function localSpecialists(geo: DemoGeography): RawProvider[] {
  const s = (spec: LocalSpecialistSpec) => localSpecialist(geo, spec)
  return [
    s({
      name: 'Example Bradford Interfaith Forum (demo)',
      district: BRADFORD,
      strands: ['religion-belief'],
      topics: ['community-development', 'equality-diversity'],
      functions: ['networks', 'consultation', 'training', 'partnership'],
      summary:
        'Brings faith-based community groups in Bradford together and trains them to work across faiths.',
      description:
        'A forum of mosques, churches, gurdwaras, temples and faith-based projects across the Bradford district, with training on working with public bodies and on interfaith projects.',
    }),
    s({
      name: "Example Bradford Disabled People's Forum (demo)",
      district: BRADFORD,
      strands: ['disability'],
      topics: ['equality-diversity', 'influence'],
      functions: ['networks', 'advocacy', 'consultation', 'training'],
      summary: "A user-led forum supporting disabled people's groups in Bradford to organise and be heard.",
      description:
        "A user-led network of disabled people's organisations and self-advocacy groups, giving access training and representing members on the council's partnership boards.",
      languages: ['en', 'bfi', 'ur'],
      formats: ['bsl', 'easy-read', 'large-print', 'hearing-loop', 'step-free-access'],
    }),
    s({
      name: "Example Bradford Carers' Groups Network (demo)",
      district: BRADFORD,
      strands: ['carers'],
      topics: ['community-development', 'fundraising'],
      functions: ['networks', 'information-advice', 'consultancy'],
      summary: "Supports unpaid carers' support groups in Bradford to start, run and fund themselves.",
      description:
        "A network for carers' support groups, with a development worker who helps new groups set up and existing ones find funding.",
    }),
    s({
      name: 'Example Bradford Community Business Hub (demo)',
      district: BRADFORD,
      strands: [],
      activitySpecialist: true,
      topics: ['social-enterprise', 'finance', 'premises'],
      functions: ['consultancy', 'incubation', 'training', 'meeting-space'],
      summary: 'Start-up support, desk space and business planning for social enterprises in Bradford.',
      description:
        'An incubator for community businesses and co-operatives, with hot desks, a business-planning course and one-to-one support on trading.',
      cost: { type: 'mixed', text: 'Advice free; desk space from £40 a month.' },
      meetingSpace: true,
    }),
    s({
      name: 'Example Bradford Anti-Poverty Alliance (demo)',
      district: BRADFORD,
      strands: ['socio-economic'],
      topics: ['influence', 'community-development'],
      functions: ['networks', 'advocacy', 'research'],
      summary:
        'An alliance of groups tackling poverty in Bradford, sharing evidence and campaigning together.',
      description:
        'Food banks, advice projects and tenants\u2019 groups working together on poverty: shared data on need, joint responses to consultations and a yearly poverty summit.',
    }),
    s({
      name: 'Example Bradford Council Voluntary Sector Liaison Team (demo)',
      district: BRADFORD,
      orgType: 'public-body',
      strands: [],
      topics: ['fundraising', 'premises'],
      functions: ['grants', 'partnership', 'information-advice'],
      summary: "The council's team for community grants, asset transfer and the local compact.",
      description:
        'A local authority team that runs the community grants programme, handles community asset transfers and hosts the compact partnership with the voluntary sector.',
      cost: freeCost,
      limits: 'Does not give one-to-one development support; refers groups to the local CVS.',
    }),
    s({
      name: 'Example Leeds LGBT+ Groups Forum (demo)',
      district: LEEDS,
      strands: ['sexual-orientation', 'gender-reassignment'],
      topics: ['community-development', 'equality-diversity'],
      functions: ['networks', 'training', 'consultancy'],
      summary: 'Supports LGBT+ community groups in Leeds and trains mainstream groups on inclusion.',
      description:
        'A forum and development service for LGBT+ groups, with inclusion training for other voluntary organisations.',
    }),
    s({
      name: 'Example Leeds Refugee and Migrant Community Network (demo)',
      district: LEEDS,
      strands: ['refugees-migrants', 'race'],
      topics: ['community-development', 'organisational-development'],
      functions: ['networks', 'consultancy', 'information-advice'],
      summary: 'Helps refugee and migrant community organisations in Leeds to set up, grow and be heard.',
      description:
        'Capacity building for refugee and migrant community organisations, with interpreters available for development sessions.',
      languages: ['en', 'pl', 'ar', 'ti', 'fa'],
      formats: ['translation'],
    }),
    s({
      name: "Example Leeds Older People's Network (demo)",
      district: LEEDS,
      status: 'closed',
      strands: ['age'],
      strandDetails: ['older-people'],
      topics: ['community-development'],
      functions: ['networks', 'consultation'],
      summary: "Former network of older people's groups in Leeds.",
      description: "Closed in 2024; its member groups joined the regional older people's network.",
    }),
    s({
      name: 'Example Leicester BME Voluntary Sector Alliance (demo)',
      district: 'E06000016',
      strands: ['race', 'refugees-migrants'],
      topics: ['organisational-development', 'fundraising', 'equality-diversity'],
      functions: ['consultancy', 'training', 'networks', 'advocacy'],
      summary: 'Capacity building and a collective voice for black and minority ethnic groups in Leicester.',
      description:
        'An alliance of BME-led groups, with development workers who speak Gujarati, Punjabi, Urdu and Somali.',
      languages: ['en', 'gu', 'pa', 'ur', 'so'],
    }),
    s({
      name: 'Example Leicester Deaf Community Network (demo)',
      district: 'E06000016',
      strands: ['disability'],
      strandDetails: ['sensory-impairment'],
      topics: ['equality-diversity', 'community-development'],
      functions: ['networks', 'information-advice', 'training'],
      summary: 'Supports Deaf-led groups in Leicester and trains other groups in deaf awareness.',
      description:
        'A Deaf-led network, working in British Sign Language, with deaf-awareness training for groups.',
      languages: ['bfi', 'en'],
      formats: ['bsl', 'hearing-loop'],
    }),
    s({
      name: 'Example Brighton and Hove Trans Community Network (demo)',
      district: 'E06000043',
      strands: ['gender-reassignment'],
      topics: ['community-development', 'equality-diversity'],
      functions: ['networks', 'consultancy', 'training'],
      summary: 'Development support for trans and non-binary community groups in Brighton and Hove.',
      description:
        'Helps trans-led groups set up and run safely, and trains other groups on trans inclusion.',
    }),
    s({
      name: "Example Brighton and Hove Older People's Council (demo)",
      district: 'E06000043',
      strands: ['age'],
      strandDetails: ['older-people'],
      topics: ['influence'],
      functions: ['consultation', 'advocacy', 'networks'],
      summary: "A voice for older people's groups in Brighton and Hove.",
      description: "Gathers the views of older people's groups and represents them to the council and NHS.",
    }),
    s({
      name: "Example Norwich Migrant Workers' Support Network (demo)",
      district: 'E07000148',
      strands: ['refugees-migrants'],
      topics: ['community-development', 'legal'],
      functions: ['networks', 'information-advice'],
      summary: "Supports migrant workers' community groups in Norwich.",
      description:
        "Information and networking for migrant workers' groups, in Polish, Lithuanian and Portuguese.",
      languages: ['en', 'pl', 'lt', 'pt'],
      formats: ['translation'],
    }),
    s({
      name: "Example Portsmouth Carers' Network (demo)",
      district: 'E06000044',
      strands: ['carers'],
      topics: ['community-development'],
      functions: ['networks', 'information-advice'],
      summary: "Brings unpaid carers' groups in Portsmouth together.",
      description:
        "A network of carers' support groups with a shared events calendar and a small development fund.",
    }),
    s({
      name: "Example Sunderland Young People's Network (demo)",
      district: 'E08000024',
      strands: ['age'],
      strandDetails: ['children-young-people'],
      topics: ['organisational-development', 'legal'],
      functions: ['networks', 'training', 'standards'],
      summary: 'Supports youth groups in Sunderland with safeguarding, training and quality standards.',
      description:
        'A network of youth clubs and projects, with safeguarding training and a youth-work quality mark.',
    }),
    s({
      name: 'Example Preston Black and Minority Ethnic Forum (demo)',
      district: 'E07000123',
      strands: ['race'],
      topics: ['community-development', 'influence'],
      functions: ['networks', 'consultation', 'advocacy'],
      summary: 'Represents BME community groups in Preston and supports them to engage with public bodies.',
      description:
        'A forum of BME-led groups meeting monthly, with a representative on the local strategic partnership.',
    }),
    s({
      name: 'Example Wyre Forest Disability Action Network (demo)',
      district: 'E07000239',
      strands: ['disability'],
      topics: ['equality-diversity'],
      functions: ['networks', 'information-advice'],
      summary: "Links disabled people's groups in Wyre Forest.",
      description: "A small volunteer-run network sharing information between disabled people's groups.",
      formats: ['easy-read', 'large-print'],
    }),
    s({
      name: 'Example Boston Migrant Community Network (demo)',
      district: 'E07000136',
      strands: ['refugees-migrants'],
      topics: ['community-development'],
      functions: ['networks', 'information-advice', 'consultancy'],
      summary: 'Supports migrant community groups in Boston, Lincolnshire.',
      description:
        'Development support for migrant-led groups in a largely rural district, in Polish and Lithuanian.',
      languages: ['en', 'pl', 'lt'],
    }),
    s({
      name: 'Example Cardiff Migrant Community Support Network (demo)',
      district: CARDIFF,
      strands: ['refugees-migrants', 'race'],
      topics: ['community-development', 'organisational-development'],
      functions: ['networks', 'consultancy', 'training'],
      summary: 'Helps refugee and migrant community groups in Cardiff to set up and grow.',
      description:
        "Capacity building for refugee and migrant community groups, in Arabic, Somali and Polish as well as English and Welsh. Mae'r corff hwn yn cynnig gwasanaethau yn Gymraeg ac yn Saesneg.",
      languages: ['en', 'cy', 'ar', 'so', 'pl'],
      formats: ['translation'],
    }),
    s({
      name: 'Example Cardiff Welsh-Language Groups Forum (demo)',
      district: CARDIFF,
      strands: ['welsh-language'],
      topics: ['community-development'],
      functions: ['networks', 'consultancy', 'training'],
      summary: 'Supports Welsh-medium community groups in Cardiff.',
      description:
        "A forum and development service for Welsh-medium groups, run in Welsh. Mae'r fforwm yn cefnogi grwpiau cymunedol Cymraeg yng Nghaerdydd.",
      languages: ['cy', 'en'],
    }),
    s({
      name: "Example Cardiff Parents' Groups Network (demo)",
      district: CARDIFF,
      strands: ['pregnancy-maternity'],
      topics: ['community-development', 'premises'],
      functions: ['networks', 'information-advice'],
      summary: 'Links parent-and-baby and new-parent groups in Cardiff and helps them find venues.',
      description:
        'A network of antenatal, parent-and-baby and breastfeeding support groups, with a venue directory.',
      languages: ['en', 'cy'],
    }),
    s({
      name: 'Example Cardiff Interfaith Network (demo)',
      district: CARDIFF,
      strands: ['religion-belief'],
      topics: ['community-development'],
      functions: ['networks', 'partnership'],
      summary: 'Brings faith communities and faith-based projects in Cardiff together.',
      description: 'A network of faith communities working together on community projects and cohesion.',
      languages: ['en', 'cy'],
    }),
    s({
      name: 'Example Cardiff Tackling Poverty Partnership (demo)',
      district: CARDIFF,
      strands: ['socio-economic'],
      topics: ['influence', 'community-development'],
      functions: ['partnership', 'research', 'networks'],
      summary: "Voluntary groups and the council working together on Wales's socio-economic duty in Cardiff.",
      description:
        'A partnership of anti-poverty groups with the council, using local data on inequality to shape services under the socio-economic duty.',
      languages: ['en', 'cy'],
    }),
    s({
      name: "Example Cardiff Disabled People's Forum (demo)",
      district: CARDIFF,
      status: 'draft',
      strands: ['disability'],
      topics: ['equality-diversity'],
      functions: ['networks', 'advocacy'],
      summary: "A proposed forum for disabled people's groups in Cardiff.",
      description: 'Draft record: the forum is being set up and is not yet taking enquiries.',
      languages: ['en', 'cy', 'bfi'],
    }),
  ]
}

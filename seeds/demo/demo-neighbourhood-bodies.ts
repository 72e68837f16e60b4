import type { RawProvider } from '../../server/providers/provider-schema'
import type { DemoGeography, DemoWard } from './demo-geography'
import { areaKm2, pointInside } from './demo-geography'
import { displayName } from './demo-local-bodies'
import { chooser } from './demo-random'
import { buildingHours, fictional, freeCost, kebab } from './demo-record-helpers'

/**
 * Fictional neighbourhood bodies in the sample wards, named after the wards read from the
 * boundary file: hubs (community centres, village halls), forums, community associations,
 * small-grants funds and development workers. Chance leaves some wards without a hub or a forum,
 * so the neighbourhood baseline has gaps to find.
 */

/** Community languages some neighbourhood bodies offer, by district (ISO 639-1). */
const COMMUNITY_LANGUAGES: Record<string, string[]> = {
  E08000032: ['ur', 'pa'],
  E08000035: ['ur', 'pl'],
  E06000016: ['gu', 'pa'],
  E07000148: ['pl'],
  E07000123: ['gu'],
  E06000044: ['pl'],
  W06000015: ['so', 'ar'],
}

const HUB_PROBABILITY = 0.72
const FORUM_PROBABILITY = 0.62
const ASSOCIATION_PROBABILITY = 0.3

function isWelshWard(ward: DemoWard): boolean {
  return ward.code.startsWith('W')
}

/** Large wards (over 30 km²) and wards named "Rural" are villages and farmland: their hub is a village hall. */
const RURAL_WARD_KM2 = 30

function isRuralWard(ward: DemoWard): boolean {
  return /\bRural\b/.test(ward.name) || areaKm2(ward.geometry) > RURAL_WARD_KM2
}

function languagesFor(ward: DemoWard, key: string): string[] {
  const base = isWelshWard(ward) ? ['en', 'cy'] : ['en']
  const extra = COMMUNITY_LANGUAGES[ward.districtCode] ?? []
  return chooser(`nb-languages:${key}`).chance(0.35) ? [...base, ...extra] : base
}

function wardLabel(ward: DemoWard): string {
  return isWelshWard(ward) && ward.nameWelsh && ward.nameWelsh !== ward.name
    ? `${ward.name} (${ward.nameWelsh})`
    : ward.name
}

function bilingualNote(ward: DemoWard): string {
  return isWelshWard(ward) ? ' Mae croeso i bawb; rydym yn gweithio yn Gymraeg ac yn Saesneg.' : ''
}

function hub(geo: DemoGeography, ward: DemoWard, status: RawProvider['status'] = 'active'): RawProvider {
  const district = displayName(geo.district(ward.districtCode))
  const rural = isRuralWard(ward)
  const pick = chooser(`hub:${ward.code}`)
  const building = rural
    ? 'Village Hall'
    : pick.pick(['Community Centre', 'Community Hub', 'Neighbourhood Centre'])
  const name = `Example ${ward.name} ${building} (demo)`
  const slug = `${kebab(`example ${ward.name} ${building}`)}-${kebab(district)}`
  return fictional({
    slug,
    name,
    status,
    kind: 'generalist',
    level: 'neighbourhood',
    orgType: 'community-organisation',
    summary: `Rooms to hire, a base for local groups and drop-in help in ${ward.name}, ${district}.`,
    description: `A ${building.toLowerCase()} serving ${wardLabel(ward)} ward: meeting rooms, storage and a noticeboard for local groups, with help for new groups getting started.${bilingualNote(ward)}${status === 'closed' ? ' The building closed for good in 2025; groups now meet in neighbouring wards.' : ''}`,
    remit: `Community groups and residents of ${ward.name} and nearby.`,
    limits:
      'A building, not an advice service: refers groups needing development support to the local generalist body.',
    howToAccess: 'Book rooms by phone or email, or call in during opening hours.',
    cost: pick.pick<RawProvider['cost']>([
      { type: 'charged', text: 'Room hire from £8 an hour; community rate for local groups.' },
      { type: 'charged', text: 'Hall £15 an hour, small room £7 an hour.' },
      { type: 'mixed', text: 'Free for new groups for their first three months, then £6 an hour.' },
    ]),
    membershipBased: false,
    functions: [
      'meeting-space',
      ...(pick.chance(0.4) ? ['incubation'] : []),
      ...(pick.chance(0.5) ? ['information-advice'] : []),
    ],
    topics: ['premises', 'community-development'],
    strands: [],
    languages: languagesFor(ward, slug),
    formats: pick.some(['step-free-access', 'hearing-loop', 'large-print'], pick.int(1, 3)),
    openingHours: buildingHours(slug),
    contacts: pick.chance(0.6) ? 'full' : 'online',
    office: pointInside(ward.geometry, 0.5),
    coverage: { areas: [ward.code] },
  })
}

function forum(geo: DemoGeography, ward: DemoWard): RawProvider {
  const district = displayName(geo.district(ward.districtCode))
  const pick = chooser(`forum:${ward.code}`)
  const kind = pick.pick(['Community Forum', "Residents' Network", 'Neighbourhood Forum'])
  const name = `Example ${ward.name} ${kind} (demo)`
  const slug = `${kebab(`example ${ward.name} ${kind}`)}-${kebab(district)}`
  return fictional({
    slug,
    name,
    kind: 'generalist',
    level: 'neighbourhood',
    orgType: 'community-organisation',
    summary: `An open forum for groups and residents in ${ward.name}, ${district}, to share news and speak up together.`,
    description: `A representative, inclusive forum for ${wardLabel(ward)} ward that meets monthly, keeps a list of local groups and puts their views to ward councillors and public bodies.${bilingualNote(ward)}`,
    remit: `Any group or resident in ${ward.name}.`,
    limits: 'Volunteer-run; no paid staff and no office.',
    howToAccess: pick.pick([
      'Meetings on the first Tuesday of the month; join the mailing list by email.',
      'Meets every other month in a local venue; details by email.',
    ]),
    cost: freeCost,
    membershipBased: false,
    functions: ['networks', 'consultation', ...(pick.chance(0.5) ? ['advocacy'] : [])],
    topics: ['community-development', 'influence'],
    strands: [],
    languages: languagesFor(ward, slug),
    contacts: 'online',
    coverage: { areas: [ward.code] },
  })
}

function association(geo: DemoGeography, ward: DemoWard): RawProvider {
  const district = displayName(geo.district(ward.districtCode))
  const name = `Example ${ward.name} Community Association (demo)`
  const slug = `${kebab(`example ${ward.name} community association`)}-${kebab(district)}`
  const pick = chooser(`association:${ward.code}`)
  return fictional({
    slug,
    name,
    kind: 'generalist',
    level: 'neighbourhood',
    orgType: 'community-organisation',
    summary: `A membership community association for ${ward.name}: activities, volunteering and support for new groups.`,
    description: `A community association run by and for residents of ${wardLabel(ward)}, supporting local groups with volunteers, shared equipment and advice from experienced members.${bilingualNote(ward)}`,
    remit: `Residents and groups in ${ward.name}.`,
    limits:
      'Informal help only; refers groups needing funding or governance advice to the local generalist body.',
    cost: { type: 'membership', text: 'Household membership £5 a year; group membership £15.' },
    membershipBased: true,
    functions: ['networks', 'consultancy', ...(pick.chance(0.3) ? ['meeting-space'] : [])],
    topics: ['community-development', 'volunteering'],
    strands: [],
    languages: languagesFor(ward, slug),
    openingHours: pick.chance(0.5) ? buildingHours(slug) : undefined,
    contacts: pick.chance(0.5) ? 'full' : 'online',
    office: pointInside(ward.geometry, 0.3),
    coverage: { areas: [ward.code] },
  })
}

function listText(items: readonly string[]): string {
  return items.length < 2
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}

/** Small-grants funds for groups of neighbouring wards (by code order); some groups get none. */
function grantFunds(geo: DemoGeography, wards: DemoWard[]): RawProvider[] {
  const funds: RawProvider[] = []
  const size = 5
  for (let start = 0; start < wards.length; start += size) {
    const group = wards.slice(start, start + size)
    const first = group[0]
    if (!first) continue
    const pick = chooser(`grants:${first.code}`)
    if (!pick.chance(0.7)) continue
    const district = displayName(geo.district(first.districtCode))
    const names = group.map((w) => w.name)
    const label = names.length > 1 ? `${names[0]} and Neighbouring Wards` : (names[0] ?? '')
    const name = `Example ${label} Small Grants Fund (demo)`
    const slug = `${kebab(`example ${names[0] ?? ''} small grants fund`)}-${kebab(district)}`
    funds.push(
      fictional({
        slug,
        name,
        kind: 'generalist',
        level: 'neighbourhood',
        orgType: pick.chance(0.5) ? 'community-organisation' : 'public-body',
        summary: `Grants of £50 to £1,000 for community groups in ${listText(names)}.`,
        description: `A small grants fund for groups in ${listText(group.map(wardLabel))} (${district}), decided by a panel of local residents. Simple forms; new and unconstituted groups can apply.${isWelshWard(first) ? ' Gallwch ymgeisio yn Gymraeg.' : ''}`,
        remit: `Community groups active in ${listText(names)}.`,
        limits: 'Grants only: no running costs over £1,000, no individuals.',
        howToAccess: 'Apply online or on paper; the panel meets four times a year.',
        cost: freeCost,
        membershipBased: false,
        functions: ['grants'],
        topics: ['fundraising'],
        strands: [],
        languages: isWelshWard(first) ? ['en', 'cy'] : ['en'],
        formats: pick.chance(0.5) ? ['easy-read', 'large-print'] : [],
        contacts: 'online',
        coverage: { areas: group.map((w) => w.code) },
      }),
    )
  }
  return funds
}

/** Community development workers attached to part of a district's wards. */
function developmentWorkers(
  geo: DemoGeography,
  districtCode: string,
  wards: DemoWard[],
): RawProvider | undefined {
  const pick = chooser(`cdw:${districtCode}`)
  if (!pick.chance(0.6)) return undefined
  const district = displayName(geo.district(districtCode))
  const served = pick.some(wards, Math.max(2, Math.round(wards.length / 3)))
  const name = `Example ${district} Neighbourhood Development Workers (demo)`
  return fictional({
    slug: kebab(`example ${district} neighbourhood development workers`),
    name,
    kind: 'generalist',
    level: 'neighbourhood',
    orgType: 'infrastructure',
    summary: `Community development workers helping residents start and run groups in ${served.length} wards of ${district}.`,
    description: `A team of generalist capacity-building workers on the ground in ${served.map((w) => w.name).join(', ')}, helping residents set up groups, find funding and work with public bodies.`,
    remit: `Residents and new or small groups in the wards the team covers.`,
    limits: 'Works only in the wards listed; elsewhere contact the local generalist body.',
    cost: freeCost,
    membershipBased: false,
    functions: ['consultancy', 'incubation', 'information-advice'],
    topics: ['community-development', 'governance', 'fundraising'],
    strands: [],
    languages: languagesFor(served[0] ?? (wards[0] as DemoWard), districtCode),
    contacts: 'full',
    coverage: { areas: served.map((w) => w.code) },
  })
}

export function neighbourhoodBodies(geo: DemoGeography): RawProvider[] {
  const bodies: RawProvider[] = []
  const districtCodes = [...new Set(geo.wards.map((w) => w.districtCode))].sort()
  for (const districtCode of districtCodes) {
    const wards = geo.wardsIn(districtCode)
    for (const ward of wards) {
      const pick = chooser(`ward:${ward.code}`)
      const hasHub = pick.chance(HUB_PROBABILITY)
      const hasForum = pick.chance(FORUM_PROBABILITY)
      const hasAssociation = pick.chance(ASSOCIATION_PROBABILITY)
      if (hasHub) bodies.push(hub(geo, ward))
      if (hasForum) bodies.push(forum(geo, ward))
      if (hasAssociation) bodies.push(association(geo, ward))
    }
    bodies.push(...grantFunds(geo, wards))
    const workers = developmentWorkers(geo, districtCode, wards)
    if (workers) bodies.push(workers)
  }
  // One closed hub: a ward that had a building and lost it. The ward chosen is the first Bradford
  // ward (by code) that the draw above left without an active hub.
  const withHub = new Set(
    bodies.filter((b) => b.functions.includes('meeting-space')).flatMap((b) => b.coverage.areas),
  )
  const lost = geo.wardsIn('E08000032').find((w) => !withHub.has(w.code))
  if (lost) bodies.push(hub(geo, lost, 'closed'))
  return bodies
}

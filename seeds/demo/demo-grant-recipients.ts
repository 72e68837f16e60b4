import fs from 'node:fs'
import path from 'node:path'
import type { RawProvider } from '../../server/providers/provider-schema'

/**
 * Real infrastructure bodies that received grants in the 360Giving sample
 * (../shared/360giving/grants/infrastructure_grants_extract.json), so the demo's funding figures
 * rest on real grants matched to real recipients (issue 20). Everything a record says is read from
 * the grants at seed time — the name, charity and company numbers, website, and the funder and date
 * of each grant — except three things of ours, stated in each record: the area (the district the
 * grant names as its beneficiary location, or the district the body is named after), the level,
 * and the functions a body of that kind is proposed with by name (decision 0015: a council for
 * voluntary service or voluntary action body information and advice, consultancy, training,
 * networks, representation; a volunteer centre brokerage of volunteers; a national umbrella
 * information and advice, networks, representation, policy). No contact details are added.
 */

export const GRANT_RECIPIENT_SOURCE = '360giving:infrastructure_grants_extract'

type Role = 'cvs' | 'volunteer-centre' | 'national'

/** The recipients the demo holds: their org-id in the grants, their slug, area and role. */
export const grantRecipients: ReadonlyArray<{ orgId: string; slug: string; area: string; role: Role }> = [
  { orgId: 'GB-COH-04170241', slug: 'maldon-and-district-cvs', area: 'E07000074', role: 'cvs' },
  { orgId: 'GB-COH-05586169', slug: 'chelmsford-cvs', area: 'E07000070', role: 'cvs' },
  { orgId: 'GB-COH-04709512', slug: 'cvs-uttlesford', area: 'E07000077', role: 'cvs' },
  {
    orgId: 'GB-COH-05801122',
    slug: 'volunteer-centre-uttlesford',
    area: 'E07000077',
    role: 'volunteer-centre',
  },
  { orgId: 'GB-COH-08028602', slug: 'basildon-billericay-and-wickford-cvs', area: 'E07000066', role: 'cvs' },
  { orgId: 'GB-COH-04689779', slug: 'voluntary-action-epping-forest', area: 'E07000072', role: 'cvs' },
  {
    orgId: 'GB-COH-04856677',
    slug: 'castle-point-association-of-voluntary-services',
    area: 'E07000069',
    role: 'cvs',
  },
  {
    orgId: 'GB-COH-03351855',
    slug: 'southend-association-of-voluntary-services',
    area: 'E06000033',
    role: 'cvs',
  },
  { orgId: 'GB-COH-04300967', slug: 'thurrock-cvs', area: 'E06000034', role: 'cvs' },
  { orgId: 'GB-CHC-1078012', slug: 'volunteer-centre-swindon', area: 'E06000030', role: 'volunteer-centre' },
  { orgId: 'GB-CHC-1158780', slug: 'mid-sussex-voluntary-action', area: 'E07000228', role: 'cvs' },
  { orgId: 'GB-CHC-1001635', slug: 'navca', area: 'E92000001', role: 'national' },
  { orgId: 'GB-CHC-225922', slug: 'ncvo', area: 'E92000001', role: 'national' },
]

const roles: Record<Role, Pick<RawProvider, 'kind' | 'level' | 'functions' | 'topics'> & { what: string }> = {
  cvs: {
    kind: 'generalist',
    level: 'local',
    functions: ['information-advice', 'consultancy', 'training', 'networks', 'advocacy'],
    topics: [],
    what: 'a local council for voluntary service (or voluntary action body)',
  },
  'volunteer-centre': {
    kind: 'specialist',
    level: 'local',
    functions: ['brokerage'],
    topics: ['volunteering'],
    what: 'a local volunteer centre',
  },
  national: {
    kind: 'generalist',
    level: 'national',
    functions: ['information-advice', 'networks', 'advocacy', 'policy'],
    topics: [],
    what: 'a national umbrella body for the voluntary sector in England',
  },
}

interface Grant {
  id: string
  awardDate: string
  fundingOrganization: Array<{ name: string }>
  recipientOrganization: Array<{
    id: string
    name: string
    url?: string
    charityNumber?: string | number
    companyNumber?: string
  }>
}

const number = (v: unknown) => (v == null || v === '' ? undefined : String(v).replace(/\.0+$/, '').trim())
const isoDay = (s: string) => /^\d{4}-\d{2}-\d{2}/.exec(s)?.[0]

/** The recipients' records, from the grants file at `grantsFile`. */
export function grantRecipientBodies(grantsFile: string): RawProvider[] {
  const grants = (JSON.parse(fs.readFileSync(grantsFile, 'utf8')) as { grants: Grant[] }).grants
  const file = path.basename(grantsFile)
  const orgIdOf = (g: Grant) => g.recipientOrganization[0]?.id ?? ''
  return grantRecipients.map((r) => {
    const own = grants.filter((g) => orgIdOf(g) === r.orgId)
    // NAVCA and NCVO appear under a second org-id (their company or charity) in other grants: the
    // numbers below come from every grant naming the same charity number.
    const first = own[0]?.recipientOrganization[0]
    if (!first) throw new Error(`${file} has no grant to ${r.orgId}`)
    const charity = number(first.charityNumber) ?? /^GB-CHC-(\d+)$/.exec(r.orgId)?.[1]
    const related = grants.filter((g) => {
      const o = g.recipientOrganization[0]
      return (
        o && charity !== undefined && (number(o.charityNumber) === charity || o.id === `GB-CHC-${charity}`)
      )
    })
    const all = [...new Set([...own, ...related])]
    const company =
      number(first.companyNumber) ??
      all
        .map((g) => /^GB-COH-(\d+)$/.exec(orgIdOf(g))?.[1])
        .find((c) => c !== undefined)
        ?.padStart(8, '0')
    const website = all.map((g) => g.recipientOrganization[0]?.url).find((u) => u && /^https?:\/\//.test(u))
    const dated = all
      .map((g) => ({ day: isoDay(g.awardDate), funder: g.fundingOrganization[0]?.name ?? '', id: g.id }))
      .filter((g): g is { day: string; funder: string; id: string } => g.day !== undefined)
      .sort((a, b) => a.day.localeCompare(b.day))
    const role = roles[r.role]
    const { what, ...codes } = role
    return {
      slug: r.slug,
      name: first.name,
      ...codes,
      orgType: 'infrastructure',
      status: 'active',
      summary: `${first.name}: ${what}, recorded from its grants in the 360Giving sample data.`,
      description:
        `This record was made from grants published under the 360Giving Data Standard (${file}): ` +
        `${all.map((g) => `${g.fundingOrganization[0]?.name} (${g.id})`).join('; ')}. ` +
        'Its name and registration numbers are as the funders published them; its area is the one the grant ' +
        'names or the body is named after, and its functions are those a body of its kind is proposed with by ' +
        'name (decision 0015). It has not been checked against the body as it is today.',
      cost: { type: 'mixed', text: 'Costs are not stated in the grant data.' },
      membershipBased: false,
      strands: [],
      languages: ['en'],
      formats: [],
      qualityMarks: [],
      ...(website ? { website } : {}),
      ...(charity ? { charityNumber: charity } : {}),
      ...(company ? { companyNumber: company } : {}),
      ...(dated.length > 0 ? { lastVerifiedAt: dated[dated.length - 1]?.day } : {}),
      source: GRANT_RECIPIENT_SOURCE,
      coverage: { areas: [r.area] },
    }
  })
}

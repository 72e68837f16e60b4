import type { RawProvider } from '../../server/providers/provider-schema'
import { DEMO_REFERENCE_DATE } from './demo-record-helpers'

/**
 * The national onward routes for Scotland and Northern Ireland, where the directory has no
 * records yet (docs/decisions/0012). The product's domain notes (docs/domain.md, "Levels") name
 * them: in Scotland each of the 32 council areas has a Third Sector Interface and the national
 * body is the Scottish Council for Voluntary Organisations; in Northern Ireland the national body
 * is the Northern Ireland Council for Voluntary Action. Names and what the notes say only: no
 * contacts, no office, no quality marks, no verification date of our own.
 */

export const DOMAIN_NOTES_SOURCE = 'docs:domain'

export const SCOTLAND = 'S92000003'
export const NORTHERN_IRELAND = 'N92000002'

/** The demo's reference date (a fixed age before the seed day): when these records were written from the notes (not a check with the body). */
const NOTES_DATE = DEMO_REFERENCE_DATE

const NOT_CHECKED =
  'Support Atlas has no details of its own for this body: no contact details are recorded, and the record has not been checked with the body. Search for it by name to reach it.'

const UNKNOWN_COST: RawProvider['cost'] = { type: 'mixed', text: 'Costs are not recorded.' }

function nationBody(spec: {
  slug: string
  name: string
  summary: string
  description: string
  area: string
}): RawProvider {
  return {
    slug: spec.slug,
    name: spec.name,
    kind: 'generalist',
    level: 'national',
    orgType: 'infrastructure',
    status: 'active',
    summary: spec.summary,
    description: `${spec.description} ${NOT_CHECKED}`,
    remit: 'An onward route for places the directory does not yet cover.',
    cost: UNKNOWN_COST,
    membershipBased: false,
    // What the notes say such a body is for: the generalist route to support in its nation.
    functions: ['information-advice', 'brokerage'],
    topics: [],
    strands: [],
    languages: ['en'],
    formats: [],
    qualityMarks: [],
    lastVerifiedAt: NOTES_DATE,
    source: DOMAIN_NOTES_SOURCE,
    coverage: { areas: [spec.area] },
  }
}

export function nationBodies(): RawProvider[] {
  return [
    nationBody({
      slug: 'scottish-council-for-voluntary-organisations',
      name: 'Scottish Council for Voluntary Organisations (SCVO)',
      summary: 'The national body for the voluntary sector in Scotland.',
      description:
        "Named in Support Atlas's domain notes as the national body for voluntary-sector infrastructure in Scotland.",
      area: SCOTLAND,
    }),
    nationBody({
      slug: 'third-sector-interface-network-scotland',
      name: 'Third Sector Interface network (Scotland)',
      summary:
        'Each of the 32 Scottish council areas has a Third Sector Interface (TSI) supporting local groups.',
      description:
        "Named in Support Atlas's domain notes: in Scotland each of the 32 council areas has a Third Sector Interface, the local route to voluntary-sector support. The directory does not yet hold a record for each one.",
      area: SCOTLAND,
    }),
    nationBody({
      slug: 'northern-ireland-council-for-voluntary-action',
      name: 'Northern Ireland Council for Voluntary Action (NICVA)',
      summary: 'The national body for the voluntary and community sector in Northern Ireland.',
      description:
        "Named in Support Atlas's domain notes as the national body for voluntary-sector infrastructure in Northern Ireland.",
      area: NORTHERN_IRELAND,
    }),
  ]
}

import { createHash } from 'node:crypto'
import { stableId } from '../directory/directory-service'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import type {
  OrukAttribute,
  OrukContact,
  OrukCostOption,
  OrukLanguage,
  OrukLocation,
  OrukOrganization,
  OrukSchedule,
  OrukService,
  OrukServiceArea,
  OrukServiceAtLocation,
} from './oruk-schemas'
import { type PublishedTerm, publishedVocabularies, ROLE_TERMS, type TermIndex } from './oruk-taxonomy'

/**
 * Our provider records -> ORUK objects (pure). One provider is one ORUK organization delivering
 * one service; the service id is the provider id, and every other id is a name-based UUID of the
 * provider id, so re-seeding or re-importing the same records publishes the same ids.
 * ORUK's JSON Schemas type their fields as plain strings and numbers, so an absent value is left
 * out, never sent as null. See docs/decisions/0006-oruk-mapping.md for what goes where.
 */

/** The facts of one provider the feed publishes (read by oruk-queries, camelCase). */
export interface ProviderFacts {
  id: string
  slug: string
  name: string
  kind: string
  level: string
  orgType: string
  status: string
  summary: string
  description: string | null
  mission: string | null
  remit: string | null
  limits: string | null
  referralCriteria: string | null
  howToAccess: string | null
  costType: string
  costText: string | null
  functions: string[]
  topics: string[]
  strands: string[]
  strandDetails: string[]
  /** The role facts beside the kind (taxonomy.md), published as terms of the roles vocabulary. */
  actsAsGeneralist: boolean
  activitySpecialist: boolean
  servesInfrastructureOnly: boolean
  languages: string[]
  formats: string[]
  openingHours: { weekly: Array<{ day: string; opens: string; closes: string }>; notes?: string } | null
  website: string | null
  email: string | null
  phone: string | null
  address: string | null
  office: { lng: number; lat: number } | null
  charityNumber: string | null
  companyNumber: string | null
  qualityMarks: string[]
  /** The name of the mark coded `other`. */
  qualityMarkOther: string | null
  /** Not carried by ORUK; the downloads publish them. */
  membershipBased: boolean
  welshName: string | null
  welshSummary: string | null
  welshDescription: string | null
  welshHowToAccess: string | null
  annualReportUrl: string | null
  lastVerifiedAt: string | null
  updatedAt: string
}

/** The service area of one provider: listed areas (GSS codes) and the drawn polygon, as GeoJSON text. */
export interface ServiceAreaFacts {
  areas: Array<{ code: string; name: string; extent: string | null }>
  polygon: string | null
}

// ---------- status ----------

/** Draft records are unfinished and not published; closed ones stay visible, as ORUK "defunct". */
export const PUBLISHED_STATUSES = ['active', 'closed'] as const
export const orukStatusOf: Record<(typeof PUBLISHED_STATUSES)[number], string> = {
  active: 'active',
  closed: 'defunct',
}

// ---------- the description: our several texts in ORUK's one ----------

/**
 * ORUK has one free-text description; our records say separately what a body does, for whom, what
 * it does not do, when it takes referrals and how to reach it. They are published as labelled
 * paragraphs after the summary, so a reader sees them and our importer can split them again.
 */
export const descriptionSections = [
  ['remit', 'Remit: '],
  ['limits', 'Does not provide: '],
  ['referralCriteria', 'Referrals: '],
  ['howToAccess', 'How to access: '],
] as const

export type DescriptionField = 'summary' | 'description' | (typeof descriptionSections)[number][0]

export function composeDescription(p: Pick<ProviderFacts, DescriptionField>): string {
  const parts = [p.summary, p.description]
  for (const [field, label] of descriptionSections) {
    const text = p[field]
    if (text) parts.push(`${label}${text}`)
  }
  return parts.filter((x): x is string => Boolean(x)).join('\n\n')
}

// ---------- identifiers ----------

/**
 * A UUID XOR a fixed mask derived from `label`, leaving the version and variant digits alone: a
 * distinct, stable id per entity type that maps back to the provider id without a lookup table
 * (applying it twice gives the original), so /organizations/{id} is a keyed read.
 */
function maskedId(id: string, label: string): string {
  const mask = createHash('sha1').update(label).digest('hex')
  const hex = id.toLowerCase().replace(/-/g, '')
  let out = ''
  for (let i = 0; i < 32; i++) {
    const keep = i === 12 || i === 16
    out += keep
      ? hex[i]
      : (Number.parseInt(hex[i] as string, 16) ^ Number.parseInt(mask[i] as string, 16)).toString(16)
  }
  return `${out.slice(0, 8)}-${out.slice(8, 12)}-${out.slice(12, 16)}-${out.slice(16, 20)}-${out.slice(20)}`
}

export const orukIds = {
  organization: (providerId: string) => maskedId(providerId, 'oruk-organization'),
  location: (providerId: string) => maskedId(providerId, 'oruk-location'),
  serviceAtLocation: (providerId: string) => maskedId(providerId, 'oruk-service-at-location'),
  /** The provider behind an organization, location or service-at-location id (masking is its own inverse). */
  providerOf: (kind: 'organization' | 'location' | 'serviceAtLocation', id: string) =>
    maskedId(
      id,
      kind === 'organization'
        ? 'oruk-organization'
        : kind === 'location'
          ? 'oruk-location'
          : 'oruk-service-at-location',
    ),
  contact: (providerId: string) => stableId('oruk-contact', providerId),
  phone: (providerId: string) => stableId('oruk-phone', providerId),
  costOption: (providerId: string) => stableId('oruk-cost-option', providerId),
  language: (providerId: string, code: string) => stableId('oruk-language', `${providerId}:${code}`),
  schedule: (providerId: string, key: string) => stableId('oruk-schedule', `${providerId}:${key}`),
  serviceArea: (providerId: string, key: string) => stableId('oruk-service-area', `${providerId}:${key}`),
  attribute: (linkId: string, termId: string) => stableId('oruk-attribute', `${linkId}:${termId}`),
  accessibility: (providerId: string, code: string) =>
    stableId('oruk-accessibility', `${providerId}:${code}`),
  identifier: (providerId: string, scheme: string) => stableId('oruk-identifier', `${providerId}:${scheme}`),
}

/** The persistent URI of a GSS code in the ONS linked-data register. */
export const gssUri = (code: string) => `http://statistics.data.gov.uk/id/statistical-geography/${code}`

/** Organisation identifiers, with the org-id.guide scheme codes for the two registers we hold. */
export const identifierSchemes = {
  charity: { scheme: 'GB-CHC', type: 'Charity number' },
  company: { scheme: 'GB-COH', type: 'Company number' },
} as const

/**
 * A provider's organisation identifiers (org-id.guide): its charity and company numbers with their
 * schemes, as the ORUK feed publishes them and the downloads list them (`GB-CHC-1234567`).
 */
export function identifiersOf(p: Pick<ProviderFacts, 'charityNumber' | 'companyNumber'>) {
  return [
    ...(p.charityNumber ? [{ ...identifierSchemes.charity, identifier: p.charityNumber }] : []),
    ...(p.companyNumber ? [{ ...identifierSchemes.company, identifier: p.companyNumber }] : []),
  ]
}

/** The org-ids of a provider as strings: scheme, hyphen, identifier. */
export const orgIdsOf = (p: Pick<ProviderFacts, 'charityNumber' | 'companyNumber'>) =>
  identifiersOf(p).map((i) => `${i.scheme}-${i.identifier}`)

/**
 * A provider's quality marks as people name them, for ORUK's free-text `accreditations`: each
 * code's label, and the mark coded `other` by the name the record gives it. The import reads
 * these names back to codes (server/imports/imports-oruk-mapping.ts).
 */
export function accreditationsOf(
  p: Pick<ProviderFacts, 'qualityMarks' | 'qualityMarkOther'>,
  taxonomy: Taxonomy,
): string[] {
  return p.qualityMarks.map((code) =>
    code === 'other'
      ? (p.qualityMarkOther ?? taxonomy.qualityMarks.find((t) => t.code === code)?.label ?? code)
      : (taxonomy.qualityMarks.find((t) => t.code === code)?.label ?? code),
  )
}

// ---------- building ----------

export interface BuildContext {
  taxonomy: Taxonomy
  terms: TermIndex
  /** Origin of absolute links (scheme://host), from the request. */
  baseUrl: string
  /** The language the reader asked for (`Accept-Language`): Welsh texts replace English ones where the record has them. */
  lang: FeedLanguage
}

export type FeedLanguage = 'en' | 'cy'

/** The page of our own site for a provider: the organization's persistent URI. */
export const providerUri = (baseUrl: string, slug: string) => `${baseUrl}/providers/${slug}`

function attribute(linkId: string, linkType: string, term: PublishedTerm['term']): OrukAttribute {
  return {
    id: orukIds.attribute(linkId, term.id),
    link_id: linkId,
    link_type: linkType,
    taxonomy_term_id: term.id,
    taxonomy_term: term,
  }
}

function codesOf(p: ProviderFacts, vocabulary: PublishedTerm['vocabulary']): string[] {
  switch (vocabulary) {
    case 'levels':
      return [p.level]
    case 'kinds':
      return [p.kind]
    case 'orgTypes':
      return [p.orgType]
    case 'costTypes':
      return [p.costType]
    case 'roles':
      return ROLE_TERMS.filter((t) => p[t.field]).map((t) => t.code)
    case 'functions':
    case 'topics':
    case 'strands':
    case 'strandDetails':
    case 'formats':
      return p[vocabulary]
    case 'functionFamilies':
      return []
  }
}

function attributesFor(p: ProviderFacts, ctx: BuildContext, attachTo: 'service' | 'organization') {
  const linkId = attachTo === 'service' ? p.id : orukIds.organization(p.id)
  const out: OrukAttribute[] = []
  for (const vocab of publishedVocabularies.filter((v) => v.attachTo === attachTo)) {
    for (const code of codesOf(p, vocab.vocabulary)) {
      const term = ctx.terms.term(vocab.vocabulary, code)
      if (term) out.push(attribute(linkId, attachTo, term))
    }
  }
  return out
}

export function organizationOf(p: ProviderFacts, ctx: BuildContext, full: boolean): OrukOrganization {
  const org: OrukOrganization = {
    id: orukIds.organization(p.id),
    name: p.name,
    description: p.mission ?? p.summary,
    ...(p.email ? { email: p.email } : {}),
    ...(p.website ? { website: p.website } : {}),
    uri: providerUri(ctx.baseUrl, p.slug),
  }
  if (!full) return org
  const identifiers = identifiersOf(p)
  return {
    ...org,
    organization_identifiers: identifiers.map((i) => ({
      id: orukIds.identifier(p.id, i.scheme),
      organization_id: org.id,
      identifier_scheme: i.scheme,
      identifier_type: i.type,
      identifier: i.identifier,
    })),
    attributes: attributesFor(p, ctx, 'organization'),
  }
}

/** The one-to-one fields of a service, as list endpoints give them. */
export function serviceSummaryOf(p: ProviderFacts, ctx: BuildContext): OrukService {
  return {
    id: p.id,
    organization_id: orukIds.organization(p.id),
    name: p.name,
    description: composeDescription(p),
    ...(p.website ? { url: p.website } : {}),
    ...(p.email ? { email: p.email } : {}),
    status: orukStatusOf[p.status as keyof typeof orukStatusOf] ?? 'inactive',
    ...(p.qualityMarks.length > 0 ? { accreditations: accreditationsOf(p, ctx.taxonomy).join('; ') } : {}),
    ...(p.lastVerifiedAt ? { assured_date: p.lastVerifiedAt } : {}),
    last_modified: p.updatedAt,
    organization: organizationOf(p, ctx, false),
  }
}

const rruleDay: Record<string, string> = {
  mon: 'MO',
  tue: 'TU',
  wed: 'WE',
  thu: 'TH',
  fri: 'FR',
  sat: 'SA',
  sun: 'SU',
}

/** Weekly opening hours as RFC 5545 style weekly schedules, one per distinct opening time. */
export function schedulesOf(p: ProviderFacts): OrukSchedule[] {
  const hours = p.openingHours
  if (!hours) return []
  const groups = new Map<string, string[]>()
  for (const slot of hours.weekly) {
    const key = `${slot.opens}-${slot.closes}`
    groups.set(key, [...(groups.get(key) ?? []), rruleDay[slot.day] ?? slot.day.toUpperCase()])
  }
  const notes = hours.notes ? { notes: hours.notes } : {}
  if (groups.size === 0)
    return hours.notes ? [{ id: orukIds.schedule(p.id, 'notes'), service_id: p.id, ...notes }] : []
  return [...groups].map(([key, days]) => {
    const [opens, closes] = key.split('-') as [string, string]
    return {
      id: orukIds.schedule(p.id, key),
      service_id: p.id,
      freq: 'WEEKLY',
      interval: 1,
      byday: days.join(','),
      opens_at: `${opens}:00`,
      closes_at: `${closes}:00`,
      ...notes,
    }
  })
}

export function serviceAreasOf(p: ProviderFacts, area: ServiceAreaFacts): OrukServiceArea[] {
  const listed = area.areas.map((a) => ({
    id: orukIds.serviceArea(p.id, a.code),
    service_id: p.id,
    name: `${a.name} (${a.code})`,
    service_area: a.name,
    uri: gssUri(a.code),
    ...(a.extent ? { extent: a.extent, extent_type: 'geojson' } : {}),
  }))
  const drawn = area.polygon
    ? [
        {
          id: orukIds.serviceArea(p.id, 'polygon'),
          service_id: p.id,
          name: 'Drawn service area',
          service_area: `The area drawn on the map for ${p.name}`,
          extent: area.polygon,
          extent_type: 'geojson',
        },
      ]
    : []
  return [...listed, ...drawn]
}

export function locationOf(p: ProviderFacts, ctx: BuildContext): OrukLocation | undefined {
  if (!p.office && !p.address) return undefined
  const id = orukIds.location(p.id)
  const labels = new Map(ctx.taxonomy.formats.map((f) => [f.code, f.label]))
  return {
    id,
    location_type: p.office ? 'physical' : 'postal',
    name: p.name,
    ...(p.address ? { description: p.address } : {}),
    ...(p.office ? { latitude: p.office.lat, longitude: p.office.lng } : {}),
    ...(p.formats.length > 0
      ? {
          accessibility: p.formats.map((code) => ({
            id: orukIds.accessibility(p.id, code),
            location_id: id,
            description: labels.get(code) ?? code,
          })),
        }
      : {}),
  }
}

export function serviceAtLocationOf(p: ProviderFacts, ctx: BuildContext): OrukServiceAtLocation | undefined {
  const location = locationOf(p, ctx)
  if (!location) return undefined
  return { id: orukIds.serviceAtLocation(p.id), service_id: p.id, location_id: location.id, location }
}

function contactsOf(p: ProviderFacts): OrukContact[] {
  if (!p.phone && !p.email) return []
  const id = orukIds.contact(p.id)
  return [
    {
      id,
      service_id: p.id,
      name: 'General enquiries',
      ...(p.email ? { email: p.email } : {}),
      ...(p.phone
        ? {
            phones: [
              { id: orukIds.phone(p.id), contact_id: id, number: p.phone, description: 'Main number' },
            ],
          }
        : {}),
    },
  ]
}

function languagesOf(p: ProviderFacts, ctx: BuildContext): OrukLanguage[] {
  const labels = new Map(ctx.taxonomy.languages.map((l) => [l.code, l.label]))
  return p.languages.map((code) => ({
    id: orukIds.language(p.id, code),
    service_id: p.id,
    name: labels.get(code) ?? code,
    code,
  }))
}

function costOptionsOf(p: ProviderFacts, ctx: BuildContext): OrukCostOption[] {
  const label = ctx.taxonomy.costTypes.find((c) => c.code === p.costType)?.label ?? p.costType
  return [
    {
      id: orukIds.costOption(p.id),
      service_id: p.id,
      option: label,
      ...(p.costType === 'free' ? { amount: 0 } : {}),
      ...(p.costText ? { amount_description: p.costText } : {}),
    },
  ]
}

/** The fully nested service of GET /services/{id}. */
export function serviceFullOf(p: ProviderFacts, area: ServiceAreaFacts, ctx: BuildContext): OrukService {
  const sal = serviceAtLocationOf(p, ctx)
  return {
    ...serviceSummaryOf(p, ctx),
    organization: organizationOf(p, ctx, true),
    schedules: schedulesOf(p),
    service_areas: serviceAreasOf(p, area),
    service_at_locations: sal ? [sal] : [],
    languages: languagesOf(p, ctx),
    cost_options: costOptionsOf(p, ctx),
    contacts: contactsOf(p),
    attributes: attributesFor(p, ctx, 'service'),
  }
}

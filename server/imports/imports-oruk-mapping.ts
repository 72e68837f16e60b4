import type { DemoProvider, OpeningHours, Weekday } from '../../seeds/demo/demo-types'
import { SLUG_PATTERN, UUID_PATTERN } from '../directory/directory-schemas'
import { GSS_CODE } from '../geo/geo-schemas'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import { descriptionSections, identifierSchemes } from './oruk-records'
import {
  type OrukAttribute,
  type OrukLocation,
  type OrukSchedule,
  type OrukService,
  type OrukServiceArea,
  orukServiceSchema,
} from './oruk-schemas'
import {
  type PublishedTerm,
  type PublishedVocabularyName,
  publishedVocabularies,
  termIndex,
} from './oruk-taxonomy'

/**
 * ORUK 3.0 -> our provider records (pure: no database, no clock). Reads a service list page, a
 * service package (an array of full services) or one service, maps taxonomy terms back to our
 * codes where they match, and reports what it could not carry over. The bulk importer validates
 * the records through the provider input schema and inserts them; this module only maps.
 * The rules are written down in docs/decisions/0006-oruk-mapping.md.
 */

/** A provider record as the directory's insert path takes it; the id is the ORUK service id. */
export type MappedProvider = Omit<DemoProvider, 'lastVerifiedAt'> & {
  id?: string
  lastVerifiedAt?: string
}

export interface UnmappedFact {
  serviceId: string
  /** 1-based position of the service in the document. */
  position: number
  field: string
  value: string
  reason: string
}

export interface SkippedService {
  serviceId: string
  /** 1-based position of the service in the document. */
  position: number
  name: string
  reasons: string[]
}

export interface OrukImportReport {
  /** Services read from the document. */
  services: number
  mapped: number
  /** Services that could not become a record (a required fact missing or unreadable). */
  skipped: SkippedService[]
  /** Facts of mapped services left out or replaced by a default, each with why. */
  unmapped: UnmappedFact[]
}

export interface OrukImportOptions {
  taxonomy: Taxonomy
  /** The `source` written on every record. */
  source: string
  /** GSS codes loaded in the target database; a service area outside them is reported. */
  knownAreaCodes?: ReadonlySet<string>
}

// ---------- reading the document ----------

/** The services of a list page ({contents}), a package (an array) or a single service. */
export function servicesOf(document: unknown): unknown[] {
  if (Array.isArray(document)) return document
  if (document && typeof document === 'object') {
    const contents = (document as { contents?: unknown }).contents
    if (Array.isArray(contents)) return contents
    return [document]
  }
  return []
}

// ---------- taxonomy terms ----------

type Vocabulary = PublishedTerm['vocabulary']

const norm = (text: string) => text.trim().toLowerCase()

/** Matches an ORUK term to one of our codes: by our own term id, by taxonomy and code, or by label. */
function termMatcher(taxonomy: Taxonomy) {
  const index = termIndex(taxonomy)
  const vocabByTaxonomy = new Map<string, PublishedVocabularyName>()
  for (const t of index.taxonomies) {
    vocabByTaxonomy.set(t.id, t.vocabulary)
    vocabByTaxonomy.set(norm(t.name), t.vocabulary)
  }
  const byLabel = new Map<string, PublishedTerm[]>()
  for (const t of index.terms) {
    const source = t.vocabulary === 'functionFamilies' ? taxonomy.functionFamilies : taxonomy[t.vocabulary]
    const entry = source.find((x) => x.code === t.code)
    for (const label of [entry?.label, entry?.labelCy]) {
      if (!label) continue
      byLabel.set(norm(label), [...(byLabel.get(norm(label)) ?? []), t])
    }
  }
  const codeIn = (vocab: PublishedVocabularyName, code: string): PublishedTerm | undefined =>
    index.terms.find(
      (t) =>
        t.code === code &&
        (t.vocabulary === vocab || (vocab === 'functions' && t.vocabulary === 'functionFamilies')),
    )

  return (attr: OrukAttribute): { found: PublishedTerm } | { reason: string } => {
    const term = attr.taxonomy_term
    const id = (attr.taxonomy_term_id ?? term?.id ?? '').toLowerCase()
    const own = index.byId.get(id)
    if (own) return { found: own }
    if (!term) return { reason: 'the attribute has no taxonomy term to read' }
    const vocab =
      vocabByTaxonomy.get((term.taxonomy_id ?? '').toLowerCase()) ??
      vocabByTaxonomy.get(norm(term.taxonomy ?? ''))
    const code = term.term ?? term.code
    if (vocab && code) {
      const match = codeIn(vocab, code)
      if (match) return { found: match }
      return { reason: `"${code}" is not a code of our ${vocab}` }
    }
    const labelled = byLabel.get(norm(term.name)) ?? []
    if (labelled.length === 1 && labelled[0]) return { found: labelled[0] }
    if (labelled.length > 1) {
      return { reason: `the label matches codes of ${labelled.map((t) => t.vocabulary).join(' and ')}` }
    }
    return { reason: 'no code of our taxonomy has this id, code or label' }
  }
}

// ---------- the description ----------

const SUMMARY_MAX = 500

/** Splits a description written by composeDescription (or any free text) back into our fields. */
export function splitDescription(text: string): {
  summary?: string
  description?: string
  remit?: string
  limits?: string
  referralCriteria?: string
  howToAccess?: string
} {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
  const out: Record<string, string[]> = {}
  let field = 'summary'
  for (const paragraph of paragraphs) {
    const section = descriptionSections.find(([, label]) => paragraph.startsWith(label))
    if (section) {
      field = section[0]
      out[field] = [...(out[field] ?? []), paragraph.slice(section[1].length).trim()]
    } else if (field === 'summary' && out.summary) {
      field = 'description'
      out.description = [paragraph]
    } else {
      out[field] = [...(out[field] ?? []), paragraph]
    }
  }
  const joined = (f: string) => (out[f]?.length ? out[f]?.join('\n\n') : undefined)
  return {
    summary: joined('summary'),
    description: joined('description'),
    remit: joined('remit'),
    limits: joined('limits'),
    referralCriteria: joined('referralCriteria'),
    howToAccess: joined('howToAccess'),
  }
}

// ---------- schedules ----------

const weekdayOf: Record<string, Weekday> = {
  MO: 'mon',
  TU: 'tue',
  WE: 'wed',
  TH: 'thu',
  FR: 'fri',
  SA: 'sat',
  SU: 'sun',
}
const CLOCK = /^([01]\d|2[0-4]):[0-5]\d(:[0-5]\d)?$/

/** Weekly schedules -> opening hours; anything else (monthly, no times) is reported, not guessed. */
function openingHoursOf(schedules: OrukSchedule[], report: (value: string, reason: string) => void) {
  const weekly: OpeningHours['weekly'] = []
  let notes: string | undefined
  for (const s of schedules) {
    notes ??= s.notes?.trim() || undefined
    if (!s.byday && !s.opens_at && !s.closes_at) continue
    const days = (s.byday ?? '').split(',').map((d) => weekdayOf[d.trim().toUpperCase()])
    const ok =
      (s.freq ?? 'WEEKLY').toUpperCase() === 'WEEKLY' &&
      (s.interval ?? 1) === 1 &&
      days.length > 0 &&
      days.every(Boolean) &&
      CLOCK.test(s.opens_at ?? '') &&
      CLOCK.test(s.closes_at ?? '')
    const opens = (s.opens_at ?? '').slice(0, 5)
    const closes = (s.closes_at ?? '').slice(0, 5)
    if (!ok || opens >= closes) {
      report(
        `${s.freq ?? ''} ${s.byday ?? ''} ${s.opens_at ?? ''}-${s.closes_at ?? ''}`.trim(),
        'only weekly opening times (BYDAY with opens_at before closes_at) are read',
      )
      continue
    }
    for (const day of days) weekly.push({ day: day as Weekday, opens, closes })
  }
  if (weekly.length === 0 && !notes) return undefined
  // Kept in the feed's order: our export writes one schedule per opening time in the order the
  // record first uses it, so our own records come back slot for slot.
  return { weekly, ...(notes ? { notes } : {}) }
}

// ---------- service areas ----------

const GSS_AT_END = /([EWSNLK]\d{8})\/?$/

type Polygonal = { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown }

function geometryOf(extent: string): Polygonal | undefined {
  try {
    let value = JSON.parse(extent) as { type?: string; geometry?: unknown; coordinates?: unknown }
    if (value?.type === 'Feature') value = value.geometry as typeof value
    if ((value?.type === 'Polygon' || value?.type === 'MultiPolygon') && Array.isArray(value.coordinates)) {
      return { type: value.type, coordinates: value.coordinates }
    }
  } catch {
    return undefined
  }
  return undefined
}

function coverageOf(
  areas: OrukServiceArea[],
  known: ReadonlySet<string> | undefined,
  report: (field: string, value: string, reason: string) => void,
): MappedProvider['coverage'] {
  const codes: string[] = []
  const polygons: unknown[][] = []
  for (const area of areas) {
    const code = GSS_AT_END.exec(area.uri ?? '')?.[1]
    if (code && GSS_CODE.test(code)) {
      if (known && !known.has(code)) report('service_areas', code, 'the area is not in the loaded geography')
      else if (!codes.includes(code)) codes.push(code)
      continue
    }
    const label = area.name ?? area.service_area ?? area.id
    if (!area.extent) {
      report('service_areas', label, 'neither a GSS code (in uri) nor a GeoJSON extent')
      continue
    }
    const geometry =
      (area.extent_type ?? 'geojson').toLowerCase() === 'geojson' ? geometryOf(area.extent) : undefined
    if (!geometry) {
      report(
        'service_areas',
        label,
        `the extent is not a GeoJSON polygon (extent_type ${area.extent_type ?? 'unset'})`,
      )
      continue
    }
    if (geometry.type === 'Polygon') polygons.push(geometry.coordinates as unknown[])
    else polygons.push(...(geometry.coordinates as unknown[][]))
  }
  const polygon: Polygonal | undefined =
    polygons.length === 0
      ? undefined
      : polygons.length === 1
        ? { type: 'Polygon', coordinates: polygons[0] }
        : { type: 'MultiPolygon', coordinates: polygons }
  return { areas: codes, ...(polygon ? { polygon } : {}) }
}

// ---------- small fields ----------

const PHONE = /^\+?[0-9 ()-]{6,20}$/
// Domain labels cannot hold a dot, so a long dotted run cannot be split two ways (no backtracking).
export const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/
const ISO_DATE = /^(\d{4}-\d{2}-\d{2})(T.*)?$/

function httpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined
  try {
    const url = new URL(value)
    return (url.protocol === 'http:' || url.protocol === 'https:') && value.length <= 500 ? value : undefined
  } catch {
    return undefined
  }
}

function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’.]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '')
}

/** Our own feed publishes each organization's page as its uri; the slug is its last segment. */
function slugOf(service: OrukService): string {
  const fromUri = /\/providers\/([a-z0-9-]+)\/?$/.exec(service.organization?.uri ?? '')?.[1]
  if (fromUri && SLUG_PATTERN.test(fromUri) && /[a-z]/.test(fromUri)) return fromUri
  const slug = slugify(service.name)
  return /[a-z]/.test(slug) ? slug : `service-${slug || 'unnamed'}`
}

function physicalLocation(service: OrukService): OrukLocation | undefined {
  const locations = (service.service_at_locations ?? []).flatMap((s) => (s.location ? [s.location] : []))
  return locations.find((l) => l.latitude !== undefined && l.longitude !== undefined) ?? locations[0]
}

const statusOf: Record<string, DemoProvider['status']> = {
  active: 'active',
  inactive: 'closed',
  defunct: 'closed',
  'temporarily closed': 'closed',
}

// ---------- one service ----------

function mapService(
  service: OrukService,
  options: OrukImportOptions,
  match: ReturnType<typeof termMatcher>,
  unmapped: UnmappedFact[],
  position: number,
): { record: MappedProvider } | { reasons: string[] } {
  const report = (field: string, value: string, reason: string) =>
    unmapped.push({ serviceId: service.id, position, field, value, reason })
  const { taxonomy } = options
  const codes = new Map<Vocabulary, string[]>()
  const attributes = [
    ...(service.attributes ?? []).map((a) => ['attributes', a] as const),
    ...(service.organization?.attributes ?? []).map((a) => ['organization.attributes', a] as const),
  ]
  for (const [field, attr] of attributes) {
    const result = match(attr)
    const term = 'found' in result ? result.found.term : attr.taxonomy_term
    const label = term ? `${term.taxonomy ?? 'term'}: ${term.name}` : attr.id
    if ('reason' in result) {
      report(field, label, result.reason)
      continue
    }
    const { vocabulary, code } = result.found
    if (vocabulary === 'functionFamilies') {
      report(field, label, 'a function family; records list the functions themselves')
      continue
    }
    const list = codes.get(vocabulary) ?? []
    if (!list.includes(code)) codes.set(vocabulary, [...list, code])
  }
  const list = (v: Vocabulary) => codes.get(v) ?? []
  const one = (v: Vocabulary, field: string) => {
    const found = list(v)
    if (found.length > 1) report('attributes', found.join(', '), `one ${field} only; kept ${found[0]}`)
    return found[0]
  }

  const reasons: string[] = []
  const level = one('levels', 'level')
  if (!level) reasons.push(`no level: attach a term of "${nameOf('levels')}"`)
  const functions = list('functions')
  if (functions.length === 0) reasons.push(`no function: attach a term of "${nameOf('functions')}"`)
  const status = statusOf[service.status.toLowerCase()]
  if (!status) reasons.push(`status "${service.status}" is not an ORUK status`)
  const text = splitDescription(service.description ?? '')
  const summary = text.summary ?? splitDescription(service.organization?.description ?? '').summary
  if (!summary) reasons.push('no description to take a summary from')
  if (reasons.length > 0 || !level || !status || !summary) return { reasons }

  const strands = list('strands')
  let kind = one('kinds', 'kind')
  if (!kind) {
    kind = strands.length > 0 ? 'specialist' : 'generalist'
    report(
      'attributes',
      kind,
      `no kind given: ${kind} assumed from ${strands.length > 0 ? 'its strands' : 'having no strands'}`,
    )
  }
  let orgType = one('orgTypes', 'organisation type')
  if (!orgType) {
    orgType = 'infrastructure'
    report('organization.attributes', orgType, 'no organisation type given: infrastructure assumed')
  }
  const cost = service.cost_options?.[0]
  let costType = one('costTypes', 'cost type')
  if (!costType) {
    const byLabel = taxonomy.costTypes.find((c) => norm(c.label) === norm(cost?.option ?? ''))?.code
    costType = byLabel ?? (cost?.amount === 0 ? 'free' : cost?.amount !== undefined ? 'charged' : 'mixed')
    if (!byLabel) report('cost_options', costType, `no cost type given: ${costType} assumed`)
  }

  const languages: string[] = []
  for (const language of service.languages ?? []) {
    const found = taxonomy.languages.find(
      (l) => l.code === language.code?.toLowerCase() || norm(l.label) === norm(language.name ?? '-'),
    )
    if (found && !languages.includes(found.code)) languages.push(found.code)
    else if (!found)
      report('languages', language.code ?? language.name ?? language.id, 'not a language of our list')
  }

  if (summary.length > SUMMARY_MAX)
    report('description', `${summary.slice(0, 40)}...`, 'summary cut to 500 characters')
  const mission = service.organization?.description?.trim()

  const website = httpUrl(service.url) ?? httpUrl(service.organization?.website)
  for (const [field, value] of [
    ['url', service.url],
    ['organization.website', service.organization?.website],
  ] as const) {
    if (value && !httpUrl(value)) report(field, value, 'not an http(s) URL of at most 500 characters')
  }
  const emails = [service.email, service.organization?.email, ...(service.contacts ?? []).map((c) => c.email)]
  const email = emails.find((e): e is string => Boolean(e && EMAIL.test(e) && e.length <= 320))
  for (const value of emails) {
    if (value && !EMAIL.test(value)) report('email', value, 'not an email address')
  }
  const phones = [...(service.phones ?? []), ...(service.contacts ?? []).flatMap((c) => c.phones ?? [])]
  const phone = phones.map((p) => p.number.trim()).find((n) => PHONE.test(n))
  if (!phone && phones.length > 0)
    report('phones', phones[0]?.number ?? '', 'not a phone number we can store')

  const location = physicalLocation(service)
  const lat = location?.latitude
  const lng = location?.longitude
  const office =
    lat !== undefined && lng !== undefined && Math.abs(lat) <= 90 && Math.abs(lng) <= 180
      ? { lng, lat }
      : undefined
  const postal = location?.addresses?.[0]
  const address =
    location?.description?.trim() ||
    (postal
      ? [postal.address_1, postal.city, postal.state_province, postal.postal_code].filter(Boolean).join(', ')
      : undefined)

  const identifiers = service.organization?.organization_identifiers ?? []
  const identifier = (scheme: { scheme: string; type: string }, also: string[] = []) =>
    identifiers.find(
      (i) =>
        [scheme.scheme, ...also].includes(i.identifier_scheme ?? '') ||
        norm(i.identifier_type) === norm(scheme.type),
    )?.identifier

  const hours = openingHoursOf(service.schedules ?? [], (value, reason) => report('schedules', value, reason))
  const verified = ISO_DATE.exec(service.assured_date ?? '')?.[1]

  const record: MappedProvider = {
    ...(UUID_PATTERN.test(service.id) ? { id: service.id.toLowerCase() } : {}),
    slug: slugOf(service),
    name: service.name.trim(),
    kind: kind as DemoProvider['kind'],
    level: level as DemoProvider['level'],
    orgType: orgType as DemoProvider['orgType'],
    status,
    summary: summary.slice(0, SUMMARY_MAX),
    ...(text.description ? { description: text.description } : {}),
    ...(mission && mission !== summary ? { mission } : {}),
    ...(text.remit ? { remit: text.remit } : {}),
    ...(text.limits ? { limits: text.limits } : {}),
    ...(text.referralCriteria ? { referralCriteria: text.referralCriteria } : {}),
    ...(text.howToAccess ? { howToAccess: text.howToAccess } : {}),
    cost: {
      type: costType as DemoProvider['cost']['type'],
      ...(cost?.amount_description ? { text: cost.amount_description } : {}),
    },
    // ORUK has no membership flag; membership-priced help is the nearest fact it carries.
    membershipBased: costType === 'membership',
    functions,
    topics: list('topics'),
    strands,
    languages,
    formats: list('formats'),
    ...(hours ? { openingHours: hours } : {}),
    ...(website ? { website } : {}),
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    ...(address ? { address } : {}),
    ...(office ? { office } : {}),
    ...(identifier(identifierSchemes.charity, ['GB-SC', 'GB-NIC'])
      ? { charityNumber: identifier(identifierSchemes.charity, ['GB-SC', 'GB-NIC']) }
      : {}),
    ...(identifier(identifierSchemes.company)
      ? { companyNumber: identifier(identifierSchemes.company) }
      : {}),
    qualityMarks: (service.accreditations ?? '')
      .split(';')
      .map((m) => m.trim())
      .filter(Boolean),
    ...(verified ? { lastVerifiedAt: verified } : {}),
    source: options.source,
    coverage: coverageOf(service.service_areas ?? [], options.knownAreaCodes, report),
  }
  if (record.coverage.areas.length === 0 && !record.coverage.polygon) {
    report('service_areas', '(none)', 'no service area: the record will not be signposted anywhere')
  }
  return { record }
}

const nameOf = (vocabulary: PublishedVocabularyName) =>
  publishedVocabularies.find((v) => v.vocabulary === vocabulary)?.name ?? vocabulary

/**
 * Maps an ORUK document to provider records and a report. Slugs are made unique within the
 * document; statuses other than ours map as the decision note says (inactive, defunct and
 * temporarily closed become closed).
 */
export function mapOrukDocument(
  document: unknown,
  options: OrukImportOptions,
): { providers: MappedProvider[]; positions: number[]; report: OrukImportReport } {
  const match = termMatcher(options.taxonomy)
  const raw = servicesOf(document)
  const providers: MappedProvider[] = []
  const positions: number[] = []
  const skipped: SkippedService[] = []
  const unmapped: UnmappedFact[] = []
  const slugs = new Set<string>()
  raw.forEach((item, i) => {
    const parsed = orukServiceSchema.safeParse(item)
    if (!parsed.success) {
      const id = (item as { id?: unknown })?.id
      skipped.push({
        serviceId: typeof id === 'string' ? id : `#${i + 1}`,
        position: i + 1,
        name: String((item as { name?: unknown })?.name ?? ''),
        reasons: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'service'}: ${issue.message}`),
      })
      return
    }
    const result = mapService(parsed.data, options, match, unmapped, i + 1)
    if ('reasons' in result) {
      skipped.push({
        serviceId: parsed.data.id,
        position: i + 1,
        name: parsed.data.name,
        reasons: result.reasons,
      })
      return
    }
    let slug = result.record.slug
    for (let n = 2; slugs.has(slug); n++) slug = `${result.record.slug.slice(0, 110)}-${n}`
    if (slug !== result.record.slug)
      unmapped.push({
        serviceId: parsed.data.id,
        position: i + 1,
        field: 'slug',
        value: result.record.slug,
        reason: `already used in this document: ${slug} instead`,
      })
    slugs.add(slug)
    providers.push({ ...result.record, slug })
    positions.push(i + 1)
  })
  return {
    providers,
    positions,
    report: { services: raw.length, mapped: providers.length, skipped, unmapped },
  }
}

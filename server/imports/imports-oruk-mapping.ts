import { identifierSchemes } from '../oruk/oruk-records'
import { type OrukService, orukServiceSchema } from '../oruk/oruk-schemas'
import { type PublishedVocabularyName, publishedVocabularies, ROLE_TERMS } from '../oruk/oruk-taxonomy'
import { type RawProvider as DemoProvider, UUID_PATTERN } from '../providers/provider-schema'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import {
  coverageOf,
  EMAIL,
  httpUrl,
  ISO_DATE,
  type MappedProvider,
  norm,
  openingHoursOf,
  PHONE,
  physicalLocation,
  SUMMARY_MAX,
  servicesOf,
  slugOf,
  splitDescription,
  statusOf,
  termMatcher,
  type Vocabulary,
} from './imports-oruk-fields'

/**
 * ORUK 3.0 -> our provider records (pure: no database, no clock). Reads a service list page, a
 * service package (an array of full services) or one service, maps taxonomy terms back to our
 * codes where they match, and reports what it could not carry over. The bulk importer validates
 * the records through the provider input schema and inserts them; this module only maps.
 * The rules are written down in docs/decisions/0006-oruk-mapping.md.
 */

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

/**
 * ORUK's free-text `accreditations` (`;`-separated) as quality-mark codes: a piece naming a mark
 * of the list (its code, or its English or Welsh label, in any case) is that mark; the rest are
 * kept, in order, as the name of the mark coded `other`.
 */
export function qualityMarksOf(
  accreditations: string | undefined,
  taxonomy: Taxonomy,
): { qualityMarks: string[]; qualityMarkOther?: string } {
  const byName = new Map<string, string>()
  for (const t of taxonomy.qualityMarks) {
    if (t.code === 'other') continue
    for (const name of [t.code, t.label, t.labelCy]) if (name) byName.set(norm(name), t.code)
  }
  const codes = new Set<string>()
  const others: string[] = []
  for (const piece of (accreditations ?? '').split(';').map((m) => m.trim())) {
    if (!piece) continue
    const code = byName.get(norm(piece))
    if (code) codes.add(code)
    else if (!others.includes(piece)) others.push(piece)
  }
  // In the list's order, `other` last, as the form and the schema keep them.
  const qualityMarks = taxonomy.qualityMarks.map((t) => t.code).filter((c) => codes.has(c))
  if (others.length === 0) return { qualityMarks }
  return { qualityMarks: [...qualityMarks, 'other'], qualityMarkOther: others.join('; ').slice(0, 200) }
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
    strandDetails: list('strandDetails'),
    ...Object.fromEntries(ROLE_TERMS.map((t) => [t.field, list('roles').includes(t.code)])),
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
    ...qualityMarksOf(service.accreditations, options.taxonomy),
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

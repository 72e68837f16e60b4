import { GSS_CODE } from '../geo/geo-schemas'
import { descriptionSections } from '../oruk/oruk-records'
import type {
  OrukAttribute,
  OrukLocation,
  OrukSchedule,
  OrukService,
  OrukServiceArea,
} from '../oruk/oruk-schemas'
import {
  type PublishedTerm,
  type PublishedVocabularyName,
  ROLE_TERMS,
  termIndex,
} from '../oruk/oruk-taxonomy'
import {
  type RawProvider as DemoProvider,
  type OpeningHours,
  SLUG_PATTERN,
  type Weekday,
} from '../providers/provider-schema'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'

/**
 * Reading the parts of an ORUK 3.0 service our provider record holds (taxonomy terms, the
 * description, schedules, service areas, small fields); imports-oruk-mapping.ts puts them together.
 */

/** A provider record as the directory's insert path takes it; the id is the ORUK service id. */
export type MappedProvider = Omit<DemoProvider, 'lastVerifiedAt'> & {
  id?: string
  lastVerifiedAt?: string
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

export type Vocabulary = PublishedTerm['vocabulary']

export const norm = (text: string) => text.trim().toLowerCase()

/** Matches an ORUK term to one of our codes: by our own term id, by taxonomy and code, or by label. */
export function termMatcher(taxonomy: Taxonomy) {
  const index = termIndex(taxonomy)
  const vocabByTaxonomy = new Map<string, PublishedVocabularyName>()
  for (const t of index.taxonomies) {
    vocabByTaxonomy.set(t.id, t.vocabulary)
    vocabByTaxonomy.set(norm(t.name), t.vocabulary)
  }
  const byLabel = new Map<string, PublishedTerm[]>()
  for (const t of index.terms) {
    const source: ReadonlyArray<{ code: string; label: string; labelCy: string }> =
      t.vocabulary === 'functionFamilies'
        ? taxonomy.functionFamilies
        : t.vocabulary === 'roles'
          ? ROLE_TERMS
          : taxonomy[t.vocabulary]
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

export const SUMMARY_MAX = 500

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
export function openingHoursOf(schedules: OrukSchedule[], report: (value: string, reason: string) => void) {
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

export function coverageOf(
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

export const PHONE = /^\+?[0-9 ()-]{6,20}$/
// Domain labels cannot hold a dot, so a long dotted run cannot be split two ways (no backtracking).
export const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/
export const ISO_DATE = /^(\d{4}-\d{2}-\d{2})(T.*)?$/

export function httpUrl(value: string | undefined): string | undefined {
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
export function slugOf(service: OrukService): string {
  const fromUri = /\/providers\/([a-z0-9-]+)\/?$/.exec(service.organization?.uri ?? '')?.[1]
  if (fromUri && SLUG_PATTERN.test(fromUri) && /[a-z]/.test(fromUri)) return fromUri
  const slug = slugify(service.name)
  return /[a-z]/.test(slug) ? slug : `service-${slug || 'unnamed'}`
}

export function physicalLocation(service: OrukService): OrukLocation | undefined {
  const locations = (service.service_at_locations ?? []).flatMap((s) => (s.location ? [s.location] : []))
  return locations.find((l) => l.latitude !== undefined && l.longitude !== undefined) ?? locations[0]
}

export const statusOf: Record<string, DemoProvider['status']> = {
  active: 'active',
  inactive: 'closed',
  defunct: 'closed',
  'temporarily closed': 'closed',
}

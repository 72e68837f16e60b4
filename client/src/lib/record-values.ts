import type { TFunction } from 'i18next'
import type { Vocabulary } from './taxonomy'
import type { Localised } from './use-localised'

/**
 * A provider record's fields as an editor reads them: the edit form's labels and each value in
 * words in the interface language (taxonomy labels, hours by day, the office as a place), never
 * code names or raw JSON. Shared by the moderation diff, the history and the audit trail.
 */

type Translate = TFunction<'translation'>

/** The record's fields in the edit form's order (unknown fields come after, as they are). */
export const RECORD_FIELD_ORDER = [
  'name',
  'welshName',
  'slug',
  'kind',
  'level',
  'orgType',
  'status',
  'summary',
  'welshSummary',
  'description',
  'welshDescription',
  'mission',
  'remit',
  'limits',
  'referralCriteria',
  'howToAccess',
  'welshHowToAccess',
  'cost',
  'membershipBased',
  'functions',
  'topics',
  'strands',
  'languages',
  'formats',
  'openingHours',
  'office',
  'website',
  'email',
  'phone',
  'address',
  'charityNumber',
  'companyNumber',
  'qualityMarks',
  'annualReportUrl',
  'lastVerifiedAt',
  'source',
  'coverage',
] as const

const vocabularyOf: Record<string, Vocabulary> = {
  kind: 'kinds',
  level: 'levels',
  orgType: 'orgTypes',
  status: 'statuses',
  functions: 'functions',
  topics: 'topics',
  strands: 'strands',
  languages: 'languages',
  formats: 'formats',
}

/** Labels the edit form does not show under the record's own field name. */
const labelKeyOf: Record<string, string> = {
  cost: 'admin.record.fields.costType',
  status: 'admin.values.fields.status',
  openingHours: 'admin.record.hours.legend',
  office: 'admin.record.office.legend',
  lastVerifiedAt: 'admin.values.fields.lastVerifiedAt',
  coverage: 'admin.coverage.title',
}

const known = new Set<string>(RECORD_FIELD_ORDER)

/** The edit form's label of a record field (the field name itself for one it does not know). */
export function recordFieldLabel(field: string, t: Translate): string {
  if (!known.has(field)) return field
  return t((labelKeyOf[field] ?? `admin.record.fields.${field}`) as 'admin.record.fields.name')
}

/** Sorts field names into the edit form's order. */
export function byFormOrder(a: string, b: string): number {
  const rank = (f: string) => {
    const i = (RECORD_FIELD_ORDER as readonly string[]).indexOf(f)
    return i === -1 ? RECORD_FIELD_ORDER.length : i
  }
  return rank(a) - rank(b) || a.localeCompare(b)
}

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

function sourceText(source: string, t: Translate): string {
  if (source === 'demo') return t('provider.about.sources.demo')
  if (source === 'source:000') return t('provider.about.sources.source000')
  if (source === 'source:001') return t('provider.about.sources.source001')
  return source
}

/**
 * One value in words, one line per item ('' for nothing: the caller says "none" its own way).
 * Anything of an unknown shape is flattened to "key: value" lines, so no JSON reaches the page.
 */
export function describeRecordValue(
  field: string,
  value: unknown,
  localised: Localised,
  t: Translate,
): string {
  if (value === null || value === undefined || value === '') return ''
  const vocabulary = vocabularyOf[field]
  if (vocabulary) {
    const codes = Array.isArray(value) ? value.map(String) : [String(value)]
    return localised.labels(vocabulary, codes).join('\n')
  }
  if (typeof value === 'boolean') return value ? t('admin.values.yes') : t('admin.values.no')
  if (field === 'cost' && typeof value === 'object') {
    const { type, text } = value as { type?: string; text?: string }
    return [type ? localised.label('costTypes', type) : '', text ?? ''].filter(Boolean).join('\n')
  }
  if (field === 'openingHours' && typeof value === 'object') {
    const { weekly = [], notes } = value as {
      weekly?: Array<{ day: string; opens: string; closes: string }>
      notes?: string
    }
    const lines = weekdays.flatMap((day) => {
      const slots = weekly.filter((s) => s.day === day).sort((a, b) => a.opens.localeCompare(b.opens))
      if (slots.length === 0) return []
      return [
        `${t(`provider.days.${day}`)}: ${slots
          .map((s) => t('provider.hours.slot', { opens: s.opens, closes: s.closes }))
          .join(', ')}`,
      ]
    })
    if (weekly.length === 0) lines.push(t('admin.values.noWeeklyHours'))
    if (notes) lines.push(t('admin.values.hoursNotes', { notes }))
    return lines.join('\n')
  }
  if (field === 'office' && typeof value === 'object') {
    const { lng, lat } = value as { lng: number; lat: number }
    return t('admin.values.office', { lat: lat.toFixed(5), lng: lng.toFixed(5) })
  }
  if (field === 'coverage' && typeof value === 'object') {
    const { areas = [], polygon } = value as { areas?: string[]; polygon?: unknown }
    const lines: string[] = [
      areas.length === 0
        ? t('admin.values.noAreas')
        : t('admin.values.areas', { count: areas.length, list: areas.join(', ') }),
    ]
    lines.push(polygon ? t('admin.values.drawnArea') : t('admin.values.noDrawnArea'))
    return lines.join('\n')
  }
  if (field === 'lastVerifiedAt' && typeof value === 'string') return localised.date(value)
  if (field === 'source' && typeof value === 'string') return sourceText(value, t)
  if (Array.isArray(value)) return value.map((v) => describeRecordValue('', v, localised, t)).join('\n')
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${describeRecordValue(k, v, localised, t).replace(/\n/g, ', ')}`)
      .join('\n')
  }
  return String(value)
}

import type { ProviderDetail } from '../api/records'

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']

/** One opening slot as the hours table edits it (HH:MM, UK local time). */
export interface HoursSlot {
  day: Weekday
  opens: string
  closes: string
}

/** The edit form's state: text as typed, code lists as chosen. */
export interface RecordForm {
  name: string
  /** The name in Welsh, shown instead of `name` when the interface is in Welsh. */
  welshName: string
  slug: string
  kind: string
  level: string
  orgType: string
  summary: string
  /** The summary, description and how-to-access in Welsh (optional), shown in the Welsh interface. */
  welshSummary: string
  description: string
  welshDescription: string
  mission: string
  remit: string
  limits: string
  referralCriteria: string
  howToAccess: string
  welshHowToAccess: string
  costType: string
  costText: string
  membershipBased: boolean
  functions: string[]
  topics: string[]
  strands: string[]
  languages: string[]
  formats: string[]
  website: string
  email: string
  phone: string
  address: string
  charityNumber: string
  companyNumber: string
  qualityMarks: string
  annualReportUrl: string
  source: string
  status: 'active' | 'draft'
  /** Weekly opening slots, in the order they were added. */
  hours: HoursSlot[]
  /** Exceptions and notes (bank holidays, by appointment, ...). */
  hoursNotes: string
  office: { lng: number; lat: number } | null
}

export type TextField = Exclude<
  {
    [K in keyof RecordForm]: RecordForm[K] extends string ? K : never
  }[keyof RecordForm],
  'hoursNotes'
>
export type CodeField = 'functions' | 'topics' | 'strands' | 'languages' | 'formats'

const OPTIONAL_TEXT = [
  'welshName',
  'welshSummary',
  'description',
  'welshDescription',
  'mission',
  'remit',
  'limits',
  'referralCriteria',
  'howToAccess',
  'welshHowToAccess',
  'website',
  'email',
  'phone',
  'address',
  'charityNumber',
  'companyNumber',
  'annualReportUrl',
] as const

export function emptyForm(): RecordForm {
  return {
    name: '',
    welshName: '',
    slug: '',
    kind: '',
    level: '',
    orgType: '',
    summary: '',
    welshSummary: '',
    description: '',
    welshDescription: '',
    mission: '',
    remit: '',
    limits: '',
    referralCriteria: '',
    howToAccess: '',
    welshHowToAccess: '',
    costType: '',
    costText: '',
    membershipBased: false,
    functions: [],
    topics: [],
    strands: [],
    languages: [],
    formats: [],
    website: '',
    email: '',
    phone: '',
    address: '',
    charityNumber: '',
    companyNumber: '',
    qualityMarks: '',
    annualReportUrl: '',
    source: 'admin',
    status: 'active',
    hours: [],
    hoursNotes: '',
    office: null,
  }
}

export function formFromRecord(r: ProviderDetail): RecordForm {
  const form = emptyForm()
  for (const key of OPTIONAL_TEXT) form[key] = r[key] ?? ''
  return {
    ...form,
    name: r.name,
    slug: r.slug,
    kind: r.kind,
    level: r.level,
    orgType: r.orgType,
    summary: r.summary,
    costType: r.cost.type,
    costText: r.cost.text ?? '',
    membershipBased: r.membershipBased,
    functions: [...r.functions],
    topics: [...r.topics],
    strands: [...r.strands],
    languages: [...r.languages],
    formats: [...r.formats],
    qualityMarks: r.qualityMarks.join('\n'),
    source: r.source,
    hours: (r.openingHours?.weekly ?? []).map((slot) => ({ ...slot, day: slot.day as Weekday })),
    hoursNotes: r.openingHours?.notes ?? '',
    office: r.office ? { lng: r.office.lng, lat: r.office.lat } : null,
  }
}

/**
 * The write body: blank optional text is left out of a new record (so it never stores an empty
 * string) and sent as `null` for an existing one (PATCH clears the field: a dead phone number can
 * be removed); required fields are always sent, blank or not, so the server names what is missing.
 */
export function bodyFromForm(form: RecordForm, isNew: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: form.name.trim(),
    slug: form.slug.trim(),
    kind: form.kind,
    level: form.level,
    orgType: form.orgType,
    summary: form.summary.trim(),
    cost: { type: form.costType, ...(form.costText.trim() ? { text: form.costText.trim() } : {}) },
    membershipBased: form.membershipBased,
    functions: form.functions,
    topics: form.topics,
    strands: form.strands,
    languages: form.languages,
    formats: form.formats,
    qualityMarks: form.qualityMarks
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    source: form.source.trim(),
  }
  for (const key of OPTIONAL_TEXT) {
    const value = form[key].trim()
    if (value) body[key] = value
    else if (!isNew) body[key] = null
  }
  // Hours and office: sent when set; an existing record's are cleared with null when emptied.
  const notes = form.hoursNotes.trim()
  if (form.hours.length > 0 || notes) {
    body.openingHours = {
      weekly: form.hours.map(({ day, opens, closes }) => ({ day, opens, closes })),
      ...(notes ? { notes } : {}),
    }
  } else if (!isNew) body.openingHours = null
  if (form.office) body.office = form.office
  else if (!isNew) body.office = null
  if (isNew) {
    body.status = form.status
    body.coverage = { areas: [] }
  }
  return body
}

/** Which form field a server error's path (`cost.type`, `functions.2`) belongs to. */
export function formFieldOf(path: string): keyof RecordForm | undefined {
  const [head, sub] = path.split('.')
  if (head === 'cost') return sub === 'text' ? 'costText' : 'costType'
  if (head === 'openingHours') return sub === 'notes' ? 'hoursNotes' : 'hours'
  const keys = Object.keys(emptyForm()) as Array<keyof RecordForm>
  return keys.find((k) => k === head)
}

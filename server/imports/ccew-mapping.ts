import fs from 'node:fs'
import { parse as parseCsv } from 'csv-parse/sync'
import type { RawProvider } from '../providers/provider-schema'
import type { ExtractCharity } from './ccew-extract'

/**
 * A register charity -> a draft provider record: the register's public contact fields, the
 * office from the postcode, the coverage from the areas of operation (mapped onto our 2013 codes by
 * ../shared/charity/cc_aoo_to_2013_codes.csv, read at run time), the level inferred from that
 * coverage, and kind, functions, topics and strands as the scoring proposed them. Decision 0015.
 */

export const CCEW_SOURCE = 'ccew'
export const AOO_FILE = 'cc_aoo_to_2013_codes.csv'

/** England and Wales together: not an area we load, so both nations. */
const ENGLAND_AND_WALES = 'K04000001'
const NATIONS_OF_ENGLAND_AND_WALES = ['E92000001', 'W92000004']

type Level = 'local' | 'subregional' | 'regional' | 'national'
const LEVEL_RANK: Record<Level, number> = { local: 0, subregional: 1, regional: 2, national: 3 }

export interface MappedArea {
  codes: string[]
  level: Level
}

/** `type|name` (lower case) -> the 2013 area(s) and their level. */
export type AreaMap = Map<string, MappedArea>

const areaKey = (type: string, name: string) => `${type.trim().toLowerCase()}|${name.trim().toLowerCase()}`

export function loadAreaMap(file: string): AreaMap {
  const rows = parseCsv(fs.readFileSync(file, 'utf8'), { bom: true, columns: true }) as Array<
    Record<string, string>
  >
  const map: AreaMap = new Map()
  for (const row of rows) {
    const code = row.code_2013 ?? ''
    const levelOf = (): Level => {
      switch (row.level_2013) {
        case 'utla':
          return Number(row.n_lad13) > 1 ? 'subregional' : 'local'
        case 'county':
          return 'subregional'
        case 'region':
          return code.startsWith('W92') ? 'national' : 'regional'
        default:
          return 'national'
      }
    }
    map.set(areaKey(row.geographic_area_type ?? '', row.cc_name ?? ''), {
      codes: code === ENGLAND_AND_WALES ? NATIONS_OF_ENGLAND_AND_WALES : [code],
      level: levelOf(),
    })
  }
  return map
}

/** The areas of operation as our coverage: codes (deduplicated) and level; unmapped ones named. */
export function coverageOf(
  areas: ExtractCharity['areas'],
  map: AreaMap,
): { codes: string[]; level: Level | null; unmapped: string[] } {
  const codes = new Set<string>()
  const unmapped: string[] = []
  let level: Level | null = null
  for (const area of areas) {
    const mapped = map.get(areaKey(area.type, area.description))
    if (!mapped) {
      unmapped.push(`${area.type}: ${area.description}`)
      continue
    }
    for (const code of mapped.codes) codes.add(code)
    if (level === null || LEVEL_RANK[mapped.level] > LEVEL_RANK[level]) level = mapped.level
  }
  // Several districts together are a group of authorities: the subregional level (taxonomy.md).
  if (level === 'local' && codes.size > 1) level = 'subregional'
  return { codes: [...codes], level, unmapped }
}

/** Words kept in capitals when an all-capitals register name is put in title case. */
const ACRONYMS = new Set([
  'CVS',
  'BME',
  'BAME',
  'LGBT',
  'LGBTQ',
  'VCS',
  'VCSE',
  'UK',
  'RCC',
  'CIO',
  'NHS',
  'CIC',
])
const SMALL_WORDS = new Set(['and', 'for', 'of', 'the', 'in', 'with', 'on', 'at', 'to', 'a', 'an'])

/** The register writes many names and texts in capitals; they are shown as words are written. */
export function titleCase(name: string): string {
  if (name !== name.toUpperCase()) return name.trim()
  return name
    .trim()
    .split(/\s+/)
    .map((word, i) => {
      if (ACRONYMS.has(word.replace(/[^A-Z]/g, ''))) return word
      const lower = word.toLowerCase()
      if (i > 0 && SMALL_WORDS.has(lower)) return lower
      return lower.replace(/(^|[-(’'])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase())
    })
    .join(' ')
}

export function sentenceCase(text: string): string {
  if (text !== text.toUpperCase()) return text.trim()
  const lower = text.trim().toLowerCase()
  const words = lower.replace(/\b[a-z]+\b/g, (w) => (ACRONYMS.has(w.toUpperCase()) ? w.toUpperCase() : w))
  return words.replace(/(^|[.!?]\s+)([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase())
}

export function slugFor(name: string, charityNumber: number): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/g, '')
  return `${words || 'charity'}-${charityNumber}`
}

function website(raw: string | null | undefined): string | undefined {
  const text = raw?.trim()
  if (!text) return undefined
  const withProtocol = /^https?:\/\//i.test(text) ? text : `https://${text}`
  try {
    const url = new URL(withProtocol)
    return url.hostname.includes('.') && !/\s/.test(text) ? url.toString() : undefined
  } catch {
    return undefined
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const PHONE = /^\+?[0-9 ()-]{6,20}$/

function companyNumber(raw: string | number | null | undefined): string | undefined {
  const text = String(raw ?? '').trim()
  if (text === '' || text === '0') return undefined
  return /^\d+$/.test(text) ? text.padStart(8, '0') : text.toUpperCase()
}

/** A summary of at most 500 characters: the activities cut at a word. */
function summaryOf(activities: string | undefined, charityNumber: number): string {
  if (!activities) return `Registered charity ${charityNumber} in England and Wales.`
  if (activities.length <= 500) return activities
  const cut = activities.slice(0, 499)
  return `${cut.slice(0, cut.lastIndexOf(' ') > 400 ? cut.lastIndexOf(' ') : 499)}…`
}

/** What the import keeps beside the record (provider_sources): not provider fields. */
export interface RegisterFacts {
  orgIds: string[]
  latestIncome: number | null
  score: number
  evidence: unknown[]
  areasOfOperation: string[]
}

export type DraftOutcome =
  | { skip: string }
  | { input: RawProvider & { status: 'draft' }; facts: RegisterFacts; notes: string[] }

export const NO_AREA = 'no area of operation in England or Wales'

/** The record fields the register supplies: re-imports update these, unless an editor changed one. */
export const REGISTER_FIELDS = [
  'name',
  'summary',
  'description',
  'website',
  'email',
  'phone',
  'address',
  'office',
  'charityNumber',
  'companyNumber',
  'level',
  'coverage',
] as const

export function draftOf(
  charity: ExtractCharity,
  context: { areas: AreaMap; locate: (postcode: string) => { lng: number; lat: number } | undefined },
): DraftOutcome {
  const { row, score } = charity
  const coverage = coverageOf(charity.areas, context.areas)
  if (coverage.level === null) return { skip: NO_AREA }
  const notes: string[] = []
  const name = titleCase(row.charity_name)
  const activities = row.charity_activities?.trim() ? sentenceCase(row.charity_activities) : undefined
  const site = website(row.charity_contact_web)
  if (row.charity_contact_web?.trim() && !site)
    notes.push(`website left out: "${row.charity_contact_web}" is not a web address`)
  const email = row.charity_contact_email?.trim()
  if (email && !EMAIL.test(email)) notes.push(`email left out: "${email}" is not an email address`)
  const phone = row.charity_contact_phone?.trim()
  if (phone && !PHONE.test(phone)) notes.push(`phone left out: "${phone}" is not a phone number`)
  const postcode = row.charity_contact_postcode?.trim()
  const office = postcode ? context.locate(postcode) : undefined
  if (postcode && !office) notes.push(`no office point: postcode "${postcode}" is not known`)
  const address = [
    row.charity_contact_address1,
    row.charity_contact_address2,
    row.charity_contact_address3,
    row.charity_contact_address4,
    row.charity_contact_address5,
    postcode,
  ]
    .map((line) => line?.trim())
    .filter((line): line is string => Boolean(line))
    .join(', ')
  const company = companyNumber(row.charity_company_registration_number)
  const summary = summaryOf(activities, row.registered_charity_number)
  const input: RawProvider & { status: 'draft' } = {
    slug: slugFor(name, row.registered_charity_number),
    name,
    kind: score.kind,
    level: coverage.level,
    orgType: 'infrastructure',
    status: 'draft',
    summary,
    ...(activities && activities !== summary ? { description: activities } : {}),
    // The register says nothing of cost: "some free, some charged" until an editor knows better.
    cost: { type: 'mixed' },
    membershipBased: false,
    functions: score.functions,
    topics: score.topics,
    strands: score.strands,
    languages: [],
    formats: [],
    ...(site ? { website: site } : {}),
    ...(email && EMAIL.test(email) ? { email } : {}),
    ...(phone && PHONE.test(phone) ? { phone } : {}),
    ...(address ? { address } : {}),
    ...(office ? { office: { lng: office.lng, lat: office.lat } } : {}),
    charityNumber: String(row.registered_charity_number),
    ...(company ? { companyNumber: company } : {}),
    qualityMarks: [],
    source: CCEW_SOURCE,
    coverage: { areas: coverage.codes },
  }
  if (coverage.unmapped.length > 0)
    notes.push(`areas outside England and Wales left out: ${coverage.unmapped.join('; ')}`)
  return {
    input,
    notes,
    facts: {
      orgIds: [`GB-CHC-${row.registered_charity_number}`, ...(company ? [`GB-COH-${company}`] : [])],
      latestIncome: row.latest_income ?? null,
      score: score.score,
      evidence: score.evidence,
      areasOfOperation: charity.areas.map((a) => `${a.type}: ${a.description}`),
    },
  }
}

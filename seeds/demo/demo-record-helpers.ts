import { DEMO_SOURCE } from '../../server/directory/demonstration-data'
import type { OpeningHours, RawProvider, Weekday } from '../../server/providers/provider-schema'
import { londonDate } from '../../server/signpost/signpost-reasons'
import { type LngLat, round6 } from './demo-geography'
import { chooser, hashString } from './demo-random'

/**
 * Shared pieces for the fictional (`source: demo`) records: plainly fictional contacts, dates
 * a fixed number of days before the seed day, opening-hours patterns and costs, all derived from the slug.
 */

/**
 * Demo dates keep their age, not their calendar day: the freshness policy judges a record by how
 * long ago it was verified, so a demo pinned to fixed days would drift (records turning stale one
 * by one, then expiring) and change what it shows from one day to the next. Every date is a fixed
 * number of days before the day the demo is seeded (in London), so each record is as fresh or as
 * stale on any day as on the day the demo was written (2026-12-07), and a seed is repeatable within
 * the day.
 */
export const DEMO_SEED_DAY = londonDate(new Date())

/** The newest demo date: 36 days before the seed day (as 2026-11-01 was to 2026-12-07). */
export const DEMO_NEWEST_AGE_DAYS = 36

/** Fictional records were verified at some point in the 24 months before the reference date. */
export const DEMO_VERIFIED_WINDOW_DAYS = 730

/**
 * A record this many days old or fewer is fresh under the default policy (verified within 12
 * months) in every year, one this old plus one is stale in a year without 29 February: no demo
 * record is verified within {@link STALE_LINE_MARGIN_DAYS} days of the line, so a leap year or a
 * run that passes midnight after seeding sees the same records stale.
 */
const STALE_LINE_AGE_DAYS = 365
const STALE_LINE_MARGIN_DAYS = 8

export function kebab(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’.]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/** YYYY-MM-DD, `days` before the seed day. */
function daysBeforeSeedDay(days: number): string {
  const [y, m, d] = DEMO_SEED_DAY.split('-').map(Number)
  const ms = Date.UTC(y ?? 2026, (m ?? 1) - 1, d ?? 1) - days * 86_400_000
  return new Date(ms).toISOString().slice(0, 10)
}

/** The day every other demo date is counted back from (the newest verification). */
export const DEMO_REFERENCE_DATE = daysBeforeSeedDay(DEMO_NEWEST_AGE_DAYS)

/** YYYY-MM-DD, `days` before the reference date. */
export function daysBeforeReference(days: number): string {
  return daysBeforeSeedDay(DEMO_NEWEST_AGE_DAYS + days)
}

/** Days before the seed day, moved out of the margin either side of the stale line, on its own side. */
export function demoAgeDays(slug: string): number {
  const age = DEMO_NEWEST_AGE_DAYS + (hashString(`verified:${slug}`) % (DEMO_VERIFIED_WINDOW_DAYS + 1))
  const fromLine = age - STALE_LINE_AGE_DAYS
  if (fromLine > -STALE_LINE_MARGIN_DAYS && fromLine <= 0) return age - STALE_LINE_MARGIN_DAYS
  if (fromLine > 0 && fromLine <= STALE_LINE_MARGIN_DAYS) return age + STALE_LINE_MARGIN_DAYS
  return age
}

export function verifiedDateFor(slug: string): string {
  return daysBeforeSeedDay(demoAgeDays(slug))
}

/** 01632 960000–960999 is Ofcom's range reserved for drama: it never rings anyone. */
export function fictionalPhone(slug: string): string {
  return `01632 960${String(hashString(`phone:${slug}`) % 1000).padStart(3, '0')}`
}

export function fictionalWebsite(slug: string): string {
  return `https://example.org/${slug}`
}

export function fictionalEmail(slug: string): string {
  const local = slug
    .replace(/^example-/, '')
    .slice(0, 60)
    .replace(/-+$/, '')
  return `${local}@example.org`
}

/** A small, repeatable offset (up to ~700 m) so offices in one district do not sit on one pin. */
export function jitter(point: LngLat, key: string): LngLat {
  const pick = chooser(`jitter:${key}`)
  return {
    lng: round6(point.lng + (pick.next() - 0.5) * 0.016),
    lat: round6(point.lat + (pick.next() - 0.5) * 0.01),
  }
}

const weekdays: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri']

function days(list: readonly Weekday[], opens: string, closes: string) {
  return list.map((day) => ({ day, opens, closes }))
}

/** Office-style hours for infrastructure bodies. */
export function officeHours(slug: string): OpeningHours {
  const pick = chooser(`hours:${slug}`)
  switch (pick.int(0, 4)) {
    case 0:
      return { weekly: days(weekdays, '09:00', '17:00'), notes: 'Closed on bank holidays.' }
    case 1:
      return {
        weekly: [
          ...days(['mon', 'tue', 'wed', 'thu'], '09:30', '16:30'),
          { day: 'fri', opens: '09:30', closes: '13:00' },
        ],
      }
    case 2:
      return {
        weekly: days(['tue', 'wed', 'thu'], '10:00', '15:00'),
        notes: 'Part-time team; messages are answered within two working days.',
      }
    case 3:
      return {
        weekly: [...days(weekdays, '09:00', '17:00'), { day: 'wed', opens: '18:00', closes: '20:00' }],
        notes: 'Evening drop-in for volunteer-run groups on Wednesdays.',
      }
    default:
      return {
        weekly: days(['mon', 'tue', 'wed', 'thu', 'fri'], '08:30', '16:00'),
        notes: 'Appointments outside these hours on request.',
      }
  }
}

/** Hours for a community building: evenings and weekends matter more than office days. */
export function buildingHours(slug: string): OpeningHours {
  const pick = chooser(`building-hours:${slug}`)
  switch (pick.int(0, 3)) {
    case 0:
      return {
        weekly: [...days(weekdays, '09:00', '21:30'), { day: 'sat', opens: '09:00', closes: '16:00' }],
        notes: 'Room bookings through the office during weekday daytime hours.',
      }
    case 1:
      return {
        weekly: [
          ...days(['mon', 'wed', 'fri'], '10:00', '14:00'),
          ...days(['tue', 'thu'], '18:00', '22:00'),
          { day: 'sat', opens: '10:00', closes: '13:00' },
        ],
        notes: 'Run by volunteers; the hall is also open for booked events.',
      }
    case 2:
      return {
        weekly: [...days(weekdays, '08:30', '22:00'), ...days(['sat', 'sun'], '10:00', '18:00')],
      }
    default:
      return {
        weekly: days(['tue', 'wed', 'thu'], '09:30', '15:30'),
        notes: 'Evening and weekend use by arrangement with the key holder.',
      }
  }
}

export type Cost = RawProvider['cost']

export const freeCost: Cost = { type: 'free', text: 'Free to voluntary and community groups in the area.' }

export function generalistCost(slug: string): { cost: Cost; membershipBased: boolean } {
  const pick = chooser(`cost:${slug}`)
  switch (pick.int(0, 4)) {
    case 0:
      return { cost: freeCost, membershipBased: false }
    case 1:
      return {
        cost: {
          type: 'membership',
          text: 'Membership £15 a year for groups with an income under £10,000, £40 otherwise; advice free to members.',
        },
        membershipBased: true,
      }
    case 2:
      return {
        cost: { type: 'mixed', text: 'Advice and signposting free; training courses £10–£35 a place.' },
        membershipBased: false,
      }
    case 3:
      return {
        cost: {
          type: 'mixed',
          text: 'Free membership; payroll and independent examination services charged at cost.',
        },
        membershipBased: true,
      }
    default:
      return {
        cost: {
          type: 'mixed',
          text: 'First session free; in-depth consultancy from £25 an hour for larger groups.',
        },
        membershipBased: false,
      }
  }
}

/** The sentence that marks every fictional description. */
export const FICTIONAL_NOTE = 'This is a fictional record made for the Support Atlas demonstration.'

export interface FictionalSpec {
  slug: string
  name: string
  kind: RawProvider['kind']
  level: RawProvider['level']
  orgType: RawProvider['orgType']
  status?: RawProvider['status']
  summary: string
  description: string
  mission?: string
  remit?: string
  limits?: string
  referralCriteria?: string
  howToAccess?: string
  cost: Cost
  membershipBased?: boolean
  functions: string[]
  topics: string[]
  strands: string[]
  languages?: string[]
  formats?: string[]
  openingHours?: OpeningHours
  /** Which fictional contacts to give: all of them, email and website only, or none. */
  contacts?: 'full' | 'online' | 'none'
  address?: string
  office?: LngLat
  qualityMarks?: string[]
  qualityMarkOther?: string
  strandDetails?: string[]
  actsAsGeneralist?: boolean
  activitySpecialist?: boolean
  servesInfrastructureOnly?: boolean
  annualReport?: boolean
  coverage: RawProvider['coverage']
}

export function fictional(spec: FictionalSpec): RawProvider {
  const contacts = spec.contacts ?? 'full'
  const { contacts: _contacts, annualReport, description, ...rest } = spec
  const record: RawProvider = {
    ...rest,
    status: spec.status ?? 'active',
    description: `${description} ${FICTIONAL_NOTE}`,
    membershipBased: spec.membershipBased ?? spec.cost.type === 'membership',
    languages: spec.languages ?? ['en'],
    formats: spec.formats ?? [],
    qualityMarks: spec.qualityMarks ?? [],
    lastVerifiedAt: verifiedDateFor(spec.slug),
    source: DEMO_SOURCE,
  }
  if (contacts !== 'none') {
    record.website = fictionalWebsite(spec.slug)
    record.email = fictionalEmail(spec.slug)
  }
  if (contacts === 'full') record.phone = fictionalPhone(spec.slug)
  if (annualReport) record.annualReportUrl = `${fictionalWebsite(spec.slug)}/annual-report.pdf`
  // Drop undefined keys so records compare and serialise cleanly.
  for (const key of Object.keys(record) as Array<keyof RawProvider>) {
    if (record[key] === undefined) delete record[key]
  }
  return record
}

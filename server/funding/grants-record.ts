import { strandsOfDeiCodes } from './dei-strands'

/**
 * One grant as the import keeps it, read from a validated 360Giving grant: the first funder and
 * first recipient organisation (the standard allows several; published files give one), the
 * planned dates, programmes, beneficiary locations and the DEI codes of the grant's `mission` and
 * `project` parts (who the work serves; `leadership` describes who leads the recipient and is
 * not a strand of the grant).
 */

export type MatchMethod = 'org-id' | 'charity-number' | 'name-postcode' | 'editor'
export const MATCH_METHODS: readonly MatchMethod[] = ['org-id', 'charity-number', 'name-postcode', 'editor']

export interface GrantRecord {
  grantId: string
  title: string
  description: string | null
  amountAwarded: number
  currency: string
  awardDate: string
  awardDatePublished: string | null
  plannedStartDate: string | null
  plannedEndDate: string | null
  funder: { orgId: string; name: string }
  recipient: {
    orgId: string
    name: string
    charityNumber: string | null
    companyNumber: string | null
    postcode: string | null
  }
  programmes: Array<{ code: string | null; title: string | null }>
  locations: Array<{ geoCode: string | null; geoCodeType: string | null; name: string | null }>
  deiCodes: string[]
  publisher: string | null
  published: Record<string, unknown>
}

type Obj = Record<string, unknown>
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null)
const first = (v: unknown): Obj => (Array.isArray(v) && typeof v[0] === 'object' && v[0] ? (v[0] as Obj) : {})

/** A full date (YYYY-MM-DD) from the standard's date, date-time or month forms; null otherwise. */
export function dateOf(v: unknown): string | null {
  const s = text(v)
  if (!s) return null
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(s)
  return m ? `${m[1]}-${m[2]}-${m[3] ?? '01'}` : null
}

/** The DEI taxonomy codes of a grant's mission and project responses. */
export function deiCodesOf(grant: Obj): string[] {
  const details = grant.deiDetails as Obj | undefined
  const codes: string[] = []
  for (const part of ['mission', 'project']) {
    const list = ((details?.[part] as Obj | undefined)?.response as Obj | undefined)?.taxonomyCodes
    if (Array.isArray(list)) for (const c of list) if (typeof c === 'string') codes.push(c)
  }
  return [...new Set(codes)]
}

/** A registration number as registers write it: "1144758.0" (a spreadsheet's number) -> "1144758". */
export function registrationNumber(v: unknown): string | null {
  const s = typeof v === 'number' ? String(v) : text(v)
  if (!s) return null
  return s.replace(/\.0+$/, '').replace(/\s+/g, '').toUpperCase()
}

export function grantRecordOf(grant: Obj, awardDatePublished: string | null): GrantRecord {
  const funder = first(grant.fundingOrganization)
  const recipient = first(grant.recipientOrganization)
  const planned = first(grant.plannedDates)
  return {
    grantId: String(grant.id),
    title: String(grant.title),
    description: text(grant.description),
    amountAwarded: Number(grant.amountAwarded),
    currency: String(grant.currency),
    awardDate: dateOf(grant.awardDate) as string,
    awardDatePublished,
    plannedStartDate: dateOf(planned.startDate),
    plannedEndDate: dateOf(planned.endDate),
    funder: { orgId: String(funder.id), name: String(funder.name) },
    recipient: {
      orgId: String(recipient.id),
      name: String(recipient.name),
      charityNumber: registrationNumber(recipient.charityNumber),
      companyNumber: registrationNumber(recipient.companyNumber),
      postcode: text(recipient.postalCode)?.toUpperCase() ?? null,
    },
    programmes: (Array.isArray(grant.grantProgramme) ? (grant.grantProgramme as Obj[]) : []).map((p) => ({
      code: text(p.code),
      title: text(p.title),
    })),
    locations: (Array.isArray(grant.beneficiaryLocation) ? (grant.beneficiaryLocation as Obj[]) : [])
      .map((l) => ({ geoCode: text(l.geoCode), geoCodeType: text(l.geoCodeType), name: text(l.name) }))
      .filter((l) => l.geoCode || l.name),
    deiCodes: deiCodesOf(grant),
    publisher: text(grant.dataSource),
    published: grant,
  }
}

/** The strands a grant counts under: the recipient record's, and its DEI codes' (decision 0016). */
export const grantStrands = (recipientStrands: readonly string[], deiCodes: readonly string[]) => [
  ...new Set([...recipientStrands, ...strandsOfDeiCodes(deiCodes)]),
]

import { z } from 'zod'
import { single, wholeNumber } from '../lib/query-string'

/**
 * Open Referral UK 3.0: the query parameters our /oruk endpoints accept, and the shapes of the
 * ORUK objects we publish and import. The authoritative shapes are the JSON Schemas in
 * ../shared/oruk/3.0/schema/ (the conformance tests validate every response against them); the
 * zod objects here are what our own code reads and writes, so an import is parsed at the edge.
 */

// ---------- query parameters ----------

export const ORUK_PER_PAGE_MAX = 100
export const ORUK_PER_PAGE_DEFAULT = 50
export const ORUK_PAGE_MAX = 100_000
export const ORUK_SEARCH_MAX_CHARS = 200
/** The widest `proximity` a caller may ask for: beyond this a postcode says little about nearness. */
export const ORUK_PROXIMITY_MAX_METRES = 200_000

/** Bad values are echoed in messages to 20 characters at most. */
const echo20 = { echoChars: 20 }

function flag(field: string) {
  return single(field).transform((raw, ctx) => {
    if (raw === 'true') return true
    if (raw === 'false') return false
    ctx.addIssue({ code: 'custom', message: `${field} must be true or false (got "${raw.slice(0, 20)}")` })
    return z.NEVER
  })
}

/** The spec's `format` (json, or ndjson streaming): we answer JSON pages only, and say so. */
const format = single('format').refine((v) => v === 'json', {
  message: 'format must be json (ndjson streaming is not offered; page through the JSON results)',
})

/** The spec's `minimal`: a list of ids and dates that its own schemas reject, so only false is accepted. */
const minimal = flag('minimal').refine((v) => v === false, {
  message: 'minimal=true is not offered; use modified_after to fetch what changed',
})

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$/

/** ISO 8601 date or date-time -> an unambiguous ISO string (a time without zone is read as UTC). */
export function parseModifiedAfter(raw: string): string | undefined {
  const text = raw.trim()
  const m = DATE.exec(text) ?? DATE_TIME.exec(text)
  if (!m) return undefined
  const [, y, mo, d] = m
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)))
  if (day.toISOString().slice(0, 10) !== `${y}-${mo}-${d}`) return undefined
  const normalised = DATE.test(text) ? `${text}T00:00:00Z` : m[8] ? text : `${text}Z`
  const at = new Date(normalised)
  if (Number.isNaN(at.getTime())) return undefined
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59)) return undefined
  return at.toISOString()
}

const modifiedAfter = single('modified_after').transform((raw, ctx) => {
  const parsed = parseModifiedAfter(raw)
  if (!parsed) {
    ctx.addIssue({
      code: 'custom',
      message: `modified_after must be an ISO 8601 date or date-time, such as 2026-01-31 or 2026-01-31T09:00:00Z (got "${raw.slice(0, 40)}")`,
    })
    return z.NEVER
  }
  return parsed
})

const searchText = (field: string) =>
  single(field)
    .transform((v) => v.trim())
    .refine((v) => v.length <= ORUK_SEARCH_MAX_CHARS, {
      message: `${field} must be at most ${ORUK_SEARCH_MAX_CHARS} characters`,
    })

const paging = {
  page: wholeNumber('page', 1, ORUK_PAGE_MAX, echo20).optional(),
  per_page: wholeNumber('per_page', 1, ORUK_PER_PAGE_MAX, echo20).optional(),
  format: format.optional(),
}

export interface Paging {
  page: number
  perPage: number
}

const pagingOf = (q: { page?: number; per_page?: number }): Paging => ({
  page: q.page ?? 1,
  perPage: q.per_page ?? ORUK_PER_PAGE_DEFAULT,
})

/** `search` is the spec's name, `text` the one our issue used; both mean full-text search. */
const serviceFilterShape = {
  search: searchText('search').optional(),
  text: searchText('text').optional(),
  taxonomy_term_id: single('taxonomy_term_id').optional(),
  taxonomy_id: single('taxonomy_id').optional(),
  organization_id: single('organization_id').optional(),
  modified_after: modifiedAfter.optional(),
  full: flag('full').optional(),
  ...paging,
}

const oneSearch = (q: { search?: string; text?: string }, ctx: z.RefinementCtx) => {
  if (q.search !== undefined && q.text !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['text'], message: 'give search or text, not both' })
  }
}

export interface ServiceFilter {
  text?: string
  taxonomyTermId?: string
  taxonomyId?: string
  organizationId?: string
  modifiedAfter?: string
}

const filterOf = (q: {
  search?: string
  text?: string
  taxonomy_term_id?: string
  taxonomy_id?: string
  organization_id?: string
  modified_after?: string
}): ServiceFilter => ({
  text: (q.search ?? q.text) || undefined,
  taxonomyTermId: q.taxonomy_term_id,
  taxonomyId: q.taxonomy_id,
  organizationId: q.organization_id,
  modifiedAfter: q.modified_after,
})

export const servicesQuerySchema = z
  .object({ ...serviceFilterShape, minimal: minimal.optional() })
  .strict()
  .superRefine(oneSearch)
  .transform((q) => ({ filter: filterOf(q), full: q.full ?? false, ...pagingOf(q) }))

export const serviceAtLocationsQuerySchema = z
  .object({
    ...serviceFilterShape,
    postcode: single('postcode').optional(),
    proximity: wholeNumber('proximity', 1, ORUK_PROXIMITY_MAX_METRES, echo20).optional(),
  })
  .strict()
  .superRefine(oneSearch)
  .superRefine((q, ctx) => {
    if (q.proximity !== undefined && q.postcode === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['proximity'],
        message: 'proximity is measured from a postcode: give postcode too',
      })
    }
  })
  .transform((q) => ({
    filter: filterOf(q),
    full: q.full ?? false,
    postcode: q.postcode,
    proximityMetres: q.proximity,
    ...pagingOf(q),
  }))

export const organizationsQuerySchema = z
  .object({
    search: searchText('search').optional(),
    full: flag('full').optional(),
    full_service: flag('full_service').optional(),
    ...paging,
  })
  .strict()
  .transform((q) => ({
    text: q.search || undefined,
    full: q.full ?? false,
    fullService: q.full_service ?? false,
    ...pagingOf(q),
  }))

export const organizationQuerySchema = z
  .object({ full_service: flag('full_service').optional() })
  .strict()
  .transform((q) => ({ fullService: q.full_service ?? false }))

export const taxonomiesQuerySchema = z
  .object({ search: searchText('search').optional(), ...paging })
  .strict()
  .transform((q) => ({ text: q.search || undefined, ...pagingOf(q) }))

export const taxonomyTermsQuerySchema = z
  .object({
    search: searchText('search').optional(),
    taxonomy_id: single('taxonomy_id').optional(),
    parent_id: single('parent_id').optional(),
    top_only: flag('top_only').optional(),
    ...paging,
  })
  .strict()
  .transform((q) => ({
    text: q.search || undefined,
    taxonomyId: q.taxonomy_id,
    parentId: q.parent_id,
    topOnly: q.top_only ?? false,
    ...pagingOf(q),
  }))

/** Endpoints that take no query parameters say so rather than ignoring a typo. */
export const noQuerySchema = z.object({}).strict()

/** Any string: ORUK ids are UUIDs, and anything else is simply not found (404), never a 400. */
export const orukIdSchema = z.object({ id: z.string() })

export type ServicesQuery = z.infer<typeof servicesQuerySchema>
export type ServiceAtLocationsQuery = z.infer<typeof serviceAtLocationsQuerySchema>
export type OrganizationsQuery = z.infer<typeof organizationsQuerySchema>
export type TaxonomiesQuery = z.infer<typeof taxonomiesQuerySchema>
export type TaxonomyTermsQuery = z.infer<typeof taxonomyTermsQuerySchema>

// ---------- ORUK objects (the fields we write and read) ----------
// Loose objects: an imported feed may carry fields we do not read; they are kept out of our
// records by the mapping, not rejected. Every field is optional except what the ORUK schemas
// require, because real feeds leave most of them out.

const optionalString = z.string().optional()
const optionalNumber = z.number().optional()

export const orukTaxonomyTermSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: optionalString,
  parent_id: optionalString,
  taxonomy: optionalString,
  taxonomy_id: optionalString,
  term_uri: optionalString,
  /** The ORUK profile's name for the term's code. */
  term: optionalString,
  /** HSDS 3.0's name for the same. */
  code: optionalString,
})

export const orukTaxonomySchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  uri: optionalString,
  version: optionalString,
  taxonomy_terms: z.array(orukTaxonomyTermSchema).optional(),
})

export const orukAttributeSchema = z.looseObject({
  id: z.string(),
  link_id: optionalString,
  link_type: optionalString,
  taxonomy_term_id: optionalString,
  taxonomy_term: orukTaxonomyTermSchema.optional(),
})

export const orukOrganizationIdentifierSchema = z.looseObject({
  id: z.string(),
  organization_id: optionalString,
  identifier_scheme: optionalString,
  identifier_type: z.string(),
  identifier: z.string(),
})

export const orukOrganizationSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  email: optionalString,
  website: optionalString,
  uri: optionalString,
  logo: optionalString,
  parent_organization_id: optionalString,
  organization_identifiers: z.array(orukOrganizationIdentifierSchema).optional(),
  attributes: z.array(orukAttributeSchema).optional(),
})

export const orukServiceAreaSchema = z.looseObject({
  id: z.string(),
  service_id: optionalString,
  name: optionalString,
  extent: optionalString,
  extent_type: optionalString,
  uri: optionalString,
  service_area: optionalString,
})

export const orukScheduleSchema = z.looseObject({
  id: z.string(),
  service_id: optionalString,
  freq: optionalString,
  interval: optionalNumber,
  byday: optionalString,
  opens_at: optionalString,
  closes_at: optionalString,
  description: optionalString,
  notes: optionalString,
})

export const orukAccessibilitySchema = z.looseObject({
  id: z.string(),
  location_id: optionalString,
  description: optionalString,
  accessibility: optionalString,
})

export const orukLocationSchema = z.looseObject({
  id: z.string(),
  location_type: z.string(),
  name: optionalString,
  description: optionalString,
  latitude: optionalNumber,
  longitude: optionalNumber,
  addresses: z
    .array(
      z.looseObject({
        id: z.string(),
        address_1: optionalString,
        city: optionalString,
        state_province: optionalString,
        postal_code: optionalString,
        country: optionalString,
        address_type: optionalString,
      }),
    )
    .optional(),
  accessibility: z.array(orukAccessibilitySchema).optional(),
})

export const orukPhoneSchema = z.looseObject({
  id: z.string(),
  contact_id: optionalString,
  number: z.string(),
  description: optionalString,
})

export const orukContactSchema = z.looseObject({
  id: z.string(),
  service_id: optionalString,
  name: optionalString,
  title: optionalString,
  /** HSDS 3.0 contact fields: the ORUK profile defines `phone` but links it to nothing. */
  email: optionalString,
  phones: z.array(orukPhoneSchema).optional(),
})

export const orukLanguageSchema = z.looseObject({
  id: z.string(),
  service_id: optionalString,
  /** HSDS 3.0 language fields, which the ORUK profile leaves out of its language object. */
  name: optionalString,
  code: optionalString,
})

export const orukCostOptionSchema = z.looseObject({
  id: z.string(),
  service_id: optionalString,
  option: optionalString,
  amount: optionalNumber,
  amount_description: optionalString,
})

export const orukServiceAtLocationSchema = z.looseObject({
  id: z.string(),
  service_id: optionalString,
  location_id: optionalString,
  location: orukLocationSchema.optional(),
})

export const orukServiceSchema = z.looseObject({
  id: z.string(),
  organization_id: optionalString,
  name: z.string(),
  description: optionalString,
  url: optionalString,
  email: optionalString,
  status: z.string(),
  fees: optionalString,
  accreditations: optionalString,
  assured_date: optionalString,
  last_modified: optionalString,
  schedules: z.array(orukScheduleSchema).optional(),
  service_areas: z.array(orukServiceAreaSchema).optional(),
  service_at_locations: z.array(orukServiceAtLocationSchema).optional(),
  languages: z.array(orukLanguageSchema).optional(),
  organization: orukOrganizationSchema.optional(),
  cost_options: z.array(orukCostOptionSchema).optional(),
  contacts: z.array(orukContactSchema).optional(),
  /** HSDS 3.0 service phones, read on import when a feed has them. */
  phones: z.array(orukPhoneSchema).optional(),
  attributes: z.array(orukAttributeSchema).optional(),
})

export type OrukTaxonomyTerm = z.infer<typeof orukTaxonomyTermSchema>
export type OrukTaxonomy = z.infer<typeof orukTaxonomySchema>
export type OrukAttribute = z.infer<typeof orukAttributeSchema>
export type OrukOrganization = z.infer<typeof orukOrganizationSchema>
export type OrukServiceArea = z.infer<typeof orukServiceAreaSchema>
export type OrukSchedule = z.infer<typeof orukScheduleSchema>
export type OrukLocation = z.infer<typeof orukLocationSchema>
export type OrukContact = z.infer<typeof orukContactSchema>
export type OrukLanguage = z.infer<typeof orukLanguageSchema>
export type OrukCostOption = z.infer<typeof orukCostOptionSchema>
export type OrukServiceAtLocation = z.infer<typeof orukServiceAtLocationSchema>
export type OrukService = z.infer<typeof orukServiceSchema>

/** A page of an ORUK list endpoint. */
export interface OrukPage<T> {
  total_items: number
  total_pages: number
  page_number: number
  size: number
  first_page: boolean
  last_page: boolean
  empty: boolean
  contents: T[]
}

export function orukPage<T>(contents: T[], total: number, { page, perPage }: Paging): OrukPage<T> {
  const totalPages = Math.ceil(total / perPage)
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  }
}

/** The body of GET /oruk/. */
export interface OrukApiDetails {
  version: string
  profile: string
  openapi_url: string
}

import { z } from 'zod'
import { GSS_CODE, postcodeOutsideReasons, postcodePrecisions } from '../geo/geo-schemas'
import { polygonalGeometrySchema } from '../lib/geometry'
import { coordinate, repeatable, single, wholeNumber } from '../lib/query-string'
import type { Taxonomy, Vocabulary } from '../taxonomy/taxonomy-schemas'

// ---------- shared pieces ----------

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/

export const PER_PAGE_MAX = 100
export const PER_PAGE_DEFAULT = 20
export const PAGE_MAX = 10_000
export const QUERY_MAX_CHARS = 200

function isRealDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false
  const d = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text
}

const isoDate = (field: string) =>
  z.string().refine(isRealDate, { message: `${field} must be a calendar date written YYYY-MM-DD` })

const gssCode = z
  .string()
  .regex(GSS_CODE, { message: 'must be a GSS area code: a letter and eight digits, such as E08000032' })

/** A code of one vocabulary; an unknown code's message lists the allowed ones. */
function codeOf(taxonomy: Taxonomy, vocabulary: Vocabulary, field: string) {
  const allowed = taxonomy[vocabulary].map((t) => t.code)
  return z.string().refine((v) => allowed.includes(v), {
    error: (issue) => `unknown ${field} "${String(issue.input)}"; allowed codes: ${allowed.join(', ')}`,
  })
}

function codeList(taxonomy: Taxonomy, vocabulary: Vocabulary, field: string) {
  return z
    .array(codeOf(taxonomy, vocabulary, field))
    .refine((list) => new Set(list).size === list.length, { message: `${field} codes must not repeat` })
}

const optionalText = (max: number) => z.string().trim().min(1).max(max).optional()

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .max(500, { message: 'must be at most 500 characters' })

// ---------- provider input (the demo seed now; the editing API later) ----------

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

export const openingHoursSchema = z
  .object({
    weekly: z.array(
      z
        .object({
          day: z.enum(weekdays),
          opens: z.string().regex(CLOCK, { message: 'opens must be a 24-hour time HH:MM' }),
          closes: z.string().regex(CLOCK, { message: 'closes must be a 24-hour time HH:MM' }),
        })
        .strict()
        .refine((slot) => slot.opens < slot.closes, { message: 'a slot must close after it opens' }),
    ),
    notes: z.string().trim().min(1).max(500).optional(),
  })
  .strict()

export const lngLatSchema = z
  .object({
    lng: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
  })
  .strict()

/** What a provider record must satisfy to be stored; codes are checked against the live taxonomy. */
export function providerInputSchema(taxonomy: Taxonomy) {
  return z
    .object({
      slug: z
        .string()
        .max(120)
        .regex(SLUG_PATTERN, { message: 'slug must be lower-case words joined by single hyphens' })
        .regex(/[a-z]/, { message: 'slug must contain a letter (so it can never be mistaken for an id)' }),
      name: z.string().trim().min(1).max(200),
      kind: codeOf(taxonomy, 'kinds', 'kind'),
      level: codeOf(taxonomy, 'levels', 'level'),
      orgType: codeOf(taxonomy, 'orgTypes', 'orgType'),
      status: codeOf(taxonomy, 'statuses', 'status').default('active'),
      summary: z.string().trim().min(1).max(500),
      description: optionalText(5000),
      mission: optionalText(2000),
      remit: optionalText(2000),
      limits: optionalText(2000),
      referralCriteria: optionalText(2000),
      howToAccess: optionalText(2000),
      cost: z.object({ type: codeOf(taxonomy, 'costTypes', 'cost.type'), text: optionalText(500) }).strict(),
      membershipBased: z.boolean(),
      functions: codeList(taxonomy, 'functions', 'function').min(1, {
        message: 'a provider offers at least one function',
      }),
      topics: codeList(taxonomy, 'topics', 'topic'),
      strands: codeList(taxonomy, 'strands', 'strand'),
      languages: codeList(taxonomy, 'languages', 'language'),
      formats: codeList(taxonomy, 'formats', 'format'),
      openingHours: openingHoursSchema.optional(),
      website: httpUrl.optional(),
      email: z.email({ error: 'must be an email address' }).max(320).optional(),
      phone: z
        .string()
        .trim()
        .regex(/^\+?[0-9 ()-]{6,20}$/, { message: 'phone must be digits, spaces, brackets or hyphens' })
        .optional(),
      address: optionalText(500),
      office: lngLatSchema.optional(),
      charityNumber: optionalText(20),
      companyNumber: optionalText(20),
      qualityMarks: z.array(z.string().trim().min(1).max(200)),
      annualReportUrl: httpUrl.optional(),
      lastVerifiedAt: isoDate('lastVerifiedAt').optional(),
      source: z.string().trim().min(1).max(100),
      coverage: z
        .object({
          areas: z
            .array(gssCode)
            .refine((list) => new Set(list).size === list.length, { message: 'area codes must not repeat' }),
          polygon: polygonalGeometrySchema.optional(),
        })
        .strict(),
    })
    .strict()
}

export type ProviderInput = z.infer<ReturnType<typeof providerInputSchema>>
export type CoverageInput = ProviderInput['coverage']

export function pathwayInputSchema(taxonomy: Taxonomy) {
  return z
    .object({
      fromSlug: z.string().regex(SLUG_PATTERN),
      toSlug: z.string().regex(SLUG_PATTERN),
      strands: codeList(taxonomy, 'strands', 'strand'),
      topics: codeList(taxonomy, 'topics', 'topic'),
      criteria: z.string().trim().min(1).max(2000),
      followUp: optionalText(2000),
    })
    .strict()
    .refine((p) => p.fromSlug !== p.toSlug, { message: 'a pathway joins two different providers' })
}

export type PathwayInput = z.infer<ReturnType<typeof pathwayInputSchema>>

// ---------- GET /api/providers ----------

/** A repeatable query-string value (?strand=a&strand=b): any of the given codes. */
const vocabulary = (taxonomy: Taxonomy, name: Vocabulary, field: string) =>
  repeatable(
    field,
    taxonomy[name].map((t) => t.code),
  )

/**
 * The search query, checked against the live taxonomy so unknown codes are a 400 naming the allowed ones.
 * `paging: false` leaves out page and perPage (a download of a search holds every match), so they
 * are refused as unknown keys.
 */
export function searchQuerySchema(taxonomy: Taxonomy, { paging = true }: { paging?: boolean } = {}) {
  const fields = z.object({
    q: single('q')
      .transform((v) => v.trim())
      .refine((v) => v.length <= QUERY_MAX_CHARS, {
        message: `q must be at most ${QUERY_MAX_CHARS} characters`,
      })
      .optional(),
    postcode: single('postcode').optional(),
    lat: coordinate('lat', -90, 90).optional(),
    lng: coordinate('lng', -180, 180).optional(),
    area: single('area')
      .transform((v) => v.trim().toUpperCase())
      .pipe(gssCode)
      .optional(),
    level: vocabulary(taxonomy, 'levels', 'level').optional(),
    kind: vocabulary(taxonomy, 'kinds', 'kind').optional(),
    function: vocabulary(taxonomy, 'functions', 'function').optional(),
    topic: vocabulary(taxonomy, 'topics', 'topic').optional(),
    strand: vocabulary(taxonomy, 'strands', 'strand').optional(),
    language: vocabulary(taxonomy, 'languages', 'language').optional(),
    format: vocabulary(taxonomy, 'formats', 'format').optional(),
    status: vocabulary(taxonomy, 'statuses', 'status').optional(),
    verifiedSince: single('verifiedSince').pipe(isoDate('verifiedSince')).optional(),
    page: wholeNumber('page', 1, PAGE_MAX).optional(),
    perPage: wholeNumber('perPage', 1, PER_PAGE_MAX).optional(),
  })
  // Without paging the parsed page and perPage are undefined and take their defaults below.
  const object = paging ? fields : (fields.omit({ page: true, perPage: true }) as unknown as typeof fields)
  return object
    .strict()
    .superRefine((q, ctx) => {
      if ((q.lat === undefined) !== (q.lng === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [q.lat === undefined ? 'lat' : 'lng'],
          message: 'give both lat and lng',
        })
      }
      const places = [
        q.postcode !== undefined,
        q.lat !== undefined || q.lng !== undefined,
        q.area !== undefined,
      ]
      if (places.filter(Boolean).length > 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['postcode'],
          message: 'give one place: a postcode, or lat and lng, or an area',
        })
      }
    })
    .transform((q) => ({
      q: q.q === '' ? undefined : q.q,
      postcode: q.postcode,
      point: q.lat !== undefined && q.lng !== undefined ? { lat: q.lat, lng: q.lng } : undefined,
      area: q.area,
      levels: q.level ?? [],
      kinds: q.kind ?? [],
      functions: q.function ?? [],
      topics: q.topic ?? [],
      strands: q.strand ?? [],
      languages: q.language ?? [],
      formats: q.format ?? [],
      statuses: q.status ?? ['active'],
      verifiedSince: q.verifiedSince,
      page: q.page ?? 1,
      perPage: q.perPage ?? PER_PAGE_DEFAULT,
    }))
}

export type SearchQuery = z.infer<ReturnType<typeof searchQuerySchema>>

export const idOrSlugSchema = z.object({
  idOrSlug: z.string().refine((v) => UUID_PATTERN.test(v) || (SLUG_PATTERN.test(v) && v.length <= 120), {
    message: 'must be a provider id (UUID) or slug',
  }),
})

// ---------- responses ----------

export const areaRefSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameCy: z.string().nullable(),
  level: z.string(),
  type: z.string(),
})

/** The area through which a provider covers the searched place. */
export const matchedAreaSchema = areaRefSchema.extend({
  /** True when the match comes from the drawn polygon rather than a listed area. */
  viaPolygon: z.boolean(),
  /** Fraction (0..1] of the matched area inside the service area; 1 for listed areas. */
  share: z.number(),
})

/** Why an item is in the list, for the requested filters. */
export const matchReasonsSchema = z.object({
  functions: z.array(z.string()),
  topics: z.array(z.string()),
  strands: z.array(z.string()),
  /** A generalist included for a strand search because it supports any group. */
  generalistFallback: z.boolean(),
  languages: z.array(z.string()),
  formats: z.array(z.string()),
  /** q matched the record's text (name, summary, description, remit, or its codes' labels and synonyms). */
  text: z.boolean(),
})

export const providerSummarySchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  kind: z.string(),
  level: z.string(),
  orgType: z.string(),
  status: z.string(),
  summary: z.string(),
  functions: z.array(z.string()),
  topics: z.array(z.string()),
  strands: z.array(z.string()),
  office: z.object({ lng: z.number(), lat: z.number() }).nullable(),
  lastVerifiedAt: z.string().nullable(),
  /** Text relevance for q (0 without q). */
  relevance: z.number(),
  reasons: matchReasonsSchema,
  /** Only when a place was given. */
  matchedArea: matchedAreaSchema.optional(),
  /** Only when a place was given; null when the provider has no office location. */
  distanceMetres: z.number().nullable().optional(),
})

export const searchPlaceSchema = z.object({
  kind: z.enum(['postcode', 'point', 'area']),
  /** Standard form ("BD1 1HY") for a postcode search, else null. */
  postcode: z.string().nullable(),
  /** For a postcode: "sector"/"district"/"area" when the postcode itself is unknown and a centroid was used. */
  precision: z.enum(postcodePrecisions).nullable(),
  /** The point distances are measured from (for an area: a point inside it); null for a postcode with no UK location. */
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  /** Every area containing the place, most local first; empty outside the loaded geography. */
  areas: z.array(areaRefSchema),
  /** Why a postcode has no areas: no UK location (the `reason` of /api/geo/postcodes), or in no loaded area. */
  outside: z.enum([...postcodeOutsideReasons, 'no-area']).optional(),
})

/** Whether the directory's records cover the searched place's nation (docs/decisions/0012). */
export const directoryCoverageSchema = z.object({
  nation: z.object({ code: z.string(), name: z.string(), nameCy: z.string().nullable() }).nullable(),
  covered: z.boolean(),
  /** Why not, in words; null when covered. */
  message: z.string().nullable(),
  /** When not covered: active records serving the whole nation (onward routes). */
  onwardRoutes: z.array(
    z.object({
      id: z.string(),
      slug: z.string(),
      name: z.string(),
      kind: z.string(),
      level: z.string(),
      summary: z.string(),
    }),
  ),
})

export const searchResponseSchema = z.object({
  items: z.array(providerSummarySchema),
  page: z.number(),
  perPage: z.number(),
  total: z.number(),
  place: searchPlaceSchema.optional(),
  /** Only when a place was given. */
  directoryCoverage: directoryCoverageSchema.optional(),
})

export const pathwaySchema = z.object({
  id: z.string(),
  /** The other end: the target of an outgoing pathway, the source of an incoming one. */
  provider: z.object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    kind: z.string(),
    level: z.string(),
  }),
  strands: z.array(z.string()),
  topics: z.array(z.string()),
  criteria: z.string(),
  followUp: z.string().nullable(),
})

export const providerDetailSchema = providerSummarySchema
  .omit({ relevance: true, reasons: true, matchedArea: true, distanceMetres: true })
  .extend({
    description: z.string().nullable(),
    mission: z.string().nullable(),
    remit: z.string().nullable(),
    limits: z.string().nullable(),
    referralCriteria: z.string().nullable(),
    howToAccess: z.string().nullable(),
    cost: z.object({ type: z.string(), text: z.string().nullable() }),
    membershipBased: z.boolean(),
    languages: z.array(z.string()),
    formats: z.array(z.string()),
    openingHours: openingHoursSchema.nullable(),
    website: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
    charityNumber: z.string().nullable(),
    companyNumber: z.string().nullable(),
    qualityMarks: z.array(z.string()),
    annualReportUrl: z.string().nullable(),
    source: z.string(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
    coverage: z.object({ areas: z.array(areaRefSchema), hasPolygon: z.boolean() }),
    referralPathways: z.object({ outgoing: z.array(pathwaySchema), incoming: z.array(pathwaySchema) }),
  })

export type AreaRef = z.infer<typeof areaRefSchema>
export type MatchedArea = z.infer<typeof matchedAreaSchema>
export type MatchReasons = z.infer<typeof matchReasonsSchema>
export type ProviderSummary = z.infer<typeof providerSummarySchema>
export type SearchPlace = z.infer<typeof searchPlaceSchema>
export type SearchResponse = z.infer<typeof searchResponseSchema>
export type Pathway = z.infer<typeof pathwaySchema>
export type ProviderDetail = z.infer<typeof providerDetailSchema>
export type OpeningHoursInput = z.infer<typeof openingHoursSchema>

/** The body of GET /api/providers/{idOrSlug}/coverage. */
export const coverageFeatureSchema = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  properties: z.object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    level: z.string(),
    /** The listed service areas (GSS codes). */
    areaCodes: z.array(z.string()),
    hasPolygon: z.boolean(),
    /** The drawn polygon as stored (not simplified), for editing; null when none is drawn. */
    drawnPolygon: z
      .object({
        type: z.literal('MultiPolygon'),
        coordinates: z.array(z.array(z.array(z.tuple([z.number(), z.number()])))),
      })
      .nullable(),
  }),
  /** Display-simplified union of the listed areas and the drawn polygon; null with no service area. */
  geometry: z
    .object({
      type: z.literal('MultiPolygon'),
      coordinates: z.array(z.array(z.array(z.tuple([z.number(), z.number()])))),
    })
    .nullable(),
})

export type CoverageFeature = z.infer<typeof coverageFeatureSchema>

import { z } from 'zod'
import { postcodeOutsideReasons, postcodePrecisions } from '../geo/geo-schemas'
import { checkPlace, coordinate, repeatable, single, wholeNumber } from '../lib/query-string'
import {
  gssCode,
  isoDate,
  type OptionalTextField,
  openingHoursSchema,
  optionalTextFields,
  SLUG_PATTERN,
  UUID_PATTERN,
} from '../providers/provider-schema'
import type { Taxonomy, Vocabulary } from '../taxonomy/taxonomy-schemas'

export const PER_PAGE_MAX = 100
export const PER_PAGE_DEFAULT = 20
export const PAGE_MAX = 10_000
export const QUERY_MAX_CHARS = 200

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
    qualityMark: vocabulary(taxonomy, 'qualityMarks', 'qualityMark').optional(),
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
      checkPlace(q, ctx, false)
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
      qualityMarks: q.qualityMark ?? [],
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
  /** The requested quality marks the record holds. */
  qualityMarks: z.array(z.string()),
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
  /** The Welsh name and summary, where the record has them: the Welsh interface shows them. */
  welshName: z.string().nullable(),
  welshSummary: z.string().nullable(),
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

/** The record's optional texts (provider-schema.ts lists them): text, or null when the record is without. */
const optionalTextsSchema = z.object(
  Object.fromEntries(optionalTextFields.map((field) => [field, z.string().nullable()])) as Record<
    OptionalTextField,
    z.ZodNullable<z.ZodString>
  >,
)

export const providerDetailSchema = providerSummarySchema
  .omit({ relevance: true, reasons: true, matchedArea: true, distanceMetres: true })
  .extend({
    ...optionalTextsSchema.shape,
    cost: z.object({ type: z.string(), text: z.string().nullable() }),
    membershipBased: z.boolean(),
    languages: z.array(z.string()),
    formats: z.array(z.string()),
    openingHours: openingHoursSchema.nullable(),
    website: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
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

import { z } from 'zod'
import { GSS_CODE } from '../geo/geo-schemas'
import { polygonalGeometrySchema } from '../lib/geometry'
import type { Taxonomy, Vocabulary } from '../taxonomy/taxonomy-schemas'

/**
 * The provider record's one shape: what a record must satisfy to be stored, whoever writes it
 * (the edit form, moderation, imports, the demo seed, the benchmark generator). Codes are
 * checked against the live taxonomy (../shared/docs/taxonomy.md), so the schema is built per
 * taxonomy; the types below are inferred from it, never written out by hand.
 */

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/

function isRealDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false
  const d = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text
}

export const isoDate = (field: string) =>
  z.string().refine(isRealDate, { message: `${field} must be a calendar date written YYYY-MM-DD` })

export const gssCode = z
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

/**
 * The record's optional free-text fields. Each is stored in one column (its name in snake_case),
 * absent from a record when empty, and shown as text or null by the API: the mapper
 * (provider-row.ts) and the detail response read this list, so a new text field is added here
 * and in the schema below, and in a migration.
 */
export const optionalTextFields = [
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
  'address',
  'charityNumber',
  'companyNumber',
  'qualityMarkOther',
] as const
export type OptionalTextField = (typeof optionalTextFields)[number]

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
      /** The name in Welsh, where the body has one: shown in the Welsh interface, found by search. */
      welshName: optionalText(200),
      kind: codeOf(taxonomy, 'kinds', 'kind'),
      level: codeOf(taxonomy, 'levels', 'level'),
      orgType: codeOf(taxonomy, 'orgTypes', 'orgType'),
      status: codeOf(taxonomy, 'statuses', 'status').default('active'),
      summary: z.string().trim().min(1).max(500),
      /** The summary, description and how-to-access in Welsh: the Welsh interface shows them. */
      welshSummary: optionalText(500),
      description: optionalText(5000),
      welshDescription: optionalText(5000),
      mission: optionalText(2000),
      remit: optionalText(2000),
      limits: optionalText(2000),
      referralCriteria: optionalText(2000),
      howToAccess: optionalText(2000),
      welshHowToAccess: optionalText(2000),
      cost: z.object({ type: codeOf(taxonomy, 'costTypes', 'cost.type'), text: optionalText(500) }).strict(),
      membershipBased: z.boolean(),
      functions: codeList(taxonomy, 'functions', 'function').min(1, {
        message: 'a provider offers at least one function',
      }),
      topics: codeList(taxonomy, 'topics', 'topic'),
      strands: codeList(taxonomy, 'strands', 'strand'),
      /**
       * Finer groups within the strands listed (an older people's body records `older-people`
       * under `age`); none means every group of those strands. Each detail's strand must be listed.
       */
      strandDetails: codeList(taxonomy, 'strandDetails', 'strandDetail').default([]),
      /** A specialist that is, in practice, its area's main generalist (an RCC in a county without a CVS). */
      actsAsGeneralist: z.boolean().default(false),
      /** Serves any group for one kind of help (a volunteer centre): a strand never excludes it. */
      activitySpecialist: z.boolean().default(false),
      /** Supports other infrastructure bodies only: never offered to a front-line group. */
      servesInfrastructureOnly: z.boolean().default(false),
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
      /** Codes of taxonomy.md's quality-mark list; `other` names its mark in qualityMarkOther. */
      qualityMarks: codeList(taxonomy, 'qualityMarks', 'qualityMark'),
      qualityMarkOther: optionalText(200),
      annualReportUrl: httpUrl.optional(),
      lastVerifiedAt: isoDate('lastVerifiedAt').optional(),
      source: z.string().trim().min(1).max(100),
      coverage: z
        .object({
          areas: z
            .array(gssCode)
            .refine((list) => new Set(list).size === list.length, { message: 'area codes must not repeat' }),
          // Read as any GeoJSON-like object first, so a mapper may hand over coordinates it has not looked into.
          polygon: z
            .object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.unknown() })
            .pipe(polygonalGeometrySchema)
            .optional(),
        })
        .strict(),
    })
    .strict()
}

/** A record as stored: validated, codes checked, defaults filled. */
export type ProviderInput = z.infer<ReturnType<typeof providerInputSchema>>
/** A record as written by hand or read from a file, before validation (the seeds, fixtures, import mappers). */
export type RawProvider = z.input<ReturnType<typeof providerInputSchema>>
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

/** The multi-valued code fields of a record, each stored in its own join table. */
export const codeFields = ['functions', 'topics', 'strands', 'strandDetails', 'languages', 'formats'] as const
export type CodeField = (typeof codeFields)[number]

export type Weekday = (typeof weekdays)[number]
export type OpeningHours = z.infer<typeof openingHoursSchema>

/** A set of records and the referral pathways between them: the demo content, a test fixture. */
export interface DirectoryContent {
  providers: RawProvider[]
  pathways: PathwayInput[]
  /** District codes left without a local generalist on purpose (the coverage tests check these). */
  districtsWithoutLocalGeneralist: string[]
}

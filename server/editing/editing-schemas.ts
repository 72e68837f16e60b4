import { z } from 'zod'
import { GSS_CODE } from '../geo/geo-schemas'
import { polygonalGeometrySchema } from '../lib/geometry'
import { wholeNumber } from '../lib/query-string'
import { providerInputSchema, SLUG_PATTERN, UUID_PATTERN } from '../providers/provider-schema'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'

/** The UK's bounding box (lng/lat) a drawn service area must lie in. */
export const UK_BOUNDS = { minLng: -8.7, maxLng: 1.8, minLat: 49.8, maxLat: 60.9 } as const

export const PER_PAGE_MAX = 100

export const idOrSlugParamSchema = z
  .object({
    id: z.string().refine((v) => UUID_PATTERN.test(v) || (SLUG_PATTERN.test(v) && v.length <= 120), {
      message: 'must be a provider id (UUID) or slug',
    }),
  })
  .strict()

export const uuidParamSchema = z.object({ id: z.uuid({ error: 'must be an id (UUID)' }) }).strict()

export const pathwayParamSchema = idOrSlugParamSchema
  .extend({ pathwayId: z.uuid({ error: 'must be a pathway id (UUID)' }) })
  .strict()

export const linkParamSchema = idOrSlugParamSchema
  .extend({ userId: z.uuid({ error: 'must be a user id (UUID)' }) })
  .strict()

const versionField = z
  .number({ error: 'version must be a whole number from 1' })
  .int({ error: 'version must be a whole number from 1' })
  .min(1, { error: 'version must be a whole number from 1' })

/** If-Match: "3" (or W/"3", or a bare 3): the version the client read. */
export function versionFromIfMatch(header: string | undefined): number | undefined | 'invalid' {
  if (header === undefined) return undefined
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header)
  if (!match) return 'invalid'
  const n = Number(match[1])
  return n >= 1 ? n : 'invalid'
}

export function etagOf(version: number): string {
  return `"${version}"`
}

/** Polygons must be valid GeoJSON, inside the UK box and within the vertex limit. */
export function boundedPolygonSchema(maxVertices: number) {
  return polygonalGeometrySchema.superRefine((geometry, ctx) => {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
    let vertices = 0
    for (const rings of polygons) {
      for (const ring of rings) {
        vertices += ring.length
        for (const [lng, lat] of ring) {
          if (
            lng < UK_BOUNDS.minLng ||
            lng > UK_BOUNDS.maxLng ||
            lat < UK_BOUNDS.minLat ||
            lat > UK_BOUNDS.maxLat
          ) {
            ctx.addIssue({
              code: 'custom',
              message: `every position must lie within the UK: longitude ${UK_BOUNDS.minLng} to ${UK_BOUNDS.maxLng}, latitude ${UK_BOUNDS.minLat} to ${UK_BOUNDS.maxLat} (got ${lng}, ${lat})`,
            })
            return
          }
        }
      }
    }
    if (vertices > maxVertices) {
      ctx.addIssue({
        code: 'custom',
        message: `a polygon may have at most ${maxVertices} vertices (got ${vertices})`,
      })
    }
  })
}

const areaCodes = z
  .array(z.string().regex(GSS_CODE, { message: 'must be a GSS area code: a letter and eight digits' }))
  .max(2000, { message: 'at most 2000 areas' })
  .refine((list) => new Set(list).size === list.length, { message: 'area codes must not repeat' })

export function coverageBodySchema(maxVertices: number) {
  return z
    .object({
      areas: areaCodes,
      polygon: boundedPolygonSchema(maxVertices).nullable().optional(),
      version: versionField.optional(),
    })
    .strict()
    .transform(({ areas, polygon, version }) => ({
      coverage: { areas, ...(polygon ? { polygon } : {}) },
      version,
    }))
}

/** The provider record as the write API takes it: status changes only through close/reopen. */
export function providerWriteSchemas(taxonomy: Taxonomy, maxVertices: number) {
  const base = providerInputSchema(taxonomy)
  const coverage = z
    .object({ areas: areaCodes, polygon: boundedPolygonSchema(maxVertices).optional() })
    .strict()
  const create = base.extend({
    status: z.enum(['active', 'draft'], { error: 'a new record is active or draft' }).default('active'),
    coverage,
  })
  const put = base.omit({ status: true }).extend({ coverage, version: versionField.optional() })
  const patch = base
    .omit({ status: true })
    .extend({ coverage })
    .partial()
    .extend({ version: versionField.optional() })
  // What a visitor may propose: the public facts, never the record's identity or bookkeeping.
  const proposal = base
    .omit({ status: true, slug: true, source: true, lastVerifiedAt: true })
    .extend({ coverage })
    .partial()
  // Fields a record may be without (optional in a full write): PATCH clears them with `null`.
  const clearable: ReadonlySet<string> = new Set(
    Object.entries(put.shape)
      .filter(([key, field]) => key !== 'version' && field.safeParse(undefined).success)
      .map(([key]) => key),
  )
  return { create, put, patch, proposal, clearable }
}

export type ProviderWriteSchemas = ReturnType<typeof providerWriteSchemas>

export function pathwayBodySchema() {
  return z
    .object({
      to: z.string().refine((v) => UUID_PATTERN.test(v) || (SLUG_PATTERN.test(v) && v.length <= 120), {
        message: 'to must be a provider id (UUID) or slug',
      }),
      strands: z.array(z.string().max(100)).max(50).default([]),
      topics: z.array(z.string().max(100)).max(50).default([]),
      criteria: z.string().max(2000),
      followUp: z.string().max(2000).optional(),
    })
    .strict()
}

export const linkBodySchema = z
  .object({ userId: z.uuid({ error: 'userId must be a user id (UUID)' }) })
  .strict()

export const suggestionBodySchema = z
  .object({
    proposed: z.record(z.string(), z.unknown()).default({}),
    message: z.string().trim().max(2000, { message: 'message must be at most 2000 characters' }).optional(),
    formToken: z
      .string({ error: 'formToken is required: get one from GET /api/providers/{id}/suggestions/form' })
      .max(200),
    /** The honeypot: hidden from people by the form, so any value means a bot filled it. */
    homepage: z.string().max(2000).optional(),
  })
  .strict()

export const rejectBodySchema = z
  .object({
    reason: z
      .string({ error: 'reason is required' })
      .trim()
      .min(1, { message: 'reason is required' })
      .max(1000, { message: 'reason must be at most 1000 characters' }),
  })
  .strict()

export const approveBodySchema = z.object({ note: z.string().trim().max(1000).optional() }).strict()

/** Paging values are taken as strings here: a repeated key is zod's type error, as it always was. */
const text = { stringOnly: true } as const

export const staleQuerySchema = z
  .object({
    area: z
      .string()
      .transform((v) => v.trim().toUpperCase())
      .pipe(z.string().regex(GSS_CODE, { message: 'area must be a GSS area code such as E08000032' }))
      .optional(),
    months: wholeNumber('months', 1, 120, text).optional(),
    page: wholeNumber('page', 1, 10_000, text).default(1),
    perPage: wholeNumber('perPage', 1, PER_PAGE_MAX, text).default(50),
  })
  .strict()

export type StaleQuery = z.infer<typeof staleQuerySchema>

export const SUGGESTION_STATUSES = ['pending', 'approved', 'rejected'] as const

export const moderationQuerySchema = z
  .object({
    status: z
      .enum(SUGGESTION_STATUSES, { error: `status must be one of ${SUGGESTION_STATUSES.join(', ')}` })
      .default('pending'),
    page: wholeNumber('page', 1, 10_000, text).default(1),
    perPage: wholeNumber('perPage', 1, PER_PAGE_MAX, text).default(50),
  })
  .strict()

export type ModerationQuery = z.infer<typeof moderationQuerySchema>

export interface Actor {
  userId: string
  role: string
  requestId?: string
}

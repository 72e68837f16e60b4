import { z } from 'zod'
import { findPersonalData } from './personal-data'

export const CHANNELS = ['phone', 'email', 'web', 'in-person'] as const
export const OUTCOMES = ['referred', 'advice-only', 'no-suitable-provider'] as const
export type Outcome = (typeof OUTCOMES)[number]
export const NOTE_MAX_LENGTH = 500
export const SUMMARY_LEVELS = ['neighbourhood', 'local', 'subregional', 'regional', 'national'] as const
/** Counts from 1 to this are published as "<5" to anyone but an admin. */
export const SUPPRESS_BELOW = 5

const code = (name: string) =>
  z
    .string({ error: `${name} must be a code` })
    .regex(/^[a-z][a-z0-9-]*$/, { error: `${name} must be a code such as "training"` })

export const createEnquiryBodySchema = z
  .object({
    areaCode: z
      .string()
      // Scottish council areas (S12) and Northern Ireland districts (N09) are districts too (decision 0012).
      .regex(/^[EWSN]\d{8}$/, { error: 'areaCode must be a district or ward GSS code, e.g. E08000032' })
      .optional(),
    postcode: z.string().min(2).max(10).optional(),
    function: code('function').optional(),
    topic: code('topic').optional(),
    strands: z.array(code('strands[]')).max(14).optional(),
    channel: z.enum(CHANNELS, { error: `channel must be one of ${CHANNELS.join(', ')}` }),
    outcome: z.enum(OUTCOMES, { error: `outcome must be one of ${OUTCOMES.join(', ')}` }),
    referredTo: z
      .array(z.uuid({ error: 'referredTo must list provider ids' }))
      .max(20)
      .optional(),
    note: z
      .string()
      .trim()
      .max(NOTE_MAX_LENGTH, { error: `note must be at most ${NOTE_MAX_LENGTH} characters` })
      .superRefine((note, ctx) => {
        const found = findPersonalData(note)
        if (found.length > 0) {
          ctx.addIssue({
            code: 'custom',
            message: `note must not identify the caller: it contains what looks like ${found.join(' and ')}`,
          })
        }
      })
      .optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.areaCode === undefined) === (v.postcode === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['areaCode'],
        message: 'give exactly one of areaCode or postcode',
      })
    }
    if (v.function === undefined && v.topic === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['function'],
        message: 'give a function or a topic (what was needed)',
      })
    }
    if (v.outcome === 'referred' && !v.referredTo?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['referredTo'],
        message: 'a referred enquiry lists the providers referred to',
      })
    }
    if (v.outcome !== 'referred' && v.referredTo?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['referredTo'],
        message: `referredTo only goes with outcome "referred"`,
      })
    }
  })

export type CreateEnquiryBody = z.infer<typeof createEnquiryBodySchema>

const date = z.iso.date({ error: 'must be a date, YYYY-MM-DD' })
const many = (name: string) =>
  z
    .union([code(name), z.array(code(name))])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .optional()

export const summaryQuerySchema = z
  .object({
    level: z
      .enum(SUMMARY_LEVELS, { error: `level must be one of ${SUMMARY_LEVELS.join(', ')}` })
      .default('local'),
    within: z
      .string()
      .regex(/^[EWSN]\d{8}$/, { error: 'within must be a GSS area code' })
      .optional(),
    from: date.optional(),
    to: date.optional(),
    function: many('function'),
    topic: many('topic'),
    strand: many('strand'),
    outcome: z.enum(OUTCOMES, { error: `outcome must be one of ${OUTCOMES.join(', ')}` }).optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { error: 'from must not be after to', path: ['from'] })

export type SummaryQuery = z.infer<typeof summaryQuerySchema>

/** A count as published: exact for admins, "<5" for 1–4 otherwise. */
export type PublishedCount = number | '<5'

export interface EnquirySummaryArea {
  code: string
  name: string
  nameCy: string | null
  total: PublishedCount
  byOutcome: Record<Outcome, PublishedCount>
}

export interface EnquirySummary {
  level: (typeof SUMMARY_LEVELS)[number]
  within: string | null
  from: string | null
  to: string | null
  suppressed: boolean
  areas: EnquirySummaryArea[]
}

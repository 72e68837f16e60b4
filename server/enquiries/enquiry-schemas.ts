import { z } from 'zod'
import { findPersonalData, personalDataMessage } from './personal-data'

export const CHANNELS = ['phone', 'email', 'web', 'in-person'] as const
export const OUTCOMES = ['referred', 'advice-only', 'no-suitable-provider'] as const
export type Outcome = (typeof OUTCOMES)[number]
export const NOTE_MAX_LENGTH = 500
/**
 * Why the call ended as it did, from a short controlled list, so that free text is rarely needed
 * (issue 13 §6). Drawn from the helpline's own outcomes and the gaps the domain names: a need we do
 * not list, a place we do not cover, language and format needs, cost, referral criteria, a strand
 * with no specialist, groups bounced between bodies.
 */
export const REASONS = [
  'service-not-listed',
  'outside-area',
  'language-support',
  'accessible-format',
  'cost-barrier',
  'criteria-not-met',
  'no-specialist-for-group',
  'passed-between-providers',
  'information-only',
] as const
export type Reason = (typeof REASONS)[number]
/** Enquiries are recorded by district: the finest level counts are kept and published at. */
export const SUMMARY_LEVELS = ['local', 'subregional', 'regional', 'national'] as const

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
    reason: z.enum(REASONS, { error: `reason must be one of ${REASONS.join(', ')}` }).optional(),
    // The length is checked first and stops the checks (abort), so the personal-data patterns
    // never see more than NOTE_MAX_LENGTH characters, however large the body (issue 13 §3).
    note: z
      .string()
      .max(NOTE_MAX_LENGTH * 2, { error: `note must be at most ${NOTE_MAX_LENGTH} characters`, abort: true })
      .trim()
      .max(NOTE_MAX_LENGTH, { error: `note must be at most ${NOTE_MAX_LENGTH} characters`, abort: true })
      .superRefine((note, ctx) => {
        const found = findPersonalData(note)
        if (found.length > 0) ctx.addIssue({ code: 'custom', message: personalDataMessage(found) })
      })
      .optional(),
    /**
     * One per call, made by the client: a repeat with the same key answers the enquiry already
     * logged instead of logging it again (issue 13 §8).
     */
    idempotencyKey: z.uuid({ error: 'idempotencyKey must be a UUID, one per call' }).optional(),
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

export const enquiryParamsSchema = z
  .object({ id: z.uuid({ error: 'must be an enquiry id (UUID)' }) })
  .strict()

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

/** A count as published: exact for admins, rounded to a multiple of 5 for everyone else (decision 0010). */
export type PublishedCount = number

/** An enquiry as stored and answered: the district and the day, never the caller. */
export interface EnquiryRecord {
  id: string
  recordedOn: string
  districtCode: string
  function: string | null
  topic: string | null
  strands: string[]
  channel: (typeof CHANNELS)[number]
  outcome: Outcome
  reason: Reason | null
  referredTo: string[]
  note: string | null
}

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
  /** True when the counts are rounded (everyone but an admin). */
  suppressed: boolean
  /** The rounding base of every count, or null when exact. */
  roundedTo: number | null
  areas: EnquirySummaryArea[]
}

import { z } from 'zod'
import { wholeNumber } from '../lib/query-string'

/**
 * The review queue of imported drafts (issue 16 §1, decision 0015): what GET /api/candidates takes
 * and answers, and the bodies of merge and reject.
 */

export const CANDIDATES_PER_PAGE = 20

const text = { stringOnly: true } as const

export const candidatesQuerySchema = z
  .object({
    source: z
      .string()
      .trim()
      .min(1, { message: 'source must not be empty (leave it out for every source)' })
      .max(100, { message: 'source must be at most 100 characters' })
      .optional(),
    q: z.string().trim().max(200, { message: 'q must be at most 200 characters' }).optional(),
    page: wholeNumber('page', 1, 10_000, text).default(1),
  })
  .strict()
export type CandidatesQuery = z.infer<typeof candidatesQuerySchema>

export const candidateParamSchema = z
  .object({ id: z.uuid({ error: 'must be a candidate id (UUID)' }) })
  .strict()

export const mergeBodySchema = z
  .object({ into: z.uuid({ error: 'into must be the id (UUID) of the record to merge into' }) })
  .strict()

export const rejectCandidateBodySchema = z
  .object({
    reason: z
      .string({ error: 'reason is required' })
      .trim()
      .min(1, { message: 'reason is required' })
      .max(500, { message: 'reason must be at most 500 characters' }),
  })
  .strict()

const evidenceSchema = z.object({
  from: z.string(),
  match: z.string(),
  points: z.number(),
  signal: z.string(),
})

export const candidateMatchSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  status: z.string(),
  matchedBy: z.array(z.enum(['charity-number', 'org-id', 'name-postcode'])),
})
export type CandidateMatch = z.infer<typeof candidateMatchSchema>

export const candidateSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  source: z.string().describe("'ccew' (the Charity Commission register) or a harvested feed's base URL"),
  sourceId: z.string().describe('The registered charity number, or the ORUK service id'),
  fetchedAt: z.string(),
  orgIds: z.array(z.string()),
  charityNumber: z.string().nullable(),
  address: z.string().nullable(),
  summary: z.string(),
  score: z.number().nullable().describe('The infrastructure score (register only)'),
  evidence: z.array(evidenceSchema).describe('What earned the score: classification codes, matched words'),
  areasOfOperation: z.array(z.string()).describe('The areas of operation as the register words them'),
  areas: z.array(z.object({ code: z.string(), name: z.string().nullable() })),
  level: z.string(),
  kind: z.string(),
  functions: z.array(z.string()),
  strands: z.array(z.string()),
  latestIncome: z.number().nullable(),
  matches: z.array(candidateMatchSchema).describe('Existing records this draft may duplicate'),
})
export type Candidate = z.infer<typeof candidateSchema>

export const candidatePageSchema = z.object({
  items: z.array(candidateSchema),
  total: z.number().int(),
  page: z.number().int(),
  perPage: z.number().int(),
  sources: z.array(z.object({ source: z.string(), count: z.number().int() })),
})
export type CandidatePage = z.infer<typeof candidatePageSchema>

export const candidateOutcomeSchema = z.object({
  id: z
    .uuid()
    .describe('The record that now holds the source link (the draft accepted, or the merge target)'),
  slug: z.string(),
  status: z.string(),
})

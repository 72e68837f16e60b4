import { z } from 'zod'

export const freshnessQuerySchema = z
  .object({
    within: z
      .string()
      .trim()
      .transform((v) => v.toUpperCase())
      .pipe(
        z.string().regex(/^[A-Z]\d{8}$/, {
          message: 'within must be a GSS area code: a letter and eight digits, such as E12000004',
        }),
      )
      .optional(),
  })
  .strict()

export type FreshnessQuery = z.infer<typeof freshnessQuerySchema>

const reviewState = z.enum([
  'none',
  'sending-failed',
  'sent',
  'opened',
  'confirmed',
  'changes-proposed',
  'expired',
])

export const freshnessSchema = z.object({
  area: z.object({ code: z.string(), name: z.string(), type: z.string() }).nullable(),
  policy: z.object({
    staleMonths: z.number(),
    expiredMonths: z.number(),
    staleBefore: z.string(),
    expiredBefore: z.string(),
  }),
  records: z.object({
    total: z.number().describe('Active records covering the area'),
    fresh: z.number().describe('Verified within VERIFICATION_STALE_MONTHS'),
    stale: z
      .number()
      .describe(
        'Never verified, or last verified between VERIFICATION_STALE_MONTHS and VERIFICATION_EXPIRED_MONTHS ago',
      ),
    expired: z
      .number()
      .describe('Not verified for VERIFICATION_EXPIRED_MONTHS (the freshness policy, decision 0020)'),
    neverVerified: z.number().describe('Never verified (counted among the stale)'),
    noContact: z.number().describe('No e-mail, phone or website'),
    noEmail: z.number().describe('No e-mail address: no review link can be sent'),
  }),
  reviewLinks: z.object({
    sent: z.number().describe('Links with at least one delivered mail'),
    opened: z.number(),
    confirmed: z.number(),
    changesProposed: z.number(),
    failing: z.number().describe('Live links whose last send the mail server refused'),
    failedSends: z.number().describe('Sends the mail server refused, all told'),
  }),
  attention: z
    .array(
      z.object({
        id: z.string(),
        slug: z.string(),
        name: z.string(),
        lastVerifiedAt: z.string().nullable(),
        freshness: z.enum(['fresh', 'stale', 'expired']),
        hasContactRoute: z.boolean(),
        review: reviewState,
        lastError: z.string().nullable(),
      }),
    )
    .describe(
      'Records that are stale, expired or without a contact route, oldest verification first (at most 200)',
    ),
})

export type Freshness = z.infer<typeof freshnessSchema>

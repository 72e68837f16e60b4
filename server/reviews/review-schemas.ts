import { z } from 'zod'

/** A review link's token as the mail carries it: 43 URL-safe characters (32 random bytes). */
export const reviewTokenParamSchema = z.object({
  token: z.string().regex(/^[\w-]{20,100}$/, {
    message: 'token must be the code from the review link (letters, digits, - and _)',
  }),
})

/** Changes a provider proposes through a review link: a partial record, checked like a suggestion. */
export const reviewChangesBodySchema = z
  .object({
    proposed: z.record(z.string(), z.unknown()).default({}),
    message: z.string().trim().max(2000, { message: 'message must be at most 2000 characters' }).optional(),
  })
  .strict()

export const reviewLinkStateSchema = z.object({
  expiresAt: z.string().describe('When the link stops working (ISO 8601)'),
  openedAt: z.string(),
  record: z.record(z.string(), z.unknown()).describe('The record as its public page shows it'),
})

export const reviewConfirmedSchema = z.object({
  providerId: z.string(),
  lastVerifiedAt: z.string().describe('The verification date now on the record (today)'),
})

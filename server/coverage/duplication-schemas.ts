import { z } from 'zod'
import { COVERAGE_LEVELS } from './coverage-schemas'

/**
 * The answer of GET /api/coverage/duplication, and the items of an area profile's `duplication`:
 * one item per group of providers that duplicate each other (decision 0005, "Duplication").
 */

export const duplicationItemSchema = z.object({
  function: z.string().describe('The function they all offer'),
  strand: z.string().describe("The strand's code, or generalist (generalists are compared with generalists)"),
  strandDetail: z
    .string()
    .nullable()
    .describe(
      'The strand detail they share (taxonomy strandDetail); null: the whole strand — bodies that record no detail under it — and always for generalists',
    ),
  level: z.enum(COVERAGE_LEVELS).describe('The providers’ own level'),
  count: z.number().int().describe('How many providers are in the group (at least the threshold)'),
  providers: z.array(z.object({ id: z.string(), slug: z.string(), name: z.string() })),
})

export type DuplicationItem = z.infer<typeof duplicationItemSchema>

const areaRef = z.object({ code: z.string(), name: z.string(), nameCy: z.string().nullable() })

export const duplicationResponseSchema = z.object({
  level: z.enum(COVERAGE_LEVELS).describe('The level of the areas listed'),
  within: areaRef.extend({ level: z.string(), type: z.string() }).nullable(),
  minProviders: z.number().int().describe('The threshold: providers in one group before it is listed'),
  total: z.number().int().describe('Groups found, before limit'),
  items: z.array(duplicationItemSchema.extend({ area: areaRef })),
})

export type DuplicationResponse = z.infer<typeof duplicationResponseSchema>

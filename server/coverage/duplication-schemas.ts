import { z } from 'zod'
import { COVERAGE_LEVELS, duplicationItemSchema } from './coverage-schemas'

const areaRef = z.object({ code: z.string(), name: z.string(), nameCy: z.string().nullable() })

/** The answer of GET /api/coverage/duplication: its items are the area profile's, with the area. */
export const duplicationResponseSchema = z.object({
  level: z.enum(COVERAGE_LEVELS).describe('The level of the areas listed'),
  within: areaRef.extend({ level: z.string(), type: z.string() }).nullable(),
  minProviders: z.number().int().describe('The threshold: providers in one group before it is listed'),
  total: z.number().int().describe('Groups found, before limit'),
  items: z.array(duplicationItemSchema.extend({ area: areaRef })),
})

export type DuplicationResponse = z.infer<typeof duplicationResponseSchema>

import { z } from 'zod'
import { GSS_CODE } from '../geo/geo-schemas'
import { defineRoute, type RouteDefinition } from '../lib/route-table'
import type { DeprivationService } from './deprivation-service'

export const deprivationParamsSchema = z.object({
  code: z
    .string()
    .transform((v) => v.trim().toUpperCase())
    .refine((v) => GSS_CODE.test(v), { message: 'must be a GSS area code, such as E08000032' }),
})

/** GET /api/areas/{code}/deprivation: public, from the English Indices of Deprivation 2019. */
export function deprivationRoutes(deprivation: DeprivationService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/areas/{code}/deprivation',
      tags: ['Coverage'],
      summary:
        "An area's deprivation (IMD 2019: population-weighted rank, share in the most deprived 10 %/20 %) and population by age band; outside England, null with the reason",
      params: deprivationParamsSchema,
      responses: { 200: { description: 'The deprivation figures' }, 404: { description: 'No such area' } },
      async handler({ params }, _req, res) {
        res.json(await deprivation.forArea(params.code))
      },
    }),
  ]
}

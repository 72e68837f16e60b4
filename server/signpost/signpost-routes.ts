import { defineRoute, type RouteDefinition } from '../lib/route-table'
import { signpostQuerySchema } from './signpost-schemas'
import type { SignpostService } from './signpost-service'

/**
 * Public reads: the answer holds no personal data, so anyone (the public finder, the helpline
 * screen, other clients) may ask. Logging an enquiry is what needs a helpline account. The query
 * schema checks codes against the live vocabulary.
 */
export function signpostRoutes(signpost: SignpostService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/signpost',
      tags: ['Signposting'],
      summary: 'Who can help a group here with this need: grouped by level, nearest level first',
      query: signpostQuerySchema,
      vocabularyParams: true,
      responses: { 200: { description: 'Groups of providers with reasons and fallbacks' } },
      async handler({ query }, _req, res) {
        res.json(await signpost.signpost(query))
      },
    }),
    // The same answer with the near misses, for staff training and debugging.
    defineRoute({
      method: 'get',
      path: '/api/signpost/explain',
      tags: ['Signposting'],
      summary: 'The same answer with the near misses and why each was left out',
      query: signpostQuerySchema,
      vocabularyParams: true,
      responses: { 200: { description: 'The answer plus excluded candidates' } },
      async handler({ query }, _req, res) {
        res.json(await signpost.signpost({ ...query, explain: true }))
      },
    }),
  ]
}

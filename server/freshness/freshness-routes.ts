import { editors } from '../editing/editing-routes'
import { defineRoute, type RouteDefinition } from '../lib/route-table'
import { freshnessQuerySchema, freshnessSchema } from './freshness-schemas'
import type { FreshnessService } from './freshness-service'

/** GET /api/freshness: the per-area freshness dashboard (editors and admins). */
export function freshnessRoutes(freshness: FreshnessService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/freshness',
      tags: ['Editing'],
      summary: 'How fresh the records covering an area are, and what their review links did',
      roles: editors,
      query: freshnessQuerySchema,
      responses: {
        200: {
          description: 'Counts by freshness and contact, review-link outcomes, records needing attention',
          schema: freshnessSchema,
        },
        404: { description: 'No area with that code' },
      },
      async handler({ query }, _req, res) {
        res.set('Cache-Control', 'no-store').json(await freshness.dashboard(query))
      },
    }),
  ]
}

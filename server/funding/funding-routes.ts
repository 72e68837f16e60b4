import type { Request } from 'express'
import { defineRoute, type RouteDefinition } from '../lib/route-table'
import { fundingLevelQuerySchema, fundingParamsSchema, linkRecipientBodySchema } from './funding-schemas'
import type { FundingService } from './funding-service'

const editors: ['admin', 'editor'] = ['admin', 'editor']

/**
 * Funding flows (decision 0016): an area's funding and the per-area measure for a level (public:
 * grant totals are published open data, not personal data); the recipients editors must match.
 */
export function fundingRoutes(funding: FundingService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/areas/{code}/funding',
      tags: ['Funding'],
      summary:
        'Grants received by the infrastructure bodies covering an area: total, per head, by funder, year and strand',
      params: fundingParamsSchema,
      responses: { 200: { description: "The area's funding" }, 404: { description: 'No such area' } },
      async handler({ params }, _req, res) {
        res.json(await funding.areaFunding(params.code))
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/funding',
      tags: ['Funding'],
      summary: 'Funding per head for every area of a level (JSON, GeoJSON or CSV)',
      query: fundingLevelQuerySchema,
      responses: { 200: { description: 'Funding per area' }, 404: { description: 'No such area (within)' } },
      async handler({ query: q }, _req, res) {
        const name = `funding-${q.level}${q.within ? `-${q.within}` : ''}`
        if (q.format === 'geojson') {
          res
            .type('application/geo+json')
            .set('Content-Disposition', `inline; filename="${name}.geojson"`)
            .send(JSON.stringify(await funding.levelFundingGeoJson(q)))
          return
        }
        if (q.format === 'csv') {
          res
            .type('text/csv; charset=utf-8')
            .set('Content-Disposition', `attachment; filename="${name}.csv"`)
            .send(await funding.levelFundingCsv(q))
          return
        }
        res.json(await funding.levelFunding(q))
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/grants/unmatched',
      tags: ['Funding'],
      summary: 'Grant recipients not matched to a record, or matched by name and postcode only (to confirm)',
      roles: editors,
      responses: { 200: { description: 'Recipients to match' } },
      async handler(_input, _req, res) {
        res.set('Cache-Control', 'no-store').json(await funding.unmatched())
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/grants/recipient-match',
      tags: ['Funding'],
      summary: "Link a recipient's grants to a record, or confirm the suggested one (audited)",
      roles: editors,
      body: linkRecipientBodySchema,
      responses: {
        200: { description: 'The grants linked' },
        400: { description: 'No such provider' },
        404: { description: 'No grant has that recipient' },
      },
      async handler({ body }, req: Request, res) {
        res.json(
          await funding.linkRecipient(body, {
            userId: req.session.userId as string,
            requestId: req.id as string,
          }),
        )
      },
    }),
  ]
}

import type { Request } from 'express'
import { defineRoute, type RouteDefinition } from '../lib/route-table'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import {
  baselineInputSchema,
  baselineParamsSchema,
  baselinePatchSchema,
  coverageQuerySchema,
  duplicationQuerySchema,
  impactQuerySchema,
  profileParamsSchema,
} from './coverage-schemas'
import type { CoverageService } from './coverage-service'
import { duplicationResponseSchema } from './duplication-schemas'

const editors: ['admin', 'editor'] = ['admin', 'editor']
const actorOf = (req: Request) => ({ userId: req.session.userId as string, requestId: req.id as string })

/**
 * /api/coverage (the matrix, its exports, duplication, impact and baselines) and
 * /api/areas/{code}/profile. Reads are public; unmet-need counts of 1–4 show as "<5" to anyone
 * but an admin. Baselines are edited by admins and editors, audited.
 */
export function coverageRoutes(
  coverage: CoverageService,
  options: { duplicationMinProviders: number },
): RouteDefinition[] {
  const exact = (req: { session?: { role?: string } }) => req.session?.role === 'admin'
  const duplicationQuery = (t: Taxonomy) => duplicationQuerySchema(t, options.duplicationMinProviders)

  return [
    defineRoute({
      method: 'get',
      path: '/api/coverage',
      tags: ['Coverage'],
      summary: 'Coverage and gaps by area (JSON, GeoJSON or CSV)',
      query: coverageQuerySchema,
      responses: { 200: { description: 'The coverage matrix' } },
      async handler({ query: q }, req, res) {
        // Unmet-need counts depend on who asks: never cache them in a shared cache.
        res.set('Cache-Control', 'no-store')
        const name = `coverage-${q.level}${q.within ? `-${q.within}` : ''}`
        if (q.format === 'geojson') {
          res
            .type('application/geo+json')
            .set('Content-Disposition', `inline; filename="${name}.geojson"`)
            .send(JSON.stringify(await coverage.coverageGeoJson(q, exact(req))))
          return
        }
        if (q.format === 'csv') {
          res
            .type('text/csv; charset=utf-8')
            .set('Content-Disposition', `attachment; filename="${name}.csv"`)
            .send(await coverage.coverageCsv(q, exact(req)))
          return
        }
        res.json(await coverage.coverage(q, exact(req)))
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/coverage/duplication',
      tags: ['Coverage'],
      summary:
        'Where several providers at one level offer one function to the same group (generalists, a strand detail, or a whole strand)',
      query: duplicationQuery,
      responses: { 200: { description: 'Duplicated provision', schema: duplicationResponseSchema } },
      async handler({ query }, _req, res) {
        res.json(await coverage.duplication(query))
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/coverage/impact',
      tags: ['Coverage'],
      summary: 'What closing a provider would leave uncovered',
      query: impactQuerySchema,
      responses: { 200: { description: 'The impact' } },
      async handler({ query }, _req, res) {
        res.json(await coverage.impact(query))
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/coverage/baselines',
      tags: ['Coverage'],
      summary: 'The minimum baselines (level x function x strand x count)',
      responses: { 200: { description: 'Baselines' } },
      async handler(_input, _req, res) {
        res.json({ items: await coverage.listBaselines() })
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/coverage/baselines/{id}',
      tags: ['Coverage'],
      summary: 'One baseline',
      params: baselineParamsSchema,
      responses: { 200: { description: 'The baseline' } },
      async handler({ params }, _req, res) {
        res.json(await coverage.getBaseline(params.id))
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/coverage/baselines',
      tags: ['Coverage'],
      summary: 'Add a baseline',
      roles: editors,
      body: baselineInputSchema,
      responses: { 201: { description: 'The baseline' } },
      async handler({ body }, req, res) {
        const saved = await coverage.createBaseline(body, actorOf(req))
        res.status(201).location(`/api/coverage/baselines/${saved.id}`).json(saved)
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/coverage/baselines/{id}',
      tags: ['Coverage'],
      summary: 'Change a baseline',
      roles: editors,
      params: baselineParamsSchema,
      body: baselinePatchSchema,
      responses: { 200: { description: 'The baseline' } },
      async handler({ params, body }, req, res) {
        res.json(await coverage.updateBaseline(params.id, body, actorOf(req)))
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/coverage/baselines/{id}',
      tags: ['Coverage'],
      summary: 'Remove a baseline',
      roles: editors,
      params: baselineParamsSchema,
      responses: { 204: { description: 'Removed' } },
      async handler({ params }, req, res) {
        await coverage.deleteBaseline(params.id, actorOf(req))
        res.status(204).end()
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/areas/{code}/profile',
      tags: ['Coverage'],
      summary: "An area's profile: providers by level, baselines, duplication, unmet need",
      params: profileParamsSchema,
      responses: { 200: { description: 'The area profile' } },
      async handler({ params }, req, res) {
        res.set('Cache-Control', 'no-store').json(await coverage.profile(params.code, exact(req)))
      },
    }),
  ]
}

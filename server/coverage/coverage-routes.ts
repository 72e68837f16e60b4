import { Router } from 'express'
import { requireRole } from '../auth/auth-middleware'
import { parseOrThrow } from '../lib/errors'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import type { TaxonomyService } from '../taxonomy/taxonomy-service'
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

/** Schemas built from one taxonomy read, rebuilt when the (cached) taxonomy changes. */
function perTaxonomy<T>(taxonomy: TaxonomyService, build: (t: Taxonomy) => T): () => Promise<T> {
  const built = new WeakMap<Taxonomy, T>()
  return async () => {
    const current = await taxonomy.getTaxonomy()
    let value = built.get(current)
    if (!value) {
      value = build(current)
      built.set(current, value)
    }
    return value
  }
}

/**
 * /api/coverage (the matrix, its exports, duplication, impact and baselines) and
 * /api/areas/{code}/profile. Reads are public; unmet-need counts of 1–4 show as "<5" to anyone
 * but an admin. Baselines are edited by admins and editors, audited.
 */
export function coverageRoutes(
  coverage: CoverageService,
  taxonomy: TaxonomyService,
  options: { duplicationMinProviders: number },
): Router {
  const router = Router()
  const schemas = perTaxonomy(taxonomy, (t) => ({
    coverage: coverageQuerySchema(t),
    duplication: duplicationQuerySchema(t, options.duplicationMinProviders),
    baseline: baselineInputSchema(t),
    patch: baselinePatchSchema(t),
  }))
  const exact = (req: { session?: { role?: string } }) => req.session?.role === 'admin'

  router.get('/coverage', async (req, res) => {
    const q = parseOrThrow((await schemas()).coverage, req.query, 'query')
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
  })

  router.get('/coverage/duplication', async (req, res) => {
    const q = parseOrThrow((await schemas()).duplication, req.query, 'query')
    res.json(await coverage.duplication(q))
  })

  router.get('/coverage/impact', async (req, res) => {
    const q = parseOrThrow(impactQuerySchema, req.query, 'query')
    res.json(await coverage.impact(q))
  })

  router.get('/coverage/baselines', async (_req, res) => {
    res.json({ items: await coverage.listBaselines() })
  })

  router.get('/coverage/baselines/:id', async (req, res) => {
    const { id } = parseOrThrow(baselineParamsSchema, req.params, 'path')
    res.json(await coverage.getBaseline(id))
  })

  router.post('/coverage/baselines', requireRole('admin', 'editor'), async (req, res) => {
    const body = parseOrThrow((await schemas()).baseline, req.body, 'body')
    const saved = await coverage.createBaseline(body, {
      userId: req.session.userId as string,
      requestId: req.id as string,
    })
    res.status(201).location(`/api/coverage/baselines/${saved.id}`).json(saved)
  })

  router.patch('/coverage/baselines/:id', requireRole('admin', 'editor'), async (req, res) => {
    const { id } = parseOrThrow(baselineParamsSchema, req.params, 'path')
    const patch = parseOrThrow((await schemas()).patch, req.body, 'body')
    res.json(
      await coverage.updateBaseline(id, patch, {
        userId: req.session.userId as string,
        requestId: req.id as string,
      }),
    )
  })

  router.delete('/coverage/baselines/:id', requireRole('admin', 'editor'), async (req, res) => {
    const { id } = parseOrThrow(baselineParamsSchema, req.params, 'path')
    await coverage.deleteBaseline(id, { userId: req.session.userId as string, requestId: req.id as string })
    res.status(204).end()
  })

  router.get('/areas/:code/profile', async (req, res) => {
    const { code } = parseOrThrow(profileParamsSchema, req.params, 'path')
    res.set('Cache-Control', 'no-store').json(await coverage.profile(code, exact(req)))
  })

  return router
}

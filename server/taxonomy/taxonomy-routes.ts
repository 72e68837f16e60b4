import { Router } from 'express'
import type { TaxonomyService } from './taxonomy-service'

export function taxonomyRoutes(taxonomy: TaxonomyService): Router {
  const router = Router()
  router.get('/taxonomy', async (_req, res) => {
    res.set('Cache-Control', 'public, max-age=60')
    res.json(await taxonomy.getTaxonomy())
  })
  return router
}

import { Router } from 'express'
import { parseOrThrow } from '../lib/errors'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import type { TaxonomyService } from '../taxonomy/taxonomy-service'
import { signpostQuerySchema } from './signpost-schemas'
import type { SignpostService } from './signpost-service'

/**
 * Public reads: the answer holds no personal data, so anyone (the public finder, the helpline
 * screen, other clients) may ask. Logging an enquiry is what needs a helpline account.
 */
export function signpostRoutes(signpost: SignpostService, taxonomy: TaxonomyService): Router {
  const router = Router()
  // The query schema checks codes against the live vocabulary; build it once per taxonomy read.
  const schemas = new WeakMap<Taxonomy, ReturnType<typeof signpostQuerySchema>>()
  const querySchema = async () => {
    const current = await taxonomy.getTaxonomy()
    let schema = schemas.get(current)
    if (!schema) {
      schema = signpostQuerySchema(current)
      schemas.set(current, schema)
    }
    return schema
  }

  router.get('/signpost', async (req, res) => {
    const query = parseOrThrow(await querySchema(), req.query, 'query')
    res.json(await signpost.signpost(query))
  })
  // The same answer with the near misses, for staff training and debugging.
  router.get('/signpost/explain', async (req, res) => {
    const query = parseOrThrow(await querySchema(), req.query, 'query')
    res.json(await signpost.signpost({ ...query, explain: true }))
  })
  return router
}

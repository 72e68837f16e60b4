import { Router } from 'express'
import { parseOrThrow } from '../lib/errors'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import type { TaxonomyService } from '../taxonomy/taxonomy-service'
import { idOrSlugSchema, searchQuerySchema } from './directory-schemas'
import type { DirectoryService } from './directory-service'

export function directoryRoutes(directory: DirectoryService, taxonomy: TaxonomyService): Router {
  const router = Router()
  // The query schema checks codes against the live vocabulary; build it once per taxonomy read.
  const schemas = new WeakMap<Taxonomy, ReturnType<typeof searchQuerySchema>>()
  const querySchema = async () => {
    const current = await taxonomy.getTaxonomy()
    let schema = schemas.get(current)
    if (!schema) {
      schema = searchQuerySchema(current)
      schemas.set(current, schema)
    }
    return schema
  }

  router.get('/providers', async (req, res) => {
    const query = parseOrThrow(await querySchema(), req.query, 'query')
    res.json(await directory.search(query))
  })
  router.get('/providers/:idOrSlug', async (req, res) => {
    const { idOrSlug } = parseOrThrow(idOrSlugSchema, req.params, 'path')
    res.json(await directory.getProvider(idOrSlug))
  })
  router.get('/providers/:idOrSlug/coverage', async (req, res) => {
    const { idOrSlug } = parseOrThrow(idOrSlugSchema, req.params, 'path')
    res.type('application/geo+json').json(await directory.getCoverage(idOrSlug))
  })
  return router
}

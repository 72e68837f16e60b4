import { Router } from 'express'
import { requireRole } from '../auth/auth-middleware'
import { parseOrThrow, ValidationError } from '../lib/errors'
import { termParamsSchema, termPatchSchema } from './taxonomy-schemas'
import type { TaxonomyService } from './taxonomy-service'

export function taxonomyRoutes(taxonomy: TaxonomyService): Router {
  const router = Router()
  router.get('/taxonomy', async (_req, res) => {
    res.set('Cache-Control', 'public, max-age=60')
    res.json(await taxonomy.getTaxonomy())
  })
  router.get('/taxonomy/:vocabulary/:code', async (req, res) => {
    const params = parseOrThrow(termParamsSchema, req.params, 'path')
    const { term, etag } = await taxonomy.term(params)
    res.set('ETag', etag).set('Cache-Control', 'no-cache').json(term)
  })
  return router
}

/** Editing a term's wording (after the session and CSRF middleware). */
export function taxonomyWriteRoutes(taxonomy: TaxonomyService): Router {
  const router = Router()
  router.patch('/taxonomy/:vocabulary/:code', requireRole('admin', 'editor'), async (req, res) => {
    const params = parseOrThrow(termParamsSchema, req.params, 'path')
    const ifMatch = req.get('if-match')?.trim()
    if (ifMatch !== undefined && ifMatch !== '*' && !/^"[A-Za-z0-9_-]{1,64}"$/.test(ifMatch)) {
      throw new ValidationError('Invalid If-Match header: send the ETag you read, in quotes', [
        { field: 'If-Match', message: 'send the ETag from GET /api/taxonomy/{vocabulary}/{code}, in quotes' },
      ])
    }
    const patch = parseOrThrow(termPatchSchema, req.body ?? {}, 'body')
    const { term, etag } = await taxonomy.updateTerm(
      { userId: req.session.userId as string, requestId: String(req.id) },
      params,
      patch,
      ifMatch,
    )
    res.set('ETag', etag).set('Cache-Control', 'no-store').json(term)
  })
  return router
}

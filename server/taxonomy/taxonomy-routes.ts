import { ValidationError } from '../lib/errors'
import { defineRoute, type RouteDefinition } from '../lib/route-table'
import { taxonomySchema, taxonomyTermSchema, termParamsSchema, termPatchSchema } from './taxonomy-schemas'
import type { TaxonomyService } from './taxonomy-service'

export function taxonomyRoutes(taxonomy: TaxonomyService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/taxonomy',
      tags: ['Directory'],
      summary:
        'The controlled vocabularies (levels, kinds, functions, topics, strands, ...) in English and Welsh',
      responses: { 200: { description: 'Every vocabulary', schema: taxonomySchema } },
      async handler(_input, _req, res) {
        res.set('Cache-Control', 'public, max-age=60')
        res.json(await taxonomy.getTaxonomy())
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/taxonomy/{vocabulary}/{code}',
      tags: ['Directory'],
      summary: 'One term of a vocabulary, with the ETag an edit sends back in If-Match',
      params: termParamsSchema,
      responses: {
        200: { description: 'The term', schema: taxonomyTermSchema },
        404: { description: 'No such term' },
      },
      async handler({ params }, _req, res) {
        const { term, etag } = await taxonomy.term(params)
        res.set('ETag', etag).set('Cache-Control', 'no-cache').json(term)
      },
    }),
  ]
}

/** Editing a term's wording (after the session and CSRF middleware). */
export function taxonomyWriteRoutes(taxonomy: TaxonomyService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'patch',
      path: '/api/taxonomy/{vocabulary}/{code}',
      tags: ['Editing'],
      summary:
        "Change a term's wording (labels, descriptions, synonyms in English and Welsh; If-Match: the ETag read). Codes never change",
      roles: ['admin', 'editor'],
      params: termParamsSchema,
      body: termPatchSchema,
      optionalBody: true,
      // The If-Match header is checked before the body.
      selfChecked: ['body'],
      responses: {
        200: { description: 'The term as saved', schema: taxonomyTermSchema },
        404: { description: 'No such term' },
        409: { description: 'The term changed since the ETag given' },
        428: { description: 'No If-Match given' },
      },
      async handler({ params, check }, req, res) {
        const ifMatch = req.get('if-match')?.trim()
        if (ifMatch !== undefined && ifMatch !== '*' && !/^"[A-Za-z0-9_-]{1,64}"$/.test(ifMatch)) {
          throw new ValidationError('Invalid If-Match header: send the ETag you read, in quotes', [
            {
              field: 'If-Match',
              message: 'send the ETag from GET /api/taxonomy/{vocabulary}/{code}, in quotes',
            },
          ])
        }
        const patch = await check('body')
        const { term, etag } = await taxonomy.updateTerm(
          { userId: req.session.userId as string, requestId: String(req.id) },
          params,
          patch,
          ifMatch,
        )
        res.set('ETag', etag).set('Cache-Control', 'no-store').json(term)
      },
    }),
  ]
}

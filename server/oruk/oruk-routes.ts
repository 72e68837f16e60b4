import type { Request, RequestHandler, Response } from 'express'
import { defineRoute, type RouteDefinition } from '../lib/route-table'
import type { FeedLanguage } from './oruk-records'
import {
  noQuerySchema,
  organizationQuerySchema,
  organizationsQuerySchema,
  orukIdSchema,
  serviceAtLocationsQuerySchema,
  servicesQuerySchema,
  taxonomiesQuerySchema,
  taxonomyTermsQuerySchema,
} from './oruk-schemas'
import type { OrukService } from './oruk-service'

export interface OrukRouteOptions {
  /** The data licence, sent as a `Link: <url>; rel="license"` header on every answer. */
  licenceUrl: string
}

/** scheme://host of the request, for the absolute links the feed publishes. */
const baseUrlOf = (req: Request) => `${req.protocol}://${req.get('host')}`

/**
 * The feed's language: Welsh when the reader's `Accept-Language` prefers it to English (ORUK has no
 * field per language, so the texts are negotiated, as HTTP intends); English otherwise.
 */
function languageOf(req: Request, res: Response): FeedLanguage {
  const lang = req.acceptsLanguages('en', 'cy') === 'cy' ? 'cy' : 'en'
  res.set('Content-Language', lang)
  return lang
}

/**
 * Open Referral UK 3.0, mounted at /oruk: read-only open data, so no session, no CSRF and any
 * origin may read it. Errors use our one error shape (the ORUK OpenAPI defines none). These
 * headers go on every answer under /oruk, the 404 included.
 */
export function orukHeaders(options: OrukRouteOptions): RequestHandler {
  return (req, res, next) => {
    res.set({
      'Access-Control-Allow-Origin': '*',
      // Helmet's default (same-origin) would stop other sites embedding the open data.
      'Cross-Origin-Resource-Policy': 'cross-origin',
      Link: `<${options.licenceUrl}>; rel="license"`,
    })
    // Records are served in the language asked for (see languageOf).
    res.vary('Accept-Language')
    if (req.method === 'OPTIONS') {
      res.set({ 'Access-Control-Allow-Methods': 'GET, OPTIONS', 'Access-Control-Max-Age': '86400' })
      res.status(204).end()
      return
    }
    next()
  }
}

/** The feed's reads: described by the ORUK standard itself, so left out of /api/openapi.json. */
const read = { method: 'get', tags: ['ORUK'], undocumented: true } as const
const ok = { 200: { description: 'ORUK 3.0 JSON' } }

export function orukRoutes(oruk: OrukService): RouteDefinition[] {
  return [
    defineRoute({
      ...read,
      path: '/oruk',
      summary: 'The API details',
      query: noQuerySchema,
      responses: ok,
      handler(_input, _req, res) {
        res.json(oruk.apiDetails())
      },
    }),
    defineRoute({
      ...read,
      path: '/oruk/services',
      summary: 'Services',
      query: servicesQuerySchema,
      responses: ok,
      async handler({ query }, req, res) {
        res.json(await oruk.listServices(query, baseUrlOf(req), languageOf(req, res)))
      },
    }),
    defineRoute({
      ...read,
      path: '/oruk/services/{id}',
      summary: 'One service',
      params: orukIdSchema,
      query: noQuerySchema,
      responses: ok,
      async handler({ params }, req, res) {
        res.json(await oruk.getService(params.id, baseUrlOf(req), languageOf(req, res)))
      },
    }),
    defineRoute({
      ...read,
      path: '/oruk/organizations',
      summary: 'Organisations',
      query: organizationsQuerySchema,
      responses: ok,
      async handler({ query }, req, res) {
        res.json(await oruk.listOrganizations(query, baseUrlOf(req), languageOf(req, res)))
      },
    }),
    defineRoute({
      ...read,
      path: '/oruk/organizations/{id}',
      summary: 'One organisation',
      params: orukIdSchema,
      query: organizationQuerySchema,
      responses: ok,
      async handler({ params, query }, req, res) {
        res.json(
          await oruk.getOrganization(params.id, query.fullService, baseUrlOf(req), languageOf(req, res)),
        )
      },
    }),
    defineRoute({
      ...read,
      path: '/oruk/taxonomies',
      summary: 'Taxonomies',
      query: taxonomiesQuerySchema,
      responses: ok,
      async handler({ query }, _req, res) {
        res.json(await oruk.listTaxonomies(query))
      },
    }),
    defineRoute({
      ...read,
      path: '/oruk/taxonomies/{id}',
      summary: 'One taxonomy',
      params: orukIdSchema,
      query: noQuerySchema,
      responses: ok,
      async handler({ params }, _req, res) {
        res.json(await oruk.getTaxonomy(params.id))
      },
    }),
    defineRoute({
      ...read,
      path: '/oruk/taxonomy_terms',
      summary: 'Taxonomy terms',
      query: taxonomyTermsQuerySchema,
      responses: ok,
      async handler({ query }, _req, res) {
        res.json(await oruk.listTaxonomyTerms(query))
      },
    }),
    defineRoute({
      ...read,
      path: '/oruk/taxonomy_terms/{id}',
      summary: 'One taxonomy term',
      params: orukIdSchema,
      query: noQuerySchema,
      responses: ok,
      async handler({ params }, _req, res) {
        res.json(await oruk.getTaxonomyTerm(params.id))
      },
    }),
    defineRoute({
      ...read,
      path: '/oruk/service_at_locations',
      summary: 'Services at locations',
      query: serviceAtLocationsQuerySchema,
      responses: ok,
      async handler({ query }, req, res) {
        res.json(await oruk.listServiceAtLocations(query, baseUrlOf(req), languageOf(req, res)))
      },
    }),
    defineRoute({
      ...read,
      path: '/oruk/service_at_locations/{id}',
      summary: 'One service at a location',
      params: orukIdSchema,
      query: noQuerySchema,
      responses: ok,
      async handler({ params }, req, res) {
        res.json(await oruk.getServiceAtLocation(params.id, baseUrlOf(req), languageOf(req, res)))
      },
    }),
  ]
}

import { type Request, Router } from 'express'
import { notFoundHandler, parseOrThrow } from '../lib/errors'
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
 * Open Referral UK 3.0, mounted at /oruk: read-only open data, so no session, no CSRF and any
 * origin may read it. Errors use our one error shape (the ORUK OpenAPI defines none).
 */
export function orukRoutes(oruk: OrukService, options: OrukRouteOptions): Router {
  const router = Router()
  router.use((req, res, next) => {
    res.set({
      'Access-Control-Allow-Origin': '*',
      // Helmet's default (same-origin) would stop other sites embedding the open data.
      'Cross-Origin-Resource-Policy': 'cross-origin',
      Link: `<${options.licenceUrl}>; rel="license"`,
    })
    if (req.method === 'OPTIONS') {
      res.set({ 'Access-Control-Allow-Methods': 'GET, OPTIONS', 'Access-Control-Max-Age': '86400' })
      res.status(204).end()
      return
    }
    next()
  })

  router.get('/', (req, res) => {
    parseOrThrow(noQuerySchema, req.query, 'query')
    res.json(oruk.apiDetails())
  })
  router.get('/services', async (req, res) => {
    const q = parseOrThrow(servicesQuerySchema, req.query, 'query')
    res.json(await oruk.listServices(q, baseUrlOf(req)))
  })
  router.get('/services/:id', async (req, res) => {
    const { id } = parseOrThrow(orukIdSchema, req.params, 'path')
    parseOrThrow(noQuerySchema, req.query, 'query')
    res.json(await oruk.getService(id, baseUrlOf(req)))
  })
  router.get('/organizations', async (req, res) => {
    const q = parseOrThrow(organizationsQuerySchema, req.query, 'query')
    res.json(await oruk.listOrganizations(q, baseUrlOf(req)))
  })
  router.get('/organizations/:id', async (req, res) => {
    const { id } = parseOrThrow(orukIdSchema, req.params, 'path')
    const q = parseOrThrow(organizationQuerySchema, req.query, 'query')
    res.json(await oruk.getOrganization(id, q.fullService, baseUrlOf(req)))
  })
  router.get('/taxonomies', async (req, res) => {
    const q = parseOrThrow(taxonomiesQuerySchema, req.query, 'query')
    res.json(await oruk.listTaxonomies(q))
  })
  router.get('/taxonomies/:id', async (req, res) => {
    const { id } = parseOrThrow(orukIdSchema, req.params, 'path')
    parseOrThrow(noQuerySchema, req.query, 'query')
    res.json(await oruk.getTaxonomy(id))
  })
  router.get('/taxonomy_terms', async (req, res) => {
    const q = parseOrThrow(taxonomyTermsQuerySchema, req.query, 'query')
    res.json(await oruk.listTaxonomyTerms(q))
  })
  router.get('/taxonomy_terms/:id', async (req, res) => {
    const { id } = parseOrThrow(orukIdSchema, req.params, 'path')
    parseOrThrow(noQuerySchema, req.query, 'query')
    res.json(await oruk.getTaxonomyTerm(id))
  })
  router.get('/service_at_locations', async (req, res) => {
    const q = parseOrThrow(serviceAtLocationsQuerySchema, req.query, 'query')
    res.json(await oruk.listServiceAtLocations(q, baseUrlOf(req)))
  })
  router.get('/service_at_locations/:id', async (req, res) => {
    const { id } = parseOrThrow(orukIdSchema, req.params, 'path')
    parseOrThrow(noQuerySchema, req.query, 'query')
    res.json(await oruk.getServiceAtLocation(id, baseUrlOf(req)))
  })
  router.use(notFoundHandler)
  return router
}

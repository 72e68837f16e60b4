import fs from 'node:fs'
import { Router } from 'express'
import type { Config } from '../lib/config'
import { parseOrThrow } from '../lib/errors'
import { noQuerySchema } from '../oruk/oruk-schemas'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import type { TaxonomyService } from '../taxonomy/taxonomy-service'
import { renderDocsPage } from './openapi-docs-page'
import { buildOpenApiDocument, type OpenApiDocument } from './openapi-document'
import { operations } from './openapi-operations'

const stylesheet = fs.readFileSync(new URL('./openapi-docs.css', import.meta.url), 'utf8')

/** The document's title, version and licence: what a newcomer sees first on /api/docs. */
export const API_INFO = {
  title: 'Support Atlas API',
  version: '0.1.0',
  description:
    "The directory, signposting, coverage and editing API of Support Atlas, a directory and map of the UK's voluntary-sector infrastructure. Reads are open; changes need a session and the CSRF token.",
}

/**
 * GET /api/openapi.json (OpenAPI 3.1, generated from the zod schemas) and GET /api/docs (a
 * readable reference rendered from it). Built once per taxonomy read: query schemas list the
 * live vocabulary's codes.
 */
export function openApiRoutes(taxonomy: TaxonomyService, config: Config): Router {
  const router = Router()
  const built = new WeakMap<Taxonomy, { doc: OpenApiDocument; html: string }>()
  const current = async () => {
    const t = await taxonomy.getTaxonomy()
    let entry = built.get(t)
    if (!entry) {
      const doc = buildOpenApiDocument(
        operations,
        { taxonomy: t, config },
        { ...API_INFO, licence: { name: config.dataLicenceName, url: config.dataLicenceUrl } },
      )
      entry = { doc, html: renderDocsPage(doc) }
      built.set(t, entry)
    }
    return entry
  }

  router.get('/openapi.json', async (req, res) => {
    parseOrThrow(noQuerySchema, req.query, 'query')
    res.set('Cache-Control', 'public, max-age=60').json((await current()).doc)
  })
  router.get('/docs', async (req, res) => {
    parseOrThrow(noQuerySchema, req.query, 'query')
    res
      .set('Cache-Control', 'public, max-age=60')
      .type('html')
      .send((await current()).html)
  })
  router.get('/docs/docs.css', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=3600').type('css').send(stylesheet)
  })
  return router
}

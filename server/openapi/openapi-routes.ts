import fs from 'node:fs'
import { z } from 'zod'
import { cachedFor } from '../lib/per-object-cache'
import { defineRoute, type RouteDefinition, type RouteDoc } from '../lib/route-table'
import { noQuerySchema } from '../oruk/oruk-schemas'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import type { TaxonomyService } from '../taxonomy/taxonomy-service'
import { renderDocsPage } from './openapi-docs-page'
import { buildOpenApiDocument } from './openapi-document'

const stylesheet = fs.readFileSync(new URL('./openapi-docs.css', import.meta.url), 'utf8')

/** The document's title, version and licence: what a newcomer sees first on /api/docs. */
export const API_INFO = {
  title: 'Support Atlas API',
  version: '0.1.0',
  description:
    "The directory, signposting, coverage and editing API of Support Atlas, a directory and map of the UK's voluntary-sector infrastructure. Reads are open; changes need a session and the CSRF token.",
}

const openApiObjectSchema = z.looseObject({
  openapi: z.literal('3.1.0'),
  info: z.object({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
})

/**
 * GET /api/openapi.json (OpenAPI 3.1, generated from the route table: every route the app
 * mounted, this one included) and GET /api/docs (a readable reference rendered from it). Built
 * once per taxonomy read: query schemas list the live vocabulary's codes.
 */
export function openApiRoutes(
  taxonomy: TaxonomyService,
  table: () => RouteDoc[],
  licence: { name: string; url: string },
): RouteDefinition[] {
  const build = (t: Taxonomy) => {
    const doc = buildOpenApiDocument(table(), t, { ...API_INFO, licence })
    return { doc, html: renderDocsPage(doc) }
  }
  const current = async () => cachedFor(await taxonomy.getTaxonomy(), build)

  return [
    defineRoute({
      method: 'get',
      path: '/api/openapi.json',
      tags: ['Operations'],
      summary: 'This description of the API (OpenAPI 3.1)',
      query: noQuerySchema,
      responses: { 200: { description: 'The OpenAPI document', schema: openApiObjectSchema } },
      async handler(_input, _req, res) {
        res.set('Cache-Control', 'public, max-age=60').json((await current()).doc)
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/docs',
      tags: ['Operations'],
      summary: 'A readable reference page generated from this description',
      query: noQuerySchema,
      responses: { 200: { description: 'HTML', contentType: 'text/html' } },
      async handler(_input, _req, res) {
        res
          .set('Cache-Control', 'public, max-age=60')
          .type('html')
          .send((await current()).html)
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/docs/docs.css',
      tags: ['Operations'],
      summary: "The reference page's stylesheet",
      responses: { 200: { description: 'CSS', contentType: 'text/css' } },
      handler(_input, _req, res) {
        res.set('Cache-Control', 'public, max-age=3600').type('css').send(stylesheet)
      },
    }),
  ]
}

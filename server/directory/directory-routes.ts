import type { Request, RequestHandler, Response } from 'express'
import { HttpError, NotFoundError } from '../lib/errors'
import { defineRoute, type RouteDefinition } from '../lib/route-table'
import {
  coverageFeatureSchema,
  idOrSlugSchema,
  providerDetailSchema,
  searchQuerySchema,
  searchResponseSchema,
} from './directory-schemas'
import type { DirectoryService } from './directory-service'

/** Roles that may see draft (unpublished) records in search and by id or slug. */
const DRAFT_READERS = new Set(['admin', 'editor'])

/** Runs the session middleware for this request only (public reads do not load sessions otherwise). */
function runHandlers(handlers: RequestHandler[], req: Request, res: Response): Promise<void> {
  return handlers.reduce<Promise<void>>(
    (done, handler) =>
      done.then(
        () =>
          new Promise<void>((resolve, reject) =>
            handler(req, res, (err?: unknown) => (err ? reject(err) : resolve())),
          ),
      ),
    Promise.resolve(),
  )
}

/**
 * `sessions`: the session middleware, run only when a request asks for drafts (a draft is not
 * published: anonymous visitors and helpline or provider accounts never see one).
 */
export function directoryRoutes(directory: DirectoryService, sessions?: RequestHandler): RouteDefinition[] {
  const draftReader = async (
    req: Request,
    res: Response,
  ): Promise<{ signedIn: boolean; allowed: boolean }> => {
    if (!sessions) return { signedIn: false, allowed: false }
    await runHandlers([sessions], req, res)
    const role = req.session?.userId ? req.session.role : undefined
    return { signedIn: role !== undefined, allowed: role !== undefined && DRAFT_READERS.has(role) }
  }
  /** A draft answers 404 to anyone who may not see it, as if it did not exist. */
  const hideDraft = async (req: Request, res: Response, idOrSlug: string) => {
    if ((await directory.statusOf(idOrSlug)) !== 'draft') return
    if (!(await draftReader(req, res)).allowed)
      throw new NotFoundError(`No provider with id or slug "${idOrSlug}"`)
    res.setHeader('Cache-Control', 'private, no-store')
  }
  const record = { description: 'The provider record', schema: providerDetailSchema }

  return [
    defineRoute({
      method: 'get',
      path: '/api/providers',
      tags: ['Directory'],
      summary: 'Search providers by place, need, group and text',
      // The query schema checks codes against the live vocabulary.
      query: searchQuerySchema,
      vocabularyParams: true,
      responses: {
        200: { description: 'A page of providers with why each matched', schema: searchResponseSchema },
      },
      async handler({ query }, req, res) {
        if (query.statuses.includes('draft')) {
          const reader = await draftReader(req, res)
          if (!reader.allowed) {
            throw reader.signedIn
              ? new HttpError(
                  403,
                  'Forbidden',
                  'Draft records are shown to editors and admins only (status=draft)',
                )
              : new HttpError(
                  401,
                  'Unauthenticated',
                  'Draft records are not published: sign in as an editor or admin to list them (status=draft)',
                )
          }
          res.setHeader('Cache-Control', 'private, no-store')
        }
        res.json(await directory.search(query))
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/providers/{idOrSlug}',
      tags: ['Directory'],
      summary: 'One provider record',
      params: idOrSlugSchema,
      responses: { 200: record },
      async handler({ params: { idOrSlug } }, req, res) {
        await hideDraft(req, res, idOrSlug)
        res.json(await directory.getProvider(idOrSlug))
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/providers/{idOrSlug}/coverage',
      tags: ['Directory'],
      summary: "A provider's service area as one GeoJSON Feature",
      params: idOrSlugSchema,
      responses: {
        200: {
          description: 'The service area',
          schema: coverageFeatureSchema,
          contentType: 'application/geo+json',
        },
      },
      async handler({ params: { idOrSlug } }, req, res) {
        await hideDraft(req, res, idOrSlug)
        res.type('application/geo+json').json(await directory.getCoverage(idOrSlug))
      },
    }),
  ]
}

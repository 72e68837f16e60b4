import { type Request, type RequestHandler, type Response, Router } from 'express'
import { HttpError, NotFoundError, parseOrThrow } from '../lib/errors'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import type { TaxonomyService } from '../taxonomy/taxonomy-service'
import { idOrSlugSchema, searchQuerySchema } from './directory-schemas'
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
export function directoryRoutes(
  directory: DirectoryService,
  taxonomy: TaxonomyService,
  sessions?: RequestHandler,
): Router {
  const router = Router()
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
  })
  router.get('/providers/:idOrSlug', async (req, res) => {
    const { idOrSlug } = parseOrThrow(idOrSlugSchema, req.params, 'path')
    await hideDraft(req, res, idOrSlug)
    res.json(await directory.getProvider(idOrSlug))
  })
  router.get('/providers/:idOrSlug/coverage', async (req, res) => {
    const { idOrSlug } = parseOrThrow(idOrSlugSchema, req.params, 'path')
    await hideDraft(req, res, idOrSlug)
    res.type('application/geo+json').json(await directory.getCoverage(idOrSlug))
  })
  return router
}

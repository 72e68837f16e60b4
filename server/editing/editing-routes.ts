import { randomBytes } from 'node:crypto'
import express, { type Request, type RequestHandler, type Response, Router } from 'express'
import { rateLimit } from 'express-rate-limit'
import { requireRole } from '../auth/auth-middleware'
import { importQuerySchema } from '../imports/imports-schemas'
import type { ImportService } from '../imports/imports-service'
import type { Config } from '../lib/config'
import { HttpError, parseOrThrow, ValidationError } from '../lib/errors'
import {
  type Actor,
  approveBodySchema,
  etagOf,
  idOrSlugParamSchema,
  linkBodySchema,
  linkParamSchema,
  moderationQuerySchema,
  pathwayParamSchema,
  rejectBodySchema,
  staleQuerySchema,
  suggestionBodySchema,
  uuidParamSchema,
  versionFromIfMatch,
} from './editing-schemas'
import type { EditingService, WriteOutcome } from './editing-service'

declare module 'express-session' {
  interface SessionData {
    /** Suggestion form tokens issued to this session: token -> issued at (ms since epoch). */
    suggestionForms?: Record<string, number>
  }
}

const FORM_TOKENS_KEPT = 20

function actorOf(req: Request): Actor {
  return { userId: req.session.userId as string, role: req.session.role as string, requestId: String(req.id) }
}

function ifMatch(req: Request): number | undefined {
  const parsed = versionFromIfMatch(req.get('if-match'))
  if (parsed === 'invalid') {
    throw new ValidationError(
      'Invalid If-Match header: send the record version in quotes, e.g. If-Match: "3"',
      [{ field: 'If-Match', message: 'send the record version in quotes, e.g. "3"' }],
    )
  }
  return parsed
}

/** Body version for routes that take only an optional { version }. */
function bodyVersion(req: Request): number | undefined {
  const body = req.body ?? {}
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationError('Invalid body: send a JSON object (or nothing)')
  }
  const extra = Object.keys(body).filter((k) => k !== 'version')
  if (extra.length > 0) {
    throw new ValidationError(
      `Invalid body: unknown field(s) ${extra.join(', ')}`,
      extra.map((f) => ({ field: f, message: 'unknown field' })),
    )
  }
  const v = (body as { version?: unknown }).version
  if (v === undefined) return ifMatch(req)
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new ValidationError('Invalid body: version: must be a whole number from 1', [
      { field: 'version', message: 'must be a whole number from 1' },
    ])
  }
  const header = ifMatch(req)
  if (header !== undefined && header !== v) {
    throw new ValidationError('Invalid body: version: differs from the If-Match header', [
      { field: 'version', message: 'differs from the If-Match header' },
    ])
  }
  return v
}

async function sendRecord(res: Response, editing: EditingService, id: string, status = 200) {
  const detail = await editing.detail(id)
  res.status(status).set('ETag', etagOf(detail.version)).set('Cache-Control', 'no-store').json(detail)
}

async function sendOutcome(res: Response, editing: EditingService, outcome: WriteOutcome) {
  if (outcome.kind === 'queued') {
    res.status(202).json({ queued: true, suggestion: outcome.suggestion })
    return
  }
  await sendRecord(res, editing, outcome.id)
}

const editors = requireRole('admin', 'editor')

/**
 * Routes that must come before the directory's GET /providers/:idOrSlug ("stale" is a valid
 * slug) and therefore before the session middleware: they bring the session along themselves.
 */
export function editingEarlyRoutes(editing: EditingService, sessions: RequestHandler): Router {
  const router = Router()
  router.get('/providers/stale', sessions, editors, async (req, res) => {
    const query = parseOrThrow(staleQuerySchema, req.query, 'query')
    res.set('Cache-Control', 'no-store').json(await editing.stale(query))
  })
  return router
}

/** The write API, verification, suggestions, moderation and imports (after session + CSRF). */
export function editingRoutes(editing: EditingService, imports: ImportService, config: Config): Router {
  const router = Router()

  router.post('/providers', editors, async (req, res) => {
    const { id } = await editing.createProvider(actorOf(req), req.body)
    res.location(`/api/providers/${id}`)
    await sendRecord(res, editing, id, 201)
  })

  for (const mode of ['put', 'patch'] as const) {
    router[mode]('/providers/:id', requireRole('admin', 'editor', 'provider'), async (req, res) => {
      const { id } = parseOrThrow(idOrSlugParamSchema, req.params, 'path')
      await sendOutcome(
        res,
        editing,
        await editing.updateProvider(actorOf(req), id, req.body, mode, ifMatch(req)),
      )
    })
  }

  router.delete('/providers/:id', requireRole('admin'), async (req, res) => {
    const { id } = parseOrThrow(idOrSlugParamSchema, req.params, 'path')
    await editing.purge(actorOf(req), id)
    res.status(204).end()
  })

  router.post('/providers/:id/close', editors, async (req, res) => {
    const { id } = parseOrThrow(idOrSlugParamSchema, req.params, 'path')
    const done = await editing.close(actorOf(req), id, bodyVersion(req))
    await sendRecord(res, editing, done.id)
  })

  router.post('/providers/:id/reopen', editors, async (req, res) => {
    const { id } = parseOrThrow(idOrSlugParamSchema, req.params, 'path')
    const done = await editing.reopen(actorOf(req), id, bodyVersion(req))
    await sendRecord(res, editing, done.id)
  })

  router.post('/providers/:id/verify', editors, async (req, res) => {
    const { id } = parseOrThrow(idOrSlugParamSchema, req.params, 'path')
    bodyVersion(req)
    const done = await editing.verify(actorOf(req), id)
    await sendRecord(res, editing, done.id)
  })

  router.put('/providers/:id/coverage', requireRole('admin', 'editor', 'provider'), async (req, res) => {
    const { id } = parseOrThrow(idOrSlugParamSchema, req.params, 'path')
    await sendOutcome(res, editing, await editing.replaceCoverage(actorOf(req), id, req.body, ifMatch(req)))
  })

  router.post('/providers/:id/pathways', editors, async (req, res) => {
    const { id } = parseOrThrow(idOrSlugParamSchema, req.params, 'path')
    res.status(201).json(await editing.addPathway(actorOf(req), id, req.body))
  })

  router.delete('/providers/:id/pathways/:pathwayId', editors, async (req, res) => {
    const { id, pathwayId } = parseOrThrow(pathwayParamSchema, req.params, 'path')
    await editing.removePathway(actorOf(req), id, pathwayId)
    res.status(204).end()
  })

  router.post('/providers/:id/users', requireRole('admin'), async (req, res) => {
    const { id } = parseOrThrow(idOrSlugParamSchema, req.params, 'path')
    const { userId } = parseOrThrow(linkBodySchema, req.body, 'body')
    await editing.link(actorOf(req), id, userId, true)
    res.status(204).end()
  })

  router.delete('/providers/:id/users/:userId', requireRole('admin'), async (req, res) => {
    const { id, userId } = parseOrThrow(linkParamSchema, req.params, 'path')
    await editing.link(actorOf(req), id, userId, false)
    res.status(204).end()
  })

  // ---------- suggest an edit (anyone with a session) ----------

  router.get('/providers/:id/suggestions/form', async (req, res) => {
    parseOrThrow(idOrSlugParamSchema, req.params, 'path')
    const token = randomBytes(18).toString('base64url')
    const kept = Object.entries(req.session.suggestionForms ?? {})
      .sort((a, b) => b[1] - a[1])
      .slice(0, FORM_TOKENS_KEPT - 1)
    req.session.suggestionForms = Object.fromEntries([...kept, [token, Date.now()]])
    res.set('Cache-Control', 'no-store').json({
      formToken: token,
      minFillSeconds: config.suggestionMinFillSeconds,
      expiresInSeconds: config.suggestionFormMaxAgeMinutes * 60,
    })
  })

  const suggestionLimit = rateLimit({
    windowMs: 60 * 60 * 1000,
    limit: config.suggestionRateLimitPerHour,
    standardHeaders: 'draft-6',
    legacyHeaders: false,
    handler: (_req, _res, next, options) => {
      next(
        new HttpError(
          429,
          'TooManyRequests',
          `At most ${options.limit} suggestions an hour from one address; try again later`,
        ),
      )
    },
  })

  router.post('/providers/:id/suggestions', suggestionLimit, async (req, res) => {
    const { id } = parseOrThrow(idOrSlugParamSchema, req.params, 'path')
    const body = parseOrThrow(suggestionBodySchema, req.body, 'body')
    if (body.homepage !== undefined && body.homepage !== '') {
      throw new HttpError(400, 'SuggestionRejected', 'The suggestion could not be accepted')
    }
    const issued = req.session.suggestionForms?.[body.formToken]
    if (issued === undefined) {
      throw new ValidationError('Invalid body: formToken: unknown or already used; reload the form', [
        { field: 'formToken', message: 'unknown or already used; reload the form' },
      ])
    }
    const ageMs = Date.now() - issued
    if (ageMs > config.suggestionFormMaxAgeMinutes * 60_000) {
      throw new ValidationError('Invalid body: formToken: the form has expired; reload it', [
        { field: 'formToken', message: 'the form has expired; reload it' },
      ])
    }
    if (ageMs < config.suggestionMinFillSeconds * 1000) {
      throw new HttpError(
        400,
        'SuggestionRejected',
        'The form was sent too quickly; take a moment and send it again',
      )
    }
    // Single use: a replayed token is refused.
    const { [body.formToken]: _used, ...rest } = req.session.suggestionForms ?? {}
    req.session.suggestionForms = rest
    const suggestion = await editing.suggest(
      id,
      { proposed: body.proposed, message: body.message },
      req.session.userId ?? null,
    )
    res.status(202).json({ suggestion })
  })

  // ---------- moderation ----------

  router.get('/moderation', editors, async (req, res) => {
    const query = parseOrThrow(moderationQuerySchema, req.query, 'query')
    res.set('Cache-Control', 'no-store').json(await editing.moderationQueue(query))
  })

  router.get('/moderation/:id', editors, async (req, res) => {
    const { id } = parseOrThrow(uuidParamSchema, req.params, 'path')
    res.set('Cache-Control', 'no-store').json(await editing.suggestion(id))
  })

  router.post('/moderation/:id/approve', editors, async (req, res) => {
    const { id } = parseOrThrow(uuidParamSchema, req.params, 'path')
    const { note } = parseOrThrow(approveBodySchema, req.body ?? {}, 'body')
    const result = await editing.approve(actorOf(req), id, note)
    res.set('ETag', etagOf(result.version)).json(result)
  })

  router.post('/moderation/:id/reject', editors, async (req, res) => {
    const { id } = parseOrThrow(uuidParamSchema, req.params, 'path')
    const { reason } = parseOrThrow(rejectBodySchema, req.body, 'body')
    res.json({ suggestion: await editing.reject(actorOf(req), id, reason) })
  })

  // ---------- imports ----------

  const importBody = express.text({
    type: ['text/csv', 'text/plain', 'application/geo+json', 'application/vnd.oruk+json'],
    limit: config.importMaxBytes,
  })

  router.post('/imports', editors, importBody, async (req, res) => {
    const query = parseOrThrow(importQuerySchema, req.query, 'query')
    const text = typeof req.body === 'string' ? req.body : undefined
    if (text === undefined) {
      throw new HttpError(
        415,
        'UnsupportedMediaType',
        'Send the file as the request body with Content-Type text/csv, application/geo+json or application/vnd.oruk+json',
      )
    }
    if (text.includes('\u0000')) throw new ValidationError('Invalid body: the file contains NUL characters')
    const format = query.format ?? imports.formatFor(req.get('content-type') ?? '')
    const input = { format, text, commit: query.commit === 'true', filename: query.filename }
    if (query.async === 'true') {
      // 202 at once; the import goes on in this process: poll the Location for progress and the report.
      const { state } = await imports.start(actorOf(req), input)
      res.status(202).location(`/api/imports/${state.id}`).set('Cache-Control', 'no-store').json(state)
      return
    }
    const report = await imports.run(actorOf(req), input)
    res.status(report.mode === 'commit' && report.status === 'committed' ? 201 : 200).json(report)
  })

  router.get('/imports', editors, async (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ items: await imports.list() })
  })

  router.get('/imports/:id', editors, async (req, res) => {
    const { id } = parseOrThrow(uuidParamSchema, req.params, 'path')
    res.set('Cache-Control', 'no-store').json(await imports.get(id))
  })

  return router
}

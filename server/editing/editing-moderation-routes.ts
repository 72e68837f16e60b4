import { randomBytes } from 'node:crypto'
import { rateLimit } from 'express-rate-limit'
import type { Config } from '../lib/config'
import { HttpError, ValidationError } from '../lib/errors'
import { defineRoute, type RouteDefinition } from '../lib/route-table'
import { actorOf, editors } from './editing-routes'
import {
  approveBodySchema,
  etagOf,
  idOrSlugParamSchema,
  moderationQuerySchema,
  rejectBodySchema,
  suggestionBodySchema,
  uuidParamSchema,
} from './editing-schemas'
import type { EditingService } from './editing-service'

declare module 'express-session' {
  interface SessionData {
    /** Suggestion form tokens issued to this session: token -> issued at (ms since epoch). */
    suggestionForms?: Record<string, number>
  }
}

const FORM_TOKENS_KEPT = 20

/** Suggest an edit (anyone with a session) and the moderation queue (after session + CSRF). */
export function moderationRoutes(editing: EditingService, config: Config): RouteDefinition[] {
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

  return [
    // ---------- suggest an edit (anyone with a session) ----------

    defineRoute({
      method: 'get',
      path: '/api/providers/{id}/suggestions/form',
      tags: ['Editing'],
      summary: 'A single-use token for the public suggest-an-edit form',
      params: idOrSlugParamSchema,
      responses: { 200: { description: 'Form token, minimum fill time and expiry' } },
      handler(_input, req, res) {
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
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/providers/{id}/suggestions',
      tags: ['Editing'],
      summary: 'Suggest an edit to a record (public; rate-limited; moderated)',
      before: [suggestionLimit],
      params: idOrSlugParamSchema,
      body: suggestionBodySchema,
      responses: {
        202: { description: 'Queued for moderation' },
        429: { description: 'Too many suggestions' },
      },
      async handler({ params: { id }, body }, req, res) {
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
      },
    }),

    // ---------- moderation ----------

    defineRoute({
      method: 'get',
      path: '/api/moderation',
      tags: ['Editing'],
      summary: 'The moderation queue',
      roles: editors,
      query: moderationQuerySchema,
      responses: { 200: { description: 'A page of suggestions' } },
      async handler({ query }, _req, res) {
        res.set('Cache-Control', 'no-store').json(await editing.moderationQueue(query))
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/moderation/{id}',
      tags: ['Editing'],
      summary: 'One suggestion with its side-by-side diff',
      roles: editors,
      params: uuidParamSchema,
      responses: { 200: { description: 'The suggestion' } },
      async handler({ params: { id } }, _req, res) {
        res.set('Cache-Control', 'no-store').json(await editing.suggestion(id))
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/moderation/{id}/approve',
      tags: ['Editing'],
      summary: 'Approve a suggestion (applies it)',
      roles: editors,
      params: uuidParamSchema,
      body: approveBodySchema,
      optionalBody: true,
      responses: { 200: { description: 'The decided suggestion' } },
      async handler({ params: { id }, body: { note } }, req, res) {
        const result = await editing.approve(actorOf(req), id, note)
        res.set('ETag', etagOf(result.version)).json(result)
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/moderation/{id}/reject',
      tags: ['Editing'],
      summary: 'Reject a suggestion, with a reason',
      roles: editors,
      params: uuidParamSchema,
      body: rejectBodySchema,
      responses: { 200: { description: 'The decided suggestion' } },
      async handler({ params: { id }, body: { reason } }, req, res) {
        res.json({ suggestion: await editing.reject(actorOf(req), id, reason) })
      },
    }),
  ]
}

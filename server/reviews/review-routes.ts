import { rateLimit } from 'express-rate-limit'
import { HttpError } from '../lib/errors'
import { defineRoute, type RouteDefinition } from '../lib/route-table'
import {
  reviewChangesBodySchema,
  reviewConfirmedSchema,
  reviewLinkStateSchema,
  reviewTokenParamSchema,
} from './review-schemas'
import type { ReviewService } from './review-service'

/**
 * The review page's API (no account: the token is the authority). Mounted after the session and
 * CSRF middleware, so the POSTs carry the signed-out visitor's CSRF token like sign-in does
 * (server/auth/csrf.ts). Every request counts against one per-address hourly limit, which also
 * bounds guessing tokens (256 random bits each).
 */
export function reviewRoutes(reviews: ReviewService, options: { ratePerHour: number }): RouteDefinition[] {
  const limit = rateLimit({
    windowMs: 60 * 60 * 1000,
    limit: options.ratePerHour,
    standardHeaders: 'draft-6',
    legacyHeaders: false,
    handler: (_req, _res, next, o) => {
      next(
        new HttpError(
          429,
          'TooManyRequests',
          `At most ${o.limit} review-link requests an hour from one address; try again later`,
        ),
      )
    },
  })
  const gone = { description: 'The link expired, was replaced or has been used' }
  const unknown = { description: 'No review link has this token' }

  return [
    defineRoute({
      method: 'get',
      path: '/api/reviews/{token}',
      tags: ['Reviews'],
      summary: 'Open a review link: the record to check (the opening is recorded)',
      before: [limit],
      params: reviewTokenParamSchema,
      responses: {
        200: { description: 'The record and when the link expires', schema: reviewLinkStateSchema },
        404: unknown,
        410: gone,
        429: { description: 'Too many requests' },
      },
      async handler({ params: { token } }, _req, res) {
        res.set('Cache-Control', 'no-store').json(await reviews.open(token))
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/reviews/{token}/confirm',
      tags: ['Reviews'],
      summary: 'The provider confirms the record is right: it is stamped verified today',
      before: [limit],
      params: reviewTokenParamSchema,
      responses: {
        200: { description: 'The record is verified today', schema: reviewConfirmedSchema },
        404: unknown,
        410: gone,
        429: { description: 'Too many requests' },
      },
      async handler({ params: { token } }, _req, res) {
        res.set('Cache-Control', 'no-store').json(await reviews.confirm(token))
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/reviews/{token}/changes',
      tags: ['Reviews'],
      summary: 'The provider proposes changes: they go to the moderation queue',
      before: [limit],
      params: reviewTokenParamSchema,
      body: reviewChangesBodySchema,
      responses: {
        202: { description: 'Queued for moderation' },
        404: unknown,
        410: gone,
        429: { description: 'Too many requests' },
      },
      async handler({ params: { token }, body }, _req, res) {
        res.status(202).json(await reviews.proposeChanges(token, body))
      },
    }),
  ]
}

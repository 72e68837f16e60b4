import { NotFoundError } from '../lib/errors'
import { defineRoute, type RouteDefinition } from '../lib/route-table'
import { createEnquiryBodySchema, enquiryParamsSchema, summaryQuerySchema } from './enquiry-schemas'
import type { EnquiryService } from './enquiry-service'

declare module 'express-session' {
  interface SessionData {
    /** The enquiry this session logged last: the only one "undo last log" may remove. */
    lastEnquiryId?: string
  }
}

export function enquiryRoutes(enquiries: EnquiryService): RouteDefinition[] {
  return [
    // 201 for a new enquiry; 200 with the same enquiry when the call's idempotency key was already used.
    defineRoute({
      method: 'post',
      path: '/api/enquiries',
      tags: ['Enquiries'],
      summary: 'Log a helpline enquiry and its outcome (no personal data)',
      roles: ['helpline', 'editor', 'admin'],
      body: createEnquiryBodySchema,
      responses: {
        201: { description: 'The logged enquiry' },
        200: { description: 'The enquiry already logged with this idempotencyKey (nothing new is written)' },
      },
      async handler({ body }, req, res) {
        const { enquiry, created } = await enquiries.record(body, req.session.userId ?? null)
        req.session.lastEnquiryId = enquiry.id
        res.status(created ? 201 : 200).json(enquiry)
      },
    }),
    // "Undo last log": only the enquiry this session logged last, by the member of staff who logged it.
    defineRoute({
      method: 'delete',
      path: '/api/enquiries/{id}',
      tags: ['Enquiries'],
      summary: 'Undo the enquiry this session logged last',
      roles: ['helpline', 'editor', 'admin'],
      params: enquiryParamsSchema,
      responses: { 200: { description: 'The enquiry removed' } },
      async handler({ params: { id } }, req, res) {
        if (req.session.lastEnquiryId !== id) {
          throw new NotFoundError(
            `No enquiry ${id} logged in this session to undo: only the last one logged can be`,
          )
        }
        const undone = await enquiries.undo(id, req.session.userId as string)
        req.session.lastEnquiryId = undefined
        res.json(undone)
      },
    }),
    // Published evidence of demand: anyone may read it; counts rounded to 5 unless an admin asks.
    defineRoute({
      method: 'get',
      path: '/api/enquiries/summary',
      tags: ['Enquiries'],
      summary: 'Enquiry counts by district, need and outcome (rounded to 5; decision 0010)',
      query: summaryQuerySchema,
      responses: { 200: { description: 'The summary' } },
      async handler({ query }, req, res) {
        res
          .set('Cache-Control', 'no-store')
          .json(await enquiries.summary(query, req.session?.role === 'admin'))
      },
    }),
  ]
}

import { Router } from 'express'
import { requireRole } from '../auth/auth-middleware'
import { NotFoundError, parseOrThrow } from '../lib/errors'
import { createEnquiryBodySchema, enquiryParamsSchema, summaryQuerySchema } from './enquiry-schemas'
import type { EnquiryService } from './enquiry-service'

declare module 'express-session' {
  interface SessionData {
    /** The enquiry this session logged last: the only one "undo last log" may remove. */
    lastEnquiryId?: string
  }
}

export function enquiryRoutes(enquiries: EnquiryService): Router {
  const router = Router()

  // 201 for a new enquiry; 200 with the same enquiry when the call's idempotency key was already used.
  router.post('/enquiries', requireRole('helpline', 'editor', 'admin'), async (req, res) => {
    const body = parseOrThrow(createEnquiryBodySchema, req.body, 'body')
    const { enquiry, created } = await enquiries.record(body, req.session.userId ?? null)
    req.session.lastEnquiryId = enquiry.id
    res.status(created ? 201 : 200).json(enquiry)
  })

  // "Undo last log": only the enquiry this session logged last, by the member of staff who logged it.
  router.delete('/enquiries/:id', requireRole('helpline', 'editor', 'admin'), async (req, res) => {
    const { id } = parseOrThrow(enquiryParamsSchema, req.params, 'path')
    if (req.session.lastEnquiryId !== id) {
      throw new NotFoundError(
        `No enquiry ${id} logged in this session to undo: only the last one logged can be`,
      )
    }
    const undone = await enquiries.undo(id, req.session.userId as string)
    req.session.lastEnquiryId = undefined
    res.json(undone)
  })

  // Published evidence of demand: anyone may read it; counts rounded to 5 unless an admin asks.
  router.get('/enquiries/summary', async (req, res) => {
    const q = parseOrThrow(summaryQuerySchema, req.query, 'query')
    res.set('Cache-Control', 'no-store').json(await enquiries.summary(q, req.session?.role === 'admin'))
  })

  return router
}

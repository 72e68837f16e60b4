import { Router } from 'express'
import { requireRole } from '../auth/auth-middleware'
import { parseOrThrow } from '../lib/errors'
import { createEnquiryBodySchema, summaryQuerySchema } from './enquiry-schemas'
import type { EnquiryService } from './enquiry-service'

export function enquiryRoutes(enquiries: EnquiryService): Router {
  const router = Router()

  router.post('/enquiries', requireRole('helpline', 'editor', 'admin'), async (req, res) => {
    const body = parseOrThrow(createEnquiryBodySchema, req.body, 'body')
    res.status(201).json(await enquiries.record(body, req.session.userId ?? null))
  })

  // Published evidence of demand: anyone may read it, small counts hidden unless an admin asks.
  router.get('/enquiries/summary', async (req, res) => {
    const q = parseOrThrow(summaryQuerySchema, req.query, 'query')
    res.set('Cache-Control', 'no-store').json(await enquiries.summary(q, req.session?.role === 'admin'))
  })

  return router
}

import { actorOf, editors } from '../editing/editing-routes'
import { defineRoute, type RouteDefinition } from '../lib/route-table'
import {
  candidateOutcomeSchema,
  candidatePageSchema,
  candidateParamSchema,
  candidatesQuerySchema,
  mergeBodySchema,
  rejectCandidateBodySchema,
} from './candidates-schemas'
import type { CandidatesService } from './candidates-service'

/** The review queue of imported drafts (editors and admins; decision 0015). */
export function candidatesRoutes(candidates: CandidatesService): RouteDefinition[] {
  const outcome = { description: 'The record now holding the source link', schema: candidateOutcomeSchema }
  const missing = { description: 'No such candidate (not a draft from an import, or already reviewed)' }
  return [
    defineRoute({
      method: 'get',
      path: '/api/candidates',
      tags: ['Editing'],
      summary:
        'Drafts from the register import or a harvested feed, with their evidence and possible duplicates',
      roles: editors,
      query: candidatesQuerySchema,
      responses: { 200: { description: 'A page of candidates', schema: candidatePageSchema } },
      async handler({ query }, _req, res) {
        res.set('Cache-Control', 'no-store').json(await candidates.list(query))
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/candidates/{id}/accept',
      tags: ['Editing'],
      summary: 'Publish a candidate (draft → active), audited with its source',
      description:
        'To accept with edits, PATCH /api/providers/{id} first (the ordinary edit path, If-Match), then accept.',
      roles: editors,
      params: candidateParamSchema,
      responses: { 200: outcome, 404: missing },
      async handler({ params: { id } }, req, res) {
        res.json(await candidates.accept(actorOf(req), id))
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/candidates/{id}/merge',
      tags: ['Editing'],
      summary: 'Merge a candidate into an existing active record',
      description:
        'The source link (org-ids, register values) moves to the record, fields it lacks are filled from the candidate, and the candidate is deleted; both are audited. 409 when the record is a draft, closed, or already linked to a source.',
      roles: editors,
      params: candidateParamSchema,
      body: mergeBodySchema,
      responses: {
        200: outcome,
        404: missing,
        409: { description: 'The record is a draft, closed, or already linked to a source' },
      },
      async handler({ params: { id }, body }, req, res) {
        res.json(await candidates.merge(actorOf(req), id, body.into))
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/candidates/{id}/reject',
      tags: ['Editing'],
      summary: 'Reject a candidate with a reason, remembered so a re-import does not propose it again',
      roles: editors,
      params: candidateParamSchema,
      body: rejectCandidateBodySchema,
      responses: { 204: { description: 'Rejected: the draft is deleted, the rejection kept' }, 404: missing },
      async handler({ params: { id }, body }, req, res) {
        await candidates.reject(actorOf(req), id, body.reason)
        res.status(204).end()
      },
    }),
  ]
}

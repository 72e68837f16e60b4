import type { Request, RequestHandler, Response } from 'express'
import { providerDetailSchema } from '../directory/directory-schemas'
import type { Config } from '../lib/config'
import { ValidationError } from '../lib/errors'
import { cachedFor } from '../lib/per-object-cache'
import { defineRoute, type RouteDefinition } from '../lib/route-table'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import {
  type Actor,
  coverageBodySchema,
  etagOf,
  idOrSlugParamSchema,
  linkBodySchema,
  linkParamSchema,
  pathwayBodySchema,
  pathwayParamSchema,
  providerWriteSchemas,
  staleQuerySchema,
  versionFromIfMatch,
} from './editing-schemas'
import type { EditingService, WriteOutcome } from './editing-service'

export function actorOf(req: Request): Actor {
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

export const editors: ['admin', 'editor'] = ['admin', 'editor']
const record = { description: 'The provider record', schema: providerDetailSchema }
const queued = { description: 'A provider-role edit, queued for moderation' }

/**
 * Routes that must come before the directory's GET /providers/:idOrSlug ("stale" is a valid
 * slug) and therefore before the session middleware: they bring the session along themselves.
 */
export function editingEarlyRoutes(editing: EditingService, sessions: RequestHandler): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/providers/stale',
      tags: ['Editing'],
      summary: 'Records not verified for a while, to re-verify',
      before: [sessions],
      roles: editors,
      query: staleQuerySchema,
      responses: { 200: { description: 'A page of stale records' } },
      async handler({ query }, _req, res) {
        res.set('Cache-Control', 'no-store').json(await editing.stale(query))
      },
    }),
  ]
}

/**
 * The write API and verification (after session + CSRF); suggestions and moderation are in
 * editing-moderation-routes.ts, bulk imports in server/imports/imports-routes.ts.
 * Provider, coverage and pathway bodies are checked by the editing service (selfChecked).
 */
export function editingRoutes(editing: EditingService, config: Config): RouteDefinition[] {
  const writeSchemas = (t: Taxonomy) => providerWriteSchemas(t, config.coveragePolygonMaxVertices)
  const write = (t: Taxonomy) => cachedFor(t, writeSchemas)

  const providerWrite = (mode: 'put' | 'patch') =>
    defineRoute({
      method: mode,
      path: '/api/providers/{id}',
      tags: ['Editing'],
      summary:
        mode === 'put'
          ? 'Replace a provider record (If-Match: the version read)'
          : 'Change some fields of a provider record (If-Match: the version read)',
      roles: ['admin', 'editor', 'provider'],
      params: idOrSlugParamSchema,
      body: (t: Taxonomy) => write(t)[mode],
      selfChecked: ['body'],
      responses: {
        200: record,
        202: queued,
        409: { description: 'The record changed since the version given' },
        428: { description: 'No version given' },
      },
      async handler({ params: { id } }, req, res) {
        await sendOutcome(
          res,
          editing,
          await editing.updateProvider(actorOf(req), id, req.body, mode, ifMatch(req)),
        )
      },
    })

  return [
    defineRoute({
      method: 'post',
      path: '/api/providers',
      tags: ['Editing'],
      summary: 'Create a provider record',
      roles: editors,
      body: (t: Taxonomy) => write(t).create,
      selfChecked: ['body'],
      responses: { 201: record },
      async handler(_input, req, res) {
        const { id } = await editing.createProvider(actorOf(req), req.body)
        res.location(`/api/providers/${id}`)
        await sendRecord(res, editing, id, 201)
      },
    }),
    providerWrite('put'),
    providerWrite('patch'),
    defineRoute({
      method: 'delete',
      path: '/api/providers/{id}',
      tags: ['Editing'],
      summary: 'Purge a provider record',
      roles: ['admin'],
      params: idOrSlugParamSchema,
      responses: { 204: { description: 'Deleted' } },
      async handler({ params: { id } }, req, res) {
        await editing.purge(actorOf(req), id)
        res.status(204).end()
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/providers/{id}/close',
      tags: ['Editing'],
      summary: 'Close a record (kept for history, never signposted)',
      roles: editors,
      params: idOrSlugParamSchema,
      responses: { 200: record },
      async handler({ params: { id } }, req, res) {
        const done = await editing.close(actorOf(req), id, bodyVersion(req))
        await sendRecord(res, editing, done.id)
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/providers/{id}/reopen',
      tags: ['Editing'],
      summary: 'Reopen a closed record',
      roles: editors,
      params: idOrSlugParamSchema,
      responses: { 200: record },
      async handler({ params: { id } }, req, res) {
        const done = await editing.reopen(actorOf(req), id, bodyVersion(req))
        await sendRecord(res, editing, done.id)
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/providers/{id}/verify',
      tags: ['Editing'],
      summary: 'Mark a record verified today',
      roles: editors,
      params: idOrSlugParamSchema,
      responses: { 200: record },
      async handler({ params: { id } }, req, res) {
        bodyVersion(req)
        const done = await editing.verify(actorOf(req), id)
        await sendRecord(res, editing, done.id)
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/providers/{id}/coverage',
      tags: ['Editing'],
      summary: "Replace a provider's service area",
      roles: ['admin', 'editor', 'provider'],
      params: idOrSlugParamSchema,
      body: coverageBodySchema(config.coveragePolygonMaxVertices),
      selfChecked: ['body'],
      responses: { 200: record, 202: { description: 'Queued for moderation' } },
      async handler({ params: { id } }, req, res) {
        await sendOutcome(
          res,
          editing,
          await editing.replaceCoverage(actorOf(req), id, req.body, ifMatch(req)),
        )
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/providers/{id}/pathways',
      tags: ['Editing'],
      summary: 'Record a referral pathway to another provider',
      roles: editors,
      params: idOrSlugParamSchema,
      body: pathwayBodySchema(),
      selfChecked: ['body'],
      responses: { 201: { description: 'The pathway' } },
      async handler({ params: { id } }, req, res) {
        res.status(201).json(await editing.addPathway(actorOf(req), id, req.body))
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/providers/{id}/pathways/{pathwayId}',
      tags: ['Editing'],
      summary: 'Remove a referral pathway',
      roles: editors,
      params: pathwayParamSchema,
      responses: { 204: { description: 'Removed' } },
      async handler({ params: { id, pathwayId } }, req, res) {
        await editing.removePathway(actorOf(req), id, pathwayId)
        res.status(204).end()
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/providers/{id}/users',
      tags: ['Editing'],
      summary: 'Let a provider-role account edit this record',
      roles: ['admin'],
      params: idOrSlugParamSchema,
      body: linkBodySchema,
      responses: { 204: { description: 'Linked' } },
      async handler({ params: { id }, body: { userId } }, req, res) {
        await editing.link(actorOf(req), id, userId, true)
        res.status(204).end()
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/providers/{id}/users/{userId}',
      tags: ['Editing'],
      summary: 'Stop a provider-role account editing this record',
      roles: ['admin'],
      params: linkParamSchema,
      responses: { 204: { description: 'Unlinked' } },
      async handler({ params: { id, userId } }, req, res) {
        await editing.link(actorOf(req), id, userId, false)
        res.status(204).end()
      },
    }),
  ]
}

import express from 'express'
import { actorOf } from '../editing/editing-routes'
import { uuidParamSchema } from '../editing/editing-schemas'
import type { Config } from '../lib/config'
import { HttpError, ValidationError } from '../lib/errors'
import { defineRoute, type RouteDefinition } from '../lib/route-table'
import { importQuerySchema, importStateSchema } from './imports-schemas'
import type { ImportService } from './imports-service'

const editors: ['admin', 'editor'] = ['admin', 'editor']

/** Bulk imports: a file as the request body, a dry run unless commit=true (after session + CSRF). */
export function importRoutes(imports: ImportService, config: Config): RouteDefinition[] {
  const importBody = express.text({
    type: ['text/csv', 'text/plain', 'application/geo+json', 'application/vnd.oruk+json'],
    limit: config.importMaxBytes,
  })

  return [
    defineRoute({
      method: 'post',
      path: '/api/imports',
      tags: ['Editing'],
      summary:
        'Bulk import (CSV, GeoJSON or ORUK JSON): a dry run unless commit=true; async=true answers 202 at once and the import goes on (poll the Location)',
      roles: editors,
      after: [importBody],
      query: importQuerySchema,
      body: {
        contentTypes: ['text/csv', 'application/geo+json', 'application/vnd.oruk+json'],
        description: 'The file itself as the request body',
      },
      responses: {
        200: { description: 'The report of a dry run', schema: importStateSchema },
        201: { description: 'Committed', schema: importStateSchema },
        202: {
          description:
            'async=true: the import is running; `Location: /api/imports/{id}` shows its progress, then its report',
          schema: importStateSchema,
        },
        415: { description: 'Not a file type the import reads' },
        422: {
          description: 'A commit (not async) of a file with errors: nothing written, the report in details',
        },
        503: { description: 'The database connection was lost during a commit: nothing written' },
      },
      async handler({ query }, req, res) {
        const text = typeof req.body === 'string' ? req.body : undefined
        if (text === undefined) {
          throw new HttpError(
            415,
            'UnsupportedMediaType',
            'Send the file as the request body with Content-Type text/csv, application/geo+json or application/vnd.oruk+json',
          )
        }
        if (text.includes('\u0000'))
          throw new ValidationError('Invalid body: the file contains NUL characters')
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
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/imports',
      tags: ['Editing'],
      summary: 'Past imports',
      roles: editors,
      responses: { 200: { description: 'Import jobs' } },
      async handler(_input, _req, res) {
        res.set('Cache-Control', 'no-store').json({ items: await imports.list() })
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/imports/{id}',
      tags: ['Editing'],
      summary: 'One import: running (with progress), or finished with its report, or failed with a message',
      roles: editors,
      params: uuidParamSchema,
      responses: { 200: { description: 'The import', schema: importStateSchema } },
      async handler({ params: { id } }, _req, res) {
        res.set('Cache-Control', 'no-store').json(await imports.get(id))
      },
    }),
  ]
}

import type { Request } from 'express'
import { DISPLAY_PRECISION, geometryFromWkb, type MultiPolygonGeometry } from '../lib/geometry'
import { defineRoute, type RouteDefinition } from '../lib/route-table'
import { changesCsv, changesFeatureCollection } from './coverage-snapshot-export'
import { changesQuerySchema } from './coverage-snapshot-schemas'
import type { SnapshotService } from './coverage-snapshot-service'

const editors: ['admin', 'editor'] = ['admin', 'editor']
/** Who took a snapshot is staff information: shown to editors and admins only. */
const staff = (req: Request) => req.session?.role === 'admin' || req.session?.role === 'editor'

/**
 * /api/coverage/snapshots (list; take one now: editors and admins, audited) and
 * /api/coverage/changes (compare two dates, or a date and now: JSON, CSV or GeoJSON). Public reads.
 */
export function snapshotRoutes(snapshots: SnapshotService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/coverage/snapshots',
      tags: ['Coverage'],
      summary: 'Dated coverage snapshots, newest first',
      responses: { 200: { description: 'Snapshots' } },
      async handler(_input, req, res) {
        res.set('Cache-Control', 'no-store').json({ items: await snapshots.list(staff(req)) })
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/coverage/snapshots',
      tags: ['Coverage'],
      summary:
        'Take a coverage snapshot now (one at a time: a request made while one is taken gets that one)',
      roles: editors,
      responses: {
        201: { description: 'The snapshot taken' },
        200: { description: 'A snapshot taken meanwhile' },
      },
      async handler(_input, req, res) {
        const { snapshot, created } = await snapshots.take({
          userId: req.session.userId as string,
          requestId: req.id as string,
        })
        res
          .status(created ? 201 : 200)
          .location(`/api/coverage/changes?from=${snapshot.id}`)
          .json(snapshot)
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/coverage/changes',
      tags: ['Coverage'],
      summary:
        'What changed between two dates: areas that gained or lost a level of support, baseline results that turned, providers opened and closed (JSON, GeoJSON or CSV)',
      query: changesQuerySchema,
      responses: { 200: { description: 'The changes' } },
      async handler({ query: q }, req, res) {
        res.set('Cache-Control', 'no-store')
        const { response, geometries } = await snapshots.changes(q, staff(req), q.format === 'geojson')
        const name = `coverage-changes-${q.level}${q.within ? `-${q.within}` : ''}`
        if (q.format === 'geojson') {
          const collection = changesFeatureCollection(response, (code) => {
            const wkb = geometries.get(code)
            if (!wkb) throw new Error(`no geometry for ${code}`)
            return geometryFromWkb(wkb, DISPLAY_PRECISION) as MultiPolygonGeometry
          })
          res
            .type('application/geo+json')
            .set('Content-Disposition', `inline; filename="${name}.geojson"`)
            .send(JSON.stringify(collection))
          return
        }
        if (q.format === 'csv') {
          res
            .type('text/csv; charset=utf-8')
            .set('Content-Disposition', `attachment; filename="${name}.csv"`)
            .send(changesCsv(response))
          return
        }
        res.json(response)
      },
    }),
  ]
}

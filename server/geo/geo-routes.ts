import { defineRoute, type RouteDefinition } from '../lib/route-table'
import {
  areaParamsSchema,
  areaQuerySchema,
  areasQuerySchema,
  postcodeParamsSchema,
  postcodeResultSchema,
} from './geo-schemas'
import type { GeoService } from './geo-service'

/** /api/geo: postcodes, point -> areas, one area, area listings for the map. */
export function geoRoutes(geo: GeoService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/geo/postcodes/{postcode}',
      tags: ['Geography'],
      summary: 'A postcode: its location and every area containing it',
      description:
        'Every UK postcode (NSPL May 2025, 2.7 million). A well-formed postcode not in the data falls back to the centroid of its sector, then district, then postcode area (`precision` says which). Crown-dependency (GY, JE, IM), non-geographic and unknown-area postcodes answer 200 with `coverage: "outside"`, no location and a `reason`; a malformed postcode is a 400.',
      params: postcodeParamsSchema,
      responses: {
        200: {
          description: 'The postcode, its precision, location and areas, or coverage "outside" with a reason',
          schema: postcodeResultSchema,
        },
      },
      async handler({ params }, _req, res) {
        res.json(await geo.lookupPostcode(params.postcode))
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/geo/areas',
      tags: ['Geography'],
      summary: 'Areas by level, type or containing area, or the areas containing a point',
      query: areasQuerySchema,
      responses: { 200: { description: 'Area list, or a FeatureCollection with geometry' } },
      async handler({ query }, _req, res) {
        if (query.lat !== undefined && query.lng !== undefined) {
          res.json(await geo.areasForPoint({ lat: query.lat, lng: query.lng }))
          return
        }
        res.json(
          await geo.listAreas({
            level: query.level,
            type: query.type,
            within: query.within,
            geometry: query.geometry,
          }),
        )
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/geo/areas/{code}',
      tags: ['Geography'],
      summary: 'One area by GSS code, optionally with its boundary',
      params: areaParamsSchema,
      query: areaQuerySchema,
      responses: { 200: { description: 'The area' } },
      async handler({ params, query }, _req, res) {
        res.json(await geo.getArea(params.code, query.geometry))
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/geo/layers',
      tags: ['Geography'],
      summary: 'The boundary layers loaded',
      responses: { 200: { description: 'Layers with feature and repair counts' } },
      async handler(_input, _req, res) {
        res.json({ layers: await geo.listLayers() })
      },
    }),
  ]
}

import { Router } from 'express'
import { parseOrThrow } from '../lib/errors'
import { areaParamsSchema, areaQuerySchema, areasQuerySchema, postcodeParamsSchema } from './geo-schemas'
import type { GeoService } from './geo-service'

/** /api/geo: postcodes, point -> areas, one area, area listings for the map. */
export function geoRoutes(geo: GeoService): Router {
  const router = Router()

  router.get('/geo/postcodes/:postcode', async (req, res) => {
    const { postcode } = parseOrThrow(postcodeParamsSchema, req.params, 'path')
    res.json(await geo.lookupPostcode(postcode))
  })

  router.get('/geo/areas', async (req, res) => {
    const query = parseOrThrow(areasQuerySchema, req.query, 'query')
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
  })

  router.get('/geo/areas/:code', async (req, res) => {
    const { code } = parseOrThrow(areaParamsSchema, req.params, 'path')
    const { geometry } = parseOrThrow(areaQuerySchema, req.query, 'query')
    res.json(await geo.getArea(code, geometry))
  })

  router.get('/geo/layers', async (_req, res) => {
    res.json({ layers: await geo.listLayers() })
  })

  return router
}

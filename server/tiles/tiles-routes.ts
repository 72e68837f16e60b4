import type { Request, Response } from 'express'
import { Router } from 'express'
import { type CoverageQuery, coverageQuerySchema } from '../coverage/coverage-schemas'
import { parseOrThrow, ValidationError } from '../lib/errors'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import type { TaxonomyService } from '../taxonomy/taxonomy-service'
import { COVERAGE_LAYER, featuresQuerySchema, layerParamsSchema, tileParamsSchema } from './tiles-schemas'
import type { MapResponse, TilesService } from './tiles-service'

/** True when an If-None-Match header names this ETag (or is `*`); weak comparison, as for GETs. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false
  if (header.trim() === '*') return true
  const bare = (tag: string) => tag.trim().replace(/^W\//, '')
  return header.split(',').some((tag) => bare(tag) === bare(etag))
}

/**
 * /api/tiles: boundary and coverage layers for the maps. Vector tiles in server mode, viewport
 * GeoJSON on both engines; GET /api/ready says which one the client should use.
 */
export function tilesRoutes(
  tiles: TilesService,
  taxonomy: TaxonomyService,
  options: { featuresMaxSpanTiles: number },
): Router {
  const router = Router()
  const features = featuresQuerySchema(options.featuresMaxSpanTiles)
  const coverageSchemas = new WeakMap<Taxonomy, ReturnType<typeof coverageQuerySchema>>()

  /** Coverage filters for the coverage layer (the coverage API's own schema); none for boundaries. */
  async function filters(layer: string, query: Record<string, unknown>): Promise<CoverageQuery | null> {
    if (layer !== COVERAGE_LAYER) {
      const extra = Object.keys(query)
      if (extra.length > 0) {
        throw new ValidationError(`Invalid query: ${extra[0]}: boundary layers take no filters`, [
          { field: extra[0] as string, message: 'boundary layers take no filters' },
        ])
      }
      return null
    }
    if ('format' in query) {
      throw new ValidationError('Invalid query: format: map layers have one format each', [
        { field: 'format', message: 'map layers have one format each' },
      ])
    }
    const current = await taxonomy.getTaxonomy()
    let schema = coverageSchemas.get(current)
    if (!schema) {
      schema = coverageQuerySchema(current)
      coverageSchemas.set(current, schema)
    }
    return parseOrThrow(schema, query, 'query')
  }

  async function send(req: Request, res: Response, answer: MapResponse): Promise<void> {
    res.set({ ETag: answer.etag, 'Cache-Control': answer.cacheControl, Vary: 'Accept-Encoding' })
    if (matchesIfNoneMatch(req.get('If-None-Match'), answer.etag)) {
      res.status(304).end()
      return
    }
    const body = await answer.body()
    res.set('X-Cache', answer.cached() ? 'hit' : 'miss')
    res.type(answer.contentType).send(body)
  }

  router.get('/tiles/:layer/:z/:x/:y.mvt', async (req, res) => {
    const params = parseOrThrow(tileParamsSchema, req.params, 'path')
    const coverage = await filters(params.layer, req.query)
    await send(req, res, await tiles.tile(params, coverage))
  })

  router.get('/tiles/:layer/features', async (req, res) => {
    const { layer } = parseOrThrow(layerParamsSchema, req.params, 'path')
    const { bbox, zoom, ...rest } = parseOrThrow(features, req.query, 'query')
    const coverage = await filters(layer, rest)
    await send(req, res, await tiles.features(layer, { bbox, zoom }, coverage))
  })

  return router
}

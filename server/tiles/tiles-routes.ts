import type { Request, Response } from 'express'
import { type CoverageQuery, coverageQuerySchema } from '../coverage/coverage-schemas'
import { parseOrThrow, ValidationError } from '../lib/errors'
import { defineRoute, type RouteDefinition, resolveSchema } from '../lib/route-table'
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
): RouteDefinition[] {
  const features = featuresQuerySchema(options.featuresMaxSpanTiles)

  /**
   * Coverage filters for the coverage layer (the coverage API's own schema); none for boundaries.
   * `check` parses with the coverage schema of the live vocabulary.
   */
  async function filters(
    layer: string,
    query: Record<string, unknown>,
    check: () => Promise<CoverageQuery>,
  ): Promise<CoverageQuery | null> {
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
    return check()
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

  return [
    defineRoute({
      method: 'get',
      path: '/api/tiles/{layer}/{z}/{x}/{y}.mvt',
      tags: ['Coverage'],
      summary:
        'A Mapbox Vector Tile of a boundary layer (an area type: region, lad, ward, ...) or of coverage',
      description:
        'Server engine only (GET /api/ready says mapLayers: "mvt"); the embedded engine answers 501 and the client uses the features route. The coverage layer takes the coverage filters (level, within, function, topic, strand) and gives each area count:<column> and depth:<column>. ETag and Cache-Control on every tile; If-None-Match answers 304. Versions of boundaries and coverage are part of the ETag, so an edit changes it at once.',
      params: tileParamsSchema,
      query: coverageQuerySchema,
      // Boundary layers take no query at all; the coverage layer the coverage filters.
      selfChecked: ['query'],
      vocabularyParams: true,
      responses: {
        200: {
          description: 'The tile (empty when nothing is in it)',
          contentType: 'application/vnd.mapbox-vector-tile',
        },
        304: { description: 'Not modified (If-None-Match)' },
        501: { description: 'This server runs the embedded engine: use /api/tiles/{layer}/features' },
      },
      async handler({ params, check }, req, res) {
        const coverage = await filters(params.layer, req.query, () => check('query'))
        await send(req, res, await tiles.tile(params, coverage))
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/tiles/{layer}/features',
      tags: ['Coverage'],
      summary:
        'The areas of a boundary or coverage layer in a viewport, clipped and simplified for the zoom (GeoJSON)',
      description:
        'Both engines. bbox=west,south,east,north (degrees) and zoom; the bbox may span at most MAP_FEATURES_MAX_SPAN_TILES tiles at that zoom. The coverage layer takes the coverage filters. ETag, Cache-Control and 304 as for tiles.',
      params: layerParamsSchema,
      query: features,
      responses: {
        200: { description: 'A FeatureCollection', contentType: 'application/geo+json' },
        304: { description: 'Not modified (If-None-Match)' },
      },
      async handler({ params: { layer }, query }, req, res) {
        const { bbox, zoom, ...rest } = query
        const coverage = await filters(layer, rest, async () =>
          parseOrThrow(resolveSchema(coverageQuerySchema, await taxonomy.getTaxonomy()), rest, 'query'),
        )
        await send(req, res, await tiles.features(layer, { bbox, zoom }, coverage))
      },
    }),
  ]
}

import { createHash } from 'node:crypto'
import type { Knex } from 'knex'
import type { CoverageQuery, CoverageResponse } from '../coverage/coverage-schemas'
import type { Engine } from '../lib/db'
import { HttpError, ValidationError } from '../lib/errors'
import type { TileCache } from './tile-cache'
import {
  type LayerSource,
  type LayerState,
  renderFeatures,
  renderMvt,
  selectLayerState,
} from './tiles-queries'
import {
  type Bbox,
  bandOfZoom,
  COVERAGE_LAYER,
  MVT_CONTENT_TYPE,
  mapLayerMode,
  TILE_BUFFER,
  TILE_EXTENT,
  type TileParams,
} from './tiles-schemas'

export interface TilesOptions {
  /** Cache-Control max-age of coverage layers: short, they change with every coverage edit. */
  coverageMaxAgeSeconds: number
  /** Cache-Control max-age of boundary layers: they change only when boundaries are imported. */
  boundaryMaxAgeSeconds: number
}

export interface TilesServiceDeps {
  knex: Knex
  engine: Engine
  /** The coverage read the coverage API answers from (public: unmet need suppressed). */
  coverage: { coverage(q: CoverageQuery, exact: boolean): Promise<CoverageResponse> }
  /** Shared by every router built for this process (primary and replica). */
  cache: TileCache
  options: TilesOptions
}

/** A map response known before it is rendered: the ETag decides whether rendering is needed. */
export interface MapResponse {
  etag: string
  cacheControl: string
  contentType: string
  /** From the in-process cache, or rendered (and cached) now. */
  body(): Promise<Buffer>
  /** Whether the last body() came from the cache (for the X-Cache header). */
  cached(): boolean
}

/** A layer request, resolved: what to draw and the cache identity of the answer. */
interface Resolved {
  layer: string
  coverage: CoverageQuery | null
  state: LayerState
}

const coverageKey = (q: CoverageQuery) =>
  JSON.stringify([q.level, q.within, q.functions, q.topics, q.strands])

/** Properties the coverage layer adds to each area: whether the directory covers it, and per column of the read, its count and depth. */
function coverageProperties(response: CoverageResponse): Array<{ code: string } & Record<string, unknown>> {
  return response.areas.map((area) => {
    // inDirectory false: a nation the directory does not cover yet, drawn as such, not as a gap.
    const props: { code: string } & Record<string, unknown> = {
      code: area.code,
      inDirectory: area.inDirectory,
      // The IMD overlay (docs/decisions/0017): England's figures; elsewhere why there are none.
      imdShare10: area.deprivation.figures?.shareMostDeprived10 ?? null,
      imdShare20: area.deprivation.figures?.shareMostDeprived20 ?? null,
      imdWeightedRank: area.deprivation.figures?.weightedRank ?? null,
      imdUnavailable: area.deprivation.unavailable,
    }
    for (const cell of area.cells) {
      props[`count:${cell.key}`] = cell.count
      props[`depth:${cell.key}`] = cell.depth
    }
    return props
  })
}

export function createTilesService({ knex, engine, coverage, cache, options }: TilesServiceDeps) {
  const mode = mapLayerMode(engine)
  // Per coverage version and filters, the counts of the coverage read; concurrent tiles share one read.
  const countsByKey = new Map<string, Promise<Array<{ code: string } & Record<string, unknown>>>>()
  const COUNTS_KEPT = 32

  function countsFor(state: LayerState, q: CoverageQuery) {
    const key = `${state.versions.boundaries}.${state.versions.coverage}|${coverageKey(q)}`
    let counts = countsByKey.get(key)
    if (!counts) {
      counts = coverage.coverage(q, false).then(coverageProperties)
      countsByKey.set(key, counts)
      counts.catch(() => countsByKey.delete(key))
      while (countsByKey.size > COUNTS_KEPT) {
        const oldest = countsByKey.keys().next().value
        if (oldest === undefined) break
        countsByKey.delete(oldest)
      }
    }
    return counts
  }

  async function resolve(layer: string, coverageQuery: CoverageQuery | null): Promise<Resolved> {
    const state = await selectLayerState(knex)
    if (layer !== COVERAGE_LAYER && !state.types.includes(layer)) {
      const allowed = [...state.types, COVERAGE_LAYER].join(', ')
      throw new ValidationError(`Invalid path: layer: unknown layer "${layer}"; allowed: ${allowed}`, [
        { field: 'layer', message: `unknown layer "${layer}"; allowed: ${allowed}` },
      ])
    }
    return { layer, coverage: layer === COVERAGE_LAYER ? coverageQuery : null, state }
  }

  async function sourceOf(r: Resolved): Promise<LayerSource> {
    if (!r.coverage) return { kind: 'type', type: r.layer }
    return { kind: 'areas', areas: await countsFor(r.state, r.coverage) }
  }

  function response(
    r: Resolved,
    what: string,
    contentType: string,
    render: () => Promise<Buffer>,
  ): MapResponse {
    const versions = r.coverage
      ? `b${r.state.versions.boundaries}c${r.state.versions.coverage}`
      : `b${r.state.versions.boundaries}`
    const key = `${r.layer}|${versions}|${what}|${r.coverage ? coverageKey(r.coverage) : ''}`
    const etag = `"${r.layer}-${versions}-${createHash('sha1').update(key).digest('base64url').slice(0, 16)}"`
    const cacheControl = r.coverage
      ? `public, max-age=${options.coverageMaxAgeSeconds}, must-revalidate`
      : `public, max-age=${options.boundaryMaxAgeSeconds}`
    let hit = false
    return {
      etag,
      cacheControl,
      contentType,
      cached: () => hit,
      async body() {
        const cachedBody = cache.get(key)
        hit = cachedBody !== undefined
        if (cachedBody) return cachedBody
        const body = await render()
        cache.set(key, body)
        return body
      },
    }
  }

  return {
    mode,

    /** GET /api/tiles/{layer}/{z}/{x}/{y}.mvt */
    async tile(params: TileParams, coverageQuery: CoverageQuery | null): Promise<MapResponse> {
      if (mode !== 'mvt') {
        throw new HttpError(
          501,
          'NotImplemented',
          'Vector tiles need the PostgreSQL server engine (ST_AsMVT); this server runs the embedded database: ask GET /api/tiles/{layer}/features?bbox=west,south,east,north&zoom=z for GeoJSON instead (GET /api/ready says mapLayers: "geojson")',
        )
      }
      const r = await resolve(params.layer, coverageQuery)
      const { z, x, y } = params
      return response(r, `${z}/${x}/${y}`, MVT_CONTENT_TYPE, async () =>
        renderMvt(knex, {
          layer: r.layer,
          source: await sourceOf(r),
          z,
          x,
          y,
          band: bandOfZoom(z).band,
          extent: TILE_EXTENT,
          buffer: TILE_BUFFER,
        }),
      )
    },

    /** GET /api/tiles/{layer}/features?bbox=&zoom= */
    async features(
      layer: string,
      view: { bbox: Bbox; zoom: number },
      coverageQuery: CoverageQuery | null,
    ): Promise<MapResponse> {
      const r = await resolve(layer, coverageQuery)
      const band = bandOfZoom(view.zoom)
      // The key rounds nothing: a client panning asks for new boxes, which are new answers.
      return response(r, `${view.zoom}|${view.bbox.join(',')}`, 'application/geo+json', async () =>
        Buffer.from(
          await renderFeatures(knex, {
            source: await sourceOf(r),
            bbox: view.bbox,
            band: band.band,
            decimals: band.decimals,
          }),
        ),
      )
    },
  }
}

export type TilesService = ReturnType<typeof createTilesService>

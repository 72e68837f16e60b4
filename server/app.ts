import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import compression from 'compression'
import express, { type Express, type Router } from 'express'
import helmet from 'helmet'
import type { Knex } from 'knex'
import type { Logger } from 'pino'
import { pinoHttp } from 'pino-http'
import { z } from 'zod'
import { auditRoutes } from './audit/audit-routes'
import { csrfProtection, lazySessionMiddleware, requireRole } from './auth/auth-middleware'
import { createAuthQueries } from './auth/auth-queries'
import { authRoutes } from './auth/auth-routes'
import { roleSchema } from './auth/auth-schemas'
import { createAuthService } from './auth/auth-service'
import { candidatesRoutes } from './candidates/candidates-routes'
import { createCandidatesService } from './candidates/candidates-service'
import { coverageRoutes } from './coverage/coverage-routes'
import { createCoverageService } from './coverage/coverage-service'
import { snapshotRoutes } from './coverage/coverage-snapshot-routes'
import { createSnapshotService } from './coverage/coverage-snapshot-service'
import { deprivationRoutes } from './deprivation/deprivation-routes'
import { createDeprivationService } from './deprivation/deprivation-service'
import { demonstrationDataPresent } from './directory/demonstration-data'
import { directoryRoutes } from './directory/directory-routes'
import { createDirectoryScope } from './directory/directory-scope'
import { createDirectoryService } from './directory/directory-service'
import { moderationRoutes } from './editing/editing-moderation-routes'
import { editingEarlyRoutes, editingRoutes } from './editing/editing-routes'
import { createEditingService } from './editing/editing-service'
import { createEnquiryQueries } from './enquiries/enquiry-queries'
import { enquiryRoutes } from './enquiries/enquiry-routes'
import { createEnquiryService } from './enquiries/enquiry-service'
import { exportsRoutes } from './exports/exports-routes'
import { createExportsService } from './exports/exports-service'
import { freshnessRoutes } from './freshness/freshness-routes'
import { createFreshnessService } from './freshness/freshness-service'
import { fundingRoutes } from './funding/funding-routes'
import { createFundingService } from './funding/funding-service'
import { geoRoutes } from './geo/geo-routes'
import { createGeoService, type GeoService } from './geo/geo-service'
import { postcodeStore } from './geo/postcode-store'
import { healthRoutes } from './health/health-routes'
import { createHealthService } from './health/health-service'
import { importRoutes } from './imports/imports-routes'
import { createImportService } from './imports/imports-service'
import type { Config } from './lib/config'
import type { Database } from './lib/db'
import { errorHandler, notFoundHandler } from './lib/errors'
import { inputGuard } from './lib/input-guard'
import { createLoadShedder } from './lib/load-shedding'
import { createLogger, requestSerializers } from './lib/logger'
import { onReplica, stickToPrimaryAfterWrites } from './lib/read-routing'
import { createRouteTable, defineRoute, type RouteDefinition } from './lib/route-table'
import { openApiRoutes } from './openapi/openapi-routes'
import { orukHeaders, orukRoutes } from './oruk/oruk-routes'
import { createOrukService } from './oruk/oruk-service'
import { freshnessPolicy } from './providers/freshness'
import { createReportPrinter } from './report/report-printer'
import { reportRoutes } from './report/report-routes'
import { createReportService } from './report/report-service'
import { reviewRoutes } from './reviews/review-routes'
import { createReviewService } from './reviews/review-service'
import { signpostRoutes } from './signpost/signpost-routes'
import { createSignpostService, signpostOptions } from './signpost/signpost-service'
import { taxonomyRoutes, taxonomyWriteRoutes } from './taxonomy/taxonomy-routes'
import { createTaxonomyService } from './taxonomy/taxonomy-service'
import { createTileCache } from './tiles/tile-cache'
import { tilesRoutes } from './tiles/tiles-routes'
import { createTilesService } from './tiles/tiles-service'

export const clientDistDir = fileURLToPath(new URL('../client/dist/', import.meta.url))

/** Where the readiness probe looks up areas: BD1 1HY, central Bradford (any point would do). */
const readinessPoint = { lng: -1.75329, lat: 53.79232 }

/** GET /api/config: what the web client needs to know about this deployment. */
const clientConfigSchema = z.object({
  tileUrl: z.string().describe("Leaflet tile URL template; '' means no background tiles"),
  engine: z.enum(['embedded', 'server']),
  demonstrationData: z
    .boolean()
    .describe(
      'True while the directory holds demo or generated records (source "demo" or "generated"): every page then says the data is a demonstration',
    ),
  freshness: z
    .object({ staleMonths: z.number().int(), expiredMonths: z.number().int() })
    .describe(
      'The freshness policy (docs/decisions/0020): VERIFICATION_STALE_MONTHS and VERIFICATION_EXPIRED_MONTHS',
    ),
})

/** The routes an app built by createApp answers: /api (described in /api/openapi.json) and /oruk. */
export function routeTableOf(app: Express): { api: RouteDefinition[]; oruk: RouteDefinition[] } {
  return app.locals.routeTable
}

/** Releases what the app holds beyond the database (the report's Chromium); the server calls it on shutdown. */
export async function closeApp(app: Express): Promise<void> {
  const hooks: Array<() => Promise<void>> = app.locals.onClose ?? []
  await Promise.allSettled(hooks.map((close) => close()))
}

/** A route's roles, checked by the auth middleware; a name that is not a role fails at start-up. */
const authorise = (roles: readonly string[]) => requireRole(...roles.map((role) => roleSchema.parse(role)))

export interface AppDeps {
  db: Database
  config: Config
  logger?: Logger
}

function tileOrigin(tileUrl: string): string | undefined {
  if (!tileUrl) return undefined
  try {
    // Subdomain templates such as https://{s}.tile.example.org need a wildcard source.
    const origin = new URL(tileUrl.replace('{s}', 'a')).origin
    return tileUrl.includes('{s}') ? origin.replace('//a.', '//*.') : origin
  } catch {
    return undefined
  }
}

/** Builds the whole HTTP application; listening and shutdown live in scripts/serve.ts. */
export function createApp({ db, config, logger = createLogger(config) }: AppDeps): Express {
  const app = express()
  app.disable('x-powered-by')
  // Whose X-Forwarded-For/-Proto to believe: nobody unless TRUST_PROXY names the proxy, so a
  // client cannot choose the address the sign-in and suggestion limits count it under.
  app.set('trust proxy', config.trustProxy)

  const tiles = tileOrigin(config.tileUrl)
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'img-src': ["'self'", 'data:', ...(tiles ? [tiles] : [])],
          'connect-src': ["'self'"],
        },
      },
    }),
  )
  app.use(
    pinoHttp({
      logger,
      genReqId(req, res) {
        const incoming = req.headers['x-request-id']
        const id = typeof incoming === 'string' && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID()
        res.setHeader('X-Request-Id', id)
        return id
      },
      autoLogging: { ignore: (req) => req.url === '/api/health' },
      // One short entry per request (method, path without identifying values, status, time): no
      // headers, and req.log carries only the request id (server/lib/logger.ts).
      serializers: requestSerializers,
      wrapSerializers: false,
      quietReqLogger: true,
    }),
  )
  // Load shedding before the body is read: an overloaded server refuses cheaply (server/lib/load-shedding.ts).
  const shedder = createLoadShedder({
    maxInFlight: config.apiMaxInFlight,
    maxQueue: config.apiMaxQueue,
    queueTimeoutMs: config.apiQueueTimeoutMs,
    exempt: ['/health', '/ready'],
  })
  app.use(['/api', '/oruk'], shedder.middleware)
  // gzip/deflate for answers over 1 kB when the client accepts it: map layers and lists are JSON
  // that shrinks 4-7 times (measured: the national district layer at zoom 5, 409 kB, is sent as
  // 94 kB; the coverage layer, 755 kB, as 102 kB).
  app.use(compression())
  app.use(express.json({ limit: config.jsonBodyLimitBytes }))
  // NUL, lone surrogates and deep nesting in a path, query or JSON body: 400 before any route.
  app.use(inputGuard())

  // Read-only public reads go to db.read (the replica when DATABASE_REPLICA_URL is set); writes and a
  // writer's next reads stay on the primary (server/lib/read-routing.ts). With no replica, one copy.
  const replicated = db.read !== db.knex
  const readRoutes = (build: (knex: Knex, geo: GeoService) => Router): Router[] =>
    replicated ? [onReplica(build(db.read, geoRead)), build(db.knex, geo)] : [build(db.knex, geo)]

  const taxonomy = createTaxonomyService(db.knex, { cacheSeconds: config.taxonomyCacheSeconds })
  // Every route is declared once (server/http/route-table.ts); the table remembers what is mounted.
  const mountOptions = { taxonomy: () => taxonomy.getTaxonomy(), authorise }
  const apiTable = createRouteTable({ prefix: '/api', ...mountOptions })
  const orukTable = createRouteTable({ prefix: '/oruk', ...mountOptions })
  app.locals.routeTable = { api: apiTable.routes, oruk: orukTable.routes }
  app.locals.onClose = [] as Array<() => Promise<void>>
  const table = (build: () => RouteDefinition[]) => apiTable.mount(build())

  const api = express.Router()
  const geoOptions = {
    nearestFallbackMetres: config.geoNearestFallbackMetres,
    postcodes: () => postcodeStore(config),
  }
  const geo = createGeoService(db, geoOptions)
  const geoRead = replicated ? createGeoService({ ...db, knex: db.read }, geoOptions) : geo
  // Readiness runs the point lookup every postcode search, signposting and search goes through.
  api.use(
    table(() =>
      healthRoutes(createHealthService(db, { hotRead: () => geoRead.areasForPoint(readinessPoint) })),
    ),
  )
  if (replicated) api.use(stickToPrimaryAfterWrites(config.databaseReplicaStickySeconds))
  api.use(readRoutes((_knex, g) => table(() => geoRoutes(g))))
  const directory = createDirectoryService({
    knex: db.knex,
    taxonomy,
    geo,
    minCoverageShare: config.coverageMinSharePercent / 100,
    directoryNations: config.directoryNations,
  })
  api.use(table(() => taxonomyRoutes(taxonomy)))
  const sessions = lazySessionMiddleware(db.knex, config)
  const editing = createEditingService({
    knex: db.knex,
    taxonomy,
    directory,
    options: {
      staleMonths: config.verificationStaleMonths,
      polygonMaxVertices: config.coveragePolygonMaxVertices,
    },
  })
  // Before the directory: GET /providers/stale would otherwise be read as a provider slug.
  api.use(table(() => editingEarlyRoutes(editing, sessions)))
  const directoryOn = (knex: Knex, g: GeoService) =>
    knex === db.knex
      ? directory
      : createDirectoryService({
          knex,
          taxonomy,
          geo: g,
          minCoverageShare: config.coverageMinSharePercent / 100,
          directoryNations: config.directoryNations,
        })
  api.use(readRoutes((knex, g) => table(() => directoryRoutes(directoryOn(knex, g), sessions))))
  api.use(
    readRoutes((knex, g) =>
      table(() =>
        signpostRoutes(
          createSignpostService({
            knex,
            geo: g,
            taxonomy,
            options: signpostOptions(config),
            scope: createDirectoryScope({ knex, nations: config.directoryNations }),
            freshness: freshnessPolicy(config),
          }),
        ),
      ),
    ),
  )
  api.use(sessions)
  api.use(csrfProtection)
  api.use(table(() => authRoutes(createAuthService(createAuthQueries(db.knex), config))))
  api.use(table(() => auditRoutes(db.knex)))
  api.use(table(() => taxonomyWriteRoutes(taxonomy)))
  const imports = createImportService({
    knex: db.knex,
    taxonomy,
    options: { maxRows: config.importMaxRows, polygonMaxVertices: config.coveragePolygonMaxVertices },
    logger,
  })
  // An import left `running` by a stopped process can never finish: mark it failed.
  imports.failAbandoned().catch((err) => logger.warn({ err }, 'could not mark abandoned imports failed'))
  api.use(table(() => editingRoutes(editing, config)))
  api.use(table(() => moderationRoutes(editing, config)))
  api.use(table(() => importRoutes(imports, config)))
  // Providers verify their own record through review links (server/reviews), without an account.
  api.use(
    table(() =>
      reviewRoutes(createReviewService({ knex: db.knex, directory, editing }), {
        ratePerHour: config.reviewRateLimitPerHour,
      }),
    ),
  )
  // The review queue of imported drafts (issue 16 §1, decision 0015).
  api.use(table(() => candidatesRoutes(createCandidatesService(db.knex))))
  api.use(
    table(() =>
      freshnessRoutes(
        createFreshnessService(db.knex, {
          staleMonths: config.verificationStaleMonths,
          expiredMonths: config.verificationExpiredMonths,
          minShare: config.coverageMinSharePercent / 100,
        }),
      ),
    ),
  )
  api.use(
    table(() =>
      enquiryRoutes(createEnquiryService({ queries: createEnquiryQueries(db.knex), geo, taxonomy })),
    ),
  )
  // Coverage and gaps: after the session (unmet-need counts depend on the role) and CSRF (baseline edits).
  const coverageOptions = {
    minShare: config.coverageMinSharePercent / 100,
    duplicationMinProviders: config.coverageDuplicationMinProviders,
    maxCells: config.coverageMaxCells,
    directoryNations: config.directoryNations,
    freshness: { policy: freshnessPolicy(config) },
  }
  const coverageOn = (knex: Knex, g: GeoService) =>
    createCoverageService({
      knex,
      taxonomy,
      enquiries: createEnquiryService({ queries: createEnquiryQueries(knex), geo: g, taxonomy }),
      options: coverageOptions,
    })
  api.use(readRoutes((knex, g) => table(() => coverageRoutes(coverageOn(knex, g), coverageOptions))))
  // The printable area report (server/report, docs/decisions/0019): one Chromium for the app's
  // life, started on the first PDF and closed by closeApp when the server stops.
  const reportPrinter = createReportPrinter({
    chromiumPath: config.chromiumPath,
    maxConcurrent: config.reportPdfMaxConcurrent,
    timeoutMs: config.reportPdfTimeoutMs,
    logger,
  })
  app.locals.onClose.push(() => reportPrinter.close())
  api.use(
    readRoutes((knex, g) =>
      table(() =>
        reportRoutes(createReportService({ knex, coverage: coverageOn(knex, g), printer: reportPrinter })),
      ),
    ),
  )
  // Need beside supply: the English Indices of Deprivation 2019 per area (server/deprivation).
  api.use(readRoutes((knex) => table(() => deprivationRoutes(createDeprivationService(knex)))))
  // Funding flows from 360Giving (decision 0016): public reads on the read path; the editors' matching after the session.
  api.use(readRoutes((knex) => table(() => fundingRoutes(createFundingService({ knex, taxonomy })))))
  // Dated coverage snapshots and changes between two dates (docs/decisions/0018), on the primary;
  // server/lifecycle.ts runs the schedule (SNAPSHOT_INTERVAL_HOURS) with app.locals.snapshots.
  const snapshots = createSnapshotService({
    knex: db.knex,
    taxonomy,
    coverage: coverageOn(db.knex, geo),
    options: {
      retain: config.snapshots.retain,
      retainDays: config.snapshots.retainDays,
      directoryNations: config.directoryNations,
      maxCells: config.coverageMaxCells,
    },
  })
  app.locals.snapshots = snapshots
  api.use(table(() => snapshotRoutes(snapshots)))
  // Map layers: vector tiles (server engine) and viewport GeoJSON over pre-generalised boundaries
  // (server/tiles); one rendered-tile cache for the primary and replica routers alike.
  const tileCache = createTileCache(config.tileCacheMaxMb * 1024 * 1024)
  api.use(
    readRoutes((knex, g) =>
      table(() =>
        tilesRoutes(
          createTilesService({
            knex,
            engine: db.engine,
            coverage: coverageOn(knex, g),
            cache: tileCache,
            options: {
              coverageMaxAgeSeconds: config.tileCoverageMaxAgeSeconds,
              boundaryMaxAgeSeconds: config.tileBoundaryMaxAgeSeconds,
            },
          }),
          taxonomy,
          { featuresMaxSpanTiles: config.mapFeaturesMaxSpanTiles },
        ),
      ),
    ),
  )
  // Open downloads and this API's own description (server/exports, server/openapi).
  const licence = {
    name: config.dataLicenceName,
    url: config.dataLicenceUrl,
    attribution: config.dataAttribution,
  }
  api.use(
    readRoutes((knex, g) =>
      table(() =>
        exportsRoutes(createExportsService({ knex, search: directoryOn(knex, g).search }), licence),
      ),
    ),
  )
  api.use(
    table(() =>
      openApiRoutes(taxonomy, () => apiTable.routes, {
        name: config.dataLicenceName,
        url: config.dataLicenceUrl,
      }),
    ),
  )
  api.use(
    table(() => [
      defineRoute({
        method: 'get',
        path: '/api/config',
        tags: ['Operations'],
        summary: 'Settings the web client needs (tile URL, database engine, demonstration data)',
        responses: { 200: { description: 'Client settings', schema: clientConfigSchema } },
        async handler(_input, _req, res) {
          res.json({
            tileUrl: config.tileUrl,
            engine: db.engine,
            demonstrationData: await demonstrationDataPresent(db.knex),
            freshness: freshnessPolicy(config),
          })
        },
      }),
    ]),
  )
  api.use(notFoundHandler)
  app.use('/api', api)
  // Open Referral UK 3.0: open, read-only data that any origin may read (server/oruk).
  const orukOn = (knex: Knex, g: GeoService) =>
    createOrukService({ knex, taxonomy, geo: g, minCoverageShare: config.coverageMinSharePercent / 100 })
  const orukRouter = (knex: Knex, g: GeoService) =>
    express
      .Router()
      .use(orukHeaders({ licenceUrl: config.dataLicenceUrl }), orukTable.mount(orukRoutes(orukOn(knex, g))))
      .use(notFoundHandler)
  app.use('/oruk', readRoutes(orukRouter))

  // The built client, with the SPA fallback for every other GET.
  const indexHtml = path.join(clientDistDir, 'index.html')
  app.use(express.static(clientDistDir, { index: false, maxAge: '1h' }))
  app.get(/^(?!\/api\/).*/, (req, res, next) => {
    if (!req.accepts('html') || !fs.existsSync(indexHtml)) return next()
    res.set('Cache-Control', 'no-cache')
    res.sendFile(indexHtml)
  })
  app.use(notFoundHandler)
  app.use(errorHandler(logger))
  return app
}

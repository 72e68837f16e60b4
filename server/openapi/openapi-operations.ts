import { z } from 'zod'
import { auditQuerySchema } from '../audit/audit-schemas'
import {
  createUserBodySchema,
  loginBodySchema,
  updateUserBodySchema,
  userIdSchema,
} from '../auth/auth-schemas'
import {
  baselineInputSchema,
  baselineParamsSchema,
  baselinePatchSchema,
  coverageQuerySchema,
  duplicationQuerySchema,
  impactQuerySchema,
  profileParamsSchema,
} from '../coverage/coverage-schemas'
import {
  coverageFeatureSchema,
  idOrSlugSchema,
  providerDetailSchema,
  searchQuerySchema,
  searchResponseSchema,
} from '../directory/directory-schemas'
import {
  approveBodySchema,
  coverageBodySchema,
  idOrSlugParamSchema,
  linkBodySchema,
  linkParamSchema,
  moderationQuerySchema,
  pathwayBodySchema,
  pathwayParamSchema,
  providerWriteSchemas,
  rejectBodySchema,
  staleQuerySchema,
  suggestionBodySchema,
  uuidParamSchema,
} from '../editing/editing-schemas'
import {
  createEnquiryBodySchema,
  enquiryParamsSchema,
  summaryQuerySchema,
} from '../enquiries/enquiry-schemas'
import { exportQuerySchema } from '../exports/exports-schemas'
import {
  areaParamsSchema,
  areaQuerySchema,
  areasQuerySchema,
  postcodeParamsSchema,
  postcodeResultSchema,
} from '../geo/geo-schemas'
import { importQuerySchema, importStateSchema } from '../imports/imports-schemas'
import type { Config } from '../lib/config'
import { noQuerySchema } from '../oruk/oruk-schemas'
import { signpostQuerySchema } from '../signpost/signpost-schemas'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import {
  taxonomySchema,
  taxonomyTermSchema,
  termParamsSchema,
  termPatchSchema,
} from '../taxonomy/taxonomy-schemas'
import { featuresQuerySchema, layerParamsSchema, tileParamsSchema } from '../tiles/tiles-schemas'

/**
 * Every /api operation, described by the zod schemas its route parses with (and, where the
 * feature has one, the zod schema of its answer). The OpenAPI document is generated from this
 * list; a test walks the Express app and fails when a registered route is missing here or an
 * entry here names no route, so a new route cannot go undocumented.
 */

/** What schema factories need: the live vocabulary and the limits they are built with. */
export interface DocContext {
  taxonomy: Taxonomy
  config: Pick<
    Config,
    'coveragePolygonMaxVertices' | 'coverageDuplicationMinProviders' | 'mapFeaturesMaxSpanTiles'
  >
}

type Source = z.ZodType | ((ctx: DocContext) => z.ZodType)

export interface ResponseDoc {
  description: string
  /** The answer's zod schema; absent where the feature has no zod schema for it yet. */
  schema?: Source
  /** Default application/json. */
  contentType?: string
}

export interface OperationDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete'
  /** The full path, OpenAPI style: /api/providers/{idOrSlug}. */
  path: string
  tag: string
  summary: string
  description?: string
  /** Session roles allowed; absent: open to anyone. */
  roles?: string[]
  params?: Source
  query?: Source
  body?: Source | { contentTypes: string[]; description: string }
  responses: Record<number, ResponseDoc>
  /** Query parameters named level, kind, function, topic, strand, language, format, status take that vocabulary's codes. */
  vocabularyParams?: true
}

// ---------- answers of our own routes (docs and downloads) ----------

const openApiObjectSchema = z.looseObject({
  openapi: z.literal('3.1.0'),
  info: z.object({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
})

const geoJsonDownloadSchema = z.object({
  type: z.literal('FeatureCollection'),
  name: z.string(),
  licence: z.object({ name: z.string(), url: z.string() }),
  attribution: z.string(),
  generated: z.string(),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      geometry: z
        .object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) })
        .nullable(),
      properties: z.record(z.string(), z.unknown()),
    }),
  ),
})

const write = (ctx: DocContext) => providerWriteSchemas(ctx.taxonomy, ctx.config.coveragePolygonMaxVertices)
const record = { description: 'The provider record', schema: providerDetailSchema }
const editors = ['admin', 'editor']

export const operations: OperationDoc[] = [
  // ---------- operations ----------
  {
    method: 'get',
    path: '/api/health',
    tag: 'Operations',
    summary: 'Liveness: the process answers',
    responses: { 200: { description: '{"status":"ok"}' } },
  },
  {
    method: 'get',
    path: '/api/ready',
    tag: 'Operations',
    summary: 'Readiness: database reachable, PostGIS present, migrations current',
    responses: { 200: { description: 'Ready' }, 503: { description: 'Not ready, with the reason' } },
  },
  {
    method: 'get',
    path: '/api/config',
    tag: 'Operations',
    summary: 'Settings the web client needs (tile URL, database engine)',
    responses: { 200: { description: 'Client settings' } },
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    tag: 'Operations',
    summary: 'This description of the API (OpenAPI 3.1)',
    query: noQuerySchema,
    responses: { 200: { description: 'The OpenAPI document', schema: openApiObjectSchema } },
  },
  {
    method: 'get',
    path: '/api/docs',
    tag: 'Operations',
    summary: 'A readable reference page generated from this description',
    query: noQuerySchema,
    responses: { 200: { description: 'HTML', contentType: 'text/html' } },
  },
  {
    method: 'get',
    path: '/api/docs/docs.css',
    tag: 'Operations',
    summary: "The reference page's stylesheet",
    responses: { 200: { description: 'CSS', contentType: 'text/css' } },
  },

  // ---------- geography ----------
  {
    method: 'get',
    path: '/api/geo/postcodes/{postcode}',
    tag: 'Geography',
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
  },
  {
    method: 'get',
    path: '/api/geo/areas',
    tag: 'Geography',
    summary: 'Areas by level, type or containing area, or the areas containing a point',
    query: areasQuerySchema,
    responses: { 200: { description: 'Area list, or a FeatureCollection with geometry' } },
  },
  {
    method: 'get',
    path: '/api/geo/areas/{code}',
    tag: 'Geography',
    summary: 'One area by GSS code, optionally with its boundary',
    params: areaParamsSchema,
    query: areaQuerySchema,
    responses: { 200: { description: 'The area' } },
  },
  {
    method: 'get',
    path: '/api/geo/layers',
    tag: 'Geography',
    summary: 'The boundary layers loaded',
    responses: { 200: { description: 'Layers with feature and repair counts' } },
  },

  // ---------- taxonomy and directory ----------
  {
    method: 'get',
    path: '/api/taxonomy',
    tag: 'Directory',
    summary:
      'The controlled vocabularies (levels, kinds, functions, topics, strands, ...) in English and Welsh',
    responses: { 200: { description: 'Every vocabulary', schema: taxonomySchema } },
  },
  {
    method: 'get',
    path: '/api/taxonomy/{vocabulary}/{code}',
    tag: 'Directory',
    summary: 'One term of a vocabulary, with the ETag an edit sends back in If-Match',
    params: termParamsSchema,
    responses: {
      200: { description: 'The term', schema: taxonomyTermSchema },
      404: { description: 'No such term' },
    },
  },
  {
    method: 'patch',
    path: '/api/taxonomy/{vocabulary}/{code}',
    tag: 'Editing',
    summary:
      "Change a term's wording (labels, descriptions, synonyms in English and Welsh; If-Match: the ETag read). Codes never change",
    roles: ['admin', 'editor'],
    params: termParamsSchema,
    body: termPatchSchema,
    responses: {
      200: { description: 'The term as saved', schema: taxonomyTermSchema },
      404: { description: 'No such term' },
      409: { description: 'The term changed since the ETag given' },
      428: { description: 'No If-Match given' },
    },
  },
  {
    method: 'get',
    path: '/api/providers',
    tag: 'Directory',
    summary: 'Search providers by place, need, group and text',
    query: (ctx) => searchQuerySchema(ctx.taxonomy),
    vocabularyParams: true,
    responses: {
      200: { description: 'A page of providers with why each matched', schema: searchResponseSchema },
    },
  },
  {
    method: 'get',
    path: '/api/providers/{idOrSlug}',
    tag: 'Directory',
    summary: 'One provider record',
    params: idOrSlugSchema,
    responses: { 200: record },
  },
  {
    method: 'get',
    path: '/api/providers/{idOrSlug}/coverage',
    tag: 'Directory',
    summary: "A provider's service area as one GeoJSON Feature",
    params: idOrSlugSchema,
    responses: {
      200: {
        description: 'The service area',
        schema: coverageFeatureSchema,
        contentType: 'application/geo+json',
      },
    },
  },
  {
    method: 'get',
    path: '/api/exports/providers.csv',
    tag: 'Directory',
    summary:
      'Download every published provider, or every match of a search, as CSV (the bulk import columns, less source)',
    description:
      'With no parameters, every published provider in name order. With any of GET /api/providers\' filters (not page or perPage), every provider that search matches, all pages, in its order; status takes active and closed only (drafts are not published). Licence and attribution in the Link (rel="license"), X-Data-Licence and X-Data-Attribution headers; a search download is named support-atlas-search-YYYY-MM-DD.csv.',
    query: (ctx) => exportQuerySchema(ctx.taxonomy),
    vocabularyParams: true,
    responses: { 200: { description: 'CSV, UTF-8 with a byte-order mark', contentType: 'text/csv' } },
  },
  {
    method: 'get',
    path: '/api/exports/providers.geojson',
    tag: 'Directory',
    summary: 'Download every published provider, or every match of a search, as GeoJSON (office points)',
    description:
      "Takes the same filters as the CSV download (GET /api/providers' filters, less paging; no parameters: every published provider). Licence and attribution as members of the FeatureCollection and in the response headers.",
    query: (ctx) => exportQuerySchema(ctx.taxonomy),
    vocabularyParams: true,
    responses: {
      200: {
        description: 'A FeatureCollection',
        schema: geoJsonDownloadSchema,
        contentType: 'application/geo+json',
      },
    },
  },

  // ---------- signposting ----------
  {
    method: 'get',
    path: '/api/signpost',
    tag: 'Signposting',
    summary: 'Who can help a group here with this need: grouped by level, nearest level first',
    query: (ctx) => signpostQuerySchema(ctx.taxonomy),
    vocabularyParams: true,
    responses: { 200: { description: 'Groups of providers with reasons and fallbacks' } },
  },
  {
    method: 'get',
    path: '/api/signpost/explain',
    tag: 'Signposting',
    summary: 'The same answer with the near misses and why each was left out',
    query: (ctx) => signpostQuerySchema(ctx.taxonomy),
    vocabularyParams: true,
    responses: { 200: { description: 'The answer plus excluded candidates' } },
  },

  // ---------- accounts ----------
  {
    method: 'get',
    path: '/api/auth/session',
    tag: 'Accounts',
    summary: 'The current session (signed in or not) and its CSRF token',
    responses: { 200: { description: 'Session and CSRF token' } },
  },
  {
    method: 'post',
    path: '/api/auth/login',
    tag: 'Accounts',
    summary: 'Sign in',
    body: loginBodySchema,
    responses: {
      200: { description: 'Signed in' },
      401: { description: 'Email or password is incorrect' },
      429: { description: 'Too many failed sign-ins from this address or for this account; see Retry-After' },
    },
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    tag: 'Accounts',
    summary: 'Sign out',
    responses: { 200: { description: 'Signed out' } },
  },
  {
    method: 'get',
    path: '/api/users',
    tag: 'Accounts',
    summary: 'List accounts',
    roles: ['admin'],
    responses: { 200: { description: 'Accounts' } },
  },
  {
    method: 'post',
    path: '/api/users',
    tag: 'Accounts',
    summary: 'Create an account',
    roles: ['admin'],
    body: createUserBodySchema,
    responses: { 201: { description: 'The new account' } },
  },
  {
    method: 'patch',
    path: '/api/users/{id}',
    tag: 'Accounts',
    summary: 'Change an account (role, active, password)',
    roles: ['admin'],
    params: userIdSchema,
    body: updateUserBodySchema,
    responses: { 200: { description: 'The account' } },
  },
  {
    method: 'get',
    path: '/api/audit',
    tag: 'Accounts',
    summary: 'The audit log of changes',
    roles: editors,
    query: auditQuerySchema,
    responses: { 200: { description: 'A page of audit entries' } },
  },

  // ---------- editing ----------
  {
    method: 'get',
    path: '/api/providers/stale',
    tag: 'Editing',
    summary: 'Records not verified for a while, to re-verify',
    roles: editors,
    query: staleQuerySchema,
    responses: { 200: { description: 'A page of stale records' } },
  },
  {
    method: 'post',
    path: '/api/providers',
    tag: 'Editing',
    summary: 'Create a provider record',
    roles: editors,
    body: (ctx) => write(ctx).create,
    responses: { 201: record },
  },
  {
    method: 'put',
    path: '/api/providers/{id}',
    tag: 'Editing',
    summary: 'Replace a provider record (If-Match: the version read)',
    roles: ['admin', 'editor', 'provider'],
    params: idOrSlugParamSchema,
    body: (ctx) => write(ctx).put,
    responses: {
      200: record,
      202: { description: 'A provider-role edit, queued for moderation' },
      409: { description: 'The record changed since the version given' },
      428: { description: 'No version given' },
    },
  },
  {
    method: 'patch',
    path: '/api/providers/{id}',
    tag: 'Editing',
    summary: 'Change some fields of a provider record (If-Match: the version read)',
    roles: ['admin', 'editor', 'provider'],
    params: idOrSlugParamSchema,
    body: (ctx) => write(ctx).patch,
    responses: {
      200: record,
      202: { description: 'A provider-role edit, queued for moderation' },
      409: { description: 'The record changed since the version given' },
      428: { description: 'No version given' },
    },
  },
  {
    method: 'delete',
    path: '/api/providers/{id}',
    tag: 'Editing',
    summary: 'Purge a provider record',
    roles: ['admin'],
    params: idOrSlugParamSchema,
    responses: { 204: { description: 'Deleted' } },
  },
  {
    method: 'post',
    path: '/api/providers/{id}/close',
    tag: 'Editing',
    summary: 'Close a record (kept for history, never signposted)',
    roles: editors,
    params: idOrSlugParamSchema,
    responses: { 200: record },
  },
  {
    method: 'post',
    path: '/api/providers/{id}/reopen',
    tag: 'Editing',
    summary: 'Reopen a closed record',
    roles: editors,
    params: idOrSlugParamSchema,
    responses: { 200: record },
  },
  {
    method: 'post',
    path: '/api/providers/{id}/verify',
    tag: 'Editing',
    summary: 'Mark a record verified today',
    roles: editors,
    params: idOrSlugParamSchema,
    responses: { 200: record },
  },
  {
    method: 'put',
    path: '/api/providers/{id}/coverage',
    tag: 'Editing',
    summary: "Replace a provider's service area",
    roles: ['admin', 'editor', 'provider'],
    params: idOrSlugParamSchema,
    body: (ctx) => coverageBodySchema(ctx.config.coveragePolygonMaxVertices),
    responses: { 200: record, 202: { description: 'Queued for moderation' } },
  },
  {
    method: 'post',
    path: '/api/providers/{id}/pathways',
    tag: 'Editing',
    summary: 'Record a referral pathway to another provider',
    roles: editors,
    params: idOrSlugParamSchema,
    body: pathwayBodySchema(),
    responses: { 201: { description: 'The pathway' } },
  },
  {
    method: 'delete',
    path: '/api/providers/{id}/pathways/{pathwayId}',
    tag: 'Editing',
    summary: 'Remove a referral pathway',
    roles: editors,
    params: pathwayParamSchema,
    responses: { 204: { description: 'Removed' } },
  },
  {
    method: 'post',
    path: '/api/providers/{id}/users',
    tag: 'Editing',
    summary: 'Let a provider-role account edit this record',
    roles: ['admin'],
    params: idOrSlugParamSchema,
    body: linkBodySchema,
    responses: { 204: { description: 'Linked' } },
  },
  {
    method: 'delete',
    path: '/api/providers/{id}/users/{userId}',
    tag: 'Editing',
    summary: 'Stop a provider-role account editing this record',
    roles: ['admin'],
    params: linkParamSchema,
    responses: { 204: { description: 'Unlinked' } },
  },
  {
    method: 'get',
    path: '/api/providers/{id}/suggestions/form',
    tag: 'Editing',
    summary: 'A single-use token for the public suggest-an-edit form',
    params: idOrSlugParamSchema,
    responses: { 200: { description: 'Form token, minimum fill time and expiry' } },
  },
  {
    method: 'post',
    path: '/api/providers/{id}/suggestions',
    tag: 'Editing',
    summary: 'Suggest an edit to a record (public; rate-limited; moderated)',
    params: idOrSlugParamSchema,
    body: suggestionBodySchema,
    responses: {
      202: { description: 'Queued for moderation' },
      429: { description: 'Too many suggestions' },
    },
  },
  {
    method: 'get',
    path: '/api/moderation',
    tag: 'Editing',
    summary: 'The moderation queue',
    roles: editors,
    query: moderationQuerySchema,
    responses: { 200: { description: 'A page of suggestions' } },
  },
  {
    method: 'get',
    path: '/api/moderation/{id}',
    tag: 'Editing',
    summary: 'One suggestion with its side-by-side diff',
    roles: editors,
    params: uuidParamSchema,
    responses: { 200: { description: 'The suggestion' } },
  },
  {
    method: 'post',
    path: '/api/moderation/{id}/approve',
    tag: 'Editing',
    summary: 'Approve a suggestion (applies it)',
    roles: editors,
    params: uuidParamSchema,
    body: approveBodySchema,
    responses: { 200: { description: 'The decided suggestion' } },
  },
  {
    method: 'post',
    path: '/api/moderation/{id}/reject',
    tag: 'Editing',
    summary: 'Reject a suggestion, with a reason',
    roles: editors,
    params: uuidParamSchema,
    body: rejectBodySchema,
    responses: { 200: { description: 'The decided suggestion' } },
  },
  {
    method: 'post',
    path: '/api/imports',
    tag: 'Editing',
    summary:
      'Bulk import (CSV, GeoJSON or ORUK JSON): a dry run unless commit=true; async=true answers 202 at once and the import goes on (poll the Location)',
    roles: editors,
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
  },
  {
    method: 'get',
    path: '/api/imports',
    tag: 'Editing',
    summary: 'Past imports',
    roles: editors,
    responses: { 200: { description: 'Import jobs' } },
  },
  {
    method: 'get',
    path: '/api/imports/{id}',
    tag: 'Editing',
    summary: 'One import: running (with progress), or finished with its report, or failed with a message',
    roles: editors,
    params: uuidParamSchema,
    responses: { 200: { description: 'The import', schema: importStateSchema } },
  },

  // ---------- enquiries ----------
  {
    method: 'post',
    path: '/api/enquiries',
    tag: 'Enquiries',
    summary: 'Log a helpline enquiry and its outcome (no personal data)',
    roles: ['helpline', 'editor', 'admin'],
    body: createEnquiryBodySchema,
    responses: {
      201: { description: 'The logged enquiry' },
      200: { description: 'The enquiry already logged with this idempotencyKey (nothing new is written)' },
    },
  },
  {
    method: 'delete',
    path: '/api/enquiries/{id}',
    tag: 'Enquiries',
    summary: 'Undo the enquiry this session logged last',
    roles: ['helpline', 'editor', 'admin'],
    params: enquiryParamsSchema,
    responses: { 200: { description: 'The enquiry removed' } },
  },
  {
    method: 'get',
    path: '/api/enquiries/summary',
    tag: 'Enquiries',
    summary: 'Enquiry counts by district, need and outcome (rounded to 5; decision 0010)',
    query: summaryQuerySchema,
    responses: { 200: { description: 'The summary' } },
  },

  // ---------- coverage ----------
  {
    method: 'get',
    path: '/api/coverage',
    tag: 'Coverage',
    summary: 'Coverage and gaps by area (JSON, GeoJSON or CSV)',
    query: (ctx) => coverageQuerySchema(ctx.taxonomy),
    responses: { 200: { description: 'The coverage matrix' } },
  },
  {
    method: 'get',
    path: '/api/tiles/{layer}/{z}/{x}/{y}.mvt',
    tag: 'Coverage',
    summary: 'A Mapbox Vector Tile of a boundary layer (an area type: region, lad, ward, ...) or of coverage',
    description:
      'Server engine only (GET /api/ready says mapLayers: "mvt"); the embedded engine answers 501 and the client uses the features route. The coverage layer takes the coverage filters (level, within, function, topic, strand) and gives each area count:<column> and depth:<column>. ETag and Cache-Control on every tile; If-None-Match answers 304. Versions of boundaries and coverage are part of the ETag, so an edit changes it at once.',
    params: tileParamsSchema,
    query: (ctx) => coverageQuerySchema(ctx.taxonomy),
    vocabularyParams: true,
    responses: {
      200: {
        description: 'The tile (empty when nothing is in it)',
        contentType: 'application/vnd.mapbox-vector-tile',
      },
      304: { description: 'Not modified (If-None-Match)' },
      501: { description: 'This server runs the embedded engine: use /api/tiles/{layer}/features' },
    },
  },
  {
    method: 'get',
    path: '/api/tiles/{layer}/features',
    tag: 'Coverage',
    summary:
      'The areas of a boundary or coverage layer in a viewport, clipped and simplified for the zoom (GeoJSON)',
    description:
      'Both engines. bbox=west,south,east,north (degrees) and zoom; the bbox may span at most MAP_FEATURES_MAX_SPAN_TILES tiles at that zoom. The coverage layer takes the coverage filters. ETag, Cache-Control and 304 as for tiles.',
    params: layerParamsSchema,
    query: (ctx) => featuresQuerySchema(ctx.config.mapFeaturesMaxSpanTiles),
    responses: {
      200: { description: 'A FeatureCollection', contentType: 'application/geo+json' },
      304: { description: 'Not modified (If-None-Match)' },
    },
  },
  {
    method: 'get',
    path: '/api/coverage/duplication',
    tag: 'Coverage',
    summary: 'Where several providers at one level offer the same to the same group',
    query: (ctx) => duplicationQuerySchema(ctx.taxonomy, ctx.config.coverageDuplicationMinProviders),
    responses: { 200: { description: 'Duplicated provision' } },
  },
  {
    method: 'get',
    path: '/api/coverage/impact',
    tag: 'Coverage',
    summary: 'What closing a provider would leave uncovered',
    query: impactQuerySchema,
    responses: { 200: { description: 'The impact' } },
  },
  {
    method: 'get',
    path: '/api/coverage/baselines',
    tag: 'Coverage',
    summary: 'The minimum baselines (level x function x strand x count)',
    responses: { 200: { description: 'Baselines' } },
  },
  {
    method: 'get',
    path: '/api/coverage/baselines/{id}',
    tag: 'Coverage',
    summary: 'One baseline',
    params: baselineParamsSchema,
    responses: { 200: { description: 'The baseline' } },
  },
  {
    method: 'post',
    path: '/api/coverage/baselines',
    tag: 'Coverage',
    summary: 'Add a baseline',
    roles: editors,
    body: (ctx) => baselineInputSchema(ctx.taxonomy),
    responses: { 201: { description: 'The baseline' } },
  },
  {
    method: 'patch',
    path: '/api/coverage/baselines/{id}',
    tag: 'Coverage',
    summary: 'Change a baseline',
    roles: editors,
    params: baselineParamsSchema,
    body: (ctx) => baselinePatchSchema(ctx.taxonomy),
    responses: { 200: { description: 'The baseline' } },
  },
  {
    method: 'delete',
    path: '/api/coverage/baselines/{id}',
    tag: 'Coverage',
    summary: 'Remove a baseline',
    roles: editors,
    params: baselineParamsSchema,
    responses: { 204: { description: 'Removed' } },
  },
  {
    method: 'get',
    path: '/api/areas/{code}/profile',
    tag: 'Coverage',
    summary: "An area's profile: providers by level, baselines, duplication, unmet need",
    params: profileParamsSchema,
    responses: { 200: { description: 'The area profile' } },
  },
]

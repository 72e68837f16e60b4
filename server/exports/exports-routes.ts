import type { Request, Response } from 'express'
import { z } from 'zod'
import type { SearchQuery } from '../directory/directory-schemas'
import { ValidationError } from '../lib/errors'
import { defineRoute, type RouteDefinition } from '../lib/route-table'
import { PUBLISHED_STATUSES } from '../oruk/oruk-records'
import { exportQuerySchema } from './exports-schemas'
import {
  csvHeader,
  csvRow,
  type ExportRecord,
  type ExportsService,
  geoJsonFeature,
  geoJsonOpening,
  type Licence,
} from './exports-service'

/** The GeoJSON download, as documented in /api/openapi.json. */
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

const baseUrlOf = (req: Request) => `${req.protocol}://${req.get('host')}`

/** HTTP header values are Latin-1 text: the attribution goes as ASCII ((c) for ©). */
const headerText = (text: string) => text.replace(/©/g, '(c)').replace(/[^\x20-\x7e]/g, '?')

/** The licence and attribution on every download, whatever the format. */
function licenceHeaders(res: Response, licence: Licence, filename: string): void {
  res.set({
    'Content-Disposition': `attachment; filename="${filename}"`,
    Link: `<${licence.url}>; rel="license"`,
    'X-Data-Licence': headerText(licence.name),
    'X-Data-Attribution': headerText(licence.attribution),
    'Cache-Control': 'public, max-age=300',
    'Access-Control-Allow-Origin': '*',
    'Cross-Origin-Resource-Policy': 'cross-origin',
  })
}

/** Drafts are unfinished records: a download never holds them, so asking for them is a 400. */
function refuseUnpublished(query: SearchQuery): void {
  const published: readonly string[] = PUBLISHED_STATUSES
  const refused = query.statuses.filter((s) => !published.includes(s))
  if (refused.length > 0) {
    const message = `${refused.map((s) => `"${s}"`).join(', ')} records are not published; a download takes status ${PUBLISHED_STATUSES.join(' or ')}`
    throw new ValidationError(`Invalid query: status: ${message}`, [{ field: 'status', message }])
  }
}

/**
 * The batches to write, with the first one already read: a bad place (an unknown postcode is a
 * 404) must fail before the headers go, while the answer can still be an error.
 */
async function startBatches(
  batches: AsyncGenerator<ExportRecord[]>,
): Promise<AsyncGenerator<ExportRecord[]>> {
  const first = await batches.next()
  return (async function* () {
    if (first.done) return
    yield first.value
    yield* batches
  })()
}

/**
 * GET /api/exports/providers.csv and .geojson: open downloads of the published directory, or of
 * every match of a search when given GET /api/providers' filters, written as the rows are read so
 * a large directory never sits whole in memory.
 */
export function exportsRoutes(exportsService: ExportsService, licence: Licence): RouteDefinition[] {
  /** No parameters: the whole published directory; any parameter: the search's matches. */
  async function download(req: Request, check: () => Promise<SearchQuery>, extension: 'csv' | 'geojson') {
    if (Object.keys(req.query).length === 0) {
      return { batches: exportsService.records(), filename: `support-atlas-providers.${extension}` }
    }
    const query = await check()
    refuseUnpublished(query)
    const day = new Date().toISOString().slice(0, 10)
    return {
      batches: await startBatches(exportsService.searchRecords(query)),
      filename: `support-atlas-search-${day}.${extension}`,
    }
  }

  return [
    defineRoute({
      method: 'get',
      path: '/api/exports/providers.csv',
      tags: ['Directory'],
      summary:
        'Download every published provider, or every match of a search, as CSV (the bulk import columns, less source)',
      description:
        'With no parameters, every published provider in name order. With any of GET /api/providers\' filters (not page or perPage), every provider that search matches, all pages, in its order; status takes active and closed only (drafts are not published). Licence and attribution in the Link (rel="license"), X-Data-Licence and X-Data-Attribution headers; a search download is named support-atlas-search-YYYY-MM-DD.csv.',
      query: exportQuerySchema,
      // No parameters at all is the whole directory, not a search.
      selfChecked: ['query'],
      vocabularyParams: true,
      responses: { 200: { description: 'CSV, UTF-8 with a byte-order mark', contentType: 'text/csv' } },
      async handler({ check }, req, res) {
        const { batches, filename } = await download(req, () => check('query'), 'csv')
        const base = baseUrlOf(req)
        licenceHeaders(res, licence, filename)
        res.type('text/csv; charset=utf-8; header=present')
        // A byte-order mark so spreadsheet programs read the UTF-8 (Welsh names, the © sign) correctly.
        res.write(`\uFEFF${csvHeader()}`)
        for await (const batch of batches) {
          res.write(batch.map((r) => csvRow(r, base)).join(''))
        }
        res.end()
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/exports/providers.geojson',
      tags: ['Directory'],
      summary: 'Download every published provider, or every match of a search, as GeoJSON (office points)',
      description:
        "Takes the same filters as the CSV download (GET /api/providers' filters, less paging; no parameters: every published provider). Licence and attribution as members of the FeatureCollection and in the response headers.",
      query: exportQuerySchema,
      selfChecked: ['query'],
      vocabularyParams: true,
      responses: {
        200: {
          description: 'A FeatureCollection',
          schema: geoJsonDownloadSchema,
          contentType: 'application/geo+json',
        },
      },
      async handler({ check }, req, res) {
        const { batches, filename } = await download(req, () => check('query'), 'geojson')
        const base = baseUrlOf(req)
        licenceHeaders(res, licence, filename)
        res.type('application/geo+json; charset=utf-8')
        res.write(geoJsonOpening(licence, new Date().toISOString()))
        let first = true
        for await (const batch of batches) {
          for (const record of batch) {
            res.write(`${first ? '' : ','}${JSON.stringify(geoJsonFeature(record, base))}`)
            first = false
          }
        }
        res.end(']}')
      },
    }),
  ]
}

import { type Request, type Response, Router } from 'express'
import type { SearchQuery } from '../directory/directory-schemas'
import { parseOrThrow, ValidationError } from '../lib/errors'
import { PUBLISHED_STATUSES } from '../oruk/oruk-records'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import type { TaxonomyService } from '../taxonomy/taxonomy-service'
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
export function exportsRoutes(
  exportsService: ExportsService,
  licence: Licence,
  taxonomy: TaxonomyService,
): Router {
  const router = Router()
  const schemas = new WeakMap<Taxonomy, ReturnType<typeof exportQuerySchema>>()
  const querySchema = async () => {
    const current = await taxonomy.getTaxonomy()
    let schema = schemas.get(current)
    if (!schema) {
      schema = exportQuerySchema(current)
      schemas.set(current, schema)
    }
    return schema
  }

  /** No parameters: the whole published directory; any parameter: the search's matches. */
  async function download(req: Request, extension: 'csv' | 'geojson') {
    if (Object.keys(req.query).length === 0) {
      return { batches: exportsService.records(), filename: `support-atlas-providers.${extension}` }
    }
    const query = parseOrThrow(await querySchema(), req.query, 'query')
    refuseUnpublished(query)
    const day = new Date().toISOString().slice(0, 10)
    return {
      batches: await startBatches(exportsService.searchRecords(query)),
      filename: `support-atlas-search-${day}.${extension}`,
    }
  }

  router.get('/exports/providers.csv', async (req, res) => {
    const { batches, filename } = await download(req, 'csv')
    const base = baseUrlOf(req)
    licenceHeaders(res, licence, filename)
    res.type('text/csv; charset=utf-8; header=present')
    // A byte-order mark so spreadsheet programs read the UTF-8 (Welsh names, the © sign) correctly.
    res.write(`\uFEFF${csvHeader()}`)
    for await (const batch of batches) {
      res.write(batch.map((r) => csvRow(r, base)).join(''))
    }
    res.end()
  })

  router.get('/exports/providers.geojson', async (req, res) => {
    const { batches, filename } = await download(req, 'geojson')
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
  })
  return router
}

import { type Request, type Response, Router } from 'express'
import { parseOrThrow } from '../lib/errors'
import { noQuerySchema } from '../oruk/oruk-schemas'
import {
  csvHeader,
  csvRow,
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

/**
 * GET /api/exports/providers.csv and .geojson: open downloads of the published directory,
 * written as the rows are read so a large directory never sits whole in memory.
 */
export function exportsRoutes(exportsService: ExportsService, licence: Licence): Router {
  const router = Router()

  router.get('/exports/providers.csv', async (req, res) => {
    parseOrThrow(noQuerySchema, req.query, 'query')
    const base = baseUrlOf(req)
    licenceHeaders(res, licence, 'support-atlas-providers.csv')
    res.type('text/csv; charset=utf-8; header=present')
    // A byte-order mark so spreadsheet programs read the UTF-8 (Welsh names, the © sign) correctly.
    res.write(`\uFEFF${csvHeader()}`)
    for await (const batch of exportsService.records()) {
      res.write(batch.map((r) => csvRow(r, base)).join(''))
    }
    res.end()
  })

  router.get('/exports/providers.geojson', async (req, res) => {
    parseOrThrow(noQuerySchema, req.query, 'query')
    const base = baseUrlOf(req)
    licenceHeaders(res, licence, 'support-atlas-providers.geojson')
    res.type('application/geo+json; charset=utf-8')
    res.write(geoJsonOpening(licence, new Date().toISOString()))
    let first = true
    for await (const batch of exportsService.records()) {
      for (const record of batch) {
        res.write(`${first ? '' : ','}${JSON.stringify(geoJsonFeature(record, base))}`)
        first = false
      }
    }
    res.end(']}')
  })
  return router
}

import { defineRoute, type RouteDefinition } from '../lib/route-table'
import { reportParamsSchema, reportQuerySchema } from './report-schemas'
import type { ReportService } from './report-service'

/** GET /api/areas/{code}/report: the printable review pack of one area, as a web page or a PDF. */
export function reportRoutes(report: ReportService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/areas/{code}/report',
      tags: ['Coverage'],
      summary: "An area's printable report (HTML or PDF, English or Welsh)",
      description:
        'The review pack of one area: summary, map, baselines, depth by function and group, duplication, unmet need (rounded to 5 for everyone), and the data sources with their dates. format=pdf answers 503 when the server has no Chromium; format=html always works.',
      params: reportParamsSchema,
      query: reportQuerySchema,
      responses: {
        200: { description: 'The report', contentType: 'text/html' },
        503: { description: 'PDF asked for and Chromium is not available (or timed out)' },
      },
      async handler({ params, query }, _req, res) {
        const request = { code: params.code, lang: query.lang, since: query.since ?? null }
        res.set('Cache-Control', 'no-store')
        if (query.format === 'pdf') {
          const { pdf, fileName } = await report.pdf(request)
          res
            .type('application/pdf')
            .set('Content-Disposition', `inline; filename="${fileName}.pdf"`)
            .send(pdf)
          return
        }
        const built = await report.html(request)
        res
          .type('text/html; charset=utf-8')
          .set('Content-Language', built.lang)
          .set('Content-Disposition', `inline; filename="${built.fileName}.html"`)
          .send(built.html)
      },
    }),
  ]
}

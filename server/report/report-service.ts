import type { Knex } from 'knex'
import type { CoverageService } from '../coverage/coverage-service'
import { createReportContext } from './report-context'
import { reportDocument } from './report-document'
import type { ReportPrinter } from './report-printer'
import type { ReportLanguage, ReportSection, ReportSectionResult } from './report-section'
import { reportSections } from './report-sections'
import { reportTerms } from './report-terms'
import { dataSourcesSection } from './sections/data-sources-section'

export interface ReportRequest {
  code: string
  lang: ReportLanguage
  since: string | null
}

export interface BuiltReport {
  html: string
  /** The area's code and the date, for the file name. */
  fileName: string
  footer: string
  lang: ReportLanguage
}

/**
 * The printable area report: the area's public profile (unmet need always rounded, whoever asks),
 * each section built in order, the data sources last, as one HTML document — or a PDF of it.
 */
export function createReportService(deps: {
  knex: Knex
  coverage: Pick<CoverageService, 'profile'>
  printer: ReportPrinter
  sections?: readonly ReportSection[]
  now?: () => Date
}) {
  const sections = deps.sections ?? reportSections
  const now = deps.now ?? (() => new Date())

  async function html(request: ReportRequest): Promise<BuiltReport> {
    // The report is a public document: counts are published as anyone but an admin sees them.
    const profile = await deps.coverage.profile(request.code, false)
    const ctx = createReportContext({
      db: deps.knex,
      profile,
      lang: request.lang,
      since: request.since,
      generatedAt: now(),
    })
    const terms = await reportTerms(ctx)
    const built: ReportSectionResult[] = []
    for (const section of sections) {
      const result = await section.build(ctx)
      if (result) built.push(result)
    }
    built.push(
      dataSourcesSection(
        ctx,
        built.flatMap((s) => s.sources),
      ),
    )
    const name = terms.areaWithType(profile.area)
    const footer = `${name} · ${ctx.date(ctx.generatedAt)}`
    return {
      html: reportDocument(ctx, {
        title: ctx.say({ en: `Area report: ${name}`, cy: `Adroddiad ardal: ${name}` }),
        footer: `Support Atlas · ${footer}`,
        sections: built,
      }),
      fileName: `support-atlas-report-${profile.area.code}-${ctx.generatedAt.toISOString().slice(0, 10)}-${request.lang}`,
      footer,
      lang: request.lang,
    }
  }

  return {
    html,
    async pdf(request: ReportRequest): Promise<{ pdf: Buffer; fileName: string }> {
      const report = await html(request)
      const welsh = report.lang === 'cy'
      const pdf = await deps.printer.pdf(report.html, {
        footer: report.footer,
        pageWord: welsh ? 'Tudalen' : 'Page',
        ofWord: welsh ? 'o' : 'of',
      })
      return { pdf, fileName: report.fileName }
    },
  }
}

export type ReportService = ReturnType<typeof createReportService>

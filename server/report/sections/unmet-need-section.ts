import { selectEnquiryMonths } from '../report-queries'
import { type Bilingual, html, type ReportSection, svgBarChart } from '../report-section'
import { reportTerms } from '../report-terms'

const OUTCOMES: Array<{ code: 'no-suitable-provider' | 'referred' | 'advice-only'; label: Bilingual }> = [
  { code: 'no-suitable-provider', label: { en: 'No suitable provider', cy: 'Dim darparwr addas' } },
  { code: 'referred', label: { en: 'Referred to a provider', cy: 'Wedi’u cyfeirio at ddarparwr' } },
  { code: 'advice-only', label: { en: 'Advice only', cy: 'Cyngor yn unig' } },
]

/**
 * Enquiries from the area by outcome, from the helpline's enquiry log. The report is public, so
 * every figure is the profile's published one: rounded to a multiple of 5 on its own (decision 0010),
 * never an exact small count — whoever asks for the report.
 */
export const unmetNeedSection: ReportSection = {
  id: 'unmet-need',
  async build(ctx) {
    const terms = await reportTerms(ctx)
    const { profile } = ctx
    const areaName = terms.areaName(profile.area)
    const heading = ctx.say({ en: 'Unmet need', cy: 'Angen heb ei ddiwallu' })
    const unmet = profile.unmetNeed
    if (unmet === null) {
      return {
        id: 'unmet-need',
        heading,
        body: html`<p>${ctx.say({
          en: 'Enquiries are recorded by district, not by ward: see the report of the district this ward is in.',
          cy: 'Caiff ymholiadau eu cofnodi fesul ardal, nid fesul ward: gweler adroddiad yr ardal y mae’r ward hon ynddi.',
        })}</p>`,
        sources: [],
      }
    }
    const dates = await selectEnquiryMonths(ctx.db, profile.area.code)
    const monthFormat = new Intl.DateTimeFormat(ctx.lang === 'cy' ? 'cy-GB' : 'en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    })
    const month = (iso: string) => monthFormat.format(new Date(`${iso}T00:00:00Z`))
    const none = unmet.byOutcome['no-suitable-provider']
    const rounded = profile.suppressed
      ? html`<p class="note">${ctx.say({
          en: 'Counts are rounded to the nearest 5 to protect callers: 0 means none, 1 or 2, and figures need not add up.',
          cy: 'Mae’r cyfrifon wedi’u talgrynnu i’r 5 agosaf i ddiogelu’r rhai sy’n ffonio: mae 0 yn golygu dim, 1 neu 2, ac nid oes rhaid i’r ffigurau adio.',
        })}</p>`
      : null
    return {
      id: 'unmet-need',
      heading,
      body: html`
        <p>${ctx.say({
          en: `Enquiries from ${areaName} with no suitable provider: ${ctx.number(none)} (of ${ctx.number(unmet.total)} enquiries logged).`,
          cy: `Ymholiadau o ${areaName} heb ddarparwr addas: ${ctx.number(none)} (o ${ctx.number(unmet.total)} o ymholiadau a gofnodwyd).`,
        })}</p>
        ${rounded}
        ${svgBarChart(
          OUTCOMES.map((o) => ({ label: ctx.say(o.label), value: unmet.byOutcome[o.code] })),
          {
            title: ctx.say({ en: 'Enquiries by outcome', cy: 'Ymholiadau yn ôl canlyniad' }),
            format: (v) => ctx.number(v),
          },
        )}
        <table>
          <caption>${ctx.say({ en: `Enquiries from ${areaName} by outcome`, cy: `Ymholiadau o ${areaName} yn ôl canlyniad` })}</caption>
          <thead><tr>
            <th scope="col">${ctx.say({ en: 'Outcome', cy: 'Canlyniad' })}</th>
            <th scope="col">${ctx.say({ en: 'Enquiries', cy: 'Ymholiadau' })}</th>
          </tr></thead>
          <tbody>
            ${OUTCOMES.map((o) => html`<tr><th scope="row">${ctx.say(o.label)}</th><td>${ctx.number(unmet.byOutcome[o.code])}</td></tr>`)}
            <tr><th scope="row">${ctx.say({ en: 'All enquiries', cy: 'Pob ymholiad' })}</th><td>${ctx.number(unmet.total)}</td></tr>
          </tbody>
        </table>`,
      sources: [
        {
          name: ctx.say({
            en:
              dates.first && dates.last
                ? `Helpline enquiry log, ${month(dates.first)} to ${month(dates.last)}, as at the report's date (no caller is identified)`
                : 'Helpline enquiry log (no enquiries logged yet)',
            cy:
              dates.first && dates.last
                ? `Log ymholiadau’r llinell gymorth, ${month(dates.first)} i ${month(dates.last)}, fel yr oedd ar ddyddiad yr adroddiad (nid oes neb sy’n ffonio’n cael ei enwi)`
                : 'Log ymholiadau’r llinell gymorth (dim ymholiadau wedi’u cofnodi eto)',
          }),
          date: ctx.generatedAt.toISOString().slice(0, 10),
        },
      ],
    }
  },
}

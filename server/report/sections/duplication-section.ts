import { html, type ReportSection, svgBarChart } from '../report-section'
import { directorySource } from '../report-sources'
import { reportTerms } from '../report-terms'

/** Where several providers at one level offer the same function to the same group. */
export const duplicationSection: ReportSection = {
  id: 'duplication',
  async build(ctx) {
    const terms = await reportTerms(ctx)
    const { duplication } = ctx.profile
    const areaName = terms.areaName(ctx.profile.area)
    const heading = ctx.say({ en: 'Possible duplication', cy: 'Dyblygu posibl' })
    const sources = [await directorySource(ctx)]
    if (duplication.length === 0) {
      return {
        id: 'duplication',
        heading,
        body: html`<p>${ctx.say({
          en: `No function is offered to one group by several providers at the same level in ${areaName}.`,
          cy: `Does dim swyddogaeth yn cael ei chynnig i un grŵp gan sawl darparwr ar yr un lefel yn ${areaName}.`,
        })}</p>`,
        sources,
      }
    }
    const rowLabel = (d: (typeof duplication)[number]) =>
      `${terms.fn(d.function)} · ${terms.group(d.strand)} · ${terms.level(d.level)}`
    return {
      id: 'duplication',
      heading,
      body: html`
        <p>${ctx.say({
          en: `Combinations of function, group and level offered by several providers at once in ${areaName}: ${ctx.number(duplication.length)}. Overlap is not always waste: check whether the providers work together.`,
          cy: `Cyfuniadau o swyddogaeth, grŵp a lefel sy’n cael eu cynnig gan sawl darparwr ar yr un pryd yn ${areaName}: ${ctx.number(duplication.length)}. Nid gwastraff yw gorgyffwrdd bob amser: gwiriwch a yw’r darparwyr yn cydweithio.`,
        })}</p>
        ${svgBarChart(
          duplication.slice(0, 12).map((d) => ({ label: rowLabel(d), value: d.count })),
          {
            title: ctx.say({
              en: 'Providers offering the same thing at one level',
              cy: 'Darparwyr sy’n cynnig yr un peth ar un lefel',
            }),
            format: (v) => ctx.number(v),
          },
        )}
        <table>
          <caption>${ctx.say({ en: `Possible duplication in ${areaName}`, cy: `Dyblygu posibl yn ${areaName}` })}</caption>
          <thead><tr>
            <th scope="col">${ctx.say({ en: 'Function', cy: 'Swyddogaeth' })}</th>
            <th scope="col">${ctx.say({ en: 'Group', cy: 'Grŵp' })}</th>
            <th scope="col">${ctx.say({ en: 'Level', cy: 'Lefel' })}</th>
            <th scope="col">${ctx.say({ en: 'Providers', cy: 'Darparwyr' })}</th>
            <th scope="col">${ctx.say({ en: 'Who', cy: 'Pwy' })}</th>
          </tr></thead>
          <tbody>${duplication.map(
            (d) => html`<tr>
              <th scope="row">${terms.fn(d.function)}</th>
              <td>${terms.group(d.strand)}</td>
              <td>${terms.level(d.level)}</td>
              <td>${ctx.number(d.count)}</td>
              <td>${terms.list(d.providers.map((p) => p.name))}</td>
            </tr>`,
          )}</tbody>
        </table>`,
      sources,
    }
  },
}

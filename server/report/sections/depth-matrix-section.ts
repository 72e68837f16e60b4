import { html, type ReportSection } from '../report-section'
import { directorySource } from '../report-sources'
import { reportTerms } from '../report-terms'

/**
 * Functions × groups: for each, the closest level that reaches the area and how many providers do,
 * written in words in every cell (the shading repeats it; it never carries meaning alone).
 * Printed on a landscape page.
 */
export const depthMatrixSection: ReportSection = {
  id: 'depth',
  async build(ctx) {
    const terms = await reportTerms(ctx)
    const { matrix } = ctx.profile
    const areaName = terms.areaName(ctx.profile.area)
    const none = ctx.say({ en: 'None', cy: 'Dim' })
    const reached = matrix.cells.flat().filter((c) => c.depth !== null).length
    const total = matrix.functions.length * matrix.groups.length
    return {
      id: 'depth',
      heading: ctx.say({ en: 'Depth by function and group', cy: 'Dyfnder yn ôl swyddogaeth a grŵp' }),
      body: html`
        <p>${ctx.say({
          en: `Each cell gives the closest level at which that kind of support reaches ${areaName} for that group, with the number of providers in brackets. ${reached} of the ${total} combinations are reached at some level.`,
          cy: `Mae pob cell yn rhoi’r lefel agosaf y mae’r math hwnnw o gymorth yn cyrraedd ${areaName} ar gyfer y grŵp hwnnw, gyda nifer y darparwyr mewn cromfachau. Mae ${reached} o’r ${total} cyfuniad yn cael eu cyrraedd ar ryw lefel.`,
        })}</p>
        <table class="matrix">
          <caption>${ctx.say({
            en: `Closest level for each function and each group in ${areaName}`,
            cy: `Y lefel agosaf ar gyfer pob swyddogaeth a phob grŵp yn ${areaName}`,
          })}</caption>
          <thead><tr>
            <th scope="col">${ctx.say({ en: 'Function', cy: 'Swyddogaeth' })}</th>
            ${matrix.groups.map((g) => html`<th scope="col">${terms.group(g)}</th>`)}
          </tr></thead>
          <tbody>${matrix.functions.map(
            (fn, i) => html`<tr>
              <th scope="row">${terms.fn(fn)}</th>
              ${(matrix.cells[i] ?? []).map((cell) =>
                cell.depth === null
                  ? html`<td class="depth-none">${none}</td>`
                  : html`<td class="depth-${cell.depth}">${terms.level(cell.depth)} (${ctx.number(cell.count)})</td>`,
              )}
            </tr>`,
          )}</tbody>
        </table>`,
      sources: [await directorySource(ctx)],
    }
  },
}

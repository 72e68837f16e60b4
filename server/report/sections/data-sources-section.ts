import { html, type ReportContext, type ReportSectionResult, type ReportSource } from '../report-section'

/**
 * The attribution ../shared/geo/README.md requires with the boundaries, lookups and population
 * ("must be retained in all reuse"), in the words of the source's own declaration.
 */
const GEOGRAPHY_ATTRIBUTION =
  'Contains Ordnance Survey, Office of National Statistics, National Records Scotland and LPS Intellectual Property data © Crown copyright and database right [2016]. Data licensed under the terms of the Open Government Licence (http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3). Ordnance Survey data covered by OS OpenData Licence.'

function geographySources(ctx: ReportContext): ReportSource[] {
  return [
    {
      name: ctx.say({
        en: 'ONS area boundaries, 2013 set (generalised clipped boundaries, adapted from “GeoJSON and TopoJSON UK Boundary Data” by Martin Chorley)',
        cy: 'Ffiniau ardaloedd yr ONS, set 2013 (ffiniau cyffredinol wedi’u tocio, wedi’u haddasu o “GeoJSON and TopoJSON UK Boundary Data” gan Martin Chorley)',
      }),
      date: null,
      licence: 'CC BY 4.0; Open Government Licence v3.0; OS OpenData Licence',
    },
    {
      name: ctx.say({
        en: 'ONS lookups: district to county, combined authority and region (December 2018)',
        cy: 'Tablau cyfatebol yr ONS: ardal i sir, awdurdod cyfun a rhanbarth (Rhagfyr 2018)',
      }),
      date: '2018-12-01',
      licence: 'Open Government Licence v3.0',
    },
  ]
}

/** The same source named twice (two sections, one date) is listed once, in the order first met. */
function distinct(sources: ReportSource[]): ReportSource[] {
  const seen = new Set<string>()
  return sources.filter((s) => {
    const key = `${s.name}|${s.date ?? ''}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** The report's last section: every source the other sections used, with its date and licence. */
export function dataSourcesSection(ctx: ReportContext, used: ReportSource[]): ReportSectionResult {
  const sources = distinct([...used, ...geographySources(ctx)])
  const unknown = ctx.say({ en: 'Not dated', cy: 'Heb ddyddiad' })
  return {
    id: 'data-sources',
    heading: ctx.say({ en: 'Data sources and their dates', cy: 'Ffynonellau data a’u dyddiadau' }),
    body: html`
      <table>
        <caption>${ctx.say({ en: 'Where the figures in this report come from', cy: 'O ble y daw’r ffigurau yn yr adroddiad hwn' })}</caption>
        <thead><tr>
          <th scope="col">${ctx.say({ en: 'Source', cy: 'Ffynhonnell' })}</th>
          <th scope="col">${ctx.say({ en: 'Date', cy: 'Dyddiad' })}</th>
          <th scope="col">${ctx.say({ en: 'Licence', cy: 'Trwydded' })}</th>
        </tr></thead>
        <tbody>${sources.map(
          (s) =>
            html`<tr><th scope="row">${s.name}</th><td>${s.date ? ctx.date(s.date) : unknown}</td><td>${s.licence ?? '–'}</td></tr>`,
        )}</tbody>
      </table>
      <p class="attribution" lang="en">${GEOGRAPHY_ATTRIBUTION}</p>`,
    sources: [],
  }
}

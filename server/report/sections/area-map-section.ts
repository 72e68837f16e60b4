import { selectAreaShape, selectOfficesWithin } from '../report-queries'
import { html, type ReportSection, svgBarChart } from '../report-section'
import { directorySource } from '../report-sources'
import { reportTerms } from '../report-terms'

const WIDTH = 560
const MAX_HEIGHT = 440
const PAD = 8

type Ring = Array<[number, number]>

function ringsOf(geojson: string): Ring[] {
  const g = JSON.parse(geojson) as { type: string; coordinates: unknown }
  if (g.type === 'Polygon') return g.coordinates as Ring[]
  if (g.type === 'MultiPolygon') return (g.coordinates as Ring[][]).flat()
  return []
}

/** Longitude and latitude to the drawing's x and y: equirectangular, scaled at the area's middle latitude. */
function projection(box: { west: number; south: number; east: number; north: number }) {
  const kx = Math.cos((((box.south + box.north) / 2) * Math.PI) / 180)
  const spanX = Math.max((box.east - box.west) * kx, 1e-9)
  const spanY = Math.max(box.north - box.south, 1e-9)
  const scale = Math.min((WIDTH - 2 * PAD) / spanX, (MAX_HEIGHT - 2 * PAD) / spanY)
  return {
    width: Math.round(spanX * scale + 2 * PAD),
    height: Math.round(spanY * scale + 2 * PAD),
    at: (lng: number, lat: number): [number, number] => [
      Math.round(((lng - box.west) * kx * scale + PAD) * 10) / 10,
      Math.round(((box.north - lat) * scale + PAD) * 10) / 10,
    ],
  }
}

/**
 * A map of the area without tiles: its boundary (simplified in the database) as inline SVG, and
 * the offices of the providers covering it that lie inside it, each marked with its level's number
 * (1 neighbourhood … 5 national) so no meaning rests on colour. Providers whose offices are further
 * away are counted in the table beside it.
 */
export const areaMapSection: ReportSection = {
  id: 'map',
  async build(ctx) {
    const terms = await reportTerms(ctx)
    const { profile } = ctx
    const shape = await selectAreaShape(ctx.db, profile.area.code)
    if (!shape) return null
    const areaName = terms.areaName(profile.area)
    const project = projection(shape)
    const path = ringsOf(shape.shape)
      .map((ring) => `M${ring.map(([lng, lat]) => project.at(lng, lat).join(' ')).join('L')}Z`)
      .join('')
    const levelOf = new Map<string, number>()
    profile.levels.forEach(({ providers }, i) => {
      for (const p of providers) if (!levelOf.has(p.id)) levelOf.set(p.id, i + 1)
    })
    const offices = await selectOfficesWithin(ctx.db, [...levelOf.keys()], shape)
    const markers = offices.map((o) => {
      const [x, y] = project.at(o.lng, o.lat)
      const n = levelOf.get(o.id) ?? 0
      return html`<g class="marker level-${n}"><circle cx="${x}" cy="${y}" r="7"/><text x="${x}" y="${y + 3.5}" text-anchor="middle">${n}</text></g>`
    })
    const mapTitle = ctx.say({
      en: `Map of ${areaName} with the offices of providers covering it, numbered by level`,
      cy: `Map o ${areaName} gyda swyddfeydd y darparwyr sy’n ei gwmpasu, wedi’u rhifo yn ôl lefel`,
    })
    const svg = html`<svg class="area-map" role="img" viewBox="0 0 ${project.width} ${project.height}" width="${project.width}" height="${project.height}" xmlns="http://www.w3.org/2000/svg"><title>${mapTitle}</title><path class="area" d="${path}" fill-rule="evenodd"/>${markers}</svg>`
    const onMap = (providers: Array<{ id: string }>) =>
      providers.filter((p) => offices.some((o) => o.id === p.id)).length
    return {
      id: 'map',
      heading: ctx.say({ en: 'Map of the area and its providers', cy: 'Map o’r ardal a’i darparwyr' }),
      body: html`
        <figure>
          ${svg}
          <figcaption>${ctx.say({
            en: `${areaName}: ${offices.length} offices of covering providers lie in the area, each numbered by its level (see the table). The boundary is simplified for print.`,
            cy: `${areaName}: mae ${offices.length} o swyddfeydd darparwyr sy’n ei gwmpasu yn yr ardal, pob un wedi’i rhifo yn ôl ei lefel (gweler y tabl). Mae’r ffin wedi’i symleiddio i’w hargraffu.`,
          })}</figcaption>
        </figure>
        ${svgBarChart(
          profile.levels.map(({ level, providers }) => ({
            label: terms.level(level),
            value: providers.length,
          })),
          {
            title: ctx.say({
              en: 'Providers covering the area, by level',
              cy: 'Darparwyr sy’n cwmpasu’r ardal, yn ôl lefel',
            }),
            format: (v) => ctx.number(v),
          },
        )}
        <table>
          <caption>${ctx.say({ en: `Providers covering ${areaName}, by level`, cy: `Darparwyr sy’n cwmpasu ${areaName}, yn ôl lefel` })}</caption>
          <thead><tr>
            <th scope="col">${ctx.say({ en: 'Map number', cy: 'Rhif ar y map' })}</th>
            <th scope="col">${ctx.say({ en: 'Level', cy: 'Lefel' })}</th>
            <th scope="col">${ctx.say({ en: 'Providers', cy: 'Darparwyr' })}</th>
            <th scope="col">${ctx.say({ en: 'Offices in the area', cy: 'Swyddfeydd yn yr ardal' })}</th>
            <th scope="col">${ctx.say({ en: 'Who', cy: 'Pwy' })}</th>
          </tr></thead>
          <tbody>${profile.levels.map(
            ({ level, providers }, i) => html`<tr>
              <td>${i + 1}</td>
              <th scope="row">${terms.level(level)}</th>
              <td>${ctx.number(providers.length)}</td>
              <td>${ctx.number(onMap(providers))}</td>
              <td>${providers.length > 0 ? terms.list(providers.map((p) => p.name)) : '–'}</td>
            </tr>`,
          )}</tbody>
        </table>`,
      sources: [await directorySource(ctx)],
    }
  },
}

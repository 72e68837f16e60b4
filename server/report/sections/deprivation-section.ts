import { createDeprivationService } from '../../deprivation/deprivation-service'
import { type Bilingual, html, type ReportSection, type SafeHtml, svgBarChart } from '../report-section'

/**
 * The area report's deprivation section (issue 20, docs/decisions/0017): the English Indices of
 * Deprivation 2019 for the area beside its parents and England, and its population by age band.
 * Outside England it says plainly that the English index does not apply (a sentence, not a zero).
 */

const ENGLAND = 'E92000001'

const TEXT = {
  heading: { en: 'Deprivation', cy: 'Amddifadedd' },
  outsideEngland: {
    en: 'The English Indices of Deprivation do not apply here: Wales, Scotland and Northern Ireland measure deprivation with their own indices on different small areas, which this report does not hold.',
    cy: 'Nid yw Mynegeion Amddifadedd Lloegr yn berthnasol yma: mae Cymru, yr Alban a Gogledd Iwerddon yn mesur amddifadedd â’u mynegeion eu hunain ar ardaloedd bach gwahanol, nad ydynt yn yr adroddiad hwn.',
  },
  belowDistricts: {
    en: 'Deprivation is given for districts and larger areas: the small areas are not coded to wards. See the district’s report.',
    cy: 'Rhoddir amddifadedd ar gyfer ardaloedd a rhanbarthau mwy: nid yw’r ardaloedd bach wedi’u codio i wardiau. Gweler adroddiad yr ardal.',
  },
  notLoaded: {
    en: 'No deprivation figures are loaded for this area.',
    cy: 'Nid oes ffigurau amddifadedd wedi’u llwytho ar gyfer yr ardal hon.',
  },
  chart: {
    en: 'Share of people living in England’s most deprived 20 % of small areas',
    cy: 'Cyfran y bobl sy’n byw yn yr 20 % o ardaloedd bach mwyaf difreintiedig yn Lloegr',
  },
  rank: { en: 'Population-weighted average rank', cy: 'Safle cyfartalog wedi’i bwysoli yn ôl poblogaeth' },
  rankNote: {
    en: 'of 32,844 small areas; 1 = most deprived',
    cy: 'o 32,844 ardal fach; 1 = mwyaf difreintiedig',
  },
  place: { en: 'Place among areas of its type', cy: 'Safle ymhlith ardaloedd o’r un math' },
  decile1: {
    en: 'People in England’s most deprived 10 %',
    cy: 'Pobl yn y 10 % mwyaf difreintiedig yn Lloegr',
  },
  decile12: {
    en: 'People in England’s most deprived 20 %',
    cy: 'Pobl yn yr 20 % mwyaf difreintiedig yn Lloegr',
  },
  population: { en: 'Population, mid-2015', cy: 'Poblogaeth, canol 2015' },
  ages: { en: 'Aged 0–15 / 16–59 / 60 and over', cy: 'Oed 0–15 / 16–59 / 60 a throsodd' },
  denominators: {
    en: 'Per-head figures for older people divide by the people aged 60 and over, for children and young people by those aged 0–15, and otherwise by the whole population (the age bands above).',
    cy: 'Mae ffigurau y pen ar gyfer pobl hŷn yn rhannu â’r bobl 60 oed a throsodd, ar gyfer plant a phobl ifanc â’r rhai 0–15 oed, ac fel arall â’r boblogaeth gyfan (y bandiau oed uchod).',
  },
} satisfies Record<string, Bilingual>

export const deprivationSection: ReportSection = {
  id: 'deprivation',
  async build(ctx) {
    const deprivation = createDeprivationService(ctx.db)
    const area = ctx.profile.area
    const answer = await deprivation.forArea(area.code)
    const sources = [
      {
        name: answer.source.name,
        date: '2019-09-26',
        licence: 'Open Government Licence v3.0',
      },
    ]
    const percent = (share: number) => ctx.number(share, { style: 'percent', maximumFractionDigits: 1 })
    const { figures, unavailable } = answer.deprivation
    let body: SafeHtml
    if (!figures) {
      const text =
        unavailable === 'outside-england'
          ? TEXT.outsideEngland
          : unavailable === 'below-districts'
            ? TEXT.belowDistricts
            : TEXT.notLoaded
      body = html`<p>${ctx.say(text)}</p>`
    } else {
      // The area beside the areas above it (with figures) and England, on the share in the most deprived 20 %.
      const above = [...area.parents.filter((p) => p.code !== ENGLAND).map((p) => p.code), ENGLAND]
      const others = await deprivation.forAreas(
        above.map((code) => ({ code, nationCode: ENGLAND, level: '' })),
      )
      const nameOf = (code: string) =>
        code === ENGLAND
          ? ctx.say({ en: 'England', cy: 'Lloegr' })
          : ((ctx.lang === 'cy' ? area.parents.find((p) => p.code === code)?.nameCy : null) ??
            area.parents.find((p) => p.code === code)?.name ??
            code)
      const rows = [
        { label: (ctx.lang === 'cy' ? area.nameCy : null) ?? area.name, value: figures.shareMostDeprived20 },
        ...above.flatMap((code) => {
          const share = others.get(code)?.figures?.shareMostDeprived20
          return share === undefined ? [] : [{ label: nameOf(code), value: share }]
        }),
      ]
      body = html`<table class="figures">
  <caption>${ctx.say({ en: 'English Indices of Deprivation 2019', cy: 'Mynegeion Amddifadedd Lloegr 2019' })}</caption>
  <tr><th scope="row">${ctx.say(TEXT.rank)}</th><td>${ctx.number(figures.weightedRank)} ${ctx.say(TEXT.rankNote)}</td></tr>
  <tr><th scope="row">${ctx.say(TEXT.place)}</th><td>${figures.rankAmongType.rank} / ${figures.rankAmongType.of}</td></tr>
  <tr><th scope="row">${ctx.say(TEXT.decile1)}</th><td>${percent(figures.shareMostDeprived10)}</td></tr>
  <tr><th scope="row">${ctx.say(TEXT.decile12)}</th><td>${percent(figures.shareMostDeprived20)}</td></tr>
  <tr><th scope="row">${ctx.say(TEXT.population)}</th><td>${ctx.number(figures.population)}</td></tr>
  <tr><th scope="row">${ctx.say(TEXT.ages)}</th><td>${ctx.number(figures.bands['0-15'])} / ${ctx.number(figures.bands['16-59'])} / ${ctx.number(figures.bands['60+'])}</td></tr>
</table>
${svgBarChart(rows, { title: ctx.say(TEXT.chart), format: percent })}
<p class="note">${ctx.say(TEXT.denominators)}</p>`
    }
    return { id: 'deprivation', heading: ctx.say(TEXT.heading), body, sources }
  },
}

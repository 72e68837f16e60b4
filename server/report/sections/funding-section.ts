import type { AreaFunding } from '../../funding/funding-schemas'
import { createFundingService, GENERAL_STRAND } from '../../funding/funding-service'
import { createTaxonomyService } from '../../taxonomy/taxonomy-service'
import {
  html,
  type ReportContext,
  type ReportSection,
  type ReportSectionResult,
  svgBarChart,
} from '../report-section'

/**
 * The area report's "Funding flows" section (issue 20, decision 0016): grants to the
 * infrastructure bodies covering the area — total and per head of the 2011 population, charts by
 * funder and by year, by strand, national bodies apart — and every grant with its funder credited
 * (each record is its funder's open data). An area without recorded grants says so.
 */

const words = {
  heading: { en: 'Funding flows', cy: 'Llif cyllid' },
  intro: {
    en: 'Grants published under the 360Giving Data Standard to the infrastructure bodies whose service area covers this area. A grant counts in full for every area its recipient covers; grants to national bodies are shown apart and not shared out.',
    cy: 'Grantiau a gyhoeddwyd dan Safon Data 360Giving i’r cyrff seilwaith y mae eu hardal wasanaeth yn cwmpasu’r ardal hon. Mae grant yn cyfrif yn llawn ym mhob ardal y mae ei dderbynnydd yn ei chwmpasu; dangosir grantiau i gyrff cenedlaethol ar wahân, heb eu rhannu.',
  },
  none: {
    en: 'No published grants to the bodies covering this area are recorded.',
    cy: 'Ni chofnodwyd unrhyw grantiau cyhoeddedig i’r cyrff sy’n cwmpasu’r ardal hon.',
  },
  total: { en: 'Received by bodies covering the area', cy: 'Wedi’i dderbyn gan gyrff sy’n cwmpasu’r ardal' },
  perHead: { en: 'Funding per head', cy: 'Cyllid y pen' },
  denominator: {
    en: 'per resident, 2011 Census population',
    cy: 'fesul preswylydd, poblogaeth Cyfrifiad 2011',
  },
  noPopulation: { en: 'no population figure', cy: 'dim ffigur poblogaeth' },
  grants: { en: 'grants', cy: 'grant' },
  national: {
    en: 'National bodies (not in the figures above)',
    cy: 'Cyrff cenedlaethol (nid yn y ffigurau uchod)',
  },
  byFunder: { en: 'Funding by funder', cy: 'Cyllid yn ôl cyllidwr' },
  byYear: { en: 'Funding by year', cy: 'Cyllid yn ôl blwyddyn' },
  byStrand: { en: 'Funding by strand', cy: 'Cyllid yn ôl llinyn' },
  general: { en: 'General support (no strand)', cy: 'Cymorth cyffredinol (dim llinyn)' },
  grant: { en: 'Grant', cy: 'Grant' },
  funder: { en: 'Funder', cy: 'Cyllidwr' },
  recipient: { en: 'Recipient', cy: 'Derbynnydd' },
  awarded: { en: 'Awarded', cy: 'Dyfarnwyd' },
  amount: { en: 'Amount', cy: 'Swm' },
  nationalBody: { en: 'national body', cy: 'corff cenedlaethol' },
  credit: {
    en: 'Grant data published under the 360Giving Data Standard by',
    cy: 'Data grantiau a gyhoeddwyd dan Safon Data 360Giving gan',
  },
}

function body(ctx: ReportContext, f: AreaFunding, strandLabel: (code: string) => string) {
  const say = ctx.say
  if (f.list.length === 0) return html`<p>${say(words.intro)}</p><p>${say(words.none)}</p>`
  const funders = [...new Set(f.list.map((g) => g.funder.name))]
  const perHead =
    f.perHead === null
      ? say(words.noPopulation)
      : `${ctx.money(f.perHead)} (${say(words.denominator)}: ${ctx.number(f.area.population ?? 0)})`
  const chart = (
    title: string,
    rows: AreaFunding['byFunder'],
    label: (r: AreaFunding['byFunder'][number]) => string,
  ) =>
    rows.length === 0
      ? null
      : svgBarChart(
          rows.map((r) => ({ label: label(r), value: r.total })),
          { title, format: (v) => ctx.money(v) },
        )
  return html`<p>${say(words.intro)}</p>
<dl class="report-facts">
<dt>${say(words.total)}</dt><dd>${ctx.money(f.total)} (${ctx.number(f.grants)} ${say(words.grants)})</dd>
<dt>${say(words.perHead)}</dt><dd class="funding-per-head">${perHead}</dd>
<dt>${say(words.national)}</dt><dd>${ctx.money(f.national.total)} (${ctx.number(f.national.grants)} ${say(words.grants)})</dd>
</dl>
${chart(say(words.byFunder), f.byFunder, (r) => r.label)}
${chart(say(words.byYear), f.byYear, (r) => r.label)}
${chart(say(words.byStrand), f.byStrand, (r) => (r.key === GENERAL_STRAND ? say(words.general) : strandLabel(r.key)))}
<table class="report-table">
<caption>${say({ en: 'Grants to the bodies covering the area', cy: 'Grantiau i’r cyrff sy’n cwmpasu’r ardal' })}</caption>
<thead><tr><th scope="col">${say(words.grant)}</th><th scope="col">${say(words.funder)}</th><th scope="col">${say(words.recipient)}</th><th scope="col">${say(words.awarded)}</th><th scope="col">${say(words.amount)}</th></tr></thead>
<tbody>${f.list.map(
    (g) =>
      html`<tr><th scope="row">${g.title}</th><td>${g.funder.name}</td><td>${g.recipient.name}${g.national ? ` (${say(words.nationalBody)})` : ''}</td><td>${ctx.date(g.awardDate)}</td><td>${ctx.money(g.amount)}</td></tr>`,
  )}</tbody>
</table>
<p class="report-credit">${say(words.credit)} ${funders.join('; ')}.</p>`
}

export const fundingSection: ReportSection = {
  id: 'funding-flows',
  async build(ctx): Promise<ReportSectionResult> {
    const taxonomy = createTaxonomyService(ctx.db, { cacheSeconds: 0 })
    const funding = createFundingService({ knex: ctx.db, taxonomy })
    const f = await funding.areaFunding(ctx.profile.area.code)
    const strands = new Map((await taxonomy.getTaxonomy()).strands.map((s) => [s.code, s]))
    const strandLabel = (code: string) => {
      const s = strands.get(code)
      return s ? (ctx.lang === 'cy' ? s.labelCy : s.label) : code
    }
    const imported = await ctx.db('grants').max({ at: 'imported_at' }).first()
    const funders = [...new Set(f.list.map((g) => g.funder.name))]
    return {
      id: 'funding-flows',
      heading: ctx.say(words.heading),
      body: body(ctx, f, strandLabel),
      sources: [
        {
          name: `360Giving grants data (${funders.length > 0 ? funders.join('; ') : 'no grants for this area'})`,
          date: imported?.at ? new Date(imported.at).toISOString().slice(0, 10) : null,
          licence: "each funder's open-data licence (usually CC BY 4.0 or OGL v3.0)",
        },
        {
          name: 'Population: 2011 Census, usual residents (lad_population.csv)',
          date: '2011-03-27',
          licence: 'OGL v3.0',
        },
      ],
    }
  },
}

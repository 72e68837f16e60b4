import { html, type ReportSection } from '../report-section'
import { reportTerms } from '../report-terms'

/** Which area this is, where it sits, how many people live there, and what the report is for. */
export const summarySection: ReportSection = {
  id: 'summary',
  async build(ctx) {
    const { area } = ctx.profile
    const terms = await reportTerms(ctx)
    const name = terms.areaWithType(area)
    const providers = ctx.profile.levels.reduce((sum, l) => sum + l.providers.length, 0)
    const failing = ctx.profile.baselines.filter((b) => b.status === 'fail').length
    const parents = area.parents.length > 0 ? terms.list(area.parents.map(terms.areaWithType)) : '–'
    return {
      id: 'summary',
      heading: ctx.say({ en: 'Summary', cy: 'Crynodeb' }),
      body: html`
        <p>${ctx.say({
          en: `This review pack describes the voluntary-sector infrastructure support that reaches ${name}: which levels of support cover it, whether it meets the agreed minimum baselines, where provision is thin or duplicated, and where callers found no suitable provider. It is meant to be tabled at a strategic review partnership or sent to a funder or council.`,
          cy: `Mae’r pecyn adolygu hwn yn disgrifio’r cymorth seilwaith gwirfoddol sy’n cyrraedd ${name}: pa lefelau o gymorth sy’n ei gwmpasu, a yw’n bodloni’r llinellau sylfaen gofynnol y cytunwyd arnynt, lle mae’r ddarpariaeth yn denau neu’n cael ei dyblygu, a lle na chafodd galwyr ddarparwr addas. Fe’i bwriedir ar gyfer partneriaeth adolygu strategol, neu i’w anfon at gyllidwr neu gyngor.`,
        })}</p>
        <table class="facts">
          <caption>${ctx.say({ en: `${name} at a glance`, cy: `${name} yn gryno` })}</caption>
          <tbody>
            <tr><th scope="row">${ctx.say({ en: 'Area', cy: 'Ardal' })}</th><td>${name} <span class="code">${area.code}</span></td></tr>
            <tr><th scope="row">${ctx.say({ en: 'Level', cy: 'Lefel' })}</th><td>${terms.level(area.level)}</td></tr>
            <tr><th scope="row">${ctx.say({ en: 'Within', cy: 'Yn rhan o' })}</th><td>${parents}</td></tr>
            <tr><th scope="row">${ctx.say({ en: 'Population (mid-2011)', cy: 'Poblogaeth (canol 2011)' })}</th><td>${
              area.population === null
                ? ctx.say({ en: 'Unknown', cy: 'Anhysbys' })
                : ctx.number(area.population)
            }</td></tr>
            <tr><th scope="row">${ctx.say({ en: 'Providers covering it', cy: 'Darparwyr sy’n ei gwmpasu' })}</th><td>${ctx.number(providers)}</td></tr>
            <tr><th scope="row">${ctx.say({ en: 'Baselines met', cy: 'Llinellau sylfaen wedi’u bodloni' })}</th><td>${
              ctx.profile.inDirectory
                ? ctx.say({
                    en: `${ctx.profile.baselines.length - failing} of ${ctx.profile.baselines.length}`,
                    cy: `${ctx.profile.baselines.length - failing} o ${ctx.profile.baselines.length}`,
                  })
                : ctx.say({
                    en: 'Not judged (not in the directory)',
                    cy: 'Heb eu barnu (nid yw yn y cyfeiriadur)',
                  })
            }</td></tr>
            <tr><th scope="row">${ctx.say({ en: 'Generated', cy: 'Crëwyd' })}</th><td>${ctx.date(ctx.generatedAt)}</td></tr>
          </tbody>
        </table>`,
      sources: [
        {
          name: ctx.say({
            en: 'ONS mid-2011 population estimates (Nomis NM_2002_1)',
            cy: 'Amcangyfrifon poblogaeth canol 2011 yr ONS (Nomis NM_2002_1)',
          }),
          date: '2011-06-30',
          licence: 'Open Government Licence v3.0',
        },
      ],
    }
  },
}

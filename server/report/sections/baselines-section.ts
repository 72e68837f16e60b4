import type { BaselineResult, CoveringProvider } from '../../coverage/coverage-schemas'
import { type Bilingual, html, type ReportContext, type ReportSection } from '../report-section'
import { type ReportTerms, reportTerms } from '../report-terms'

const SCOPES: Record<string, Bilingual> = {
  all: { en: 'Every nation', cy: 'Pob gwlad' },
  england: { en: 'England only', cy: 'Lloegr yn unig' },
  wales: { en: 'Wales only', cy: 'Cymru yn unig' },
  scotland: { en: 'Scotland only', cy: 'Yr Alban yn unig' },
  'northern-ireland': { en: 'Northern Ireland only', cy: 'Gogledd Iwerddon yn unig' },
}

/** Why a rule passes or fails, in the report's language, from the profile's structured fields (as the client words it). */
export function baselineReason(ctx: ReportContext, terms: ReportTerms, b: BaselineResult): string {
  const depth = terms.level(b.acceptableDepth)
  const names = (providers: CoveringProvider[]) => terms.list(providers.map((p) => p.name))
  if (b.status === 'pass') {
    return ctx.say({
      en: `${b.counted} found at ${depth} level or closer (${b.minCount} needed).`,
      cy: `Cafwyd ${b.counted} ar lefel ${depth} neu’n agosach (angen ${b.minCount}).`,
    })
  }
  const parts = [
    ctx.say({
      en: `${b.counted} found at ${depth} level or closer; ${b.minCount} needed.`,
      cy: `Cafwyd ${b.counted} ar lefel ${depth} neu’n agosach; mae angen ${b.minCount}.`,
    }),
  ]
  if (b.depth === null) {
    parts.push(
      ctx.say({
        en: 'Nothing reaches this area at any level.',
        cy: 'Does dim yn cyrraedd yr ardal hon ar unrhyw lefel.',
      }),
    )
  } else if (b.nearest.length > 0) {
    const level = terms.level(b.depth)
    parts.push(
      ctx.say({
        en: `The nearest is at ${level} level: ${names(b.nearest)}.`,
        cy: `Mae’r agosaf ar lefel ${level}: ${names(b.nearest)}.`,
      }),
    )
  }
  if (b.inactive.length > 0) {
    const list = terms.list(b.inactive.map((p) => `${p.name} (${terms.status(p.status)})`))
    parts.push(
      ctx.say({
        en: `Not counted because not active: ${list}.`,
        cy: `Heb eu cyfrif am nad ydynt yn weithredol: ${list}.`,
      }),
    )
  }
  if (b.partial.length > 0) {
    const list = terms.list(b.partial.map((p) => `${p.name} (${Math.round(p.share * 100)}%)`))
    parts.push(
      ctx.say({
        en: `Covering too little of the area to count: ${list}.`,
        cy: `Yn cwmpasu rhy ychydig o’r ardal i’w cyfrif: ${list}.`,
      }),
    )
  }
  return parts.join(' ')
}

/** The minimum baselines that apply to this area (by its level and nation), each passed or failed, and why. */
export const baselinesSection: ReportSection = {
  id: 'baselines',
  async build(ctx) {
    const terms = await reportTerms(ctx)
    const { profile } = ctx
    const heading = ctx.say({ en: 'Baselines', cy: 'Llinellau sylfaen' })
    const areaName = terms.areaName(profile.area)
    if (!profile.inDirectory) {
      return {
        id: 'baselines',
        heading,
        body: html`<p>${ctx.say({
          en: `The directory does not cover ${areaName}'s nation yet, so no baseline is judged here: an empty result would not be a gap.`,
          cy: `Nid yw’r cyfeiriadur yn cwmpasu gwlad ${areaName} eto, felly ni chaiff unrhyw linell sylfaen ei barnu yma: ni fyddai canlyniad gwag yn fwlch.`,
        })}</p>`,
        sources: [],
      }
    }
    const rules = profile.baselines
    const failing = rules.filter((b) => b.status === 'fail').length
    const pass = ctx.say({ en: 'Met', cy: 'Wedi’i bodloni' })
    const fail = ctx.say({ en: 'Not met', cy: 'Heb ei bodloni' })
    const body =
      rules.length === 0
        ? html`<p>${ctx.say({
            en: 'No baseline applies to areas at this level.',
            cy: 'Does dim llinell sylfaen yn berthnasol i ardaloedd ar y lefel hon.',
          })}</p>`
        : html`
          <p>${ctx.say({
            en: `${rules.length - failing} of the ${rules.length} baselines that apply to ${areaName} are met; ${failing} ${failing === 1 ? 'is' : 'are'} not. Only the baselines for its level and its nation are listed.`,
            cy: `Mae ${rules.length - failing} o’r ${rules.length} llinell sylfaen sy’n berthnasol i ${areaName} wedi’u bodloni; ${failing} heb eu bodloni. Dim ond llinellau sylfaen ei lefel a’i gwlad a restrir.`,
          })}</p>
          <table>
            <caption>${ctx.say({ en: `Baselines for ${areaName}: result and reason`, cy: `Llinellau sylfaen ${areaName}: canlyniad a rheswm` })}</caption>
            <thead><tr>
              <th scope="col">${ctx.say({ en: 'Baseline', cy: 'Llinell sylfaen' })}</th>
              <th scope="col">${ctx.say({ en: 'Applies in', cy: 'Yn berthnasol yn' })}</th>
              <th scope="col">${ctx.say({ en: 'Result', cy: 'Canlyniad' })}</th>
              <th scope="col">${ctx.say({ en: 'Why', cy: 'Pam' })}</th>
            </tr></thead>
            <tbody>${rules.map(
              (b) => html`<tr class="result-${b.status}">
                <th scope="row">${ctx.lang === 'cy' ? b.labelCy : b.label}</th>
                <td>${ctx.say(SCOPES[b.scope] ?? { en: b.scope, cy: b.scope })}</td>
                <td><strong>${b.status === 'pass' ? `✓ ${pass}` : `✗ ${fail}`}</strong></td>
                <td>${baselineReason(ctx, terms, b)}</td>
              </tr>`,
            )}</tbody>
          </table>`
    const sources = [...new Set(rules.map((b) => b.source).filter((s): s is string => !!s))].map((name) => ({
      name: ctx.say({ en: `Baseline source: ${name}`, cy: `Ffynhonnell llinell sylfaen: ${name}` }),
      date: null,
    }))
    return { id: 'baselines', heading, body, sources }
  },
}

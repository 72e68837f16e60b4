import { COVERAGE_LEVELS, type CoverageAreaLevel, type CoverageLevel } from '../../coverage/coverage-schemas'
import type { ChangesResponse, SnapshotSummary } from '../../coverage/coverage-snapshot-schemas'
import { createSnapshotService, refreshCoverageIfDirty } from '../../coverage/coverage-snapshot-service'
import { createTaxonomyService } from '../../taxonomy/taxonomy-service'
import {
  type Bilingual,
  html,
  type ReportContext,
  type ReportSection,
  type ReportSectionResult,
  type SafeHtml,
  svgBarChart,
} from '../report-section'

/**
 * "Change since": the area report's comparison of the latest coverage snapshot taken on or before
 * the reader's date with the data now (docs/decisions/0018) — for the area itself, or for the
 * districts in it when the area is larger than a district. With no date chosen it says so and
 * lists the snapshot dates there are.
 */

const LEVEL_WORDS: Record<CoverageLevel, Bilingual> = {
  neighbourhood: { en: 'neighbourhood', cy: 'cymdogaeth' },
  local: { en: 'local', cy: 'lleol' },
  subregional: { en: 'sub-regional', cy: 'is-ranbarthol' },
  regional: { en: 'regional', cy: 'rhanbarthol' },
  national: { en: 'national', cy: 'cenedlaethol' },
}

const T = {
  heading: { en: 'Change since a chosen date', cy: 'Newid ers dyddiad a ddewiswyd' },
  headingSince: (d: string): Bilingual => ({ en: `Change since ${d}`, cy: `Newid ers ${d}` }),
  noDate: {
    en: 'No comparison date was chosen for this report, so nothing is compared. Choose a date to see what changed since the snapshot taken then.',
    cy: 'Ni ddewiswyd dyddiad cymharu ar gyfer yr adroddiad hwn, felly ni chymharir dim. Dewiswch ddyddiad i weld beth sydd wedi newid ers y ciplun a dynnwyd bryd hynny.',
  },
  available: { en: 'Snapshots available:', cy: 'Cipluniau sydd ar gael:' },
  noneTaken: {
    en: 'No coverage snapshots have been taken yet.',
    cy: "Nid oes cipluniau o'r ddarpariaeth wedi'u tynnu eto.",
  },
  noneBefore: (d: string): Bilingual => ({
    en: `No coverage snapshot was taken on or before ${d}, so there is nothing to compare with.`,
    cy: `Ni thynnwyd ciplun o'r ddarpariaeth ar ${d} nac o'i flaen, felly nid oes dim i gymharu ag ef.`,
  }),
  compared: (snap: string, since: string): Bilingual => ({
    en: `Compared: the coverage snapshot of ${snap} (the latest taken on or before ${since}) and the directory now.`,
    cy: `Cymharwyd: ciplun y ddarpariaeth ar ${snap} (yr un diweddaraf a dynnwyd ar ${since} neu cyn hynny) a'r cyfeiriadur nawr.`,
  }),
  chartTitle: { en: 'What changed', cy: 'Beth newidiodd' },
  gained: { en: 'Areas that gained support', cy: 'Ardaloedd a gafodd fwy o gymorth' },
  lost: { en: 'Areas that lost support', cy: 'Ardaloedd a gollodd gymorth' },
  opened: { en: 'Providers opened', cy: 'Darparwyr a agorodd' },
  closed: { en: 'Providers closed', cy: 'Darparwyr a gaeodd' },
  nowFailing: { en: 'Baselines now failing', cy: "Llinellau sylfaen sy'n methu nawr" },
  nowPassing: { en: 'Baselines now met', cy: 'Llinellau sylfaen a fodlonir nawr' },
  nothing: {
    en: 'No change in coverage, baselines or providers.',
    cy: 'Dim newid yn y ddarpariaeth, y llinellau sylfaen na’r darparwyr.',
  },
  area: { en: 'Area', cy: 'Ardal' },
  forWhom: { en: 'For whom', cy: 'I bwy' },
  before: { en: 'Before', cy: 'Cyn' },
  after: { en: 'Now', cy: 'Nawr' },
  change: { en: 'Change', cy: 'Newid' },
  baseline: { en: 'Baseline', cy: 'Llinell sylfaen' },
  none: { en: 'none', cy: 'dim' },
  nearer: { en: 'gained (nearer)', cy: 'ennill (yn nes)' },
  farther: { en: 'lost (farther away)', cy: 'colli (ymhellach)' },
  pass: { en: 'met', cy: 'wedi’i fodloni' },
  fail: { en: 'not met', cy: 'heb ei fodloni' },
  generalist: { en: 'generalists', cy: 'darparwyr cyffredinol' },
  snapshotSource: { en: 'Coverage snapshot', cy: 'Ciplun o’r ddarpariaeth' },
  liveSource: {
    en: 'Directory records and coverage now',
    cy: 'Cofnodion y cyfeiriadur a’r ddarpariaeth nawr',
  },
} as const

/** Districts for an area larger than one; the area itself otherwise. */
function comparedLevel(area: { level: string; type: string }): CoverageAreaLevel {
  if (area.type === 'hex') return 'hex'
  const i = COVERAGE_LEVELS.indexOf(area.level as CoverageLevel)
  return i > COVERAGE_LEVELS.indexOf('local') ? 'local' : (area.level as CoverageAreaLevel)
}

const SECTION_ID = 'change-since'

export const changeSection: ReportSection = {
  id: SECTION_ID,
  async build(ctx: ReportContext): Promise<ReportSectionResult> {
    const taxonomy = createTaxonomyService(ctx.db, { cacheSeconds: 60 })
    const snapshots = createSnapshotService({
      knex: ctx.db,
      taxonomy,
      coverage: { ensureCurrent: () => refreshCoverageIfDirty(ctx.db) },
      options: { retain: 0, retainDays: 0, maxCells: 250_000 },
    })
    const dates = (list: SnapshotSummary[]) =>
      list.length === 0
        ? html`<p>${ctx.say(T.noneTaken)}</p>`
        : html`<p>${ctx.say(T.available)}</p><ul class="snapshot-dates">${list.map((s) => html`<li>${ctx.date(s.takenAt)}</li>`)}</ul>`

    if (ctx.since === null) {
      return {
        id: SECTION_ID,
        heading: ctx.say(T.heading),
        body: html`<p>${ctx.say(T.noDate)}</p>${dates(await snapshots.list(false))}`,
        sources: [],
      }
    }
    const since = ctx.date(ctx.since)
    const snapshot = await snapshots.latestOnOrBefore(ctx.since)
    if (!snapshot) {
      return {
        id: SECTION_ID,
        heading: ctx.say(T.headingSince(since)),
        body: html`<p>${ctx.say(T.noneBefore(since))}</p>${dates(await snapshots.list(false))}`,
        sources: [],
      }
    }
    const area = ctx.profile.area
    const { response } = await snapshots.changes(
      {
        from: { kind: 'id', id: snapshot.id },
        to: { kind: 'now' },
        level: comparedLevel(area),
        within: area.code,
        functions: [],
        strands: [],
        format: 'json',
      },
      false,
    )
    const tax = await taxonomy.getTaxonomy()
    const strandWords = (code: string) => {
      if (code === 'generalist') return ctx.say(T.generalist)
      const term = tax.strands.find((s) => s.code === code)
      return term ? (ctx.say({ en: term.label, cy: term.labelCy }).split(' (')[0] ?? code) : code
    }
    return {
      id: SECTION_ID,
      heading: ctx.say(T.headingSince(since)),
      body: html`<p>${ctx.say(T.compared(ctx.date(snapshot.takenAt), since))}</p>${body(ctx, response, strandWords)}`,
      sources: [
        { name: ctx.say(T.snapshotSource), date: snapshot.takenAt },
        { name: ctx.say(T.liveSource), date: ctx.generatedAt.toISOString() },
      ],
    }
  },
}

function body(ctx: ReportContext, r: ChangesResponse, strandWords: (code: string) => string): SafeHtml {
  const s = r.summary
  const counts = [
    { label: ctx.say(T.gained), value: s.areasGained + s.areasMixed },
    { label: ctx.say(T.lost), value: s.areasLost + s.areasMixed },
    { label: ctx.say(T.opened), value: s.opened },
    { label: ctx.say(T.closed), value: s.closed },
    { label: ctx.say(T.nowPassing), value: s.baselinesNowPassing },
    { label: ctx.say(T.nowFailing), value: s.baselinesNowFailing },
  ]
  if (counts.every((c) => c.value === 0)) return html`<p>${ctx.say(T.nothing)}</p>`
  const level = (l: CoverageLevel | null) => (l === null ? ctx.say(T.none) : ctx.say(LEVEL_WORDS[l]))
  const areaName = (a: { name: string; nameCy: string | null }) =>
    ctx.lang === 'cy' && a.nameCy ? a.nameCy : a.name
  const cells = r.areas.flatMap((a) =>
    a.cells.map(
      (c) =>
        html`<tr><th scope="row">${areaName(a)}</th><td>${strandWords(c.strand)}</td><td>${level(c.before)}</td><td>${level(c.after)}</td><td>${ctx.say(c.change === 'gained' ? T.nearer : T.farther)}</td></tr>`,
    ),
  )
  const baselines = r.baselines.map(
    (b) =>
      html`<tr><th scope="row">${areaName(b.area)}</th><td>${ctx.say({ en: b.baseline.label, cy: b.baseline.labelCy })}</td><td>${ctx.say(T[b.before])}</td><td>${ctx.say(T[b.after])}</td></tr>`,
  )
  const providers = (title: Bilingual, list: Array<{ name: string }>) =>
    list.length === 0
      ? null
      : html`<h3>${ctx.say(title)}</h3><ul>${list.map((p) => html`<li>${p.name}</li>`)}</ul>`
  return html`${svgBarChart(counts, { title: ctx.say(T.chartTitle), format: (v) => ctx.number(v) })}
<ul class="figures">${counts.map((c) => html`<li>${c.label}: ${ctx.number(c.value)}</li>`)}</ul>
${
  cells.length === 0
    ? null
    : html`<table><caption>${ctx.say({ en: 'Areas whose support changed', cy: 'Ardaloedd y newidiodd eu cymorth' })}</caption><thead><tr><th scope="col">${ctx.say(T.area)}</th><th scope="col">${ctx.say(T.forWhom)}</th><th scope="col">${ctx.say(T.before)}</th><th scope="col">${ctx.say(T.after)}</th><th scope="col">${ctx.say(T.change)}</th></tr></thead><tbody>${cells}</tbody></table>`
}
${
  baselines.length === 0
    ? null
    : html`<table><caption>${ctx.say({ en: 'Baseline results that changed', cy: 'Canlyniadau llinellau sylfaen a newidiodd' })}</caption><thead><tr><th scope="col">${ctx.say(T.area)}</th><th scope="col">${ctx.say(T.baseline)}</th><th scope="col">${ctx.say(T.before)}</th><th scope="col">${ctx.say(T.after)}</th></tr></thead><tbody>${baselines}</tbody></table>`
}
${providers(T.opened, r.providers.opened)}${providers(T.closed, r.providers.closed)}`
}

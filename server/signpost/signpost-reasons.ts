import { freshnessSentence } from '../providers/freshness'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import type { ExclusionReason, SignpostReason, WeeklyHours } from './signpost-schemas'

/**
 * English sentences for reason codes. The API sends both: the codes (so the client can render them
 * in Welsh through its own strings) and these sentences (for staff scripts, logs and other clients).
 */

type Labels = (codes: string[]) => string[]

function labeller(
  taxonomy: Taxonomy,
  vocabulary:
    | 'functions'
    | 'topics'
    | 'strands'
    | 'strandDetails'
    | 'levels'
    | 'languages'
    | 'formats'
    | 'qualityMarks',
): Labels {
  const byCode = new Map(taxonomy[vocabulary].map((t) => [t.code, t.label]))
  return (codes) => codes.map((code) => byCode.get(code) ?? code)
}

/** "Training" -> "training", but "ICT ..." stays as it is. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text
}

// Formatters are built once: constructing an Intl.DateTimeFormat costs far more than using one.
const longDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
})

function formatDate(isoDate: string): string {
  return longDate.format(new Date(`${isoDate}T12:00:00Z`))
}

export function formatDistance(metres: number): string {
  if (metres < 995) return `${Math.round(metres / 10) * 10} m`
  return metres < 9_950 ? `${(metres / 1000).toFixed(1)} km` : `${Math.round(metres / 1000)} km`
}

export function createReasonRenderer(taxonomy: Taxonomy) {
  const functions = labeller(taxonomy, 'functions')
  const topics = labeller(taxonomy, 'topics')
  const strands = labeller(taxonomy, 'strands')
  const levels = labeller(taxonomy, 'levels')
  const details = labeller(taxonomy, 'strandDetails')
  const languages = labeller(taxonomy, 'languages')
  const formats = labeller(taxonomy, 'formats')
  const marks = labeller(taxonomy, 'qualityMarks')
  const access = (langs: string[], fmts: string[]) =>
    [...languages(langs), ...formats(fmts).map(lowerFirst)].join(', ')
  const level = (code: string) => lowerFirst(levels([code])[0] ?? code)

  function need(fns: string[], tps: string[]): string {
    const f = functions(fns).map(lowerFirst).join(', ')
    const t = topics(tps).map(lowerFirst).join(', ')
    if (f && t) return `${f} on ${t}`
    return f || t
  }

  function reason(r: SignpostReason): string {
    switch (r.code) {
      case 'covers':
        return `Covers ${r.area.name} (${level(r.area.level)})${r.viaPolygon ? ' within its drawn service area' : ''}`
      case 'strands':
        return `Works with groups: ${strands(r.strands).join('; ')}`
      case 'serves-all-groups':
        return 'Generalist: supports any voluntary or community group'
      case 'acts-as-generalist':
        return "Acts as the area's generalist: supports any voluntary or community group here"
      case 'activity-specialist':
        return 'Activity specialist: supports any group with this kind of help'
      case 'community-context':
        return `For the community context: works with ${strands(r.strands).join('; ')}, though it does not list ${need(r.functions, r.topics)}`
      case 'offers-access':
        return `Offers ${access(r.languages, r.formats)}`
      case 'does-not-offer':
        return `Does not offer ${access(r.languages, r.formats)}`
      case 'pair':
        return r.role === 'generalist'
          ? 'The generalist of the pair at this level: for the need itself'
          : 'The specialist of the pair at this level: for the community'
      case 'offers':
        return r.functions.length > 0
          ? `Offers ${need(r.functions, r.topics)}`
          : `Helps with ${need([], r.topics)}`
      case 'need-not-listed':
        return `Does not list ${need(r.functions, r.topics)}, but as the local generalist can advise or refer on`
      case 'verified':
        return `Details verified ${formatDate(r.date)}`
      case 'distance':
        return `Office ${formatDistance(r.metres)} away`
      case 'fallback':
        return r.fallback === 'local-generalist'
          ? `Fallback: the local generalist${r.area ? ` for ${r.area.name}` : ''}`
          : 'Fallback: the best national option for this need'
      case 'refers':
        return `Refers on to ${r.to.name}: ${[...strands(r.strands), ...topics(r.topics)].join('; ')}`
    }
  }

  function exclusion(r: ExclusionReason): string {
    switch (r.code) {
      case 'not-active':
        return `Not signposted: the record is ${r.status}`
      case 'not-covering':
        return r.areas.length > 0
          ? `Does not cover this place (covers ${r.areas.map((a) => a.name).join(', ')})`
          : 'Does not cover this place'
      case 'wrong-strand':
        return r.strands.length > 0
          ? `Works only with other groups: ${strands(r.strands).join('; ')}`
          : `Not a specialist for: ${strands(r.requested).join('; ')}`
      case 'lacks-need':
        return `Does not offer ${need(r.functions, r.topics)}`
      case 'infrastructure-only':
        return 'Not offered to front-line groups: serves other infrastructure bodies only'
      case 'sibling-detail':
        return `Works only with other groups within the strand: ${details(r.strandDetails).join('; ')} (asked: ${details(r.requested).join('; ')})`
      case 'lacks-quality-mark':
        return r.qualityMarks.length > 0
          ? `Holds other quality marks: ${marks(r.qualityMarks).join('; ')}`
          : `Holds none of the quality marks asked for: ${marks(r.requested).join('; ')}`
      case 'expired':
      case 'no-contact':
        return `Not offered: ${freshnessSentence(r)}`
    }
  }

  return { reason, exclusion }
}

export type ReasonRenderer = ReturnType<typeof createReasonRenderer>

const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** Opening hours are Europe/London local times; null when the record gives none. */
export function isOpenAt(hours: WeeklyHours | null, at: Date): boolean | null {
  if (!hours || hours.weekly.length === 0) return null
  const parts = Object.fromEntries(londonClock.formatToParts(at).map((p) => [p.type, p.value]))
  const day = String(parts.weekday).slice(0, 3).toLowerCase()
  const time = `${parts.hour}:${parts.minute}`
  return hours.weekly.some((slot) => slot.day === day && slot.opens <= time && time < slot.closes)
}

/** The day in Europe/London as YYYY-MM-DD: the freshness policy's day (server/providers/freshness.ts). */
export { londonDate } from '../providers/freshness'

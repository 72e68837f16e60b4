/**
 * Is a registered charity an infrastructure body? The Charity Commission register has no such
 * flag, so a charity is scored from three kinds of evidence — its classification codes, its names
 * (main and other names) and its activities text — and becomes a *candidate* for an editor to
 * review when the score reaches CANDIDATE_SCORE. Neither a code nor a name alone is reliable
 * (many front-line charities tick 205; a "network" may be a food bank), so the rule adds points
 * and lets only an unambiguous name (Council for Voluntary Service, Rural Community Council, ...)
 * or two independent signals reach the threshold. The rule and its table of cases:
 * docs/decisions/0015-charity-register-import.md, server/imports/ccew-scoring.test.ts.
 *
 * Pure: no database, no files. Codes proposed are those of ../shared/docs/taxonomy.md.
 */

export const CANDIDATE_SCORE = 4

/** One piece of evidence: where it was found, what matched, what it added. */
export interface ScoreEvidence {
  from: 'classification' | 'name' | 'activities'
  /** The classification code, or the words that matched. */
  match: string
  points: number
  /** What it says: the signal's meaning ("umbrella or resource body", "generalist name"). */
  signal: string
}

export interface CcewScoringInput {
  /** The main name first, then working and previous names. */
  names: string[]
  /** classification_code values (101–117 theme, 201–207 beneficiaries, 301–310 activities). */
  classifications: number[]
  activities: string | null
}

export interface CcewScore {
  score: number
  candidate: boolean
  kind: 'generalist' | 'specialist'
  functions: string[]
  topics: string[]
  strands: string[]
  evidence: ScoreEvidence[]
}

interface NameRule {
  pattern: RegExp
  points: number
  signal: string
  /** A name of this pattern is a generalist body (CVS) unless a strand says otherwise. */
  generalist?: boolean
  functions?: string[]
  topics?: string[]
  strands?: string[]
}

/** Names, strongest first. A name earns the points of every rule it matches, at most NAME_MAX. */
const NAME_RULES: NameRule[] = [
  {
    pattern: /\bcouncils? for voluntary (services?|action|organisations?)\b|\bcvs\b/,
    points: 4,
    signal: 'council for voluntary service',
    generalist: true,
    functions: ['information-advice', 'consultancy', 'training', 'networks', 'advocacy'],
  },
  {
    pattern: /\bcounty voluntary council\b|\bvoluntary services? council\b|\bvoluntary sector council\b/,
    points: 4,
    signal: 'county or voluntary sector council',
    generalist: true,
    functions: ['information-advice', 'consultancy', 'training', 'networks', 'advocacy'],
  },
  {
    pattern: /\bvoluntary action\b|\bcommunity action\b|\bcommunity voluntary services?\b/,
    points: 4,
    signal: 'voluntary or community action body',
    generalist: true,
    functions: ['information-advice', 'consultancy', 'training', 'networks'],
  },
  {
    pattern: /\brural community council\b|\baction with communities in rural\b/,
    points: 4,
    signal: 'rural community council',
    functions: ['information-advice', 'consultancy', 'networks'],
    topics: ['community-development'],
    strands: ['rural'],
  },
  {
    pattern: /\bvolunteer(ing)? centre\b|\bvolunteer bureau\b/,
    points: 4,
    signal: 'volunteer centre',
    functions: ['brokerage', 'information-advice'],
    topics: ['volunteering'],
  },
  {
    pattern: /\bracial equality council\b|\bcouncil for racial equality\b/,
    points: 4,
    signal: 'racial equality council',
    functions: ['advocacy', 'information-advice'],
    strands: ['race'],
    topics: ['equality-diversity'],
  },
  {
    pattern: /\b(third|voluntary|community and voluntary|voluntary and community) sector\b|\bvcse?\b/,
    points: 3,
    signal: 'voluntary sector body',
    generalist: true,
    functions: ['networks', 'advocacy'],
  },
  {
    pattern: /\bequality\b|\bequalities\b/,
    points: 2,
    signal: 'equality body',
    topics: ['equality-diversity'],
  },
  { pattern: /\bnetwork\b/, points: 2, signal: 'network', functions: ['networks'] },
  { pattern: /\bforum\b/, points: 2, signal: 'forum', functions: ['networks'] },
  {
    pattern: /\bvolunteering\b/,
    points: 2,
    signal: 'volunteering body',
    functions: ['brokerage'],
    topics: ['volunteering'],
  },
  { pattern: /\bumbrella\b/, points: 2, signal: 'umbrella body', functions: ['networks'] },
  {
    pattern: /\bsocial enterprise\b/,
    points: 1,
    signal: 'social enterprise support',
    topics: ['social-enterprise'],
  },
  { pattern: /\balliance\b|\bconsortium\b|\bpartnership\b/, points: 1, signal: 'partnership body' },
]
const NAME_MAX = 6

/**
 * Names of front-line bodies that share words with infrastructure ("Anytown Church Network",
 * "Friends of ... Forum"): each takes points off, so such a name needs the classifications too.
 */
const FRONT_LINE_NAME =
  /\b(school|academy|college|church|chapel|parish church|mosque|synagogue|playgroup|pre-?school|nursery|football|cricket|rugby|scouts?|guides|brownies|almshouses?|hospice|pta|parent teacher|friends of|memorial hall|food ?bank)\b/
const FRONT_LINE_POINTS = -3

/** A name that reads like a grant-maker (funders are not infrastructure, docs/domain.md). */
const FUNDER_NAME = /\b(foundation|trust fund|benevolent fund|charitable trust|grant ?makers?)\b/

interface TextRule {
  pattern: RegExp
  signal: string
  functions?: string[]
  topics?: string[]
}

/** Phrases in the activities text that describe supporting other groups. */
const SUPPORT_PHRASES: TextRule[] = [
  {
    pattern:
      /\b(support|supports|supporting|help|helps|helping|develop|developing|strengthen|strengthening)( and develop| and support)? (local |small |other |new )*(voluntary|community|charitable|third sector)( and (voluntary|community|faith))? (groups|organisations|organizations|sector|bodies)\b/,
    signal: 'supports voluntary and community groups',
    functions: ['consultancy'],
  },
  {
    pattern: /\b(voluntary and community|voluntary, community and faith|third|vcse?) sector\b/,
    signal: 'works with the voluntary sector',
  },
  {
    pattern: /\binfrastructure (support|organisation|body|services?)\b|\bumbrella (body|organisation)\b/,
    signal: 'infrastructure or umbrella body',
    functions: ['networks'],
  },
  { pattern: /\bcapacity[- ]building\b/, signal: 'capacity building', topics: ['community-development'] },
  {
    pattern: /\bvolunteer (centre|brokerage|recruitment)\b|\bplacing volunteers\b/,
    signal: 'volunteer brokerage',
    functions: ['brokerage'],
    topics: ['volunteering'],
  },
]
const TEXT_FIRST_POINTS = 2
const TEXT_MORE_POINTS = 1
const TEXT_MAX = 3

/** Services named in the activities text: functions and topics only, no points. */
const SERVICE_WORDS: TextRule[] = [
  { pattern: /\btraining\b|\bcourses\b|\bworkshops\b/, signal: 'training', functions: ['training'] },
  { pattern: /\badvice\b|\binformation\b|\bsignpost/, signal: 'advice', functions: ['information-advice'] },
  {
    pattern: /\bfunding advice\b|\bfundraising\b|\bbid writing\b/,
    signal: 'funding',
    topics: ['fundraising'],
  },
  { pattern: /\bgovernance\b|\btrustees?\b/, signal: 'governance', topics: ['governance'] },
  {
    pattern: /\bsmall grants\b|\bgrants? to (groups|organisations)\b/,
    signal: 'grants',
    functions: ['grants'],
  },
  { pattern: /\bnetworks?\b|\bforums?\b/, signal: 'networks', functions: ['networks'] },
  {
    pattern: /\brepresent(s|ing|ation)?\b|\bvoice\b|\bcampaign/,
    signal: 'representation',
    functions: ['advocacy'],
  },
  { pattern: /\bpartnership\b/, signal: 'partnership', functions: ['partnership'] },
  { pattern: /\bresearch\b/, signal: 'research', functions: ['research'] },
  { pattern: /\bconsult(s|ing|ation)\b/, signal: 'consultation', functions: ['consultation'] },
  { pattern: /\bvolunteer/, signal: 'volunteering', topics: ['volunteering'] },
  { pattern: /\bsocial enterprise/, signal: 'social enterprise', topics: ['social-enterprise'] },
  {
    pattern: /\bmeeting (rooms?|space)\b|\broom hire\b/,
    signal: 'meeting space',
    functions: ['meeting-space'],
  },
]

/** Classification codes: their points, and the functions they propose. */
const CODE_RULES: Record<number, { points: number; signal: string; functions?: string[] }> = {
  205: { points: 2, signal: 'benefits other charities or voluntary bodies' },
  309: { points: 2, signal: 'acts as an umbrella or resource body', functions: ['networks'] },
  307: { points: 0, signal: 'provides advocacy, advice, information', functions: ['information-advice'] },
  308: { points: 0, signal: 'sponsors or undertakes research', functions: ['research'] },
  305: { points: 0, signal: 'provides buildings, facilities', functions: ['meeting-space'] },
  304: { points: 0, signal: 'provides human resources', functions: ['brokerage'] },
  302: { points: 0, signal: 'makes grants to organisations', functions: ['grants'] },
}

/** Beneficiary and theme codes naming a client group (a strand). */
const STRAND_CODES: Record<number, string> = {
  201: 'age',
  202: 'age',
  203: 'disability',
  204: 'race',
  104: 'disability',
  108: 'religion-belief',
}

/** Client groups in a name. */
const STRAND_WORDS: Array<[RegExp, string[]]> = [
  [/\b(bme|bame|black|minority ethnic|ethnic minority|racial|race|multicultural)\b/, ['race']],
  [/\b(disabled|disability|disabilities|deaf|blind|mental health|learning disabilit)/, ['disability']],
  [/\b(women|women's|womens)\b/, ['sex']],
  [/\b(lgbt\w*|lesbian|gay|bisexual|queer)\b/, ['sexual-orientation', 'gender-reassignment']],
  [/\b(trans|transgender|non-binary)\b/, ['gender-reassignment']],
  [/\b(older people\w*|elderly|age|youth|young people\w*|children\w*)\b/, ['age']],
  [/\b(faith|faiths|interfaith|inter-faith|churches together)\b/, ['religion-belief']],
  [/\b(rural|village|villages)\b/, ['rural']],
  [/\b(refugee|refugees|asylum|migrant|migrants)\b/, ['refugees-migrants']],
  [/\b(carers?)\b/, ['carers']],
  [/\b(welsh language|cymraeg|iaith)\b/, ['welsh-language']],
]

/** Lower case, "&" as "and", apostrophes and punctuation as spaces: words match on their own. */
export function normaliseText(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9,-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `
}

function firstMatch(pattern: RegExp, texts: string[]): string | undefined {
  for (const text of texts) {
    const found = pattern.exec(text)
    if (found) return found[0].trim()
  }
  return undefined
}

export function scoreCharity(input: CcewScoringInput): CcewScore {
  const evidence: ScoreEvidence[] = []
  const functions = new Set<string>()
  const topics = new Set<string>()
  const strands = new Set<string>()
  const codes = new Set(input.classifications)
  const names = input.names.filter((n) => n.trim() !== '').map(normaliseText)
  const text = input.activities ? normaliseText(input.activities) : ''
  let generalistName = false

  for (const code of [...codes].sort((a, b) => a - b)) {
    const rule = CODE_RULES[code]
    if (!rule) continue
    evidence.push({ from: 'classification', match: String(code), points: rule.points, signal: rule.signal })
    for (const f of rule.functions ?? []) functions.add(f)
  }

  let namePoints = 0
  for (const rule of NAME_RULES) {
    const match = firstMatch(rule.pattern, names)
    if (!match) continue
    const points = Math.max(0, Math.min(rule.points, NAME_MAX - namePoints))
    namePoints += points
    evidence.push({ from: 'name', match, points, signal: rule.signal })
    if (rule.generalist) generalistName = true
    for (const f of rule.functions ?? []) functions.add(f)
    for (const t of rule.topics ?? []) topics.add(t)
    for (const s of rule.strands ?? []) strands.add(s)
  }
  const frontLine = firstMatch(FRONT_LINE_NAME, names)
  if (frontLine) {
    evidence.push({ from: 'name', match: frontLine, points: FRONT_LINE_POINTS, signal: 'front-line body' })
  }
  const funder = firstMatch(FUNDER_NAME, names)
  if (funder && !codes.has(309)) {
    evidence.push({ from: 'name', match: funder, points: -2, signal: 'grant-maker, not infrastructure' })
  }

  let textPoints = 0
  for (const rule of SUPPORT_PHRASES) {
    const found = rule.pattern.exec(text)
    if (!found) continue
    const points = Math.min(textPoints === 0 ? TEXT_FIRST_POINTS : TEXT_MORE_POINTS, TEXT_MAX - textPoints)
    textPoints += points
    evidence.push({ from: 'activities', match: found[0].trim(), points, signal: rule.signal })
    for (const f of rule.functions ?? []) functions.add(f)
    for (const t of rule.topics ?? []) topics.add(t)
  }

  const score = evidence.reduce((sum, e) => sum + e.points, 0)
  const candidate = score >= CANDIDATE_SCORE

  if (candidate) {
    // Services named in the text refine the proposal; they never make a charity a candidate.
    for (const rule of SERVICE_WORDS) {
      const found = rule.pattern.exec(text)
      if (!found) continue
      evidence.push({ from: 'activities', match: found[0].trim(), points: 0, signal: rule.signal })
      for (const f of rule.functions ?? []) functions.add(f)
      for (const t of rule.topics ?? []) topics.add(t)
    }
    // Client groups: from the name, and from beneficiary codes only when the charity names one or
    // two groups — a CVS typically ticks several, or "the general public" (207).
    for (const [pattern, groups] of STRAND_WORDS) {
      const match = firstMatch(pattern, names)
      if (!match) continue
      evidence.push({ from: 'name', match, points: 0, signal: `client group: ${groups.join(', ')}` })
      for (const s of groups) strands.add(s)
    }
    const groupCodes = [...codes].filter((c) => c >= 201 && c <= 204)
    if (!generalistName && !codes.has(207) && groupCodes.length > 0 && groupCodes.length <= 2) {
      for (const code of [...codes].sort((a, b) => a - b)) {
        const strand = STRAND_CODES[code]
        if (!strand) continue
        evidence.push({
          from: 'classification',
          match: String(code),
          points: 0,
          signal: `client group: ${strand}`,
        })
        strands.add(strand)
      }
    }
  }
  // A record offers at least one function: advice is what every infrastructure body gives.
  if (functions.size === 0) functions.add('information-advice')
  // Specialist: a client group (strand), or an activity or policy area without a generalist name
  // (a volunteer centre, an equality network; docs/domain.md).
  const focused = topics.has('volunteering') || topics.has('equality-diversity')
  const kind = strands.size > 0 || (focused && !generalistName) ? 'specialist' : 'generalist'
  return {
    score,
    candidate,
    kind,
    functions: [...functions],
    topics: [...topics],
    strands: [...strands],
    evidence,
  }
}

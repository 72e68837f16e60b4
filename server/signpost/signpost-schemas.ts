import { z } from 'zod'
import type { DirectoryCoverage } from '../directory/directory-scope'
import type { PostcodeOutsideReason, PostcodePrecision } from '../geo/geo-schemas'
import { GSS_CODE } from '../geo/geo-schemas'
import { checkPlace, coordinate, repeatable, single } from '../lib/query-string'
import type { Freshness } from '../providers/freshness'
import type { Taxonomy, Vocabulary } from '../taxonomy/taxonomy-schemas'

// ---------- GET /api/signpost ----------

/** A repeatable code (?strand=a&strand=b), checked against the live vocabulary. */
const codes = (taxonomy: Taxonomy, vocabulary: Vocabulary, field: string) =>
  repeatable(
    field,
    taxonomy[vocabulary].map((t) => t.code),
  )

const flag = (field: string) =>
  single(field).transform((raw, ctx) => {
    if (raw === '1' || raw === 'true') return true
    if (raw === '0' || raw === 'false' || raw === '') return false
    ctx.addIssue({ code: 'custom', message: `${field} must be 1 or 0 (got "${raw.slice(0, 20)}")` })
    return z.NEVER
  })

/** The signpost query, checked against the live taxonomy so unknown codes are a 400 naming the allowed ones. */
export function signpostQuerySchema(taxonomy: Taxonomy) {
  return z
    .object({
      postcode: single('postcode').optional(),
      lat: coordinate('lat', -90, 90).optional(),
      lng: coordinate('lng', -180, 180).optional(),
      area: single('area')
        .transform((v) => v.trim().toUpperCase())
        .pipe(z.string().regex(GSS_CODE, { message: 'must be a GSS area code, such as E08000032' }))
        .optional(),
      function: codes(taxonomy, 'functions', 'function').optional(),
      topic: codes(taxonomy, 'topics', 'topic').optional(),
      strand: codes(taxonomy, 'strands', 'strand').optional(),
      strandDetail: codes(taxonomy, 'strandDetails', 'strandDetail').optional(),
      language: codes(taxonomy, 'languages', 'language').optional(),
      format: codes(taxonomy, 'formats', 'format').optional(),
      qualityMark: codes(taxonomy, 'qualityMarks', 'qualityMark').optional(),
      explain: flag('explain').optional(),
    })
    .strict()
    .superRefine((q, ctx) => {
      checkPlace(q, ctx, true)
      if (!q.function?.length && !q.topic?.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['function'],
          message: 'give at least one function or topic (what the group needs help with)',
        })
      }
    })
    .transform((q) => {
      const strandDetails = q.strandDetail ?? []
      // A detail asks for its strand too (strandDetail=older-people is a request about age).
      const parents = strandDetails.map(
        (code) => taxonomy.strandDetails.find((d) => d.code === code)?.strand as string,
      )
      const strands = taxonomy.strands
        .map((t) => t.code)
        .filter((code) => (q.strand ?? []).includes(code) || parents.includes(code))
      return {
        place: placeOf(q),
        functions: q.function ?? [],
        topics: q.topic ?? [],
        strands,
        strandDetails,
        languages: q.language ?? [],
        formats: q.format ?? [],
        qualityMarks: q.qualityMark ?? [],
        explain: q.explain ?? false,
      }
    })
}

/** Where the group is: exactly one of these, checked by the query schema. */
export type SignpostPlaceInput = { postcode: string } | { area: string } | { lng: number; lat: number }

function placeOf(q: { postcode?: string; area?: string; lng?: number; lat?: number }): SignpostPlaceInput {
  if (q.postcode !== undefined) return { postcode: q.postcode }
  if (q.area !== undefined) return { area: q.area }
  return { lng: q.lng as number, lat: q.lat as number }
}

export type SignpostQuery = z.infer<ReturnType<typeof signpostQuerySchema>>

// ---------- the response (the client imports these types) ----------

export interface SignpostArea {
  code: string
  name: string
  nameCy: string | null
  level: string
  type: string
}

/**
 * Why a provider is in the list, as data: the client renders these through its own i18n (so
 * Welsh works), and the server renders the same codes into English `reasons`.
 */
export type SignpostReason =
  | { code: 'covers'; area: Omit<SignpostArea, 'type'>; viaPolygon: boolean }
  | { code: 'strands'; strands: string[] }
  | { code: 'serves-all-groups' }
  | { code: 'acts-as-generalist' }
  | { code: 'activity-specialist' }
  | { code: 'offers'; functions: string[]; topics: string[] }
  | { code: 'community-context'; strands: string[]; functions: string[]; topics: string[] }
  | { code: 'offers-access'; languages: string[]; formats: string[] }
  | { code: 'does-not-offer'; languages: string[]; formats: string[] }
  | { code: 'pair'; role: SignpostPairRole }
  | { code: 'need-not-listed'; functions: string[]; topics: string[] }
  | { code: 'verified'; date: string }
  | { code: 'distance'; metres: number }
  | { code: 'fallback'; fallback: SignpostFallbackKind; area: Omit<SignpostArea, 'type'> | null }
  | {
      code: 'refers'
      to: { id: string; name: string }
      strands: string[]
      topics: string[]
    }

export type SignpostFallbackKind = 'local-generalist' | 'national'

/** Which half of its level's pair a provider is (decision 0004, rule 2). */
export type SignpostPairRole = 'generalist' | 'specialist'

export interface SignpostPathway {
  id: string
  to: { id: string; slug: string; name: string; kind: string; level: string }
  strands: string[]
  topics: string[]
  criteria: string
  followUp: string | null
}

export interface WeeklyHours {
  weekly: Array<{ day: string; opens: string; closes: string }>
  notes?: string
}

export interface SignpostProvider {
  id: string
  slug: string
  name: string
  kind: string
  level: string
  summary: string
  phone: string | null
  email: string | null
  website: string | null
  address: string | null
  howToAccess: string | null
  /** The name, summary and how-to-access in Welsh, where the record has them (the Welsh interface shows them). */
  welshName: string | null
  welshSummary: string | null
  welshHowToAccess: string | null
  openingHours: WeeklyHours | null
  /** Null when the record has no opening hours. */
  openNow: boolean | null
  /** Five ranked digits: access, strand, need fit, verification recency, distance (docs/decisions/0004). */
  score: number
  scoreParts: { access: number; strand: number; fit: number; verified: number; distance: number }
  matched: { functions: string[]; topics: string[]; strands: string[]; strandDetails: string[] }
  /** Acts as its area's generalist (a specialist treated as a generalist by the rules). */
  actsAsGeneralist: boolean
  /** Serves any group for one kind of help: never excluded by a strand. */
  activitySpecialist: boolean
  /** Languages and formats the provider offers (codes), and which requested ones it lacks. */
  languages: string[]
  formats: string[]
  access: {
    offered: { languages: string[]; formats: string[] }
    missing: { languages: string[]; formats: string[] }
  }
  /** Quality mark codes held; `qualityMarkOther` names an `other` mark. */
  qualityMarks: string[]
  qualityMarkOther: string | null
  /** Its level's pair: the best generalist for the need, the best specialist for the groups; null otherwise. */
  pair: SignpostPairRole | null
  /** A specialist for the named groups offered although it does not itself offer the need. */
  communityContext: boolean
  /** The area through which the provider covers the place (its listed area, or the place's area for a drawn polygon). */
  matchedArea: Omit<SignpostArea, 'type'> & { viaPolygon: boolean }
  distanceMetres: number | null
  lastVerifiedAt: string | null
  referralCriteria: string | null
  limits: string | null
  /**
   * Set only when the provider is there because nothing nearer matched: the local generalist
   * that does not list the need, the national option when nothing below national fits it.
   */
  fallback: SignpostFallbackKind | null
  pathways: SignpostPathway[]
  /** English sentences, in the order of `reasonCodes`. */
  reasons: string[]
  reasonCodes: SignpostReason[]
  /** The freshness policy's marks (stale, historical; decision 0020); null when no policy applies. */
  freshness: Freshness | null
}

/**
 * A record that would have been offered but that the freshness policy leaves out (expired, or
 * no contact route): listed after the options, with why, so staff can follow it up.
 */
export interface SignpostFollowUp
  extends Pick<SignpostProvider, 'id' | 'slug' | 'name' | 'kind' | 'level' | 'summary'> {
  matched: { functions: string[]; topics: string[]; strands: string[] }
  lastVerifiedAt: string | null
  freshness: Freshness
  /** English sentences, in the order of `freshness.reasons`. */
  reasons: string[]
}

export interface SignpostGroup {
  level: string
  providers: SignpostProvider[]
}

export type ExclusionReason =
  | { code: 'not-active'; status: string }
  | { code: 'not-covering'; areas: Array<Omit<SignpostArea, 'type'>> }
  | { code: 'wrong-strand'; strands: string[]; requested: string[] }
  | { code: 'lacks-need'; functions: string[]; topics: string[] }
  | { code: 'infrastructure-only' }
  | { code: 'sibling-detail'; strandDetails: string[]; requested: string[] }
  | { code: 'lacks-quality-mark'; qualityMarks: string[]; requested: string[] }
  | { code: 'expired'; lastVerifiedAt: string | null; months: number }
  | { code: 'no-contact' }

export interface SignpostExcluded {
  id: string
  slug: string
  name: string
  kind: string
  level: string
  status: string
  reasons: string[]
  reasonCodes: ExclusionReason[]
}

export interface SignpostResponse {
  place: {
    postcode: string | null
    /** For a postcode: "sector"/"district"/"area" when its own point is unknown and a centroid was used. */
    precision: PostcodePrecision | null
    /** null for a postcode with no UK location (Channel Islands, Isle of Man, non-geographic). */
    location: { lng: number; lat: number } | null
    areas: SignpostArea[]
    /** Why a postcode has no areas: no UK location (`reason` of /api/geo/postcodes), or in no loaded area. */
    outside?: PostcodeOutsideReason | 'no-area'
  }
  /** Whether the directory's records cover the place's nation; when not, why, and where to go instead. */
  directoryCoverage: DirectoryCoverage
  need: {
    functions: string[]
    topics: string[]
    strands: string[]
    strandDetails: string[]
    languages: string[]
    formats: string[]
    qualityMarks: string[]
  }
  groups: SignpostGroup[]
  /** The bodies kept in the list whatever its length (labelled `fallback` only when they are one). */
  fallbacks: {
    localGeneralist: { id: string; name: string } | null
    national: { id: string; name: string } | null
  }
  /** Qualifying providers before the SIGNPOST_MAX_RESULTS cut. */
  matchedTotal: number
  /** Providers in `groups`. */
  shown: number
  /** Left out by the freshness policy but matching: listed after the options for follow-up. */
  followUp: SignpostFollowUp[]
  explain?: { excluded: SignpostExcluded[] }
}

import { z } from 'zod'
import type { Denominator } from '../deprivation/denominators'
import type { AreaDeprivation } from '../deprivation/deprivation-model'
import { GSS_CODE } from '../geo/geo-schemas'
import { oneOf, repeatable, single, wholeNumber } from '../lib/query-string'
import type { Taxonomy, Vocabulary } from '../taxonomy/taxonomy-schemas'
import { type BaselineScope, baselineScopes } from './coverage-baseline-queries'

/**
 * Coverage API shapes. Query schemas are built from the live taxonomy so an unknown code is a 400
 * that lists the allowed ones; every range is checked, never clamped.
 */

/** Provider levels in subsidiarity order; each has a count column in coverage_cells. */
export const COVERAGE_LEVELS = ['neighbourhood', 'local', 'subregional', 'regional', 'national'] as const
export type CoverageLevel = (typeof COVERAGE_LEVELS)[number]

/**
 * What a coverage matrix can list: the areas of one level, or the hexagon grid (server/hexgrid),
 * a neighbourhood-level analysis unit kept apart from wards so neither list mixes the two.
 */
export const HEX_LEVEL = 'hex'
export const COVERAGE_AREA_LEVELS = [
  'neighbourhood',
  HEX_LEVEL,
  'local',
  'subregional',
  'regional',
  'national',
] as const
export type CoverageAreaLevel = (typeof COVERAGE_AREA_LEVELS)[number]

/** The level of the areas a matrix level lists (hexagons are neighbourhood areas). */
export function areaLevelOf(level: CoverageAreaLevel): CoverageLevel {
  return level === HEX_LEVEL ? 'neighbourhood' : level
}

/** An H3 cell index as stored for a hexagon (docs/decisions/0008). */
export const H3_AREA_CODE = /^8[0-9A-F]{14}$/i

/** Group columns that are not strands: every provider, and providers of the generalist kind. */
export const GROUP_ANY = 'any'
export const GROUP_GENERALIST = 'generalist'

/**
 * `help:<strand>`: every provider that would help a group of that strand — generalists (who serve
 * any group) and the strand's specialists, each counted once. The coverage page's default "for
 * whom"; a bare strand code counts that strand's specialists only.
 */
export const HELP_PREFIX = 'help:'
export const helpGroup = (strand: string) => `${HELP_PREFIX}${strand}`
/** The strand a `help:<strand>` group is about; undefined for any other group. */
export const strandHelped = (group: string): string | undefined =>
  group.startsWith(HELP_PREFIX) ? group.slice(HELP_PREFIX.length) : undefined

/** What a column counts, in words a client can translate (and the CSV's `counted` column). */
export type CountedProviders =
  | 'every-provider'
  | 'generalists'
  | 'specialists'
  | 'generalists-and-specialists'
export function countedBy(group: string): CountedProviders {
  if (group === GROUP_ANY) return 'every-provider'
  if (group === GROUP_GENERALIST) return 'generalists'
  return strandHelped(group) === undefined ? 'specialists' : 'generalists-and-specialists'
}

export const FORMATS = ['json', 'geojson', 'csv'] as const
export type CoverageFormat = (typeof FORMATS)[number]

export const DUPLICATION_LIMIT_MAX = 1000
export const DUPLICATION_LIMIT_DEFAULT = 200
export const DUPLICATION_MIN_MAX = 100

// ---------- query-string pieces ----------

const areaCode = (field: string) =>
  single(field)
    .transform((v) => v.trim().toUpperCase())
    .pipe(
      z.string().regex(GSS_CODE, {
        message: `${field} must be a GSS area code: a letter and eight digits, such as E12000004`,
      }),
    )

const codes = (taxonomy: Taxonomy, vocabulary: Vocabulary) => taxonomy[vocabulary].map((t) => t.code)

/** The groups a baseline rule can count: any provider, generalists, or one strand's specialists. */
export function baselineGroupCodes(taxonomy: Taxonomy): string[] {
  return [GROUP_ANY, GROUP_GENERALIST, ...codes(taxonomy, 'strands')]
}

/**
 * The groups a coverage column can count: any provider, generalists, one strand's specialists, or
 * everyone who would help one strand's groups (`help:<strand>`, generalists included).
 */
export function groupCodes(taxonomy: Taxonomy): string[] {
  return [...baselineGroupCodes(taxonomy), ...codes(taxonomy, 'strands').map(helpGroup)]
}

// ---------- GET /api/coverage ----------

export function coverageQuerySchema(taxonomy: Taxonomy) {
  return z
    .object({
      level: oneOf('level', COVERAGE_AREA_LEVELS).optional(),
      within: areaCode('within').optional(),
      function: repeatable('function', codes(taxonomy, 'functions')).optional(),
      topic: repeatable('topic', codes(taxonomy, 'topics')).optional(),
      strand: repeatable('strand', groupCodes(taxonomy))
        .optional()
        .describe(
          'Whom to count, one column each (repeatable): "any" (every provider), "generalist" (generalists, who serve any group), a strand code (only that strand\'s specialists), or "help:<strand>" (every provider that would help that strand\'s groups: generalists and its specialists, each once). Default: every strand\'s specialists, then generalists',
        ),
      format: oneOf('format', FORMATS).optional(),
    })
    .strict()
    .transform((q) => ({
      level: (q.level ?? 'local') as CoverageAreaLevel,
      within: q.within ?? null,
      functions: q.function ?? [],
      topics: q.topic ?? [],
      /** As asked; empty means every strand (plus the generalist column). */
      strands: q.strand ?? [],
      format: (q.format ?? 'json') as CoverageFormat,
    }))
}

export type CoverageQuery = z.infer<ReturnType<typeof coverageQuerySchema>>

// ---------- GET /api/coverage/duplication ----------

export function duplicationQuerySchema(taxonomy: Taxonomy, defaultMin: number) {
  const strandsAndGeneralist = [GROUP_GENERALIST, ...codes(taxonomy, 'strands')]
  return z
    .object({
      level: oneOf('level', COVERAGE_LEVELS).optional(),
      within: areaCode('within').optional(),
      function: repeatable('function', codes(taxonomy, 'functions')).optional(),
      strand: repeatable('strand', strandsAndGeneralist).optional(),
      min: wholeNumber('min', 2, DUPLICATION_MIN_MAX).optional(),
      limit: wholeNumber('limit', 1, DUPLICATION_LIMIT_MAX).optional(),
    })
    .strict()
    .transform((q) => ({
      level: (q.level ?? 'local') as CoverageLevel,
      within: q.within ?? null,
      functions: q.function ?? [],
      strands: q.strand ?? [],
      minProviders: q.min ?? defaultMin,
      limit: q.limit ?? DUPLICATION_LIMIT_DEFAULT,
    }))
}

export type DuplicationQuery = z.infer<ReturnType<typeof duplicationQuerySchema>>

// ---------- GET /api/coverage/impact ----------

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/

export const impactQuerySchema = z
  .object({
    provider: single('provider').refine((v) => UUID.test(v) || (SLUG.test(v) && v.length <= 120), {
      message: 'provider must be a provider id (UUID) or slug',
    }),
    level: repeatable('level', COVERAGE_LEVELS).optional(),
  })
  .strict()
  .transform((q) => ({
    provider: UUID.test(q.provider) ? q.provider.toLowerCase() : q.provider,
    byId: UUID.test(q.provider),
    levels: (q.level ?? []) as CoverageLevel[],
  }))

export type ImpactQuery = z.infer<typeof impactQuerySchema>

// ---------- /api/areas/:code/profile ----------

export const profileParamsSchema = z.object({
  code: z
    .string()
    .transform((v) => v.trim().toUpperCase())
    .refine((v) => GSS_CODE.test(v) || H3_AREA_CODE.test(v), {
      message: 'must be a GSS area code, such as E08000032, or a hexagon (H3) index',
    })
    // H3 indexes are stored in lower case, GSS codes in upper case.
    .transform((v) => (H3_AREA_CODE.test(v) ? v.toLowerCase() : v)),
})

// ---------- baselines ----------

export const BASELINE_MIN_COUNT_MAX = 1000

function baselineFields(taxonomy: Taxonomy) {
  const levels = codes(taxonomy, 'levels')
  const code = (field: string, allowed: string[]) =>
    z.string().refine((v) => allowed.includes(v), {
      error: (issue) => `unknown ${field} "${String(issue.input)}"; allowed: ${allowed.join(', ')}`,
    })
  const range = `a whole number from 1 to ${BASELINE_MIN_COUNT_MAX}`
  return z.object({
    key: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'key must be lower-case words joined by hyphens' })
      .max(80, { message: 'key must be at most 80 characters' }),
    label: z.string().trim().min(1).max(200),
    labelCy: z.string().trim().min(1).max(200),
    level: code('level', levels),
    function: code('function', codes(taxonomy, 'functions')).nullable(),
    topic: code('topic', codes(taxonomy, 'topics')).nullable(),
    group: code('group', baselineGroupCodes(taxonomy)),
    minCount: z
      .number({ error: `minCount must be ${range}` })
      .int({ message: `minCount must be ${range}` })
      .min(1, { message: `minCount must be ${range}` })
      .max(BASELINE_MIN_COUNT_MAX, { message: `minCount must be ${range}` }),
    acceptableDepth: code('acceptableDepth', levels),
    source: z.string().trim().min(1).max(2000).nullable(),
    /** Where the rule is judged: one nation, or all (the default). */
    scope: z.enum(baselineScopes, { error: `scope must be one of: ${baselineScopes.join(', ')}` }),
  })
}

const oneFacet = {
  check: (b: { function?: string | null; topic?: string | null }) => !b.function || !b.topic,
  message: 'give a function or a topic, not both (neither: any support)',
}

/** A baseline rule as written by an editor; codes checked against the live taxonomy. */
export function baselineInputSchema(taxonomy: Taxonomy) {
  const fields = baselineFields(taxonomy)
  return fields
    .extend({
      function: fields.shape.function.default(null),
      topic: fields.shape.topic.default(null),
      source: fields.shape.source.default(null),
      scope: fields.shape.scope.default('all'),
    })
    .strict()
    .refine(oneFacet.check, { message: oneFacet.message, path: ['topic'] })
}

export type BaselineInput = z.infer<ReturnType<typeof baselineInputSchema>>

/** An edit: any of the fields, and the version the editor read (optimistic concurrency). */
export function baselinePatchSchema(taxonomy: Taxonomy) {
  return baselineFields(taxonomy)
    .partial()
    .extend({
      version: z
        .number({ error: 'version must be the whole number the edit was based on' })
        .int()
        .min(1, { message: 'version must be 1 or more' }),
    })
    .strict()
}

export type BaselinePatch = z.infer<ReturnType<typeof baselinePatchSchema>>

export const baselineParamsSchema = z.object({
  id: z.string().regex(UUID, { message: 'must be a baseline id (UUID)' }),
})

export interface Baseline {
  id: string
  key: string
  label: string
  labelCy: string
  level: string
  function: string | null
  topic: string | null
  group: string
  minCount: number
  acceptableDepth: string
  source: string | null
  scope: BaselineScope
  version: number
  createdAt: string
  updatedAt: string
}

// ---------- responses ----------

export type ByLevel = Record<CoverageLevel, number>

/** A count as published: exact for admins, rounded to a multiple of 5 otherwise (decision 0010). */
export type PublishedCount = number

export interface BaselineCheck {
  id: string
  key: string
  status: 'pass' | 'fail'
  /** Providers at the acceptable depth or closer. */
  counted: number
  minCount: number
  acceptableDepth: string
}

export interface CoverageColumn {
  /** `<facet>|<group>`: facet is "any", "function:<code>" or "topic:<code>". */
  key: string
  function: string | null
  topic: string | null
  /** A strand code (its specialists), "help:<strand>", "generalist", or "any". */
  strand: string
  /** Which providers the column counts, in words (see `strand`). */
  counted: CountedProviders
}

export interface CoverageCell {
  key: string
  function: string | null
  topic: string | null
  strand: string
  /** Active providers covering the area (at least the minimum share of it). */
  count: number
  byLevel: ByLevel
  /** The lowest provider level that covers the area; null when nothing does. */
  depth: CoverageLevel | null
  /** Providers per 100,000 residents; null where the population is unknown. */
  perCapita: number | null
  /** Providers whose drawn area covers part of the area, below the minimum share (not counted). */
  partial: number
  baseline: { status: 'pass' | 'fail'; rules: BaselineCheck[] } | null
}

export interface CoverageArea {
  code: string
  name: string
  nameCy: string | null
  population: number | null
  /** True for a hexagon: its population is apportioned from its district's (docs/decisions/0008). */
  populationEstimated: boolean
  /**
   * False in a nation the directory's records do not cover yet (Scotland, Northern Ireland): shown
   * as "not in the directory", never as a gap, and no baseline is judged (docs/decisions/0012).
   */
  inDirectory: boolean
  /**
   * "No suitable provider" enquiries for the requested functions/topics/strands; null below
   * districts, where enquiries are not recorded.
   */
  unmetNeed: PublishedCount | null
  cells: CoverageCell[]
  /** IMD 2019 figures (England); elsewhere null figures with the reason (docs/decisions/0017). */
  deprivation: AreaDeprivation
}

export interface AreaRef {
  code: string
  name: string
  nameCy: string | null
  level: string
  type: string
}

/**
 * What the coverage page says the freshness policy left out (docs/decisions/0020): the active
 * records that would count towards the areas and columns asked for but do not, because they are
 * expired or have no contact route. Null when no policy day is set (every record counts).
 */
export interface CoverageLeftOut {
  /** Records left out (a record may have both reasons; each is counted once here). */
  total: number
  /** Not verified for the expiry period. */
  expired: number
  /** No phone, e-mail or website (server/providers/contact-route.ts). */
  noContact: number
  /** The expiry period, in months, and the London day counted on. */
  expiredMonths: number
  countedOn: string
}

export interface CoverageResponse {
  level: CoverageAreaLevel
  within: AreaRef | null
  minSharePercent: number
  /** True when unmet-need counts are rounded to a multiple of 5 (everyone but an admin). */
  suppressed: boolean
  /** Records the freshness policy left out of these counts, and why (decision 0020); absent without a policy. */
  leftOut?: CoverageLeftOut
  columns: CoverageColumn[]
  areas: CoverageArea[]
  /** What every cell's perCapita divides by (server/deprivation/denominators.ts). */
  perCapitaDenominator: Denominator
}

/** A provider as the profile and baseline explanations list it. */
export interface CoveringProvider {
  id: string
  slug: string
  name: string
  kind: string
  level: string
  status: string
  functions: string[]
  topics: string[]
  strands: string[]
  /** The listed area it covers this one through; null for a drawn polygon. */
  via: { code: string; name: string; nameCy: string | null; level: string; type: string } | null
  /** Fraction of the area inside its service area (1 for listed areas). */
  share: number
}

export interface BaselineResult extends Baseline {
  status: 'pass' | 'fail'
  /** Providers at the acceptable depth or closer. */
  counted: number
  /** Where the need is met at all, for this rule's function/topic and group. */
  depth: CoverageLevel | null
  /** One English sentence; clients build their own from the fields. */
  reason: string
  /** When the rule fails: the providers at the nearest level that does cover the area. */
  nearest: CoveringProvider[]
  /** Closed or draft records that would count if they were active. */
  inactive: CoveringProvider[]
  /** Active providers that would count but cover less than the minimum share of the area. */
  partial: CoveringProvider[]
}

/** One group of providers that duplicate each other (decision 0005, "Duplication"). */
export const duplicationItemSchema = z.object({
  function: z.string().describe('The function they all offer'),
  strand: z.string().describe("The strand's code, or generalist (generalists are compared with generalists)"),
  strandDetail: z
    .string()
    .nullable()
    .describe(
      'The strand detail they share (taxonomy strandDetail); null: the whole strand — bodies that record no detail under it — and always for generalists',
    ),
  level: z.enum(COVERAGE_LEVELS).describe('The providers’ own level'),
  count: z.number().int().describe('How many providers are in the group (at least the threshold)'),
  providers: z.array(z.object({ id: z.string(), slug: z.string(), name: z.string() })),
})

export type DuplicationItem = z.infer<typeof duplicationItemSchema>

export interface AreaProfile {
  area: AreaRef & {
    population: number | null
    parents: AreaRef[]
    children: AreaRef[]
  }
  /** False in a nation the directory does not cover yet: `baselines` is then empty (not gaps). */
  inDirectory: boolean
  minSharePercent: number
  /** Active providers covering the area, by their level (neighbourhood first; every level listed). */
  levels: Array<{ level: CoverageLevel; providers: CoveringProvider[] }>
  /** Active providers whose drawn area covers only part of it (below the minimum share). */
  partial: CoveringProvider[]
  baselines: BaselineResult[]
  /** Any support for each strand, and from generalists: count, depth and levels. */
  strands: Array<{ strand: string; count: number; depth: CoverageLevel | null; byLevel: ByLevel }>
  /** Strands nothing reaches at any level. */
  noSpecialistReach: string[]
  /** Groups of providers that duplicate each other (decision 0005): by function, strand and detail, level. */
  duplication: DuplicationItem[]
  /** Enquiries from the area by outcome; null for a ward (enquiries are recorded by district). */
  unmetNeed: {
    total: PublishedCount
    byOutcome: Record<'referred' | 'advice-only' | 'no-suitable-provider', PublishedCount>
  } | null
  /** True when the counts are rounded to a multiple of 5 (everyone but an admin). */
  suppressed: boolean
  /** Functions × groups (every strand, then generalists): count and depth of each. */
  matrix: {
    functions: string[]
    groups: string[]
    cells: Array<Array<{ count: number; depth: CoverageLevel | null }>>
  }
}

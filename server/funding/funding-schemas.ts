import { z } from 'zod'
import { GSS_CODE } from '../geo/geo-schemas'
import { oneOf, single } from '../lib/query-string'

/** Requests and answers of /api/areas/{code}/funding, /api/funding and /api/grants (decision 0016). */

export const FUNDING_LEVELS = ['neighbourhood', 'local', 'subregional', 'regional', 'national'] as const
export type FundingLevel = (typeof FUNDING_LEVELS)[number]
const FORMATS = ['json', 'csv', 'geojson'] as const

const gss = (field: string) =>
  z
    .string()
    .transform((v) => v.trim().toUpperCase())
    .pipe(z.string().regex(GSS_CODE, { message: `${field} must be a GSS area code, such as E07000077` }))

export const fundingParamsSchema = z.object({ code: gss('code') })

export const fundingLevelQuerySchema = z
  .object({
    level: oneOf('level', FUNDING_LEVELS).optional(),
    within: single('within').pipe(gss('within')).optional(),
    format: oneOf('format', FORMATS).optional(),
  })
  .strict()
  .transform((q) => ({
    level: (q.level ?? 'local') as FundingLevel,
    within: q.within ?? null,
    format: (q.format ?? 'json') as (typeof FORMATS)[number],
  }))
export type FundingLevelQuery = z.infer<typeof fundingLevelQuerySchema>

/** What the per-head figures divide by. */
export const POPULATION_DENOMINATOR = {
  year: 2011,
  description:
    'all usual residents, 2011 Census (lad_population.csv; areas above a district add up their districts)',
} as const

export interface FundingTotal {
  key: string
  label: string
  total: number
  grants: number
}

export interface FundingGrant {
  grantId: string
  title: string
  amount: number
  currency: string
  awardDate: string
  funder: { orgId: string; name: string }
  recipient: { slug: string; name: string; level: string }
  /** True for a grant to a national body: listed, not in the area's total or per head. */
  national: boolean
  strands: string[]
  publisher: string | null
}

export interface AreaFunding {
  area: {
    code: string
    name: string
    nameCy: string | null
    level: string
    type: string
    population: number | null
  }
  currency: 'GBP'
  denominator: typeof POPULATION_DENOMINATOR
  /** Grants to covering bodies below the national level, each counted in full (not apportioned). */
  total: number
  grants: number
  perHead: number | null
  /** Grants to national bodies covering the area: shown apart, never apportioned. */
  national: { total: number; grants: number }
  byFunder: FundingTotal[]
  byYear: FundingTotal[]
  /** By our strand codes (the recipient's and the grant's DEI codes'); `general`: no strand. A grant counts in each of its strands. */
  byStrand: FundingTotal[]
  list: FundingGrant[]
}

export interface FundingAreaMeasure {
  code: string
  name: string
  nameCy: string | null
  level: string
  type: string
  population: number | null
  total: number
  grants: number
  perHead: number | null
  nationalTotal: number
}

export interface FundingLevelResponse {
  level: FundingLevel
  within: string | null
  currency: 'GBP'
  denominator: typeof POPULATION_DENOMINATOR
  areas: FundingAreaMeasure[]
}

export const UNMATCHED_LIMIT = 1000

export const linkRecipientBodySchema = z
  .object({
    recipientOrgId: z.string().trim().min(1, { message: 'recipientOrgId must name a recipient' }).max(200),
    providerId: z.uuid({ message: 'providerId must be a provider id (UUID)' }),
  })
  .strict()

/**
 * The shape of a demo directory record, shared by the content (seeds/demo/) and the directory
 * feature's seed step, which validates each record through the provider input schema before
 * inserting. Codes are those of ../shared/docs/taxonomy.md.
 */
export type LevelCode = 'neighbourhood' | 'local' | 'subregional' | 'regional' | 'national'
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'

/** Structured so "open now" can be computed (Europe/London local times, 24h "HH:MM"). */
export interface OpeningHours {
  weekly: Array<{ day: Weekday; opens: string; closes: string }>
  notes?: string
}

export interface DemoProvider {
  /** Stable, unique, kebab-case; tests and pathways refer to records by slug. */
  slug: string
  name: string
  kind: 'generalist' | 'specialist'
  level: LevelCode
  orgType:
    | 'infrastructure'
    | 'federated-network'
    | 'front-line-contributor'
    | 'community-organisation'
    | 'professional-association'
    | 'commercial'
    | 'public-body'
  status: 'active' | 'draft' | 'closed'
  summary: string
  description?: string
  mission?: string
  /** What support, for whom. */
  remit?: string
  /** What it does not provide. */
  limits?: string
  referralCriteria?: string
  howToAccess?: string
  cost: { type: 'free' | 'membership' | 'charged' | 'mixed'; text?: string }
  membershipBased: boolean
  functions: string[]
  topics: string[]
  /** Empty for a generalist. */
  strands: string[]
  /** ISO 639-1 codes, plus `bfi` for BSL. */
  languages: string[]
  formats: string[]
  openingHours?: OpeningHours
  website?: string
  email?: string
  phone?: string
  address?: string
  office?: { lng: number; lat: number }
  charityNumber?: string
  companyNumber?: string
  qualityMarks: string[]
  annualReportUrl?: string
  /** ISO date (YYYY-MM-DD). */
  lastVerifiedAt: string
  /** `demo` for fictional records; `source:000` / `source:001` for bodies named in the source documents. */
  source: string
  /** Service area: GSS area codes at any level, and/or a drawn polygon (GeoJSON, WGS84). */
  coverage: { areas: string[]; polygon?: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown } }
}

export interface DemoPathway {
  fromSlug: string
  toSlug: string
  strands: string[]
  topics: string[]
  criteria: string
  followUp?: string
}

export interface DemoDirectory {
  providers: DemoProvider[]
  pathways: DemoPathway[]
  /** District codes the demo deliberately leaves without a local generalist (tests and the coverage issue check these). */
  districtsWithoutLocalGeneralist: string[]
}

import { z } from 'zod'
import { GSS_CODE } from '../geo/geo-schemas'
import { oneOf, repeatable, single } from '../lib/query-string'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import type { BaselineScope } from './coverage-baseline-queries'
import {
  COVERAGE_AREA_LEVELS,
  type CoverageAreaLevel,
  type CoverageColumn,
  type CoverageFormat,
  type CoverageLevel,
  FORMATS,
  groupCodes,
} from './coverage-schemas'

/**
 * Shapes of coverage snapshots (GET/POST /api/coverage/snapshots) and of a comparison of two
 * dates (GET /api/coverage/changes). Snapshots record functions, not topics (decision 0018).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** A snapshot id, a day (the latest snapshot taken by the end of it), or "now" (the live data). */
export type SnapshotRef = { kind: 'id'; id: string } | { kind: 'date'; date: string } | { kind: 'now' }

function isRealDate(text: string): boolean {
  const d = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text
}

const snapshotRef = (field: string, allowNow: boolean) =>
  single(field).transform((raw, ctx): SnapshotRef => {
    const value = raw.trim()
    if (allowNow && value === 'now') return { kind: 'now' }
    if (UUID.test(value)) return { kind: 'id', id: value.toLowerCase() }
    if (ISO_DATE.test(value) && isRealDate(value)) return { kind: 'date', date: value }
    ctx.addIssue({
      code: 'custom',
      message: `${field} must be a date (YYYY-MM-DD), a snapshot id (UUID)${allowNow ? ' or "now"' : ''}`,
    })
    return z.NEVER
  })

export function changesQuerySchema(taxonomy: Taxonomy) {
  return z
    .object({
      from: snapshotRef('from', false),
      to: snapshotRef('to', true).optional(),
      level: oneOf('level', COVERAGE_AREA_LEVELS).optional(),
      within: single('within')
        .transform((v) => v.trim().toUpperCase())
        .pipe(
          z.string().regex(GSS_CODE, {
            message: 'within must be a GSS area code: a letter and eight digits, such as E12000004',
          }),
        )
        .optional(),
      function: repeatable(
        'function',
        taxonomy.functions.map((f) => f.code),
      ).optional(),
      topic: z
        .unknown()
        .refine(() => false, {
          message: 'snapshots record functions, not topics: choose a function (or none for any support)',
        })
        .optional(),
      strand: repeatable('strand', groupCodes(taxonomy)).optional(),
      format: oneOf('format', FORMATS).optional(),
    })
    .strict()
    .transform((q) => ({
      from: q.from,
      to: q.to ?? ({ kind: 'now' } as SnapshotRef),
      level: (q.level ?? 'local') as CoverageAreaLevel,
      within: q.within ?? null,
      functions: q.function ?? [],
      strands: q.strand ?? [],
      format: (q.format ?? 'json') as CoverageFormat,
    }))
}

export type ChangesQuery = z.infer<ReturnType<typeof changesQuerySchema>>

// ---------- stored and answered shapes ----------

/** A baseline as a snapshot judged it (kept with the snapshot: later edits do not change it). */
export interface SnapshotBaseline {
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
  scope: BaselineScope
  version: number
}

export interface SnapshotSummary {
  id: string
  takenAt: string
  trigger: 'on-demand' | 'schedule'
  /** Who took it (an on-demand snapshot), shown to editors and admins only; null otherwise. */
  takenBy: string | null
  minSharePercent: number
  areaCount: number
  providerCount: number
}

/** One side of a comparison: a snapshot, or the live data ("now"). */
export type ComparedSide = (SnapshotSummary & { live: false }) | { live: true; takenAt: string }

export interface ProviderRef {
  id: string
  slug: string
  name: string
  kind: string
  level: string
  status: string
}

export type DepthChange = 'gained' | 'lost'

export interface CellChange {
  key: string
  function: string | null
  strand: string
  before: CoverageLevel | null
  after: CoverageLevel | null
  change: DepthChange
}

export interface AreaChange {
  code: string
  name: string
  nameCy: string | null
  /** Every listed cell gained (or lost) support, or some of each. */
  change: DepthChange | 'mixed'
  cells: CellChange[]
}

export interface BaselineChange {
  area: { code: string; name: string; nameCy: string | null }
  baseline: { id: string; key: string; label: string; labelCy: string }
  before: 'pass' | 'fail'
  after: 'pass' | 'fail'
}

export interface ProviderChanges {
  /** Active now, not active (or not there) before. */
  opened: Array<ProviderRef & { before: string | null }>
  /** Active before, not active (or gone) now. */
  closed: Array<Omit<ProviderRef, 'status'> & { status: string | null; before: string }>
  /** Other changes of status (a draft withdrawn, a closed record reopened as a draft). */
  statusChanged: Array<ProviderRef & { before: string }>
  /** Service area changed: area codes added and removed, polygon drawn or removed. */
  serviceAreaChanged: Array<
    ProviderRef & { added: string[]; removed: string[]; polygonBefore: boolean; polygonAfter: boolean }
  >
}

export interface ChangesResponse {
  from: ComparedSide
  to: ComparedSide
  level: CoverageAreaLevel
  within: { code: string; name: string; nameCy: string | null; level: string; type: string } | null
  columns: CoverageColumn[]
  summary: {
    areasGained: number
    areasLost: number
    areasMixed: number
    opened: number
    closed: number
    baselinesNowFailing: number
    baselinesNowPassing: number
  }
  areas: AreaChange[]
  baselines: BaselineChange[]
  providers: ProviderChanges
}

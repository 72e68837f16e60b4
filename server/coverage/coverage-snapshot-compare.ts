import { COVERAGE_CODES } from '../providers/coverage-cells-queries'
import type { Facet } from './coverage-model'
import { columnKey } from './coverage-model'
import {
  COVERAGE_LEVELS,
  type CoverageColumn,
  type CoverageLevel,
  GROUP_GENERALIST,
  strandHelped,
} from './coverage-schemas'
import type { ProviderStateRow } from './coverage-snapshot-queries'
import type {
  AreaChange,
  BaselineChange,
  CellChange,
  ProviderChanges,
  ProviderRef,
  SnapshotBaseline,
} from './coverage-snapshot-schemas'

/**
 * The pure half of comparing two dates: given what each side recorded (a stored snapshot, or the
 * live data read the same way), which areas gained or lost a level of support, which baseline
 * results turned, and which providers opened, closed or changed their service area.
 */

/** What one side recorded for the areas compared. */
export interface SideData {
  /** Column keys (`<facet>|<group>`) in the order of each area's depth string. */
  columns: string[]
  /** Baselines in the order of each area's result string. */
  baselines: SnapshotBaseline[]
  /** Per area: depth characters ('0'…'4', '-') and baseline results ('P', 'F', '-'). */
  areas: Map<string, { depths: string; baselines: string }>
  providers: ProviderStateRow[]
}

export interface ComparedArea {
  code: string
  name: string
  name_cy: string | null
}

/** The depth of one stored column: the provider level index, or null when nobody covers it. */
function storedDepth(side: SideData, index: Map<string, number>, code: string, key: string): number | null {
  const i = index.get(key)
  if (i === undefined) return null
  const ch = side.areas.get(code)?.depths.charAt(i) ?? ''
  return /^[0-4]$/.test(ch) ? Number(ch) : null
}

/**
 * A column's depth on one side. `help:<strand>` is not stored: anyone who would help the strand's
 * groups is a generalist or one of its specialists, so its depth is the nearer of the two.
 */
function depthOn(side: SideData, index: Map<string, number>, code: string, facet: Facet, group: string) {
  const helped = strandHelped(group)
  if (helped === undefined) return storedDepth(side, index, code, columnKey(facet, group))
  const depths = [GROUP_GENERALIST, helped]
    .map((g) => storedDepth(side, index, code, columnKey(facet, g)))
    .filter((d): d is number => d !== null)
  return depths.length === 0 ? null : Math.min(...depths)
}

const levelAt = (i: number | null): CoverageLevel | null => (i === null ? null : (COVERAGE_LEVELS[i] ?? null))

const indexOf = (keys: string[]) => new Map(keys.map((k, i) => [k, i]))

export function compareAreas(
  before: SideData,
  after: SideData,
  areas: ComparedArea[],
  columns: CoverageColumn[],
): AreaChange[] {
  const beforeIndex = indexOf(before.columns)
  const afterIndex = indexOf(after.columns)
  const facetOf = (col: CoverageColumn): Facet =>
    col.function ? { kind: 'function', code: col.function } : { kind: 'any', code: '' }
  const changes: AreaChange[] = []
  for (const area of areas) {
    const cells: CellChange[] = []
    for (const col of columns) {
      const facet = facetOf(col)
      const was = depthOn(before, beforeIndex, area.code, facet, col.strand)
      const now = depthOn(after, afterIndex, area.code, facet, col.strand)
      if (was === now) continue
      // Nearer (a lower level index) or from none to some is a gain; farther or to none, a loss.
      const gained = was === null || (now !== null && now < was)
      cells.push({
        key: col.key,
        function: col.function,
        strand: col.strand,
        before: levelAt(was),
        after: levelAt(now),
        change: gained ? 'gained' : 'lost',
      })
    }
    if (cells.length === 0) continue
    const kinds = new Set(cells.map((c) => c.change))
    changes.push({
      code: area.code,
      name: area.name,
      nameCy: area.name_cy,
      change: kinds.size === 1 ? (cells[0] as CellChange).change : 'mixed',
      cells,
    })
  }
  return changes
}

/** Baselines of `level` judged on both sides (the same rule, by id) whose result turned. */
export function compareBaselines(
  before: SideData,
  after: SideData,
  areas: ComparedArea[],
  level: string,
): BaselineChange[] {
  const afterIndex = indexOf(after.baselines.map((b) => b.id))
  const pairs = before.baselines.flatMap((rule, i) => {
    const j = afterIndex.get(rule.id)
    return rule.level === level && j !== undefined
      ? [{ rule: after.baselines[j] as SnapshotBaseline, i, j }]
      : []
  })
  const result = (ch: string | undefined) => (ch === 'P' ? 'pass' : ch === 'F' ? 'fail' : null)
  const changes: BaselineChange[] = []
  for (const area of areas) {
    for (const { rule, i, j } of pairs) {
      const was = result(before.areas.get(area.code)?.baselines.charAt(i))
      const now = result(after.areas.get(area.code)?.baselines.charAt(j))
      if (was === null || now === null || was === now) continue
      changes.push({
        area: { code: area.code, name: area.name, nameCy: area.name_cy },
        baseline: { id: rule.id, key: rule.key, label: rule.label, labelCy: rule.labelCy },
        before: was,
        after: now,
      })
    }
  }
  return changes
}

const ref = (p: ProviderStateRow): ProviderRef => ({
  id: p.provider_id,
  slug: p.slug,
  name: p.name,
  kind: p.kind,
  level: p.level,
  status: p.status,
})

/**
 * Providers that opened (active now, not before), closed (active before, not now: closed, back to
 * draft, or deleted), changed status otherwise, or changed their service area. With `related`
 * (an area, its ancestors and descendants), only providers whose service area touches it.
 */
export function compareProviders(
  before: SideData,
  after: SideData,
  related: Set<string> | null,
): ProviderChanges {
  const active = COVERAGE_CODES.activeStatus
  const touches = (p: ProviderStateRow | undefined) =>
    p !== undefined && (related === null || p.area_codes.some((c) => related.has(c)))
  const was = new Map(before.providers.map((p) => [p.provider_id, p]))
  const now = new Map(after.providers.map((p) => [p.provider_id, p]))
  const out: ProviderChanges = { opened: [], closed: [], statusChanged: [], serviceAreaChanged: [] }
  for (const p of after.providers) {
    const old = was.get(p.provider_id)
    if (!touches(p) && !touches(old)) continue
    if (p.status === active && old?.status !== active)
      out.opened.push({ ...ref(p), before: old?.status ?? null })
    else if (old?.status === active && p.status !== active) out.closed.push({ ...ref(p), before: old.status })
    else if (old && old.status !== p.status) out.statusChanged.push({ ...ref(p), before: old.status })
    if (old) {
      const added = p.area_codes.filter((c) => !old.area_codes.includes(c))
      const removed = old.area_codes.filter((c) => !p.area_codes.includes(c))
      if (added.length > 0 || removed.length > 0 || old.has_polygon !== p.has_polygon) {
        out.serviceAreaChanged.push({
          ...ref(p),
          added,
          removed,
          polygonBefore: old.has_polygon,
          polygonAfter: p.has_polygon,
        })
      }
    }
  }
  for (const old of before.providers) {
    if (now.has(old.provider_id) || old.status !== active || !touches(old)) continue
    out.closed.push({ ...ref(old), status: null, before: old.status })
  }
  out.closed.sort((x, y) => x.name.localeCompare(y.name))
  return out
}

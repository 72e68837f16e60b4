import type { CellRow } from './coverage-queries'
import {
  type Baseline,
  type BaselineCheck,
  type ByLevel,
  COVERAGE_LEVELS,
  type CoverageCell,
  type CoverageColumn,
  type CoverageLevel,
  countedBy,
  GROUP_ANY,
  GROUP_GENERALIST,
  strandHelped,
} from './coverage-schemas'

/**
 * The pure rules of coverage (docs/decisions/0005-coverage-gap-rule.md): counts by provider level,
 * depth, per-capita rate and baseline checks, computed from one stored cell.
 */

export interface Facet {
  kind: 'any' | 'function' | 'topic'
  /** '' for kind "any". */
  code: string
}

export const ANY_FACET: Facet = { kind: 'any', code: '' }

/** "any", "function:training", "topic:governance": how facets are written in snapshots and keys. */
export function facetKey(facet: Facet): string {
  return facet.kind === 'any' ? 'any' : `${facet.kind}:${facet.code}`
}

export function columnKey(facet: Facet, group: string): string {
  return `${facetKey(facet)}|${group}`
}

export function cellKey(areaCode: string, facet: Facet, group: string): string {
  return `${areaCode}|${columnKey(facet, group)}`
}

export function cellKeyOfRow(row: CellRow): string {
  return cellKey(
    row.area_code,
    { kind: row.facet_kind as Facet['kind'], code: row.facet_code },
    row.group_code,
  )
}

export function column(facet: Facet, group: string): CoverageColumn {
  return {
    key: columnKey(facet, group),
    function: facet.kind === 'function' ? facet.code : null,
    topic: facet.kind === 'topic' ? facet.code : null,
    strand: group,
    counted: countedBy(group),
  }
}

/** The facet a baseline rule asks about. */
export function ruleFacet(rule: Pick<Baseline, 'function' | 'topic'>): Facet {
  if (rule.function) return { kind: 'function', code: rule.function }
  if (rule.topic) return { kind: 'topic', code: rule.topic }
  return ANY_FACET
}

export const levelIndex = (level: string): number => COVERAGE_LEVELS.indexOf(level as CoverageLevel)

export function byLevelOf(row: CellRow | undefined): ByLevel {
  return {
    neighbourhood: row?.n_neighbourhood ?? 0,
    local: row?.n_local ?? 0,
    subregional: row?.n_subregional ?? 0,
    regional: row?.n_regional ?? 0,
    national: row?.n_national ?? 0,
  }
}

export function total(byLevel: ByLevel): number {
  return COVERAGE_LEVELS.reduce((sum, level) => sum + byLevel[level], 0)
}

/** The lowest provider level with at least one provider covering the area; null: none at all. */
export function depthOf(byLevel: ByLevel): CoverageLevel | null {
  return COVERAGE_LEVELS.find((level) => byLevel[level] > 0) ?? null
}

/** Providers at `depth` or any closer level. */
export function countUpTo(byLevel: ByLevel, depth: string): number {
  const limit = levelIndex(depth)
  return COVERAGE_LEVELS.filter((_, i) => i <= limit).reduce((sum, level) => sum + byLevel[level], 0)
}

/** Providers per 100,000 residents, to two decimals; null where the population is unknown or zero. */
export function perCapita(count: number, population: number | null): number | null {
  if (population === null || population <= 0) return null
  return Math.round((count / population) * 100_000 * 100) / 100
}

export function checkBaseline(rule: Baseline, byLevel: ByLevel): BaselineCheck {
  const counted = countUpTo(byLevel, rule.acceptableDepth)
  return {
    id: rule.id,
    key: rule.key,
    status: counted >= rule.minCount ? 'pass' : 'fail',
    counted,
    minCount: rule.minCount,
    acceptableDepth: rule.acceptableDepth,
  }
}

/** Which baseline rules apply to which column, for areas at `level`. */
export function rulesByColumn(rules: Baseline[], level: string): Map<string, Baseline[]> {
  const byColumn = new Map<string, Baseline[]>()
  for (const rule of rules) {
    if (rule.level !== level) continue
    const key = columnKey(ruleFacet(rule), rule.group)
    byColumn.set(key, [...(byColumn.get(key) ?? []), rule])
  }
  return byColumn
}

export function buildCell(
  col: CoverageColumn,
  row: CellRow | undefined,
  population: number | null,
  rules: Baseline[] | undefined,
): CoverageCell {
  const byLevel = byLevelOf(row)
  const count = total(byLevel)
  const checks = (rules ?? []).map((rule) => checkBaseline(rule, byLevel))
  return {
    key: col.key,
    function: col.function,
    topic: col.topic,
    strand: col.strand,
    count,
    byLevel,
    depth: depthOf(byLevel),
    perCapita: perCapita(count, population),
    partial: row?.n_partial ?? 0,
    baseline:
      checks.length === 0
        ? null
        : { status: checks.every((c) => c.status === 'pass') ? 'pass' : 'fail', rules: checks },
  }
}

/** The default columns: every strand, then generalists. Asked-for strands keep their order, plus generalists. */
export function groupsFor(asked: string[], strandCodes: string[]): string[] {
  const groups = asked.length > 0 ? [...asked] : [...strandCodes]
  if (!groups.includes(GROUP_GENERALIST)) groups.push(GROUP_GENERALIST)
  return groups
}

/**
 * A provider's place in a group: any provider, a generalist, one working with the strand, or
 * (`help:<strand>`) either of the last two.
 */
export function inGroup(
  provider: { kind: string; strands: string[] },
  group: string,
  generalistKind: string,
): boolean {
  if (group === GROUP_ANY) return true
  if (group === GROUP_GENERALIST) return provider.kind === generalistKind
  const helped = strandHelped(group)
  if (helped !== undefined) return provider.kind === generalistKind || provider.strands.includes(helped)
  return provider.strands.includes(group)
}

export function offersFacet(provider: { functions: string[]; topics: string[] }, facet: Facet): boolean {
  if (facet.kind === 'function') return provider.functions.includes(facet.code)
  if (facet.kind === 'topic') return provider.topics.includes(facet.code)
  return true
}

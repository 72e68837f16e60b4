import type { CoverageArea, CoverageCell } from '../api/coverage-types'
import { providerLevels } from './coverage-state'

/**
 * Need beside supply (docs/decisions/0017): the IMD overlay's classes and the table's
 * "deprived and thin" order, as plain functions of the coverage answer.
 */

/** The overlay's classes, by the share of people in England's most deprived 20 % of small areas. */
export const imdOverlayClasses = [
  { id: 'imd-high', minShare20: 0.4, stroke: '#6f1d8a', weight: 4.5, dashArray: undefined },
  { id: 'imd-mid', minShare20: 0.2, stroke: '#6f1d8a', weight: 2.5, dashArray: '6 4' },
] as const
export type ImdOverlayClass = (typeof imdOverlayClasses)[number]

export function imdOverlayClassOf(share20: number | null | undefined): ImdOverlayClass | undefined {
  if (share20 === null || share20 === undefined) return undefined
  return imdOverlayClasses.find((c) => share20 >= c.minShare20)
}

/** A map feature's share in the most deprived 20 % (the coverage layer carries it as `imdShare20`). */
export const share20OfProperties = (props: Record<string, unknown>): number | null =>
  typeof props.imdShare20 === 'number' ? props.imdShare20 : null

/** The level of the areas listed (hexagons are neighbourhood areas). */
const levelRank = (level: string) =>
  providerLevels.indexOf((level === 'hex' ? 'neighbourhood' : level) as (typeof providerLevels)[number])

/**
 * Thin: the support counted for the chosen facet and group comes only from a level more distant
 * than the area's own (a district served only by county, regional or national bodies), or there is
 * none. Outside the directory's nations nothing is thin (not in the directory, not a gap).
 */
export function isThin(area: CoverageArea, cell: CoverageCell | undefined, areaLevel: string): boolean {
  if (!area.inDirectory) return false
  if (!cell?.depth) return true
  return providerLevels.indexOf(cell.depth) > levelRank(areaLevel)
}

/**
 * The "deprived and thin" order: thin areas with figures first, most deprived (lowest
 * population-weighted rank) first; then the other areas with figures, most deprived first; areas
 * without figures (outside England, wards) last.
 */
export function deprivedAndThinValue(area: CoverageArea, cell: CoverageCell | undefined, areaLevel: string) {
  const rank = area.deprivation.figures?.weightedRank
  if (rank === undefined) return 2_000_000
  return (isThin(area, cell, areaLevel) ? 0 : 1_000_000) + rank
}

export const percent = (share: number) => `${Math.round(share * 1000) / 10} %`

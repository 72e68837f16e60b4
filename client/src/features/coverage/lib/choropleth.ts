import type { CoverageCell } from '../api/coverage-types'
import type { Measure } from './coverage-state'

/**
 * Choropleth classes. Colours are steps of colour-blind-safe scales (cividis for depth, viridis for
 * counts), and every class also has its own texture and a text label, so no meaning rests on
 * colour alone. The "nothing" class is white with a cross-hatch.
 */
export interface ChoroplethClass {
  id: string
  colour: string
  /** Texture drawn over the colour: none, dots, horizontal, diagonal, vertical or cross-hatch lines. */
  texture: 'none' | 'dots' | 'horizontal' | 'diagonal' | 'vertical' | 'cross'
  /** Colour of the texture marks, chosen to show on the fill. */
  ink: string
}

export const depthClasses: readonly ChoroplethClass[] = [
  { id: 'neighbourhood', colour: '#00224e', texture: 'none', ink: '#ffffff' },
  { id: 'local', colour: '#35456c', texture: 'dots', ink: '#ffffff' },
  { id: 'subregional', colour: '#666970', texture: 'horizontal', ink: '#ffffff' },
  { id: 'regional', colour: '#948e77', texture: 'diagonal', ink: '#1a1a1a' },
  { id: 'national', colour: '#c8b866', texture: 'vertical', ink: '#1a1a1a' },
  { id: 'none', colour: '#ffffff', texture: 'cross', ink: '#505a5f' },
]

/** Count bins: 0, 1, 2, 3–4, 5–9, 10 or more. */
export const countClasses: readonly (ChoroplethClass & { min: number; max: number | null })[] = [
  { id: 'c10', min: 10, max: null, colour: '#440154', texture: 'none', ink: '#ffffff' },
  { id: 'c5', min: 5, max: 9, colour: '#3b528b', texture: 'dots', ink: '#ffffff' },
  { id: 'c3', min: 3, max: 4, colour: '#21918c', texture: 'horizontal', ink: '#ffffff' },
  { id: 'c2', min: 2, max: 2, colour: '#5ec962', texture: 'diagonal', ink: '#1a1a1a' },
  { id: 'c1', min: 1, max: 1, colour: '#fde725', texture: 'vertical', ink: '#1a1a1a' },
  { id: 'c0', min: 0, max: 0, colour: '#ffffff', texture: 'cross', ink: '#505a5f' },
]

export function classOf(
  cell: Pick<CoverageCell, 'count' | 'depth'> | undefined,
  measure: Measure,
): ChoroplethClass {
  if (measure === 'depth') {
    return (
      depthClasses.find((c) => c.id === (cell?.depth ?? 'none')) ?? (depthClasses.at(-1) as ChoroplethClass)
    )
  }
  const count = cell?.count ?? 0
  return (
    countClasses.find((c) => count >= c.min && (c.max === null || count <= c.max)) ??
    (countClasses.at(-1) as ChoroplethClass)
  )
}

/**
 * An area in a nation the directory's records do not cover yet (Scotland, Northern Ireland): not a
 * gap, so neither white nor cross-hatched (docs/decisions/0012).
 */
export const notInDirectoryClass: ChoroplethClass = {
  id: 'not-in-directory',
  colour: '#b1b4b6',
  texture: 'dots',
  ink: '#0b0c0c',
}

/** The class of a map-layer feature: "not in the directory" where the coverage layer says so, else by its cell. */
export function featureClassOf(
  properties: Record<string, unknown>,
  cellKey: string,
  measure: Measure,
): ChoroplethClass {
  if (properties.inDirectory === false) return notInDirectoryClass
  return classOf(cellOfProperties(properties, cellKey), measure)
}

/** The id of the SVG pattern that fills a class (defined once on the page by ChoroplethPatterns). */
export const patternId = (c: ChoroplethClass) => `cov-pattern-${c.id}`

/**
 * The count and depth of one coverage column from a map-layer feature's properties
 * (`count:<column>`, `depth:<column>`, as GET /api/tiles/coverage/… gives them).
 */
export function cellOfProperties(
  properties: Record<string, unknown>,
  cellKey: string,
): Pick<CoverageCell, 'count' | 'depth'> {
  const count = properties[`count:${cellKey}`]
  const depth = properties[`depth:${cellKey}`]
  return {
    count: typeof count === 'number' ? count : 0,
    depth: typeof depth === 'string' ? (depth as CoverageCell['depth']) : null,
  }
}

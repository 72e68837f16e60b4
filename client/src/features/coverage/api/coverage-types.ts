/** The coverage API's shapes, as the server declares them (types only: nothing server-side runs here). */
export type {
  AreaProfile,
  AreaRef,
  BaselineResult,
  ByLevel,
  CoverageArea,
  CoverageCell,
  CoverageColumn,
  CoverageLevel,
  CoverageResponse,
  CoveringProvider,
  PublishedCount,
} from '../../../../../server/coverage/coverage-schemas'

import type { CoverageArea } from '../../../../../server/coverage/coverage-schemas'

/** `format=geojson`: one feature per area, the JSON answer's area as its properties. */
export interface CoverageFeatureCollection {
  type: 'FeatureCollection'
  level: string
  suppressed: boolean
  minSharePercent: number
  features: Array<{
    type: 'Feature'
    id: string
    properties: CoverageArea
    geometry: { type: 'MultiPolygon'; coordinates: number[][][][] }
  }>
}

export interface AreaOption {
  code: string
  name: string
  nameCy: string | null
  level: string
  type: string
}

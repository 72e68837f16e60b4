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

export interface AreaOption {
  code: string
  name: string
  nameCy: string | null
  level: string
  type: string
}

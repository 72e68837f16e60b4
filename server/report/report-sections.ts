import type { ReportSection } from './report-section'
import { areaMapSection } from './sections/area-map-section'
import { baselinesSection } from './sections/baselines-section'
import { changeSection } from './sections/change-section'
import { deprivationSection } from './sections/deprivation-section'
import { depthMatrixSection } from './sections/depth-matrix-section'
import { duplicationSection } from './sections/duplication-section'
import { fundingSection } from './sections/funding-section'
import { summarySection } from './sections/summary-section'
import { unmetNeedSection } from './sections/unmet-need-section'

/**
 * The area report's sections, in the order they print: one line each. The data sources section is
 * not listed: the report builds it last, from every section's sources.
 */
export const reportSections: readonly ReportSection[] = [
  summarySection,
  areaMapSection,
  baselinesSection,
  depthMatrixSection,
  duplicationSection,
  unmetNeedSection,
  fundingSection,
  deprivationSection,
  changeSection,
]

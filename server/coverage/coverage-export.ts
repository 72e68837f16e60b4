import { type CsvValue, csvLines } from '../lib/csv'
import type { Feature, FeatureCollection, MultiPolygonGeometry } from '../lib/geometry'
import { COVERAGE_LEVELS, type CoverageArea, type CoverageResponse } from './coverage-schemas'

/**
 * The coverage answer as a GeoJSON FeatureCollection and as CSV: the same figures as the JSON,
 * reshaped, so the three formats cannot disagree.
 */

export type CoverageFeature = Feature<MultiPolygonGeometry, CoverageArea>

export interface CoverageFeatureCollection extends FeatureCollection<MultiPolygonGeometry, CoverageArea> {
  level: CoverageResponse['level']
  within: CoverageResponse['within']
  minSharePercent: number
  suppressed: boolean
  columns: CoverageResponse['columns']
}

/** One feature per area with its display geometry and exactly the JSON answer's area object as properties. */
export function toFeatureCollection(
  response: CoverageResponse,
  geometryOf: (code: string) => MultiPolygonGeometry,
): CoverageFeatureCollection {
  return {
    type: 'FeatureCollection',
    level: response.level,
    within: response.within,
    minSharePercent: response.minSharePercent,
    suppressed: response.suppressed,
    columns: response.columns,
    features: areaFeatures(response.areas, geometryOf),
  }
}

/** One feature per area: its code as the id, the answer's area object as properties, its display geometry. */
export function areaFeatures<A extends { code: string }>(
  areas: readonly A[],
  geometryOf: (code: string) => MultiPolygonGeometry,
): Array<Feature<MultiPolygonGeometry, A>> {
  return areas.map((area) => ({
    type: 'Feature',
    id: area.code,
    properties: area,
    geometry: geometryOf(area.code),
  }))
}

export const CSV_HEADER = [
  'area_code',
  'area_name',
  'area_name_cy',
  'population',
  'function',
  'topic',
  'strand',
  'counted',
  'count',
  ...COVERAGE_LEVELS,
  'depth',
  'per_capita',
  'partial',
  'baseline_status',
  'unmet_need',
  'in_directory',
  // IMD 2019 (England); elsewhere empty, with the reason (docs/decisions/0017).
  'imd_weighted_rank',
  'imd_share_most_deprived_10',
  'imd_share_most_deprived_20',
  'imd_unavailable',
] as const

/** One row per area × column, in the JSON answer's order, with a header line; CRLF line ends (RFC 4180). */
export function toCsv(response: CoverageResponse): string {
  const rows: CsvValue[][] = [[...CSV_HEADER]]
  for (const area of response.areas) {
    for (const cell of area.cells) {
      rows.push([
        area.code,
        area.name,
        area.nameCy,
        area.population,
        cell.function,
        cell.topic,
        cell.strand,
        response.columns.find((c) => c.key === cell.key)?.counted ?? null,
        cell.count,
        ...COVERAGE_LEVELS.map((level) => cell.byLevel[level]),
        cell.depth,
        cell.perCapita,
        cell.partial,
        cell.baseline?.status ?? null,
        area.unmetNeed,
        area.inDirectory ? 'yes' : 'no',
        area.deprivation.figures?.weightedRank ?? null,
        area.deprivation.figures?.shareMostDeprived10 ?? null,
        area.deprivation.figures?.shareMostDeprived20 ?? null,
        area.deprivation.unavailable,
      ])
    }
  }
  // Through the server's one CSV writer and its formula guard (server/lib/csv.ts).
  return csvLines(rows)
}

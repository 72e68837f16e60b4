import { type CsvValue, csvLines } from '../lib/csv'
import type { FeatureCollection, MultiPolygonGeometry } from '../lib/geometry'
import { areaFeatures } from './coverage-export'
import type { AreaChange, ChangesResponse } from './coverage-snapshot-schemas'

/**
 * A comparison of two dates as CSV (one row per change: an area's cell, a baseline result, a
 * provider) and as GeoJSON (the areas that changed, with the JSON answer's area object as
 * properties): the same figures as the JSON, reshaped, so the formats cannot disagree.
 */

export const CHANGES_CSV_HEADER = [
  'kind',
  'code',
  'name',
  'name_cy',
  'function',
  'strand',
  'baseline',
  'before',
  'after',
  'change',
] as const

export function changesCsv(response: ChangesResponse): string {
  const rows: CsvValue[][] = [[...CHANGES_CSV_HEADER]]
  for (const area of response.areas) {
    for (const cell of area.cells) {
      rows.push([
        'area',
        area.code,
        area.name,
        area.nameCy,
        cell.function,
        cell.strand,
        null,
        cell.before,
        cell.after,
        cell.change,
      ])
    }
  }
  for (const b of response.baselines) {
    rows.push([
      'baseline',
      b.area.code,
      b.area.name,
      b.area.nameCy,
      null,
      null,
      b.baseline.key,
      b.before,
      b.after,
      b.after === 'pass' ? 'now-passing' : 'now-failing',
    ])
  }
  const p = response.providers
  const provider = (
    x: { slug: string; name: string },
    before: string | null,
    after: string | null,
    change: string,
  ) => ['provider', x.slug, x.name, null, null, null, null, before, after, change]
  for (const x of p.opened) rows.push(provider(x, x.before, x.status, 'opened'))
  for (const x of p.closed) rows.push(provider(x, x.before, x.status, 'closed'))
  for (const x of p.statusChanged) rows.push(provider(x, x.before, x.status, 'status-changed'))
  for (const x of p.serviceAreaChanged) {
    const added = x.added.map((c) => `+${c}`)
    const removed = x.removed.map((c) => `-${c}`)
    rows.push(
      provider(
        x,
        x.polygonBefore ? 'polygon' : null,
        x.polygonAfter ? 'polygon' : null,
        `service-area ${[...added, ...removed].join(' ')}`.trim(),
      ),
    )
  }
  // Through the server's one CSV writer and its formula guard (server/lib/csv.ts).
  return csvLines(rows)
}

export interface ChangesFeatureCollection extends FeatureCollection<MultiPolygonGeometry, AreaChange> {
  from: ChangesResponse['from']
  to: ChangesResponse['to']
  level: ChangesResponse['level']
  columns: ChangesResponse['columns']
}

export function changesFeatureCollection(
  response: ChangesResponse,
  geometryOf: (code: string) => MultiPolygonGeometry,
): ChangesFeatureCollection {
  return {
    type: 'FeatureCollection',
    from: response.from,
    to: response.to,
    level: response.level,
    columns: response.columns,
    features: areaFeatures(response.areas, geometryOf),
  }
}

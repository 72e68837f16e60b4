import { inputProblem } from '../lib/input-guard'
import type { ImportAdapter, ImportError, ImportParser, ImportRow } from './imports-adapter'

/**
 * GeoJSON: a FeatureCollection, one feature per provider; the properties are the record's fields
 * (coverage areas as `coverageAreas`) and the geometry its drawn area.
 */
export const parseGeoJsonImport: ImportParser = (text) => {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (err) {
    return {
      rows: [],
      errors: [{ row: 0, column: '', message: `not valid JSON: ${(err as Error).message}` }],
    }
  }
  const unstorable = inputProblem(doc)
  if (unstorable)
    return { rows: [], errors: [{ row: 0, column: unstorable.field, message: unstorable.message }] }
  const features = (doc as { type?: unknown; features?: unknown })?.features
  if ((doc as { type?: unknown })?.type !== 'FeatureCollection' || !Array.isArray(features)) {
    return {
      rows: [],
      errors: [{ row: 0, column: 'type', message: 'a GeoJSON FeatureCollection is expected' }],
    }
  }
  const errors: ImportError[] = []
  const rows: ImportRow[] = []
  features.forEach((feature: unknown, i) => {
    const f = feature as { type?: unknown; properties?: unknown; geometry?: unknown }
    if (f?.type !== 'Feature' || typeof f.properties !== 'object' || f.properties === null) {
      errors.push({ row: i + 1, column: 'properties', message: 'each feature needs an object of properties' })
      return
    }
    const { coverageAreas, ...props } = f.properties as Record<string, unknown>
    const input: Record<string, unknown> = {
      topics: [],
      strands: [],
      languages: [],
      formats: [],
      qualityMarks: [],
      membershipBased: false,
      ...props,
      coverage: {
        areas: coverageAreas ?? [],
        ...(f.geometry === null || f.geometry === undefined ? {} : { polygon: f.geometry }),
      },
    }
    rows.push({
      row: i + 1,
      input,
      columnOf: (path) =>
        path.startsWith('coverage.polygon')
          ? `geometry${path.slice('coverage.polygon'.length)}`
          : path.startsWith('coverage.areas')
            ? `properties.coverageAreas${path.slice('coverage.areas'.length)}`
            : `properties.${path}`,
    })
  })
  return { rows, errors }
}

export const geoJsonImport: ImportAdapter = {
  label: 'GeoJSON',
  contentType: /geo\+json/i,
  parse: parseGeoJsonImport,
}

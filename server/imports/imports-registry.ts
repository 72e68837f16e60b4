import { ValidationError } from '../lib/errors'
import type { ImportAdapter } from './imports-adapter'
import { csvImport } from './imports-csv'
import { geoJsonImport } from './imports-geojson'
import { orukImport } from './imports-oruk'

/**
 * The import formats: one line per adapter. The query's `format`, the formats an error lists and
 * the Content-Type a request may name a format by all come from here. (A new format also needs
 * the `import_jobs_format` check in the database to admit it.)
 */
export const importAdapters = {
  csv: csvImport,
  geojson: geoJsonImport,
  oruk: orukImport,
} as const satisfies Record<string, ImportAdapter>

export type ImportFormat = keyof typeof importAdapters

export const IMPORT_FORMATS = Object.keys(importAdapters) as [ImportFormat, ...ImportFormat[]]

/** CSV unless the Content-Type names another format (`application/geo+json`, `...oruk...`). */
export function formatForContentType(contentType: string): ImportFormat {
  for (const format of IMPORT_FORMATS) {
    if (importAdapters[format].contentType?.test(contentType)) return format
  }
  return 'csv'
}

/** The adapter of a format; a format without one is refused with a 400 naming those there are. */
export function importAdapterFor(format: string): ImportAdapter {
  if (!Object.hasOwn(importAdapters, format)) {
    throw new ValidationError(
      `Invalid query: format: ${format} import is not available; formats: ${IMPORT_FORMATS.join(', ')}`,
      [{ field: 'format', message: `${format} import is not available` }],
    )
  }
  return importAdapters[format as ImportFormat]
}

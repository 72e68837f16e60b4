import type { Taxonomy } from '../taxonomy/taxonomy-schemas'

/**
 * The one interface every import format meets: a reader turns a file's text into rows (each with
 * its line or feature number and a way to name a field in the file's own terms) and errors per
 * row; the job runner (imports-service.ts) validates the rows as provider records and writes them.
 * A format is one adapter file plus one line in imports-registry.ts.
 */

/**
 * One record read from a file: where it is (a CSV's line as a spreadsheet numbers it, the header
 * being line 1; a GeoJSON feature's 1-based position), the raw provider object, and how to name a field.
 */
export interface ImportRow {
  row: number
  input: Record<string, unknown>
  /** The file's column (CSV header, GeoJSON property path) for a ProviderInput field path. */
  columnOf: (path: string) => string
  /**
   * Fields the format cannot carry (a CSV has no drawn area) or the row left out (`source` in a
   * download, which publishes no source): an update keeps the record's own value for them.
   */
  keeps?: Array<'source' | 'coverage.polygon'>
  /** The record id a download printed beside the row: checked against the record the slug finds. */
  id?: string
}

/**
 * What a reader may need besides the text: the live taxonomy (ORUK maps its attributes to codes),
 * and where the records came from when the run names it (a harvested feed's URL), for formats whose
 * records carry their source.
 */
export interface ImportParserContext {
  taxonomy: Taxonomy
  source?: string
}

/**
 * A format's reader: file text -> rows, or per-row/file problems it found while reading, and
 * optionally warnings (facts left out or defaulted) that do not stop an import.
 */
export type ImportParser = (
  text: string,
  context: ImportParserContext,
) => {
  rows: ImportRow[]
  errors: ImportError[]
  warnings?: ImportError[]
}

export interface ImportError {
  /** The row's line as a spreadsheet shows it (header = 1) or feature number (0: the file as a whole). */
  row: number
  column: string
  message: string
}
/** A format's reader and how a request names it. */
export interface ImportAdapter {
  /** What the format is, for the list of formats in an error. */
  label: string
  /** A request's Content-Type that means this format when `?format=` is left out. */
  contentType?: RegExp
  parse: ImportParser
}

import { stringify } from 'csv-stringify/sync'

/**
 * The one CSV writer for everything the server sends as CSV (the provider downloads, the coverage
 * export): RFC 4180 quoting, CRLF line ends, and one guard against spreadsheet formula injection,
 * OWASP's: a text cell starting with =, +, -, @, tab or carriage return (or their full-width forms)
 * gets a leading apostrophe, so `-1+1+HYPERLINK(…)` and `+44 …` alike are read as text. Numbers
 * the server computed are written as numbers (a negative longitude stays `-1.75`); anything that
 * came in as text is text, and guarded.
 */

export type CsvValue = string | number | boolean | null | undefined

const options = {
  escape_formulas: true,
  record_delimiter: 'windows',
  // A cell holding a lone \n or \r is quoted too (csv-stringify skips that once record_delimiter is set).
  quote_record_delimiter: true,
  // Booleans as words ("true"/"false"), not csv-stringify's default "1"/"".
  cast: { boolean: (value: boolean) => String(value) },
} as const

/** CSV lines (each ending CRLF) for these rows of cells. */
export function csvLines(rows: CsvValue[][]): string {
  return rows.length === 0 ? '' : stringify(rows, options)
}

/** One CSV line (ending CRLF). */
export function csvLine(cells: CsvValue[]): string {
  return csvLines([cells])
}

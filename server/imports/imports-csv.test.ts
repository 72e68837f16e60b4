import { describe, expect, test } from 'vitest'
import { csvLines } from '../lib/csv'
import { CSV_COLUMNS } from '../providers/provider-csv'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import { parseCsvImport } from './imports-csv'

// The CSV reader does not consult the vocabulary (validation does, later).
const context = { taxonomy: {} as Taxonomy }

/** The download guards formula-like cells with an apostrophe; the import must take it off again. */
describe('CSV import reads back what the CSV writer guarded', () => {
  test.each([
    ['phone', '+44 113 000 0000'],
    ['name', '=SUM(A1) Community Network'],
    ['summary', '-1+1+HYPERLINK("http://evil.example","x")'],
    ['remit', '@ anyone in the district'],
    ['email', '＋fullwidth@example.org'],
  ])('%s %j survives export and import unchanged', (column, value) => {
    const header = CSV_COLUMNS.map(([c]) => c)
    const row = header.map((c) => (c === column ? value : ''))
    const text = csvLines([header, row])
    // The writer did guard it: the cell is not written as it was.
    expect(text).toContain(`'${value.startsWith('"') ? '' : value.slice(0, 1)}`)
    const parsed = parseCsvImport(text, context)
    const field = new Map<string, string>(CSV_COLUMNS).get(column) as string
    expect(parsed.rows[0]?.input[field]).toBe(value)
  })

  test('an apostrophe the author wrote before ordinary text is kept', () => {
    const header = CSV_COLUMNS.map(([c]) => c)
    const row = header.map((c) => (c === 'name' ? "'Tis the season club" : ''))
    const parsed = parseCsvImport(csvLines([header, row]), context)
    expect(parsed.rows[0]?.input.name).toBe("'Tis the season club")
  })
})

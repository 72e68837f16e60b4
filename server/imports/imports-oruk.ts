import { inputProblem } from '../lib/input-guard'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import type { ImportAdapter, ImportError, ImportRow } from './imports-adapter'
import { mapOrukDocument } from './imports-oruk-mapping'

/**
 * The ORUK JSON import adapter: ORUK JSON text -> one import row per mappable service (the
 * mapping is imports-oruk-mapping.ts; the ORUK schemas and vocabularies come from the feed, server/oruk/).
 * A service that cannot become a record is an error on its row; a fact left out or defaulted is a
 * warning (the import's report lists it without stopping the import).
 * Rows carry no id: the importer matches existing records by slug, and our own feed's slugs
 * come back from the organisation's uri.
 */

/** Where a field of our record came from in the ORUK service, to name it in an error. */
const sourceOfField: Array<[string, string]> = [
  ['functions', 'attributes (Support Atlas function)'],
  ['topics', 'attributes (Support Atlas topic)'],
  ['strands', 'attributes (Support Atlas strand)'],
  ['formats', 'attributes (Support Atlas alternative format)'],
  ['level', 'attributes (Support Atlas level)'],
  ['kind', 'attributes (Support Atlas kind)'],
  ['orgType', 'organization.attributes (Support Atlas organisation type)'],
  ['cost', 'cost_options'],
  ['languages', 'languages'],
  ['coverage', 'service_areas'],
  ['openingHours', 'schedules'],
  ['office', 'service_at_locations.location'],
  ['address', 'service_at_locations.location.description'],
  ['phone', 'contacts.phones'],
  ['website', 'url'],
  ['qualityMarks', 'accreditations'],
  ['qualityMarkOther', 'accreditations'],
  ['lastVerifiedAt', 'assured_date'],
  ['mission', 'organization.description'],
  ['charityNumber', 'organization.organization_identifiers'],
  ['companyNumber', 'organization.organization_identifiers'],
  ['slug', 'organization.uri'],
]

export function orukColumnOf(path: string): string {
  const field = path.split('.')[0] ?? path
  const found = sourceOfField.find(([f]) => f === field)
  if (found) return found[1]
  if (['summary', 'description', 'remit', 'limits', 'referralCriteria', 'howToAccess'].includes(field)) {
    return 'description'
  }
  return path
}

export interface OrukParseResult {
  rows: ImportRow[]
  errors: ImportError[]
  warnings: ImportError[]
}

export function orukImportParser(taxonomy: Taxonomy, source = 'oruk-import') {
  return (text: string): OrukParseResult => {
    let document: unknown
    try {
      document = JSON.parse(text)
    } catch (err) {
      return {
        rows: [],
        errors: [{ row: 0, column: '', message: `not valid JSON: ${(err as Error).message}` }],
        warnings: [],
      }
    }
    // NUL or a lone surrogate (escaped in the JSON) cannot be stored; deep nesting is refused too.
    const unstorable = inputProblem(document)
    if (unstorable) {
      return {
        rows: [],
        errors: [{ row: 0, column: unstorable.field, message: unstorable.message }],
        warnings: [],
      }
    }
    const { providers, positions, report } = mapOrukDocument(document, { taxonomy, source })
    if (report.services === 0) {
      return {
        rows: [],
        errors: [
          { row: 0, column: '', message: 'no ORUK services: expected a service, a list page or a package' },
        ],
        warnings: [],
      }
    }
    return {
      rows: providers.map(({ id: _id, ...input }, i) => ({
        row: positions[i] as number,
        input,
        columnOf: orukColumnOf,
      })),
      errors: report.skipped.flatMap((s) =>
        s.reasons.map((reason) => ({
          row: s.position,
          column: 'service',
          message: `${s.name || s.serviceId}: ${reason}`,
        })),
      ),
      warnings: report.unmapped.map((u) => ({
        row: u.position,
        column: u.field,
        message: `${u.value}: ${u.reason}`,
      })),
    }
  }
}

export const orukImport: ImportAdapter = {
  label: 'ORUK JSON',
  contentType: /oruk/i,
  parse: (text, { taxonomy, source }) => orukImportParser(taxonomy, source)(text),
}

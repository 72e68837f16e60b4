import type { ImportError, ImportRow } from '../editing/editing-import'
import { inputProblem } from '../lib/input-guard'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import { mapOrukDocument } from './oruk-import-mapping'

/**
 * The ORUK reader for the bulk importer's format hook (server/editing/editing-import.ts,
 * `registerImportFormat('oruk', ...)`): ORUK JSON text -> one import row per mappable service.
 * A service that cannot become a record is an error on its row; a fact left out or defaulted is a
 * warning (the import's own report has no place for warnings yet, so they come back beside it).
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

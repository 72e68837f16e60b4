import fs from 'node:fs'
import path from 'node:path'
import { Ajv, type ErrorObject } from 'ajv'
import addFormatsModule from 'ajv-formats'

/**
 * Conformance checks for ORUK 3.0 documents, for the tests: JSON Schema validation against the
 * published schemas (../shared/oruk/3.0/schema) and the paging rules the official validator
 * applies, with its verdict (pass / warn / fail) over a set of endpoint answers. Test support
 * only: the server never imports this module (ajv is a development dependency).
 */

// ajv-formats is CommonJS with a default export; under ESM interop it arrives as the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as typeof addFormatsModule

const SCHEMA_BASE = 'https://openreferraluk.org/specifications/3.0/schema/'

/** Which schema validates which endpoint, and whether the official validator requires it. */
export const orukEndpoints = {
  api_details: { schema: 'api_details.json', path: '/', required: true },
  service_list: { schema: 'service_list.json', path: '/services', required: true },
  service: { schema: 'service.json', path: '/services/{id}', required: true },
  organization_list: { schema: 'organization_list.json', path: '/organizations', required: false },
  organization: { schema: 'organization.json', path: '/organizations/{id}', required: false },
  taxonomy_list: { schema: 'taxonomy_list.json', path: '/taxonomies', required: false },
  taxonomy: { schema: 'taxonomy.json', path: '/taxonomies/{id}', required: false },
  taxonomy_term_list: { schema: 'taxonomy_term_list.json', path: '/taxonomy_terms', required: false },
  taxonomy_term: { schema: 'taxonomy_term.json', path: '/taxonomy_terms/{id}', required: false },
  service_at_location_list: {
    schema: 'service_at_location_list.json',
    path: '/service_at_locations',
    required: false,
  },
  service_at_location: {
    schema: 'service_at_location.json',
    path: '/service_at_locations/{id}',
    required: false,
  },
} as const

export type OrukEndpoint = keyof typeof orukEndpoints

/** Keywords of the ORUK schemas that are data-package annotations, not JSON Schema. */
const annotationKeywords = [
  'name',
  'path',
  'datapackage_metadata',
  'datapackage_type',
  'constraints',
  'example',
  'core',
  'tabular_required',
]

/** Formats the ORUK schemas use that JSON Schema does not define: accepted as they are. */
const permissiveFormats = ['csv', 'datetime']

export function createOrukValidator(schemaDir: string) {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, strictTypes: false })
  addFormats(ajv)
  for (const name of permissiveFormats) ajv.addFormat(name, true)
  ajv.addVocabulary(annotationKeywords)
  // Register every schema under its published URL so the relative $refs resolve offline.
  for (const { schema } of Object.values(orukEndpoints)) {
    for (const file of referencedFiles(schemaDir, schema)) {
      if (!ajv.getSchema(SCHEMA_BASE + file)) {
        const json = JSON.parse(fs.readFileSync(path.join(schemaDir, file), 'utf8'))
        ajv.addSchema({ ...json, $id: SCHEMA_BASE + file })
      }
    }
  }

  return {
    /** Schema errors of `body` as an answer of `endpoint` (empty when valid). */
    validate(endpoint: OrukEndpoint, body: unknown): string[] {
      const validator = ajv.getSchema(SCHEMA_BASE + orukEndpoints[endpoint].schema)
      if (!validator) throw new Error(`schema ${orukEndpoints[endpoint].schema} not loaded`)
      if (validator(body)) return []
      return (validator.errors ?? []).map(describe)
    },
  }
}

export type OrukValidator = ReturnType<typeof createOrukValidator>

function describe(e: ErrorObject): string {
  return `${e.instancePath || '(root)'} ${e.message ?? e.keyword}`
}

/** A schema file and every file it references, transitively. */
function referencedFiles(schemaDir: string, file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen
  seen.add(file)
  const text = fs.readFileSync(path.join(schemaDir, file), 'utf8')
  for (const match of text.matchAll(/"\$ref":\s*"\.\/([\w.-]+\.json)"/g)) {
    referencedFiles(schemaDir, match[1] as string, seen)
  }
  return seen
}

interface PageFields {
  total_items?: unknown
  total_pages?: unknown
  page_number?: unknown
  size?: unknown
  first_page?: unknown
  last_page?: unknown
  empty?: unknown
  contents?: unknown
}

/** The paging rules of the ORUK list endpoints: every field present and agreeing with the others. */
export function pagingProblems(body: unknown): string[] {
  const page = (body ?? {}) as PageFields
  const fields = [
    'total_items',
    'total_pages',
    'page_number',
    'size',
    'first_page',
    'last_page',
    'empty',
    'contents',
  ] as const
  const missing = fields.filter((f) => page[f] === undefined)
  if (missing.length > 0) return [`missing paging fields: ${missing.join(', ')}`]
  const { total_items, total_pages, page_number, size, first_page, last_page, empty, contents } = page as {
    total_items: number
    total_pages: number
    page_number: number
    size: number
    first_page: boolean
    last_page: boolean
    empty: boolean
    contents: unknown[]
  }
  const problems: string[] = []
  if (!Array.isArray(contents)) return ['contents is not an array']
  // `size` is not checked against the contents: the spec's schemas call it the page size and its
  // OpenAPI the number of entities on the page, and the validator's own Default answers differ.
  if (!Number.isInteger(size)) problems.push('size is not a whole number')
  if (empty !== (contents.length === 0)) problems.push(`empty is ${empty} with ${contents.length} items`)
  if (first_page !== (page_number === 1)) problems.push(`first_page is ${first_page} on page ${page_number}`)
  if (last_page !== page_number >= total_pages) {
    problems.push(`last_page is ${last_page} on page ${page_number} of ${total_pages}`)
  }
  if (total_items < contents.length)
    problems.push(`total_items ${total_items} is fewer than this page's items`)
  if ((total_items === 0) !== (total_pages === 0)) {
    problems.push(`total_pages ${total_pages} with total_items ${total_items}`)
  }
  return problems
}

const isList = (endpoint: OrukEndpoint) => endpoint.endsWith('_list')

/** Every problem with one answer: its schema errors, and for a list its paging problems. */
export function answerProblems(validator: OrukValidator, endpoint: OrukEndpoint, body: unknown): string[] {
  return [...validator.validate(endpoint, body), ...(isList(endpoint) ? pagingProblems(body) : [])]
}

export type Verdict = 'pass' | 'warn' | 'fail'

/**
 * The official validator's verdict over a set of answers: a problem on a required endpoint (/,
 * /services, /services/{id}) fails the feed; problems only on optional endpoints are warnings.
 */
export function verdictOf(problems: Partial<Record<OrukEndpoint, string[]>>): Verdict {
  const entries = Object.entries(problems) as Array<[OrukEndpoint, string[]]>
  if (entries.some(([e, p]) => orukEndpoints[e].required && p.length > 0)) return 'fail'
  if (entries.some(([, p]) => p.length > 0)) return 'warn'
  return 'pass'
}

import fs from 'node:fs'
import path from 'node:path'
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'

/**
 * The 360Giving Data Standard as published (../shared/360giving, version 1.4.x), loaded from the
 * reference folder at run time, never copied: the package schema `$ref`s the grant schema by a URL
 * that names 1.4.2 while the grant schema's own `$id` names 1.4.3, so the grant schema is registered
 * under the URL the package asks for. Both declare the 2020-12 dialect by its `http://` name, which
 * Ajv knows as `https://`: the schemas are trusted reference files, so they are not themselves
 * validated against the meta-schema. Also read from there: the CSV column titles (the schema's
 * own `title`s, as 360Giving's flatten-tool writes them) and the DEI extension's code list.
 */

// ajv-formats is CommonJS with a default export; under ESM interop it arrives as the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as typeof addFormatsModule

export interface GrantStandard {
  validate: ValidateFunction
  grantSchema: JsonSchema
  /** Every code of the DEI taxonomy (taxonomyCodes.csv). */
  deiCodes: Set<string>
}

export interface JsonSchema {
  title?: string
  type?: string | string[]
  $ref?: string
  $defs?: Record<string, JsonSchema>
  properties?: Record<string, JsonSchema>
  items?: JsonSchema
}

const cache = new Map<string, GrantStandard>()

/** The standard in `dir` (the `360giving` reference folder), compiled once per folder. */
export function loadGrantStandard(dir: string): GrantStandard {
  const key = path.resolve(dir)
  const hit = cache.get(key)
  if (hit) return hit
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(key, file), 'utf8'))
  const packageSchema = read('schema/360-giving-package-schema.json')
  const grantSchema = read('schema/360-giving-schema.json') as JsonSchema
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateSchema: false })
  addFormats(ajv)
  ajv.addSchema(grantSchema, packageSchema.properties.grants.items.$ref)
  const deiCodes = new Set(
    fs
      .readFileSync(path.join(key, 'dei/360-dei/codelists/taxonomyCodes.csv'), 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => /^"?(DEI\d{6})"?/.exec(line)?.[1])
      .filter((c): c is string => c !== undefined),
  )
  const standard = { validate: ajv.compile(packageSchema), grantSchema, deiCodes }
  cache.set(key, standard)
  return standard
}

export interface GrantProblem {
  /** JSON Pointer into the package: `/grants/3/amountAwarded` ('' for the file as a whole). */
  path: string
  message: string
}

/**
 * Ajv's errors as one problem per path and message. A failed `oneOf` reports every branch's errors
 * and then the `oneOf`: the branch that came closest (fewest errors) is kept — a grant to an
 * organisation is not told it lacks `recipientIndividual` — and a date that fits neither of the
 * standard's date forms (each branch one format or pattern error) becomes one message naming both.
 */
export function problemsOf(errors: ErrorObject[] | null | undefined): GrantProblem[] {
  const all = errors ?? []
  const dropped = new Set<ErrorObject>()
  const replaced = new Map<ErrorObject, string>()
  for (const oneOf of all.filter((e) => e.keyword === 'oneOf')) {
    const prefix = `${oneOf.schemaPath}/`
    const branches = new Map<string, ErrorObject[]>()
    for (const e of all) {
      const m = e.schemaPath.startsWith(prefix) ? /^(\d+)\//.exec(e.schemaPath.slice(prefix.length)) : null
      if (m) branches.set(m[1] as string, [...(branches.get(m[1] as string) ?? []), e])
    }
    const sizes = [...branches.values()].map((b) => b.length)
    const fewest = Math.min(...sizes)
    const best = [...branches.values()].filter((b) => b.length === fewest)
    const dateLike = [...branches.values()].every((b) =>
      b.every((e) => e.keyword === 'format' || e.keyword === 'pattern'),
    )
    if (dateLike) {
      for (const b of branches.values()) for (const e of b) dropped.add(e)
      replaced.set(oneOf, 'must be a date written YYYY-MM-DD or a full date-time (2020-03-27T00:00:00+00:00)')
      continue
    }
    dropped.add(oneOf)
    if (best.length === 1)
      for (const b of branches.values()) if (b !== best[0]) for (const e of b) dropped.add(e)
  }
  const out: GrantProblem[] = []
  const seen = new Set<string>()
  for (const e of all) {
    if (dropped.has(e)) continue
    let message = replaced.get(e) ?? e.message ?? 'is not valid'
    if (e.keyword === 'additionalProperties')
      message = `has a field the standard does not define: ${(e.params as { additionalProperty: string }).additionalProperty}`
    if (e.keyword === 'required')
      message = `is missing ${(e.params as { missingProperty: string }).missingProperty}`
    const key = `${e.instancePath}\u0000${message}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push({ path: e.instancePath, message })
  }
  return out
}

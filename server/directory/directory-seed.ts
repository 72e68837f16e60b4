import type { Knex } from 'knex'
import type { DemoDirectory } from '../../seeds/demo/demo-types'
import { fromZodError } from '../lib/errors'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import {
  type PathwayInput,
  type ProviderInput,
  pathwayInputSchema,
  providerInputSchema,
} from './directory-schemas'
import {
  analyzeDirectory,
  deleteProvidersWhereSource,
  insertPathwayRecords,
  insertProviderRecords,
  stableId,
} from './directory-service'

/** Generated benchmark records survive a re-seed; everything else in the directory is the seed's. */
export const GENERATED_SOURCE = 'generated'

export class DirectorySeedError extends Error {
  override name = 'DirectorySeedError'
}

/** Validates every record of a directory through the input schemas; all problems in one error. */
export function validateDirectory(
  taxonomy: Taxonomy,
  directory: DemoDirectory,
): { providers: ProviderInput[]; pathways: PathwayInput[] } {
  const providerSchema = providerInputSchema(taxonomy)
  const pathwaySchema = pathwayInputSchema(taxonomy)
  const problems: string[] = []
  const providers: ProviderInput[] = []
  const seen = new Set<string>()
  directory.providers.forEach((raw, i) => {
    const result = providerSchema.safeParse(raw)
    const label = typeof raw?.slug === 'string' ? raw.slug : `providers[${i}]`
    if (!result.success) problems.push(`${label}: ${fromZodError(result.error, 'record').message}`)
    else if (seen.has(result.data.slug)) problems.push(`${label}: slug used twice`)
    else if (result.data.source === GENERATED_SOURCE)
      problems.push(`${label}: source "${GENERATED_SOURCE}" is reserved`)
    else {
      seen.add(result.data.slug)
      providers.push(result.data)
    }
  })
  const pathways: PathwayInput[] = []
  directory.pathways.forEach((raw, i) => {
    const result = pathwaySchema.safeParse(raw)
    const label = `pathways[${i}] (${raw?.fromSlug} -> ${raw?.toSlug})`
    if (!result.success) problems.push(`${label}: ${fromZodError(result.error, 'pathway').message}`)
    else if (!seen.has(result.data.fromSlug) || !seen.has(result.data.toSlug)) {
      problems.push(`${label}: names a provider that is not in the directory`)
    } else pathways.push(result.data)
  })
  if (problems.length > 0) {
    const shown = problems.slice(0, 25).join('\n  ')
    const more = problems.length > 25 ? `\n  ... and ${problems.length - 25} more` : ''
    throw new DirectorySeedError(`The directory has ${problems.length} invalid record(s):\n  ${shown}${more}`)
  }
  return { providers, pathways }
}

/**
 * Replaces the directory (all but generated records) with `directory`, set-based in one
 * transaction. Ids are derived from slugs, so a re-seed keeps every record's URL.
 */
export async function seedDirectory(
  knex: Knex,
  taxonomy: Taxonomy,
  directory: DemoDirectory,
): Promise<{ providers: number; pathways: number }> {
  const { providers, pathways } = validateDirectory(taxonomy, directory)
  await knex.transaction(async (trx) => {
    await deleteProvidersWhereSource(trx, { except: [GENERATED_SOURCE] })
    await insertProviderRecords(
      trx,
      providers.map((p) => ({ ...p, id: stableId('provider', p.slug) })),
    )
    await insertPathwayRecords(trx, pathways, (p) => stableId('pathway', `${p.fromSlug}>${p.toSlug}`))
  })
  await analyzeDirectory(knex)
  return { providers: providers.length, pathways: pathways.length }
}

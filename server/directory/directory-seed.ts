import type { Knex } from 'knex'
import { fromZodError } from '../lib/errors'
import { analyzeDirectory, deleteProvidersWhereSource } from '../providers/provider-queries'
import type { DirectoryContent } from '../providers/provider-schema'
import {
  type PathwayInput,
  type ProviderInput,
  pathwayInputSchema,
  providerInputSchema,
} from '../providers/provider-schema'
import { insertProviderRecords } from '../providers/provider-writes'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import { GENERATED_SOURCE, generateProviders } from './directory-generator'
import { generatorAreas } from './directory-queries'
import { insertPathwayRecords, stableId } from './directory-service'

export { GENERATED_SOURCE }

export class DirectorySeedError extends Error {
  override name = 'DirectorySeedError'
}

/** Validates every record of a directory through the input schemas; all problems in one error. */
export function validateDirectory(
  taxonomy: Taxonomy,
  directory: DirectoryContent,
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
  directory: DirectoryContent,
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

export interface GenerateOptions {
  count: number
  seed: number
  batchSize?: number
  /** Progress, once per batch. */
  onBatch?: (done: number, total: number) => void
}

/**
 * Replaces the generated (benchmark) records with `count` new ones for `seed`; the demo records
 * are untouched. Each batch is validated through the provider input schema and inserted in its
 * own transaction, with its coverage index and search documents.
 */
export async function replaceGeneratedProviders(
  knex: Knex,
  taxonomy: Taxonomy,
  { count, seed, batchSize = 2000, onBatch }: GenerateOptions,
): Promise<{ providers: number }> {
  const areas = await generatorAreas(knex)
  const schema = providerInputSchema(taxonomy)
  await removeGeneratedProviders(knex)
  let done = 0
  for (const batch of generateProviders(areas, taxonomy, count, batchSize, { seed })) {
    const records = batch.map((raw) => {
      const result = schema.safeParse(raw)
      if (!result.success) {
        throw new DirectorySeedError(`generated ${raw.slug}: ${fromZodError(result.error, 'record').message}`)
      }
      return { ...result.data, id: stableId('provider', result.data.slug) }
    })
    await knex.transaction((trx) => insertProviderRecords(trx, records))
    done += records.length
    onBatch?.(done, count)
  }
  await analyzeDirectory(knex, { vacuum: true })
  return { providers: done }
}

export async function removeGeneratedProviders(knex: Knex): Promise<number> {
  const removed = await knex.transaction((trx) =>
    deleteProvidersWhereSource(trx, { only: [GENERATED_SOURCE] }),
  )
  await analyzeDirectory(knex, { vacuum: true })
  return removed
}

import type { Knex } from 'knex'
import { readTaxonomy, writeTaxonomy } from './taxonomy-queries'
import type { Taxonomy, Vocabulary } from './taxonomy-schemas'
import { loadTaxonomyFile } from './taxonomy-source'

export interface TaxonomyServiceOptions {
  /** How long a read of the vocabulary is reused; editing through `invalidate()` is immediate. */
  cacheSeconds: number
  now?: () => number
}

/**
 * The vocabulary is read on nearly every request (search validates its filters against it) and
 * changes rarely, so it is cached in memory for a short while; a write path calls invalidate().
 */
export function createTaxonomyService(knex: Knex, { cacheSeconds, now = Date.now }: TaxonomyServiceOptions) {
  let cached: { at: number; value: Promise<Taxonomy> } | undefined

  function getTaxonomy(): Promise<Taxonomy> {
    if (!cached || now() - cached.at > cacheSeconds * 1000) {
      const value = readTaxonomy(knex)
      const entry = { at: now(), value }
      cached = entry
      value.catch(() => {
        if (cached === entry) cached = undefined
      })
    }
    return cached.value
  }

  return {
    getTaxonomy,
    /** The codes of one vocabulary, in order. */
    async codes(vocabulary: Vocabulary): Promise<string[]> {
      return (await getTaxonomy())[vocabulary].map((t) => t.code)
    },
    invalidate(): void {
      cached = undefined
    },
  }
}

export type TaxonomyService = ReturnType<typeof createTaxonomyService>

/** Loads taxonomy.md into the vocabulary tables (the seed step and the test template). */
export async function loadTaxonomy(knex: Knex, taxonomyFile: string): Promise<Taxonomy> {
  const taxonomy = loadTaxonomyFile(taxonomyFile)
  await knex.transaction((trx) => writeTaxonomy(trx, taxonomy))
  return taxonomy
}

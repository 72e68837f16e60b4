import { loadTaxonomy } from '../server/taxonomy/taxonomy-service'
import type { SeedStep } from './index'

/** The vocabulary of docs/taxonomy.md (TAXONOMY_FILE) with our Welsh labels; the directory's codes rely on it. */
export const taxonomyStep: SeedStep = {
  name: 'taxonomy',
  async run(db, config) {
    await loadTaxonomy(db.knex, config.taxonomyFile)
  },
}

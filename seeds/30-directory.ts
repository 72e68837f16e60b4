import { seedDirectory } from '../server/directory/directory-seed'
import { readTaxonomy } from '../server/taxonomy/taxonomy-queries'
import { buildDemoDirectory } from './demo/demo-directory'
import type { SeedStep } from './index'

/**
 * The demo directory (seeds/demo/), every record validated through the provider input schema and
 * inserted set-based in one transaction; needs the geography and taxonomy steps before it.
 */
export const directoryStep: SeedStep = {
  name: 'directory',
  async run(db, config, logger) {
    const directory = buildDemoDirectory(config.geoDataDir)
    const counts = await seedDirectory(db.knex, await readTaxonomy(db.knex), directory)
    logger.info(counts, 'demo directory loaded')
    console.log(`  directory: ${counts.providers} providers, ${counts.pathways} referral pathways`)
  },
}

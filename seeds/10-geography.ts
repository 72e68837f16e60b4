import { loadDeprivation } from '../server/deprivation/deprivation-import'
import { seedGeography } from '../server/geo/geo-seed'
import type { SeedStep } from './index'

/**
 * Boundaries, hierarchy, populations and every postcode in GEO_DATA_DIR; then the English Indices
 * of Deprivation 2019 from STATS_DATA_DIR, summed over those districts. Later steps rely on areas.
 */
export const geographyStep: SeedStep = {
  name: 'geography',
  async run(db, config, logger) {
    await seedGeography(db, config, logger)
    const imd = await loadDeprivation(db.knex, config.statsDataDir)
    logger.info(
      { ms: imd.ms, districts: imd.districts, rolledUp: imd.rolledUp },
      'deprivation (IMD 2019) loaded',
    )
  },
}

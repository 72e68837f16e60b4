import { seedGeography } from '../server/geo/geo-seed'
import type { SeedStep } from './index'

/** Boundaries, hierarchy, populations and every postcode in GEO_DATA_DIR; later steps rely on areas. */
export const geographyStep: SeedStep = {
  name: 'geography',
  run: seedGeography,
}

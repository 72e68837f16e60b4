import type { Knex } from 'knex'
import { selectAreaPopulation, selectDeprivation } from './deprivation-queries'

/**
 * Per-head denominators (docs/decisions/0017): the best population to divide by for a strand, and
 * an area's population by age band. Every per-head figure carries the denominator it used.
 *
 * The age bands are those of the IoD2019 denominators (mid-2015, England only): 0–15, 16–59, 60+.
 * A strand detail about children and young people is per child (0–15), one about older people per
 * person aged 60+; every other strand (and none) is per head of the whole population, since the
 * sources hold no count of disabled people, of a faith, of carers and so on by area.
 */

export const POPULATION_BANDS = ['all', '0-15', '16-59', '60+'] as const
export type PopulationBand = (typeof POPULATION_BANDS)[number]

/** Where a population figure comes from. */
export const POPULATION_SOURCES = {
  /** The IoD2019 denominators: ONS mid-2015 estimates summed over English LSOAs. */
  'imd2019-mid-2015': { label: 'ONS mid-2015 population estimates (IoD2019 denominators)', year: 2015 },
  /** lad_population.csv: ONS mid-2011 estimates for England and Wales (areas.population). */
  'ons-mid-2011': { label: 'ONS mid-2011 population estimates', year: 2011 },
} as const
export type PopulationSource = keyof typeof POPULATION_SOURCES

export interface Denominator {
  band: PopulationBand
  source: PopulationSource
  year: number
}

/** Strand codes (and strand-detail codes) that have a narrower denominator than the whole population. */
const BAND_OF_STRAND: Record<string, PopulationBand> = {
  'children-young-people': '0-15',
  'older-people': '60+',
}

/**
 * The best denominator for a strand where one exists: older people → 60+, children and young
 * people → 0–15 (IoD2019 mid-2015 bands); everything else, and no strand, → all ages. A bare
 * `age` covers both ends of life, so it is all ages too.
 */
export function denominatorFor(strand: string | null): Denominator {
  const band = (strand && BAND_OF_STRAND[strand]) || 'all'
  return { band, source: 'imd2019-mid-2015', year: POPULATION_SOURCES['imd2019-mid-2015'].year }
}

/** The whole-population figure an area row holds (coverage's per-capita figures divide by it). */
export const AREA_POPULATION_DENOMINATOR: Denominator = {
  band: 'all',
  source: 'ons-mid-2011',
  year: POPULATION_SOURCES['ons-mid-2011'].year,
}

export interface BandPopulation extends Denominator {
  population: number
}

/**
 * An area's population by band, each with its source and year: the IoD2019 mid-2015 bands for an
 * English area with figures; otherwise only all ages, mid-2011, where the area has one. Undefined
 * for an unknown area.
 */
export async function areaPopulationByBand(
  knex: Knex,
  code: string,
): Promise<Partial<Record<PopulationBand, BandPopulation>> | undefined> {
  const area = await selectAreaPopulation(knex, code)
  if (!area) return undefined
  const imd = (await selectDeprivation(knex, [code])).get(code)
  if (imd) {
    const at = (band: PopulationBand, population: number): BandPopulation => ({
      band,
      population,
      source: 'imd2019-mid-2015',
      year: POPULATION_SOURCES['imd2019-mid-2015'].year,
    })
    return {
      all: at('all', imd.population),
      '0-15': at('0-15', imd.pop_0_15),
      '16-59': at('16-59', imd.pop_16_59),
      '60+': at('60+', imd.pop_60_plus),
    }
  }
  return area.population === null
    ? {}
    : { all: { ...AREA_POPULATION_DENOMINATOR, population: area.population } }
}

/**
 * The population a per-head figure for this strand in this area divides by: the strand's band when
 * the area has it, else all ages (`fallback` says the narrower band was wanted but is not held).
 * Null when the area has no population figure at all.
 */
export async function perHeadBase(
  knex: Knex,
  code: string,
  strand: string | null,
): Promise<(BandPopulation & { fallback: boolean }) | null> {
  const bands = await areaPopulationByBand(knex, code)
  if (!bands) return null
  const wanted = denominatorFor(strand).band
  const exact = bands[wanted]
  if (exact) return { ...exact, fallback: false }
  const all = bands.all
  return all ? { ...all, fallback: wanted !== 'all' } : null
}

import type { DeprivationRow } from './deprivation-queries'

/**
 * How an area's deprivation figures cross the API (coverage, exports, profile, report). Outside
 * England the English index does not apply: `figures` is null with the reason, never a zero.
 */

export const ENGLAND = 'E92000001'

export const DEPRIVATION_SOURCE = {
  name: 'English Indices of Deprivation 2019, MHCLG',
  year: 2019,
  populationYear: 2015,
  attribution:
    'Contains public sector information licensed under the Open Government Licence v3.0. English Indices of Deprivation 2019, MHCLG.',
} as const

/**
 * Why an area has no figures: `outside-england` (Wales, Scotland, Northern Ireland: the English
 * index does not apply), `below-districts` (wards and hexagons: the small areas are not coded to
 * them), `not-loaded` (an English area whose districts have no figures in this database).
 */
export type DeprivationUnavailable = 'outside-england' | 'below-districts' | 'not-loaded'

export interface DeprivationFigures {
  /** Population-weighted average IMD rank of its LSOAs, 1 = most deprived of 32,844. */
  weightedRank: number
  /** Share (0–1) of its people living in LSOAs in England's most deprived 10 % / 20 %. */
  shareMostDeprived10: number
  shareMostDeprived20: number
  lsoaCount: number
  /** Mid-2015 population and its bands (the IoD2019 denominators). */
  population: number
  bands: { '0-15': number; '16-59': number; '60+': number }
  /** Place among the English areas of its type by weighted rank (1 = most deprived). */
  rankAmongType: { rank: number; of: number; type: string }
  /** `lsoas` for a 2013 district; `districts` for an area summed from its districts. */
  derivedFrom: 'lsoas' | 'districts'
}

export interface AreaDeprivation {
  figures: DeprivationFigures | null
  unavailable: DeprivationUnavailable | null
}

const round = (value: number, places: number) => Number(value.toFixed(places))

export function describeDeprivation(
  row: DeprivationRow | undefined,
  nationCode: string | null,
  level: string,
): AreaDeprivation {
  if (row) {
    return {
      unavailable: null,
      figures: {
        weightedRank: round(row.weighted_rank, 1),
        shareMostDeprived10: round(row.share_decile_1, 4),
        shareMostDeprived20: round(row.share_decile_1_2, 4),
        lsoaCount: row.lsoa_count,
        population: row.population,
        bands: { '0-15': row.pop_0_15, '16-59': row.pop_16_59, '60+': row.pop_60_plus },
        rankAmongType: { rank: row.type_rank, of: row.type_count, type: row.type },
        derivedFrom: row.derived_from,
      },
    }
  }
  const unavailable: DeprivationUnavailable =
    nationCode !== null && nationCode !== ENGLAND
      ? 'outside-england'
      : level === 'neighbourhood' || level === 'hex'
        ? 'below-districts'
        : 'not-loaded'
  return { figures: null, unavailable }
}

/** English sentences for the reasons (CSV, report; the client words its own). */
export const UNAVAILABLE_TEXT: Record<DeprivationUnavailable, string> = {
  'outside-england':
    'The English Indices of Deprivation do not apply here (Wales, Scotland and Northern Ireland have their own indices).',
  'below-districts': 'Deprivation figures are given for districts and larger areas, not wards.',
  'not-loaded': 'No deprivation figures are loaded for this area.',
}

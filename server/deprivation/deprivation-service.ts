import type { Knex } from 'knex'
import { NotFoundError } from '../lib/errors'
import { areaPopulationByBand, type BandPopulation, type PopulationBand } from './denominators'
import { type AreaDeprivation, DEPRIVATION_SOURCE, describeDeprivation } from './deprivation-model'
import { selectAreaPopulation, selectDeprivation, selectNationOf } from './deprivation-queries'

export interface AreaDeprivationAnswer {
  code: string
  deprivation: AreaDeprivation
  /** The population by band this area has, each with its source and year (the per-head denominators). */
  populationByBand: Partial<Record<PopulationBand, BandPopulation>>
  source: typeof DEPRIVATION_SOURCE
}

/** Deprivation beside supply: the figures of many areas (coverage) or of one (profile, report). */
export function createDeprivationService(knex: Knex) {
  /** The figures of these areas; an area missing from the answer has none (see describeDeprivation). */
  async function forAreas(
    areas: Array<{ code: string; nationCode: string | null; level: string }>,
  ): Promise<Map<string, AreaDeprivation>> {
    const rows = await selectDeprivation(
      knex,
      areas.map((a) => a.code),
    )
    return new Map(areas.map((a) => [a.code, describeDeprivation(rows.get(a.code), a.nationCode, a.level)]))
  }

  async function forArea(code: string): Promise<AreaDeprivationAnswer> {
    const area = await selectAreaPopulation(knex, code)
    if (!area) throw new NotFoundError(`No area with code ${code}`)
    const nation = await selectNationOf(knex, code)
    const row = (await selectDeprivation(knex, [code])).get(code)
    return {
      code,
      deprivation: describeDeprivation(row, nation, area.level),
      populationByBand: (await areaPopulationByBand(knex, code)) ?? {},
      source: DEPRIVATION_SOURCE,
    }
  }

  return { forAreas, forArea }
}

export type DeprivationService = ReturnType<typeof createDeprivationService>

import type { Knex } from 'knex'
import type { z } from 'zod'
import { areasByCode, selectProvidersCoveringWhole } from './directory-queries'
import type { directoryCoverageSchema } from './directory-schemas'

/**
 * What the directory's content covers, as opposed to what the map covers (docs/decisions/0012).
 * The geography is the whole UK; the records are for the nations in DIRECTORY_NATIONS (England
 * and Wales). A place elsewhere gets an honest answer: which nation it is in, that the directory
 * does not cover it yet, and the bodies recorded as covering that whole nation (SCVO, NICVA...).
 */
export type DirectoryCoverage = z.infer<typeof directoryCoverageSchema>

interface AreaLike {
  code: string
  name: string
  nameCy: string | null
  level: string
}

const ACTIVE = 'active'

/** England and Wales: what the directory's content covers today (DIRECTORY_NATIONS' default). */
export const DEFAULT_DIRECTORY_NATIONS: readonly string[] = ['E92000001', 'W92000004']

function listOfNames(names: string[]): string {
  if (names.length <= 1) return names.join('')
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

export function createDirectoryScope({ knex, nations }: { knex: Knex; nations: readonly string[] }) {
  let coveredNames: Promise<string> | undefined
  function coveredText(): Promise<string> {
    coveredNames ??= areasByCode(knex, [...nations]).then(
      (rows) => listOfNames(nations.map((code) => rows.find((r) => r.code === code)?.name ?? code)),
      (err: unknown) => {
        // Not cached: the next answer asks again.
        coveredNames = undefined
        throw err
      },
    )
    return coveredNames
  }

  return {
    /** The directory's coverage of a place, from its areas (most local first, as geo answers them). */
    async forPlace(areas: readonly AreaLike[]): Promise<DirectoryCoverage> {
      const found = areas.find((a) => a.level === 'national')
      const nation = found ? { code: found.code, name: found.name, nameCy: found.nameCy } : null
      if (nation && nations.includes(nation.code)) {
        return { nation, covered: true, message: null, onwardRoutes: [] }
      }
      const covered = await coveredText()
      const onwardRoutes = nation ? await selectProvidersCoveringWhole(knex, nation.code, ACTIVE) : []
      const message = !nation
        ? `This place is outside the areas Support Atlas knows: the directory's records are for places in ${covered}.`
        : `The directory does not yet cover ${nation.name}: its records are for places in ${covered}. ${
            onwardRoutes.length > 0
              ? `The bodies listed serve the whole of ${nation.name}.`
              : `No body serving the whole of ${nation.name} is recorded yet.`
          }`
      return { nation, covered: false, message, onwardRoutes }
    },
  }
}

export type DirectoryScope = ReturnType<typeof createDirectoryScope>

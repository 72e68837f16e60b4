import type { Knex } from 'knex'
import type { PostcodeStore } from '../../server/geo/postcode-store'
import { loadConfig } from '../../server/lib/config'
import { seededRandom } from '../lib/stats'

/** Indexes (into the given arrays) of the points inside England or Wales. */
export async function pointsInsideNations(knex: Knex, lngs: number[], lats: number[]): Promise<number[]> {
  const result = await knex.raw<{ rows: Array<{ i: number }> }>(
    `SELECT t.i FROM unnest(?::int[], ?::float8[], ?::float8[]) AS t(i, x, y)
     WHERE EXISTS (
       SELECT 1 FROM area_parts p JOIN areas a ON a.code = p.code
       WHERE a.level = 'national' AND ST_Intersects(p.geom, ST_SetSRID(ST_MakePoint(t.x, t.y), 4326))
     )
     ORDER BY t.i`,
    [lngs.map((_, i) => i), lngs, lats],
  )
  return result.rows.map((r) => r.i)
}

/** Postcode areas wholly or mostly in Scotland or Northern Ireland (the directory covers England and Wales). */
const OUTSIDE_DIRECTORY_AREAS = new Set('AB DD DG EH FK G HS IV KA KW KY ML PA PH TD ZE BT'.split(' '))

/**
 * Every k-th postcode of the packed file in key order: the same spread on every run and engine.
 * `englandAndWales` skips the Scottish and Northern Irish postcode areas (search and signposting
 * benchmarks measure the directory, which covers England and Wales).
 */
export function spreadOfPostcodes(
  postcodes: Pick<PostcodeStore, 'size' | 'display'>,
  count: number,
  options: { englandAndWales?: boolean } = {},
): string[] {
  const keep = (pc: string) =>
    !options.englandAndWales || !OUTSIDE_DIRECTORY_AREAS.has(/^[A-Z]+/.exec(pc)?.[0] ?? '')
  const step = Math.max(1, Math.floor(postcodes.size / (count * (options.englandAndWales ? 1.2 : 1))))
  const out: string[] = []
  for (let i = step - 1; i < postcodes.size && out.length < count; i += step) {
    const pc = postcodes.display(i)
    if (keep(pc)) out.push(pc)
  }
  return out
}

/** Where benchmarks find the packed postcode file: DATA_DIR (default ./data) and GEO_DATA_DIR. */
export function benchStoreConfig(): { dataDir: string; geoDataDir: string } {
  return loadConfig({
    GEO_DATA_DIR: process.env.GEO_DATA_DIR ?? '../shared/geo',
    ...(process.env.DATA_DIR ? { DATA_DIR: process.env.DATA_DIR } : {}),
  })
}

/** `count` postcodes drawn at random (seeded) from the whole UK file. */
export function randomPostcodes(
  postcodes: Pick<PostcodeStore, 'size' | 'display'>,
  count: number,
  seed: number,
): string[] {
  const random = seededRandom(seed)
  return Array.from({ length: count }, () => postcodes.display(Math.floor(random() * postcodes.size)))
}

export async function postgisLibVersion(knex: Knex): Promise<string> {
  const result = await knex.raw<{ rows: Array<{ v: string }> }>('SELECT postgis_lib_version() AS v')
  return result.rows[0]?.v ?? 'unknown'
}

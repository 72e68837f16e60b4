import type { Knex } from 'knex'

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

/** Every k-th postcode in key order: the same spread on both engines without loading them all. */
export async function spreadOfPostcodes(knex: Knex, count: number): Promise<string[]> {
  const result = await knex.raw<{ rows: Array<{ display: string }> }>(
    `SELECT display FROM (
       SELECT display, row_number() OVER (ORDER BY postcode) AS n, count(*) OVER () AS total FROM postcodes
     ) x
     WHERE n % greatest(total / ?, 1) = 0
     ORDER BY n
     LIMIT ?`,
    [count, count],
  )
  return result.rows.map((r) => r.display)
}

export async function postgisLibVersion(knex: Knex): Promise<string> {
  const result = await knex.raw<{ rows: Array<{ v: string }> }>('SELECT postgis_lib_version() AS v')
  return result.rows[0]?.v ?? 'unknown'
}

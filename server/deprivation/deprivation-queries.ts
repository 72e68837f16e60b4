import type { Knex } from 'knex'

/** SQL for the deprivation figures (table area_deprivation, docs/decisions/0017). */

/** Sums over the LSOAs of one district: every ratio is a ratio of two of these. */
export interface DistrictSums {
  code: string
  lsoaCount: number
  population: number
  pop0to15: number
  pop16to59: number
  pop60plus: number
  popRankSum: number
  popDecile1: number
  popDecile1to2: number
}

const DERIVED = `
  weighted_rank = pop_rank_sum::double precision / population,
  share_decile_1 = pop_decile_1::double precision / population,
  share_decile_1_2 = pop_decile_1_2::double precision / population`

/**
 * Writes the districts' sums (one statement), then every area whose districts all have figures
 * (a county, upper-tier or combined authority, region, England) gets their sums: exactly the
 * figures summed over its LSOAs, since every measure is a ratio of sums.
 */
export async function replaceDeprivation(
  trx: Knex,
  districts: DistrictSums[],
): Promise<{ districts: number; rolledUp: number; unmatched: string[] }> {
  await trx.raw('DELETE FROM area_deprivation')
  const col = <K extends keyof DistrictSums>(k: K) => districts.map((d) => d[k])
  const inserted = await trx.raw<{ rows: Array<{ area_code: string }> }>(
    `INSERT INTO area_deprivation (area_code, derived_from, lsoa_count, population, pop_0_15, pop_16_59,
       pop_60_plus, pop_rank_sum, pop_decile_1, pop_decile_1_2, weighted_rank, share_decile_1, share_decile_1_2)
     SELECT t.code, 'lsoas', t.n, t.pop, t.p0, t.p16, t.p60, t.prs, t.d1, t.d12, 0, 0, 0
     FROM unnest(?::text[], ?::int[], ?::int[], ?::int[], ?::int[], ?::int[], ?::bigint[], ?::int[], ?::int[])
       AS t(code, n, pop, p0, p16, p60, prs, d1, d12)
     JOIN areas a ON a.code = t.code AND a.level = 'local'
     RETURNING area_code`,
    [
      col('code'),
      col('lsoaCount'),
      col('population'),
      col('pop0to15'),
      col('pop16to59'),
      col('pop60plus'),
      col('popRankSum').map(String),
      col('popDecile1'),
      col('popDecile1to2'),
    ],
  )
  const rolled = await trx.raw(
    `INSERT INTO area_deprivation (area_code, derived_from, lsoa_count, population, pop_0_15, pop_16_59,
       pop_60_plus, pop_rank_sum, pop_decile_1, pop_decile_1_2, weighted_rank, share_decile_1, share_decile_1_2)
     SELECT c.ancestor_code, 'districts', sum(d.lsoa_count), sum(d.population), sum(d.pop_0_15),
       sum(d.pop_16_59), sum(d.pop_60_plus), sum(d.pop_rank_sum), sum(d.pop_decile_1), sum(d.pop_decile_1_2), 0, 0, 0
     FROM area_closure c
     JOIN areas l ON l.code = c.descendant_code AND l.level = 'local'
     LEFT JOIN area_deprivation d ON d.area_code = c.descendant_code
     WHERE c.ancestor_code NOT IN (SELECT area_code FROM area_deprivation)
     GROUP BY c.ancestor_code
     HAVING bool_and(d.area_code IS NOT NULL)`,
  )
  await trx.raw(`UPDATE area_deprivation SET ${DERIVED}`)
  const matched = new Set(inserted.rows.map((r) => r.area_code))
  return {
    districts: matched.size,
    rolledUp: rolled.rowCount ?? 0,
    unmatched: districts.map((d) => d.code).filter((c) => !matched.has(c)),
  }
}

export interface DeprivationRow {
  area_code: string
  derived_from: 'lsoas' | 'districts'
  lsoa_count: number
  population: number
  pop_0_15: number
  pop_16_59: number
  pop_60_plus: number
  weighted_rank: number
  share_decile_1: number
  share_decile_1_2: number
  /** 1 = the most deprived among the areas of its type with figures. */
  type_rank: number
  type_count: number
  type: string
}

/** The figures of these areas, each with its place among the areas of its type. */
export async function selectDeprivation(knex: Knex, codes: string[]): Promise<Map<string, DeprivationRow>> {
  if (codes.length === 0) return new Map()
  const result = await knex.raw<{ rows: DeprivationRow[] }>(
    `WITH ranked AS (
       SELECT d.area_code, d.derived_from, d.lsoa_count, d.population, d.pop_0_15, d.pop_16_59, d.pop_60_plus,
         d.weighted_rank, d.share_decile_1, d.share_decile_1_2, a.type,
         rank() OVER (PARTITION BY a.type ORDER BY d.weighted_rank)::int AS type_rank,
         count(*) OVER (PARTITION BY a.type)::int AS type_count
       FROM area_deprivation d JOIN areas a ON a.code = d.area_code
     )
     SELECT * FROM ranked WHERE area_code = ANY(?::text[])`,
    [codes],
  )
  return new Map(result.rows.map((r) => [r.area_code, r]))
}

/** An area's nation (itself when it is one); null for an area under no nation (a hexagon). */
export async function selectNationOf(knex: Knex, code: string): Promise<string | null> {
  const result = await knex.raw<{ rows: Array<{ code: string }> }>(
    `SELECT a.code FROM areas a
     WHERE a.type = 'nation' AND (a.code = ? OR EXISTS (
       SELECT 1 FROM area_closure c WHERE c.ancestor_code = a.code AND c.descendant_code = ?))
     LIMIT 1`,
    [code, code],
  )
  return result.rows[0]?.code ?? null
}

/** The area's type and all-ages population as held on the area (lad_population.csv, mid-2011). */
export async function selectAreaPopulation(
  knex: Knex,
  code: string,
): Promise<{ code: string; type: string; level: string; population: number | null } | undefined> {
  const result = await knex.raw<{
    rows: Array<{ code: string; type: string; level: string; population: number | null }>
  }>('SELECT code, type, level, population FROM areas WHERE code = ?', [code])
  return result.rows[0]
}

import type { Knex } from 'knex'

// ---------- baselines ----------

export interface BaselineRow {
  id: string
  key: string
  label: string
  label_cy: string
  area_level: string
  function_code: string | null
  topic_code: string | null
  group_kind: 'any' | 'generalist' | 'strand'
  strand_code: string | null
  min_count: number
  acceptable_depth: string
  source: string | null
  version: number
  created_at: Date
  updated_at: Date
}

export type BaselineWrite = Omit<BaselineRow, 'id' | 'version' | 'created_at' | 'updated_at'>

const baselineOrder = `(SELECT position FROM taxonomy_levels WHERE code = coverage_baselines.area_level), key`

export async function listBaselines(knex: Knex, level?: string): Promise<BaselineRow[]> {
  const query = knex<BaselineRow>('coverage_baselines').select('*').orderByRaw(baselineOrder)
  if (level) query.where({ area_level: level })
  return query
}

export async function findBaseline(knex: Knex, id: string): Promise<BaselineRow | undefined> {
  return knex<BaselineRow>('coverage_baselines').where({ id }).first()
}

export async function findBaselineByKey(knex: Knex, key: string): Promise<BaselineRow | undefined> {
  return knex<BaselineRow>('coverage_baselines').where({ key }).first()
}

export async function insertBaseline(
  trx: Knex.Transaction,
  row: BaselineWrite & { id?: string },
): Promise<BaselineRow> {
  const [saved] = await trx<BaselineRow>('coverage_baselines').insert(row).returning('*')
  return saved as BaselineRow
}

/** Updates when `version` is still current; undefined when someone else saved first. */
export async function updateBaseline(
  trx: Knex.Transaction,
  id: string,
  version: number,
  row: BaselineWrite,
): Promise<BaselineRow | undefined> {
  const [saved] = await trx<BaselineRow>('coverage_baselines')
    .where({ id, version })
    .update({ ...row, version: version + 1, updated_at: trx.fn.now() as unknown as Date })
    .returning('*')
  return saved
}

export async function deleteBaseline(trx: Knex.Transaction, id: string): Promise<number> {
  return trx('coverage_baselines').where({ id }).delete()
}

export async function replaceAllBaselines(
  trx: Knex.Transaction,
  rows: Array<BaselineWrite & { id: string }>,
): Promise<void> {
  await trx('coverage_baselines').delete()
  if (rows.length > 0) await trx('coverage_baselines').insert(rows)
}

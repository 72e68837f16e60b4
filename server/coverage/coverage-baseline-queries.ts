import type { Knex } from 'knex'

// ---------- baselines ----------

/** Where a baseline applies (issue 17): one nation, or all of them. */
export const baselineScopes = ['england', 'wales', 'scotland', 'northern-ireland', 'all'] as const
export type BaselineScope = (typeof baselineScopes)[number]

/** The nation (GSS code) each single-nation scope names. */
const NATION_OF_SCOPE: Record<Exclude<BaselineScope, 'all'>, string> = {
  england: 'E92000001',
  wales: 'W92000004',
  scotland: 'S92000003',
  'northern-ireland': 'N92000002',
}

/**
 * Whether a baseline of this scope is judged in a place of that nation (null: in no nation, where
 * only rules for all nations apply). The Welsh-language rule applies in Wales only.
 */
export function baselineAppliesIn(scope: BaselineScope, nationCode: string | null): boolean {
  return scope === 'all' || NATION_OF_SCOPE[scope] === nationCode
}

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
  scope: BaselineScope
  min_count: number
  acceptable_depth: string
  source: string | null
  version: number
  created_at: Date
  updated_at: Date
}

/** A write; without `scope` a new rule applies everywhere and an edit keeps the rule's scope. */
export type BaselineWrite = Omit<BaselineRow, 'id' | 'version' | 'created_at' | 'updated_at' | 'scope'> & {
  scope?: BaselineScope
}

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

import type { Knex } from 'knex'
import { GENERATED_SOURCE } from './directory-generator'

/** The `source` of the demo directory's fictional records (seeds/demo). */
export const DEMO_SOURCE = 'demo'

/**
 * Sources of records that describe no real body: the demo's fictional records and generated
 * benchmark records. While any is in the directory, every page says the data is a demonstration
 * (issue 16), so nobody takes its gaps or its bodies for real ones.
 */
export const DEMONSTRATION_SOURCES: readonly string[] = [DEMO_SOURCE, GENERATED_SOURCE]

/** True while the directory holds any demonstration record, of any status (providers_source_idx). */
export async function demonstrationDataPresent(knex: Knex): Promise<boolean> {
  const { rows } = await knex.raw<{ rows: Array<{ present: boolean }> }>(
    'SELECT EXISTS (SELECT 1 FROM providers WHERE source = ANY(?::text[])) AS present',
    [[...DEMONSTRATION_SOURCES]],
  )
  return rows[0]?.present === true
}

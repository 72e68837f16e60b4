import { seedBaselines } from '../server/coverage/coverage-baseline-seed'
import { analyzeCoverage } from '../server/coverage/coverage-queries'
import { rebuildCoverageCells } from '../server/providers/coverage-cells-queries'
import { readTaxonomy } from '../server/taxonomy/taxonomy-queries'
import type { SeedStep } from './index'

/**
 * The baselines of docs/domain.md, and the coverage cells built once, set-based, from the demo
 * directory (cheaper than folding in its records one refresh at a time). Needs the taxonomy and
 * directory steps before it.
 */
export const coverageStep: SeedStep = {
  name: 'coverage',
  async run(db, config, logger) {
    const baselines = await seedBaselines(db.knex, await readTaxonomy(db.knex))
    await db.knex.transaction((trx) => rebuildCoverageCells(trx, config.coverageMinSharePercent / 100))
    await analyzeCoverage(db.knex)
    const { rows } = await db.knex.raw<{ rows: Array<{ n: number }> }>(
      'SELECT count(*)::int AS n FROM coverage_cells',
    )
    logger.info({ baselines, cells: rows[0]?.n }, 'coverage baselines and cells ready')
    console.log(`  coverage: ${baselines} baselines, ${rows[0]?.n ?? 0} coverage cells`)
  },
}

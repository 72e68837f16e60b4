import fs from 'node:fs'
import path from 'node:path'
import { validateDirectory } from '../server/directory/directory-seed'
import { stableId } from '../server/directory/directory-service'
import { defaultStandardDir } from '../server/funding/grants-cli'
import { commitGrantImport, planGrantImport } from '../server/funding/grants-import'
import { loadGrantStandard } from '../server/funding/grants-schema'
import { insertProviderRecords } from '../server/providers/provider-writes'
import { readTaxonomy } from '../server/taxonomy/taxonomy-queries'
import { grantRecipientBodies, grantRecipients } from './demo/demo-grant-recipients'
import type { SeedStep } from './index'

/**
 * Funding flows for the demo (issue 20, decision 0016): the real bodies that received the
 * 360Giving sample grants (seeds/demo/demo-grant-recipients.ts), then the 48 sample grants
 * themselves, read from ../shared/360giving at seed time and imported as `npm run import:360giving`
 * would (validated, matched by org-id, one transaction). Runs after the directory step (which
 * clears every seeded record, these included) and before the coverage step builds the cells.
 */
export const fundingStep: SeedStep = {
  name: 'funding',
  async run(db, config, logger) {
    const standardDir = defaultStandardDir(config)
    const file = path.join(standardDir, 'grants/infrastructure_grants_extract.json')
    const taxonomy = await readTaxonomy(db.knex)
    // NAVCA and NCVO are already demo records (named in the source documents, without registration
    // numbers): they are left as they are, so their grants wait in the editors' unmatched list.
    const held = new Set(
      (
        await db
          .knex('providers')
          .whereIn(
            'slug',
            grantRecipients.map((r) => r.slug),
          )
          .select('slug')
      ).map((r: { slug: string }) => r.slug),
    )
    const { providers } = validateDirectory(taxonomy, {
      providers: grantRecipientBodies(file).filter((p) => !held.has(p.slug)),
      pathways: [],
      districtsWithoutLocalGeneralist: [],
    })
    await db.knex.transaction(async (trx) => {
      await trx('grants').delete()
      await insertProviderRecords(
        trx,
        providers.map((p) => ({ ...p, id: stableId('provider', p.slug) })),
      )
    })
    const plan = await planGrantImport(db.knex, loadGrantStandard(standardDir), {
      text: fs.readFileSync(file, 'utf8'),
      format: 'json',
      file,
    })
    if (plan.report.status !== 'valid')
      throw new Error(`${file}: ${plan.report.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`)
    const report = await commitGrantImport(db.knex, plan, { userId: null, label: 'seed' })
    logger.info(
      { recipients: providers.length, grants: report.totalGrants, matched: report.matched },
      'demo grants loaded',
    )
    console.log(
      `  funding: ${providers.length} grant recipients, ${report.totalGrants} grants (${report.matched['org-id']} matched by org-id)`,
    )
  },
}

import { selectDirectoryVerifiedDate } from './report-queries'
import type { ReportContext, ReportSource } from './report-section'

/** The directory's provider records, dated by the newest verification of any of them. */
export async function directorySource(ctx: ReportContext): Promise<ReportSource> {
  return {
    name: ctx.say({
      en: 'Support Atlas directory: provider records and their service areas',
      cy: 'Cyfeiriadur Support Atlas: cofnodion darparwyr a’u hardaloedd gwasanaeth',
    }),
    date: await selectDirectoryVerifiedDate(ctx.db),
  }
}

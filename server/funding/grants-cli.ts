import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { Knex } from 'knex'
import { formatOfFile } from './grants-file'
import { commitGrantImport, type GrantImportReport, planGrantImport } from './grants-import'
import { loadGrantStandard } from './grants-schema'

/**
 * `npm run import:360giving -- <file.json|file.csv> [--commit] [--json]`, apart from opening the
 * database (scripts/import-360giving.ts does that). A dry run unless --commit. Problems and the
 * summary go to stderr; `--json` prints the report (GrantImportReport) on stdout. Exit 0 when the
 * file is valid (and, with --commit, written), 1 when it is not, 2 on a usage error. Decision 0016.
 */

export const GRANTS_USAGE = 'usage: npm run import:360giving -- <file.json|file.csv> [--commit] [--json]'

export interface GrantsCliOptions {
  file: string
  commit: boolean
  json: boolean
}

export function parseGrantsArgs(argv: string[]): GrantsCliOptions | { usageError: string } {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { commit: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
    })
    if (positionals.length === 0) return { usageError: 'the file to import is missing' }
    if (positionals.length > 1) return { usageError: `unexpected argument "${positionals[1]}"` }
    const file = positionals[0] as string
    if (!formatOfFile(file)) return { usageError: `"${file}" must end .json or .csv (a 360Giving file)` }
    return { file, commit: values.commit ?? false, json: values.json ?? false }
  } catch (err) {
    return { usageError: (err as Error).message }
  }
}

/** The 360Giving reference folder by default: `360giving` beside GEO_DATA_DIR (../shared/360giving). */
export function defaultStandardDir(config: { geoDataDir: string }): string {
  return path.join(path.dirname(path.resolve(config.geoDataDir)), '360giving')
}

export interface GrantsCliContext {
  knex: Knex
  standardDir: string
  out: (text: string) => void
  err: (line: string) => void
}

export async function runGrantsCli(options: GrantsCliOptions, ctx: GrantsCliContext): Promise<number> {
  let text: string
  try {
    text = fs.readFileSync(options.file, 'utf8')
  } catch (error) {
    ctx.err(
      `cannot read ${options.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    )
    return 1
  }
  const standard = loadGrantStandard(ctx.standardDir)
  const plan = await planGrantImport(ctx.knex, standard, {
    text,
    format: formatOfFile(options.file) as 'json' | 'csv',
    file: options.file,
  })
  const report: GrantImportReport =
    options.commit && plan.report.status === 'valid'
      ? await commitGrantImport(ctx.knex, plan, { userId: null, label: 'import' })
      : plan.report
  for (const w of report.warnings) ctx.err(`warning ${where(w)}: ${w.message}`)
  for (const e of report.errors) ctx.err(`error ${where(e)}: ${e.message}`)
  const m = report.matched
  ctx.err(
    report.status === 'invalid'
      ? `${report.file}: ${report.errorCount} error(s) in ${report.totalGrants} grant(s); nothing written`
      : `${report.file}: ${report.totalGrants} grant(s), ${report.creates} new, ${report.updates} already stored; ` +
          `matched by org-id ${m['org-id']}, by charity number ${m['charity-number']}, by an editor ${m.editor}, ` +
          `unmatched or to confirm ${m.unmatched}; ${report.status === 'committed' ? 'written' : 'dry run, nothing written (--commit writes)'}`,
  )
  if (options.json) ctx.out(`${JSON.stringify(report, null, 2)}\n`)
  return report.status === 'invalid' ? 1 : 0
}

const where = (p: { path: string; line?: number }) =>
  `${p.path || '(file)'}${p.line === undefined ? '' : ` (line ${p.line})`}`

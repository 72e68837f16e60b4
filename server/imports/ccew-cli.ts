import path from 'node:path'
import { parseArgs } from 'node:util'
import type { Knex } from 'knex'
import { parsePostcode } from '../geo/postcode'
import { postcodeStore } from '../geo/postcode-store'
import { HttpError } from '../lib/errors'
import type { Taxonomy } from '../taxonomy/taxonomy-schemas'
import type { CcewAction } from './ccew-service'
import { commitCcewPlan, planCcewImport } from './ccew-service'

/**
 * `npm run import:ccew -- --dir <folder> [--commit] [--json] [--reference <folder>]`, apart from
 * opening the database (scripts/import-ccew.ts does that): the arguments, the run, and what is
 * printed — progress and problems on stderr, the report on stdout (`--json`: exactly
 * `{ read, candidates, skipped }`). A dry run unless --commit. Decision 0015.
 */

export const CCEW_USAGE =
  'usage: npm run import:ccew -- --dir <extract folder> [--commit] [--json] [--reference <folder>]'

export interface CcewCliOptions {
  dir: string
  commit: boolean
  json: boolean
  /** The folder holding cc_aoo_to_2013_codes.csv; the caller's default when not given. */
  reference?: string
}

/** The command's options, or the message to print (with the usage) and exit 2 on. */
export function parseCcewArgs(argv: string[]): CcewCliOptions | { usageError: string } {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        dir: { type: 'string' },
        commit: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        reference: { type: 'string' },
      },
    })
    if (positionals.length > 0) return { usageError: `unexpected argument "${positionals[0]}"` }
    if (!values.dir) return { usageError: 'the extract folder is missing: --dir <folder>' }
    return {
      dir: values.dir,
      commit: values.commit ?? false,
      json: values.json ?? false,
      ...(values.reference ? { reference: values.reference } : {}),
    }
  } catch (err) {
    return { usageError: (err as Error).message }
  }
}

/** The reference folder by default: `charity` beside GEO_DATA_DIR (i.e. ../shared/charity). */
export function defaultReferenceDir(config: { geoDataDir: string }): string {
  return path.join(path.dirname(path.resolve(config.geoDataDir)), 'charity')
}

/** A charity's contact postcode -> its point, from the app's postcode store (built when missing). */
export function postcodeLocator(
  config: { dataDir: string; geoDataDir: string },
  log?: (message: string) => void,
): CcewCliContext['locate'] {
  const store = postcodeStore(config, log)
  return (text) => {
    const postcode = parsePostcode(text)
    const found = postcode ? store.locate(postcode) : undefined
    return found ? { lng: found.lng, lat: found.lat } : undefined
  }
}

export interface CcewCliContext {
  knex: Knex
  taxonomy: Taxonomy
  referenceDir: string
  locate: (postcode: string) => { lng: number; lat: number } | undefined
  /** Standard output: the report. */
  out: (text: string) => void
  /** Standard error: progress, problems, the summary. */
  err: (line: string) => void
}

/** Runs the import; answers the exit code (0, or 1 when a commit was refused). */
export async function runCcewCli(options: CcewCliOptions, context: CcewCliContext): Promise<number> {
  const { out, err } = context
  const started = process.hrtime.bigint()
  const plan = await planCcewImport(context.knex, context.taxonomy, {
    dir: options.dir,
    referenceDir: context.referenceDir,
    locate: context.locate,
    onProgress: (line) => err(`  ${line}`),
  })
  for (const p of plan.problems) {
    err(`  problem: ${p.file} #${p.index}${p.field ? `, ${p.field}` : ''}: ${p.message}`)
  }
  for (const n of plan.notes) err(`  note: charity ${n.charityNumber}: ${n.note}`)
  const counts: Record<CcewAction, number> = { create: 0, update: 0, unchanged: 0, close: 0 }
  for (const c of plan.report.candidates) counts[c.action]++
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  err(
    `${plan.report.read} charities read; ${plan.report.candidates.length} candidates: ${counts.create} to create (as drafts), ${counts.update} to update, ${counts.unchanged} unchanged, ${counts.close} to close; ${plan.problems.length} problem(s); ${seconds.toFixed(1)} s`,
  )
  let code = 0
  if (options.commit) {
    try {
      await commitCcewPlan(context.knex, plan)
      err('Committed.')
    } catch (error) {
      if (!(error instanceof HttpError && error.status === 422)) throw error
      err(error.message)
      code = 1
    }
  } else {
    err('Dry run only: add --commit to apply.')
  }
  if (options.json) {
    out(`${JSON.stringify(plan.report, null, 2)}\n`)
  } else {
    const lines = plan.report.candidates.map(
      (c) =>
        `${c.action.padEnd(9)} ${c.charityNumber} ${c.name} (${c.level}; score ${c.score ?? '-'}; ${c.areas.join(' ')})`,
    )
    for (const [reason, n] of Object.entries(plan.report.skipped)) lines.push(`skipped ${n}: ${reason}`)
    out(lines.map((line) => `${line}\n`).join(''))
  }
  return code
}

import type { Knex } from 'knex'
import type { Actor } from '../editing/editing-schemas'
import { HttpError, NotFoundError, ServiceUnavailableError } from '../lib/errors'
import { rejectedIds } from '../providers/source-rejections'
import type { TaxonomyService } from '../taxonomy/taxonomy-service'
import { linkedSlugs, linkHarvested } from './imports-harvest-links'
import { planImport } from './imports-plan'
import {
  failRunningImports,
  findImportJob,
  type ImportJobRow,
  insertImportJob,
  listImportJobs,
  markImportFailed,
  saveImportProgress,
  setImportErrorMessage,
  updateImportJob,
} from './imports-queries'
import { formatForContentType, type ImportFormat, importAdapterFor } from './imports-registry'
import {
  type FailedImport,
  failureMessage,
  type ImportOptions,
  type ImportPhase,
  type ImportProgress,
  type ImportReport,
  type ImportState,
  isConnectionLoss,
  PROGRESS_PERSIST_MS,
  REPORT_MAX_ERRORS,
  type RunInput,
  type RunningImport,
  UNRECORDED_RETRY_MS,
} from './imports-report'
import { writeImport } from './imports-write'

/**
 * Bulk import, the job runner: every import is checked in full first (imports-plan.ts: a dry run
 * reports, per row, create or update and every error with its row and column); a commit applies
 * all rows in one transaction, or none (imports-write.ts). An import runs at once (`run`) or in
 * the background (`start`, then `get` for its progress and report). Formats are adapters
 * (imports-registry.ts).
 */

export function createImportService({
  knex,
  taxonomy,
  options,
  logger,
}: {
  knex: Knex
  taxonomy: TaxonomyService
  options: ImportOptions
  logger?: { error: (obj: object, msg: string) => void }
}) {
  /** Imports under way in this process: their live progress (GET reads this before the table). */
  const running = new Map<string, RunningImport>()
  /**
   * Imports that failed while the database was unreachable, so their failure could not be written:
   * GET answers from here, and the write is retried until the database takes it (a `running` row
   * would otherwise stay `running` until the next process start).
   */
  const unrecorded = new Map<string, { state: FailedImport; err: unknown }>()
  let retryTimer: NodeJS.Timeout | undefined
  function retryUnrecorded(): void {
    if (retryTimer) return
    retryTimer = setTimeout(async () => {
      retryTimer = undefined
      for (const [id, { state, err }] of unrecorded) {
        try {
          await recordFailure(id, err, state.progress)
          unrecorded.delete(id)
        } catch {
          // Still unreachable: try again on the next round.
        }
      }
      if (unrecorded.size > 0) retryUnrecorded()
    }, UNRECORDED_RETRY_MS)
    retryTimer.unref()
  }
  // A second connection can record progress while the commit's transaction holds another; with a
  // pool of one (embedded PGlite) it would wait for the transaction, so progress stays in memory then.
  const poolMax = (knex.client.config as { pool?: { max?: number } }).pool?.max ?? 1
  const canWriteBesideTransaction = poolMax > 1

  /** Progress of one run: kept in memory, persisted (throttled) when a connection is free for it. */
  function tracker(id: string | null) {
    let progress: ImportProgress = { phase: 'parsing', processed: 0, total: 0 }
    let persistedAt = 0
    return {
      get current() {
        return progress
      },
      async set(phase: ImportPhase, processed: number, total: number, inTransaction = false) {
        progress = { phase, processed, total }
        if (id) {
          const job = running.get(id)
          if (job) job.progress = progress
          const now = Date.now()
          if (
            phase !== 'done' &&
            now - persistedAt >= PROGRESS_PERSIST_MS &&
            (!inTransaction || canWriteBesideTransaction)
          ) {
            persistedAt = now
            await saveImportProgress(knex, id, progress)
          }
        }
        await options.onProgress?.(id, progress)
      },
    }
  }

  function toState(job: ImportJobRow): ImportState {
    const live = running.get(job.id)
    if (live) return { ...live }
    const progress = (job.progress as ImportProgress | null) ?? {
      phase: 'done' as const,
      processed: job.total_rows,
      total: job.total_rows,
    }
    const head = {
      id: job.id,
      format: job.format as ImportFormat,
      filename: job.filename,
      mode: job.mode,
    }
    if (job.status === 'running') return { ...head, status: 'running', progress }
    if (job.status === 'failed') {
      return {
        ...head,
        status: 'failed',
        progress,
        error: {
          name: 'ImportFailed',
          message: job.error_message ?? 'The import did not finish; nothing was written.',
        },
      }
    }
    return { ...(job.report as Omit<ImportReport, 'id' | 'progress'>), id: job.id, progress }
  }

  /**
   * Plans and (for a commit of a valid file) applies an import. With `jobId` the import_jobs row
   * exists already (`running`) and is completed here; without, the row is inserted at the end.
   */
  async function execute(
    actor: Actor | null,
    { format, text, commit, filename, source, harvest }: RunInput,
    jobId: string | null,
  ): Promise<ImportReport> {
    const track = tracker(jobId)
    const candidates =
      harvest && source ? { slugByRow: await linkedSlugs(knex, source, harvest.ids) } : undefined
    const planned = await planImport(knex, taxonomy, options, format, text, track, source, candidates)
    const creates = planned.good.filter((g) => !planned.existing.has(g.input.slug))
    const updates = planned.good.filter((g) => planned.existing.has(g.input.slug))
    const invalid = planned.errors.length > 0
    const summary = {
      format,
      filename: filename ?? null,
      mode: commit ? ('commit' as const) : ('dry-run' as const),
      totalRows: planned.rows.length,
      creates: creates.length,
      updates: updates.length,
      unchanged: planned.unchanged,
      errorCount: planned.errors.length,
      errors: planned.errors.slice(0, REPORT_MAX_ERRORS),
      ...(planned.warnings.length > 0 ? { warnings: planned.warnings.slice(0, REPORT_MAX_ERRORS) } : {}),
      rows: planned.report,
    }
    const done: ImportProgress = { phase: 'done', processed: planned.rows.length, total: planned.rows.length }
    const jobFields = (status: 'valid' | 'invalid' | 'committed', report: object) => ({
      format,
      filename: filename ?? null,
      mode: summary.mode,
      status,
      total_rows: summary.totalRows,
      // The report's own counts (what a dry run would do, what a commit did), so the list of
      // imports and each report agree.
      created_rows: creates.length,
      updated_rows: updates.length,
      error_count: summary.errorCount,
      report,
      created_by: actor?.userId ?? null,
      progress: done,
      finished_at: new Date(),
    })
    const saveJob = async (db: Knex | Knex.Transaction, fields: ReturnType<typeof jobFields>) => {
      if (!jobId) return insertImportJob(db, fields)
      return updateImportJob(db, jobId, fields)
    }
    if (!commit || invalid) {
      const status = invalid ? ('invalid' as const) : ('valid' as const)
      const job = await saveJob(knex, jobFields(status, { ...summary, status }))
      running.delete(job.id)
      await track.set('done', done.processed, done.total)
      const report = toState(job) as ImportReport
      if (commit && !jobId) {
        throw new HttpError(
          422,
          'ImportInvalid',
          `Nothing was imported: ${planned.errors.length} error(s), first on row ${planned.errors[0]?.row} column ${planned.errors[0]?.column}: ${planned.errors[0]?.message}`,
          report,
        )
      }
      return report
    }
    const job = await knex.transaction(async (trx) => {
      await writeImport(trx, planned, actor, filename, track)
      if (harvest && source) await linkHarvested(trx, source, planned, harvest)
      return saveJob(trx, jobFields('committed', { ...summary, status: 'committed' }))
    })
    running.delete(job.id)
    await track.set('done', done.processed, done.total)
    return toState(job) as ImportReport
  }

  async function markFailed(id: string, err: unknown): Promise<void> {
    const progress = running.get(id)?.progress ?? null
    running.delete(id)
    await recordFailure(id, err, progress)
  }

  async function recordFailure(id: string, err: unknown, progress: ImportProgress | null): Promise<void> {
    await markImportFailed(knex, id, failureMessage(err), progress)
  }

  return {
    formatFor(contentType: string): ImportFormat {
      return formatForContentType(contentType)
    },

    /**
     * Synchronous: dry run (default) or commit; a commit with any error applies nothing and
     * answers 422; a lost database connection answers 503 (and is recorded as a failed import).
     */
    async run(actor: Actor | null, input: RunInput): Promise<ImportReport> {
      try {
        return await execute(actor, input, null)
      } catch (err) {
        if (err instanceof HttpError) throw err
        logger?.error({ err }, 'import failed')
        const message = failureMessage(err)
        await insertImportJob(knex, {
          format: input.format,
          filename: input.filename ?? null,
          mode: input.commit ? 'commit' : 'dry-run',
          status: 'failed',
          total_rows: 0,
          created_rows: 0,
          updated_rows: 0,
          error_count: 0,
          report: {},
          created_by: actor?.userId ?? null,
          finished_at: new Date(),
        })
          .then((job) => setImportErrorMessage(knex, job.id, message))
          .catch(() => {})
        if (isConnectionLoss(err)) throw new ServiceUnavailableError(message)
        throw err
      }
    },

    /**
     * Asynchronous: records the import as `running` and returns at once; the work goes on in this
     * process and `get` shows its progress, then its report (or `failed` with a message).
     * `finished` settles when the import has (never rejects).
     */
    async start(
      actor: Actor | null,
      input: RunInput,
    ): Promise<{ state: RunningImport; finished: Promise<ImportState> }> {
      importAdapterFor(input.format)
      const progress: ImportProgress = { phase: 'parsing', processed: 0, total: 0 }
      const job = await insertImportJob(knex, {
        format: input.format,
        filename: input.filename ?? null,
        mode: input.commit ? 'commit' : 'dry-run',
        status: 'running',
        total_rows: 0,
        created_rows: 0,
        updated_rows: 0,
        error_count: 0,
        report: {},
        created_by: actor?.userId ?? null,
        progress,
        finished_at: null,
      })
      const state: RunningImport = {
        id: job.id,
        format: input.format,
        filename: job.filename,
        mode: job.mode,
        status: 'running',
        progress,
      }
      running.set(job.id, state)
      const finished = (async (): Promise<ImportState> => {
        try {
          return await execute(actor, input, job.id)
        } catch (err) {
          if (!(err instanceof HttpError && err.status < 500))
            logger?.error({ err, importId: job.id }, 'import failed')
          const progress = running.get(job.id)?.progress ?? state.progress
          try {
            await markFailed(job.id, err)
          } catch (markErr) {
            logger?.error({ err: markErr, importId: job.id }, 'could not record the failed import; retrying')
            unrecorded.set(job.id, {
              err,
              state: {
                ...state,
                status: 'failed',
                progress,
                error: { name: 'ImportFailed', message: failureMessage(err) },
              },
            })
            retryUnrecorded()
          }
          running.delete(job.id)
          const row = await findImportJob(knex, job.id).catch(() => undefined)
          return row
            ? toState(row)
            : {
                ...state,
                status: 'failed',
                error: { name: 'ImportFailed', message: failureMessage(err) },
              }
        }
      })()
      return { state: { ...state }, finished }
    },

    /** Of these ids from a source, those an editor rejected in the review queue. */
    rejected(source: string, ids: string[]): Promise<Set<string>> {
      return rejectedIds(knex, source, ids)
    },

    async get(id: string): Promise<ImportState> {
      const live = running.get(id)
      if (live) return { ...live }
      const failed = unrecorded.get(id)
      if (failed) return { ...failed.state }
      const job = await findImportJob(knex, id)
      if (!job) throw new NotFoundError(`No import ${id}`)
      return toState(job)
    },

    /**
     * At start-up: an import left `running` by a process that stopped cannot finish (its
     * transaction was rolled back with its connection), so it is marked failed.
     */
    async failAbandoned(): Promise<number> {
      return failRunningImports(
        knex,
        [...running.keys()],
        'The server stopped while this import was running; nothing was written. Run the import again.',
      )
    },

    async list() {
      return (await listImportJobs(knex, 100)).map((j) => ({
        id: j.id,
        format: j.format,
        filename: j.filename,
        mode: j.mode,
        status: j.status,
        totalRows: j.total_rows,
        creates: j.created_rows,
        updates: j.updated_rows,
        errorCount: j.error_count,
        createdBy: j.created_by,
        createdAt: j.created_at.toISOString(),
      }))
    },
  }
}

export type ImportService = ReturnType<typeof createImportService>

import type { Knex } from 'knex'

/** SQL for the import jobs: each import's row in `import_jobs` (its report, progress and outcome). */

export interface ImportJobRow {
  id: string
  format: string
  filename: string | null
  mode: 'dry-run' | 'commit'
  status: 'running' | 'valid' | 'invalid' | 'committed' | 'failed'
  total_rows: number
  created_rows: number
  updated_rows: number
  error_count: number
  report: unknown
  created_by: string | null
  created_at: Date
  /** `{ phase, processed, total }` (null on imports from before progress was kept). */
  progress: unknown
  error_message: string | null
  updated_at: Date
  finished_at: Date | null
}

export async function insertImportJob(
  knex: Knex | Knex.Transaction,
  job: Omit<ImportJobRow, 'id' | 'created_at' | 'updated_at' | 'progress' | 'error_message' | 'finished_at'> &
    Partial<Pick<ImportJobRow, 'progress' | 'finished_at'>>,
): Promise<ImportJobRow> {
  const [row] = await knex('import_jobs')
    .insert({
      ...job,
      report: JSON.stringify(job.report),
      progress: job.progress === undefined ? null : JSON.stringify(job.progress),
    })
    .returning('*')
  return row as ImportJobRow
}

export async function findImportJob(knex: Knex, id: string): Promise<ImportJobRow | undefined> {
  return knex<ImportJobRow>('import_jobs').where({ id }).first()
}

export async function listImportJobs(
  knex: Knex,
  limit: number,
): Promise<
  Array<Omit<ImportJobRow, 'report' | 'progress' | 'error_message' | 'updated_at' | 'finished_at'>>
> {
  return knex<ImportJobRow>('import_jobs')
    .select(
      'id',
      'format',
      'filename',
      'mode',
      'status',
      'total_rows',
      'created_rows',
      'updated_rows',
      'error_count',
      'created_by',
      'created_at',
    )
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(limit)
}

/** Completes an import's row (inserted `running` when it started) with its outcome. */
export async function updateImportJob(
  knex: Knex | Knex.Transaction,
  id: string,
  fields: Omit<ImportJobRow, 'id' | 'created_at' | 'updated_at' | 'error_message'>,
): Promise<ImportJobRow> {
  const [row] = await knex('import_jobs')
    .where({ id })
    .update({
      ...fields,
      report: JSON.stringify(fields.report),
      progress: JSON.stringify(fields.progress),
      updated_at: knex.fn.now(),
    })
    .returning('*')
  return row as ImportJobRow
}

/** Progress of an import still running (a finished one keeps the progress it ended with). */
export async function saveImportProgress(knex: Knex, id: string, progress: unknown): Promise<void> {
  await knex('import_jobs')
    .where({ id, status: 'running' })
    .update({ progress: JSON.stringify(progress), updated_at: knex.fn.now() })
}

export async function markImportFailed(
  knex: Knex,
  id: string,
  errorMessage: string,
  progress: unknown | null,
): Promise<void> {
  await knex('import_jobs')
    .where({ id })
    .update({
      status: 'failed',
      error_message: errorMessage,
      progress: progress === null ? null : JSON.stringify(progress),
      updated_at: knex.fn.now(),
      finished_at: knex.fn.now(),
    })
}

export async function setImportErrorMessage(knex: Knex, id: string, errorMessage: string): Promise<void> {
  await knex('import_jobs').where({ id }).update({ error_message: errorMessage })
}

/** Every import still `running` except those named (under way in this process): marked failed. */
export async function failRunningImports(
  knex: Knex,
  exceptIds: string[],
  errorMessage: string,
): Promise<number> {
  return knex('import_jobs')
    .where({ status: 'running' })
    .modify((q) => {
      if (exceptIds.length > 0) q.whereNotIn('id', exceptIds)
    })
    .update({
      status: 'failed',
      error_message: errorMessage,
      updated_at: knex.fn.now(),
      finished_at: knex.fn.now(),
    })
}

import { HttpError } from '../lib/errors'
import type { ImportError } from './imports-adapter'
import type { ImportFormat } from './imports-registry'

/** What an import reports while it runs and when it is done: phases, progress, report, failure. */

export type ImportPhase = 'parsing' | 'validating' | 'writing' | 'indexing' | 'done'

/**
 * How far an import has got. `processed` counts rows within the phase (it starts again at 0 with
 * each phase); `total` is the number of rows that phase goes through (0 while the file is parsed).
 */
export interface ImportProgress {
  phase: ImportPhase
  processed: number
  total: number
}

/**
 * Plain messages for what zod would otherwise word for a developer ("Invalid input: expected
 * string, received undefined"). `{column}` is replaced by the file's column; messages a schema
 * words itself (allowed codes, date format, ...) are kept as they are.
 */

export const IMPORT_PHASES: readonly ImportPhase[] = ['parsing', 'validating', 'writing', 'indexing', 'done']

export interface ImportReport {
  id: string
  format: ImportFormat
  filename: string | null
  mode: 'dry-run' | 'commit'
  status: 'valid' | 'invalid' | 'committed'
  totalRows: number
  creates: number
  updates: number
  errorCount: number
  /** Up to REPORT_MAX_ERRORS errors, in row order. */
  errors: ImportError[]
  /** Facts a reader left out or defaulted (ORUK); they do not stop an import. */
  warnings?: ImportError[]
  rows: Array<{ row: number; slug: string | null; action: 'create' | 'update' | 'invalid' }>
  progress: ImportProgress
}

/** An import still under way (`?async=true`): poll `GET /api/imports/{id}`. */
export interface RunningImport {
  id: string
  format: ImportFormat
  filename: string | null
  mode: 'dry-run' | 'commit'
  status: 'running'
  progress: ImportProgress
}

/** An import that stopped on an error that was not the file's fault; nothing of it was written. */
export interface FailedImport {
  id: string
  format: ImportFormat
  filename: string | null
  mode: 'dry-run' | 'commit'
  status: 'failed'
  progress: ImportProgress
  error: { name: 'ImportFailed'; message: string }
}

export type ImportState = ImportReport | RunningImport | FailedImport

export const REPORT_MAX_ERRORS = 1000
/** Rows per write batch in a commit (progress moves on after each). */
export const IMPORT_WRITE_BATCH = 500
/** Progress is written to import_jobs at most this often while an import runs. */
export const PROGRESS_PERSIST_MS = 250

/** How often a failure that could not be written (the database was down) is written again. */
export const UNRECORDED_RETRY_MS = 1_000

export interface ImportOptions {
  maxRows: number
  polygonMaxVertices: number
  /**
   * Called (and awaited) whenever progress moves on, outside any transaction except during
   * `writing`/`indexing` of a commit. For tests and the command line.
   */
  onProgress?: (id: string | null, progress: ImportProgress) => void | Promise<void>
}

/** The message a failed import shows: what happened and what to do, never SQL or a stack. */
export function failureMessage(err: unknown): string {
  if (err instanceof HttpError && err.status < 500) return err.message
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown }
  const lost =
    (typeof code === 'string' &&
      (/^08/.test(code) || /^57P0[123]$/.test(code) || /^E(CONNRESET|PIPE|CONNREFUSED)$/.test(code))) ||
    (typeof message === 'string' &&
      /Connection terminated|connection .*closed|Client has encountered a connection error/i.test(message))
  return lost
    ? 'The database connection was lost during the import; nothing was written. Run the import again.'
    : 'The import stopped on an unexpected error; nothing was written. Run the import again, or ask an administrator to look at the server log.'
}

export function isConnectionLoss(err: unknown): boolean {
  return failureMessage(err).startsWith('The database connection was lost')
}

/** One import as asked for: the file's text, its format, and whether to commit it. */
export interface RunInput {
  format: ImportFormat
  text: string
  commit: boolean
  filename?: string
  /** Where the records came from (a harvested feed's URL), for formats that record it. */
  source?: string
  /**
   * A harvest into the review queue (decision 0015): the feed's id of each row's service, in row
   * order, and when it was fetched. New services become drafts, a draft stays a draft, and each
   * record is linked (provider_sources) by (source, service id), which also finds it again.
   */
  harvest?: { ids: string[]; fetchedAt: Date }
}

import { z } from 'zod'
import { IMPORT_FORMATS } from './imports-registry'

/** The import API's query and answers (`POST /api/imports`, `GET /api/imports/{id}`). */

export const importQuerySchema = z
  .object({
    format: z
      .enum(IMPORT_FORMATS, { error: `format must be one of ${IMPORT_FORMATS.join(', ')}` })
      .optional(),
    commit: z.enum(['true', 'false'], { error: 'commit must be true or false' }).default('false'),
    filename: z.string().max(200).optional(),
    async: z.enum(['true', 'false'], { error: 'async must be true or false' }).default('false'),
  })
  .strict()

/** `progress` of an import: `processed` of `total` rows in the current phase (0 of 0 while parsing). */
export const importProgressSchema = z.object({
  phase: z.enum(['parsing', 'validating', 'writing', 'indexing', 'done']),
  processed: z.number().int().min(0),
  total: z.number().int().min(0),
})

const importErrorSchema = z.object({ row: z.number().int(), column: z.string(), message: z.string() })

/**
 * An import as `POST /api/imports?async=true` (202) and `GET /api/imports/{id}` return it: while
 * `running` only the head and progress; once finished the full report (or, for `failed`, an error).
 */
export const importStateSchema = z.object({
  id: z.string(),
  format: z.enum(IMPORT_FORMATS),
  filename: z.string().nullable(),
  mode: z.enum(['dry-run', 'commit']),
  status: z.enum(['running', 'valid', 'invalid', 'committed', 'failed']),
  progress: importProgressSchema,
  totalRows: z.number().int().optional(),
  creates: z.number().int().optional(),
  updates: z.number().int().optional(),
  /** Rows matching a record that already holds exactly those values: nothing to write. */
  unchanged: z.number().int().optional(),
  errorCount: z.number().int().optional(),
  errors: z.array(importErrorSchema).optional(),
  warnings: z.array(importErrorSchema).optional(),
  rows: z
    .array(
      z.object({
        row: z.number().int(),
        slug: z.string().nullable(),
        action: z.enum(['create', 'update', 'unchanged', 'invalid']),
      }),
    )
    .optional(),
  error: z.object({ name: z.literal('ImportFailed'), message: z.string() }).optional(),
})

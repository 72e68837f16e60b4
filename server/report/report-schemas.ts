import { z } from 'zod'

export { profileParamsSchema as reportParamsSchema } from '../coverage/coverage-schemas'

export const REPORT_FORMATS = ['html', 'pdf'] as const
export const REPORT_LANGUAGES = ['en', 'cy'] as const

/** GET /api/areas/{code}/report's query: every value checked, never guessed. */
export const reportQuerySchema = z.strictObject(
  {
    format: z
      .enum(REPORT_FORMATS, { error: 'must be html (a web page) or pdf' })
      .default('html')
      .describe('html: a printable web page; pdf: the same, printed by Chromium'),
    lang: z.enum(REPORT_LANGUAGES, { error: 'must be en (English) or cy (Welsh)' }).default('en'),
    since: z.iso
      .date({ error: 'must be a date, YYYY-MM-DD' })
      .refine((d) => d <= new Date().toISOString().slice(0, 10), { error: 'must not be in the future' })
      .optional()
      .describe('"Change since": the date the change sections compare with'),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? 'allowed parameters are format, lang and since' : undefined,
  },
)

export type ReportQuery = z.infer<typeof reportQuerySchema>

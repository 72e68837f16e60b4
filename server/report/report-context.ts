import type { Knex } from 'knex'
import type { AreaProfile } from '../coverage/coverage-schemas'
import type { ReportContext, ReportLanguage } from './report-section'

/** The context every section of one report is built with: its area's profile, language and dates. */
export function createReportContext(input: {
  db: Knex
  profile: AreaProfile
  lang: ReportLanguage
  since: string | null
  generatedAt: Date
}): ReportContext {
  const locale = input.lang === 'cy' ? 'cy-GB' : 'en-GB'
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' })
  return {
    ...input,
    say: (text) => text[input.lang],
    number: (value, options) => new Intl.NumberFormat(locale, options).format(value),
    money: (value) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 }).format(
        value,
      ),
    date: (value) =>
      dateFormat.format(
        typeof value === 'string' && value.length === 10 ? new Date(`${value}T00:00:00Z`) : new Date(value),
      ),
  }
}

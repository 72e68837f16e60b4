import type { Knex } from 'knex'
import type { AreaProfile } from '../coverage/coverage-schemas'

/**
 * The area report (`GET /api/areas/{code}/report`) is an ordered list of sections. Each section is
 * one module that reads what it needs and returns escaped HTML; the report puts them in order,
 * builds the contents and the data-sources list, and prints the PDF. Adding a section is one file
 * and one line in the report's list.
 */

export type ReportLanguage = 'en' | 'cy'

/** A text in both languages; `ctx.say` picks the report's. */
export interface Bilingual {
  en: string
  cy: string
}

export interface ReportContext {
  db: Knex
  /** The area's profile, loaded once for every section (baselines, levels, strands, matrix…). */
  profile: AreaProfile
  lang: ReportLanguage
  /** "Change since": an ISO date (YYYY-MM-DD) the reader chose, or null for none. */
  since: string | null
  generatedAt: Date
  say(text: Bilingual): string
  number(value: number, options?: Intl.NumberFormatOptions): string
  money(value: number): string
  date(value: string | Date): string
}

/** Where a section's figures come from, for the report's "Data sources" list. */
export interface ReportSource {
  name: string
  /** The data's own date (published, extracted, last verified), ISO; null when unknown. */
  date: string | null
  licence?: string
}

export interface ReportSectionResult {
  /** The anchor: lower-case words joined by hyphens, unique in the report. */
  id: string
  heading: string
  body: SafeHtml
  sources: ReportSource[]
}

export interface ReportSection {
  id: string
  /** Null when the section has nothing to say for this area (it is then left out of the report). */
  build(ctx: ReportContext): Promise<ReportSectionResult | null>
}

/** HTML that is already escaped. Only `html` (and the helpers below) make one. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)
}

type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[]

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return ''
  if (value instanceof SafeHtml) return value.value
  if (Array.isArray(value)) return value.map(render).join('')
  return escapeHtml(String(value))
}

/** A tagged template: every interpolation is escaped unless it is SafeHtml (arrays are joined). */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? ''
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '')
  })
  return new SafeHtml(out)
}

export interface BarChartRow {
  label: string
  value: number
}

/**
 * A horizontal bar chart as inline SVG (prints sharply, needs no script). The title names the
 * chart for screen readers; each bar carries its value as text beside it, so nothing depends on colour.
 */
export function svgBarChart(
  rows: readonly BarChartRow[],
  options: { title: string; format?: (value: number) => string; width?: number },
): SafeHtml {
  const width = options.width ?? 560
  const format = options.format ?? ((v: number) => String(v))
  const labelWidth = Math.round(width * 0.38)
  const valueWidth = 90
  const barArea = width - labelWidth - valueWidth
  const rowHeight = 22
  const height = rows.length * rowHeight + 4
  const max = Math.max(0, ...rows.map((r) => r.value))
  const bars = rows.map((row, i) => {
    const y = i * rowHeight + 2
    const w = max > 0 ? Math.max(row.value > 0 ? 1 : 0, Math.round((row.value / max) * barArea)) : 0
    return html`<g><text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end">${row.label}</text><rect x="${labelWidth}" y="${y + 3}" width="${w}" height="${rowHeight - 8}" class="bar"/><text x="${labelWidth + w + 6}" y="${y + 15}">${format(row.value)}</text></g>`
  })
  return html`<svg class="chart" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title>${options.title}</title>${bars}</svg>`
}

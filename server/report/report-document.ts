import { html, type ReportContext, type ReportSectionResult, SafeHtml } from './report-section'

/**
 * The report as one self-contained HTML document: inline CSS with print rules (A4, the wide matrix
 * on a landscape page, headings kept with what follows, table headers repeated on each page), no
 * script and nothing fetched from elsewhere. The PDF's page footer (name, date, page numbers) is
 * Chromium's (report-printer.ts); the web page carries the same words at its end.
 */

const STYLE = `
:root { color: #0b0c0c; font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.4; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem; }
h1 { font-size: 20pt; margin: 0 0 0.3rem; }
h2 { font-size: 14pt; margin: 1.6rem 0 0.5rem; border-bottom: 2px solid #1d70b8; padding-bottom: 0.15rem; break-after: avoid; }
h3 { font-size: 11.5pt; break-after: avoid; }
p { margin: 0.4rem 0; }
.subtitle { font-size: 11pt; margin: 0 0 0.8rem; }
.code { color: #505a5f; font-size: 9pt; }
.note, figcaption { color: #383f43; font-size: 9pt; }
nav ol { margin: 0.3rem 0 0; padding-left: 2.2rem; }
a { color: #1d70b8; }
table { border-collapse: collapse; width: 100%; margin: 0.6rem 0 1rem; font-size: 9.5pt; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.3rem; caption-side: top; }
th, td { border: 1px solid #b1b4b6; padding: 0.25rem 0.4rem; text-align: left; vertical-align: top; }
thead th { background: #f3f2f1; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
table.facts { width: auto; }
table.facts th { background: #f3f2f1; }
.result-fail td strong { color: #a01d12; }
.result-pass td strong { color: #00703c; }
table.matrix { font-size: 7pt; }
table.matrix thead th { vertical-align: bottom; }
table.matrix td.depth-neighbourhood { background: #cce2d8; }
table.matrix td.depth-local { background: #dbe9f5; }
table.matrix td.depth-subregional { background: #eef3f8; }
table.matrix td.depth-none { color: #6f777b; }
figure { margin: 0.5rem 0; break-inside: avoid; }
svg { max-width: 100%; height: auto; break-inside: avoid; }
svg.chart { display: block; margin: 0.5rem 0; font-size: 11px; }
svg.chart .bar { fill: #1d70b8; }
svg.area-map .area { fill: #eef3f8; stroke: #0b0c0c; stroke-width: 1; }
svg.area-map .marker circle { fill: #ffffff; stroke: #0b0c0c; stroke-width: 1.2; }
svg.area-map .marker text { font-size: 9px; font-weight: bold; }
.attribution { font-size: 8pt; color: #383f43; }
footer.report-footer { border-top: 1px solid #b1b4b6; margin-top: 2rem; padding-top: 0.4rem; font-size: 9pt; color: #383f43; }
section.report-section { break-inside: auto; }
#depth { page: wide; }
@page { size: A4; margin: 16mm 14mm 18mm; }
@page wide { size: A4 landscape; margin: 12mm 10mm 16mm; }
@media print {
  body { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  footer.report-footer { display: none; }
}
`

export interface ReportDocumentInput {
  /** "Area report: Bradford (district)". */
  title: string
  /** The area's name and the date, for the footers. */
  footer: string
  sections: ReportSectionResult[]
}

export function reportDocument(ctx: ReportContext, input: ReportDocumentInput): string {
  const contents = ctx.say({ en: 'Contents', cy: 'Cynnwys' })
  const since = ctx.since
    ? html`<p class="subtitle">${ctx.say({ en: `Change since ${ctx.date(ctx.since)}`, cy: `Newid ers ${ctx.date(ctx.since)}` })}</p>`
    : null
  const page = html`<!doctype html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title}</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body>
<header>
<h1>${input.title}</h1>
<p class="subtitle">${ctx.say({
    en: `A review pack from Support Atlas, generated on ${ctx.date(ctx.generatedAt)}.`,
    cy: `Pecyn adolygu gan Support Atlas, a grëwyd ar ${ctx.date(ctx.generatedAt)}.`,
  })}</p>
${since}
<nav aria-labelledby="contents-heading"><h2 id="contents-heading">${contents}</h2><ol>${input.sections.map(
    (s) => html`<li><a href="#${s.id}">${s.heading}</a></li>`,
  )}</ol></nav>
</header>
<main>
${input.sections.map(
  (s) =>
    html`<section class="report-section" id="${s.id}" aria-labelledby="${s.id}-heading"><h2 id="${s.id}-heading">${s.heading}</h2>${s.body}</section>\n`,
)}
</main>
<footer class="report-footer"><p>${input.footer}</p></footer>
</body>
</html>
`
  return page.value
}

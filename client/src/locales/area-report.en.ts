/** English strings of the area report links on the area profile (GET /api/areas/{code}/report). */
export const areaReportEn = {
  heading: 'Review pack',
  intro: 'A printable report of this area for a review partnership, funder or council.',
  since: 'Change since (optional)',
  sinceHint: 'The report compares this area with how it stood on this date.',
  pdf: 'Report (PDF)',
  web: 'Report (web page)',
}

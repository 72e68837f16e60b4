import { describe, expect, test } from 'vitest'
import { areaReportHref } from './area-report-links'

describe('the area report links', () => {
  test('ask for the format and language, and the change-since date only when a whole date is chosen', () => {
    expect(areaReportHref('E08000032', 'pdf', 'cy', '')).toBe(
      '/api/areas/E08000032/report?format=pdf&lang=cy',
    )
    expect(areaReportHref('E08000032', 'html', 'en', '2025-04-01')).toBe(
      '/api/areas/E08000032/report?format=html&lang=en&since=2025-04-01',
    )
    expect(areaReportHref('E08000032', 'html', 'en', '2025-04')).toBe(
      '/api/areas/E08000032/report?format=html&lang=en',
    )
  })
})

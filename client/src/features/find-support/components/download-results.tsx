import { useTranslation } from 'react-i18next'
import { apiUrl } from '../../../lib/api-client'
import { type SearchState, toApiQuery } from '../lib/search-state'

/**
 * "Download all N results: CSV · GeoJSON": the open downloads of exactly this search (every
 * page of it, so the paging parameters are left out), as plain links any keyboard can follow.
 */
export function DownloadResults({ search, total }: { search: SearchState; total: number }) {
  const { t } = useTranslation()
  const { page: _page, perPage: _perPage, ...filters } = toApiQuery(search)
  const href = (format: 'csv' | 'geojson') => apiUrl(`/exports/providers.${format}`, filters)
  return (
    <p className="download-results">
      {t('results.download.label', { total })}{' '}
      <a href={href('csv')} download aria-label={t('results.download.csvName', { total })}>
        {t('results.download.csv')}
      </a>
      {' · '}
      <a href={href('geojson')} download aria-label={t('results.download.geojsonName', { total })}>
        {t('results.download.geojson')}
      </a>
    </p>
  )
}

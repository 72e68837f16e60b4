import L from 'leaflet'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { CircleMarker, GeoJSON, useMap } from 'react-leaflet'
import { BaseMap } from '../../../components/map/base-map'
import { type CoverageFeature, useProviderCoverage } from '../../../lib/provider-coverage'
import type { ProviderDetail } from '../api/provider-types'

const serviceAreaStyle: L.PathOptions = {
  color: '#7a2e8c',
  weight: 2.5,
  dashArray: '6 4',
  fillColor: '#7a2e8c',
  fillOpacity: 0.18,
  interactive: false,
  className: 'service-area',
}

/** Where the provider works, shaded, with its office; the area list above says the same in words. */
export function CoverageMap({ provider }: { provider: ProviderDetail }) {
  const { t } = useTranslation()
  const coverage = useProviderCoverage(provider.id)
  const geometry = coverage.data?.geometry
  return (
    <div className="coverage-map">
      <p role="status" className="map-status">
        {coverage.isPending
          ? t('provider.coverage.loading')
          : coverage.isError
            ? t('provider.coverage.failed')
            : ''}
      </p>
      <section
        className="coverage-map-canvas"
        aria-label={t('provider.coverage.mapLabel', { name: provider.name })}
      >
        <BaseMap>
          {geometry ? (
            <GeoJSON key={coverage.dataUpdatedAt} data={geometry} style={serviceAreaStyle} />
          ) : null}
          {provider.office ? (
            <CircleMarker
              center={[provider.office.lat, provider.office.lng]}
              radius={7}
              interactive={false}
              pathOptions={{ color: '#fff', weight: 2, fillColor: '#1d4f91', fillOpacity: 1 }}
            />
          ) : null}
          <FitTo geometry={geometry} office={provider.office} />
        </BaseMap>
      </section>
      <ul className="coverage-legend">
        <li>
          <svg aria-hidden="true" width="28" height="20" viewBox="0 0 28 20">
            <rect
              x="2"
              y="2"
              width="24"
              height="16"
              fill="#7a2e8c"
              fillOpacity="0.18"
              stroke="#7a2e8c"
              strokeWidth="2.5"
              strokeDasharray="6 4"
            />
          </svg>
          {t('provider.coverage.legendArea')}
        </li>
        {provider.office ? (
          <li>
            <svg aria-hidden="true" width="28" height="20" viewBox="0 0 28 20">
              <circle cx="14" cy="10" r="6" fill="#1d4f91" stroke="#fff" strokeWidth="2" />
            </svg>
            {t('provider.coverage.legendOffice')}
          </li>
        ) : null}
      </ul>
    </div>
  )
}

function FitTo({
  geometry,
  office,
}: {
  geometry: CoverageFeature['geometry'] | undefined
  office: ProviderDetail['office']
}) {
  const map = useMap()
  useEffect(() => {
    const animate = window.matchMedia('(prefers-reduced-motion: reduce)').matches ? { animate: false } : {}
    const bounds = geometry ? L.geoJSON(geometry).getBounds() : L.latLngBounds([])
    if (office) bounds.extend([office.lat, office.lng])
    if (bounds.isValid()) map.fitBounds(bounds.pad(0.05), { maxZoom: 13, ...animate })
  }, [map, geometry, office])
  return null
}

import { useTranslation } from 'react-i18next'

/** What the map's marks mean, by shape and line weight as well as colour. */
export function MapLegend() {
  const { t } = useTranslation()
  return (
    <section className="map-legend" aria-labelledby="map-legend-heading">
      <h2 id="map-legend-heading">{t('map.legend.heading')}</h2>
      <ul>
        <li>
          <svg aria-hidden="true" width="28" height="18" viewBox="0 0 28 18">
            <rect
              x="2"
              y="2"
              width="24"
              height="14"
              fill="#1d4f91"
              fillOpacity="0.08"
              stroke="#1d4f91"
              strokeWidth="1.5"
            />
          </svg>
          {t('map.legend.boundary')}
        </li>
        <li>
          <svg aria-hidden="true" width="28" height="18" viewBox="0 0 28 18">
            <rect
              x="3"
              y="3"
              width="22"
              height="12"
              fill="#a4161a"
              fillOpacity="0.2"
              stroke="#a4161a"
              strokeWidth="4"
            />
          </svg>
          {t('map.legend.selected')}
        </li>
        <li>
          <svg aria-hidden="true" width="28" height="18" viewBox="0 0 28 18">
            <circle cx="14" cy="9" r="6" fill="#ffdd00" stroke="#0b0c0c" strokeWidth="3" />
          </svg>
          {t('map.legend.postcode')}
        </li>
      </ul>
      <p className="hint">{t('map.keyboardHint')}</p>
    </section>
  )
}

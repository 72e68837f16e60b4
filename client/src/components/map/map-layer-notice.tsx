import './map-layer-notice.css'
import { useTranslation } from 'react-i18next'

/** Said over the map when its areas could not be loaded (inside a MapContainer). */
export function MapLayerFailed() {
  const { t } = useTranslation()
  return (
    <p className="map-layer-notice" role="alert">
      {t('map.layerFailed')}
    </p>
  )
}

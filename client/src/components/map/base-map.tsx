import 'leaflet/dist/leaflet.css'
import './base-map.css'
import type { LatLngBoundsExpression } from 'leaflet'
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { MapContainer, ScaleControl, TileLayer, useMap, ZoomControl } from 'react-leaflet'
import { useAppConfig } from '../../lib/app-config'
import { dataAttributionId } from '../layout/site-footer'
import { escapeHtml, tileAttributionHost } from './map-attribution'
import { useMapAttribution } from './use-map-attribution'

/** The bounding box of the loaded boundaries: the UK, from the Isles of Scilly to Shetland and Fermanagh to Suffolk. */
export const ukBounds: LatLngBoundsExpression = [
  [49.86, -8.2],
  [60.86, 1.77],
]

// A failed tile shows this instead of a broken-image icon; data: is allowed by the server's CSP.
const transparentPixel = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7'

interface BaseMapProps {
  children?: ReactNode
}

/**
 * A Leaflet map of the UK with optional background tiles (TILE_URL via /api/config), a scale bar
 * and the data attribution. Without tiles (none configured, or the tile server unreachable) it
 * works on a plain background and says so once, in words, over the map.
 * MapContainer reads its bounds once; move the map with useMap() in child components.
 */
export function BaseMap({ children }: BaseMapProps) {
  const config = useAppConfig()
  const tileUrl = config.data?.tileUrl
  // The first failed tile is enough: later failures change nothing (no repeated notices).
  const [tilesFailed, setTilesFailed] = useState(false)
  const onTilesUnavailable = useCallback(() => setTilesFailed(true), [])
  const backgroundMissing = config.data !== undefined && (!tileUrl || tilesFailed)
  return (
    <MapContainer
      bounds={ukBounds}
      className="base-map"
      minZoom={5}
      maxZoom={18}
      zoomSnap={0.5}
      zoomControl={false}
    >
      <TranslatedControls />
      <ScaleControl position="bottomleft" />
      <DataAttribution />
      {tileUrl ? <BackgroundTiles url={tileUrl} onUnavailable={onTilesUnavailable} /> : null}
      {backgroundMissing ? <BackgroundMissing /> : null}
      {children}
    </MapContainer>
  )
}

/** Said once over a map with no background: what is missing and what is still there. */
function BackgroundMissing() {
  const { t } = useTranslation()
  return <p className="map-background-notice">{t('map.backgroundMissing')}</p>
}

/** Leaflet's zoom buttons and attribution prefix, in the interface language. */
function TranslatedControls() {
  const { t, i18n } = useTranslation()
  const map = useMap()
  useEffect(() => {
    map.attributionControl?.setPrefix('<a href="https://leafletjs.com" lang="en">Leaflet</a>')
  }, [map])
  // Leaflet reads the button titles once: a new language needs new buttons.
  return (
    <ZoomControl key={i18n.resolvedLanguage} zoomInTitle={t('map.zoomIn')} zoomOutTitle={t('map.zoomOut')} />
  )
}

function DataAttribution() {
  const { t } = useTranslation()
  useMapAttribution(
    `${escapeHtml(t('mapAttribution.data'))} · <a href="#${dataAttributionId}">${escapeHtml(t('mapAttribution.full'))}</a>`,
  )
  return null
}

function BackgroundTiles({ url, onUnavailable }: { url: string; onUnavailable: () => void }) {
  const { t } = useTranslation()
  const { osm, host } = tileAttributionHost(url)
  useMapAttribution(
    osm
      ? `<a href="https://www.openstreetmap.org/copyright">${escapeHtml(t('mapAttribution.tilesOsm'))}</a>`
      : escapeHtml(t('mapAttribution.tilesOther', { host })),
  )
  const eventHandlers = useMemo(() => ({ tileerror: onUnavailable }), [onUnavailable])
  return <TileLayer url={url} errorTileUrl={transparentPixel} eventHandlers={eventHandlers} />
}

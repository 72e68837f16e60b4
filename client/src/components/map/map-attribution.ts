import { useEffect } from 'react'
import { useMap } from 'react-leaflet'

/** Leaflet renders attribution as HTML; our strings are text and must stay text. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** Adds an attribution (HTML) to the map's attribution control while mounted. */
export function useMapAttribution(html: string | undefined): void {
  const map = useMap()
  useEffect(() => {
    const control = map.attributionControl
    if (!control || !html) return
    control.addAttribution(html)
    return () => {
      control.removeAttribution(html)
    }
  }, [map, html])
}

/** The attribution a tile server needs: OpenStreetMap's by name, otherwise the host that serves them. */
export function tileAttributionHost(tileUrl: string): { osm: boolean; host: string } {
  try {
    const host = new URL(tileUrl.replace('{s}', 'a')).hostname.replace(/^a\./, '')
    return { osm: /(^|\.)openstreetmap\.(org|fr|de)$/.test(host), host }
  } catch {
    return { osm: false, host: tileUrl }
  }
}

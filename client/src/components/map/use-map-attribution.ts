import { useEffect } from 'react'
import { useMap } from 'react-leaflet'

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

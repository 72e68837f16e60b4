import type L from 'leaflet'
import { useEffect, useState } from 'react'
import { useMap } from 'react-leaflet'
import { type MapViewport, viewportFor } from './viewport-box'

/** The viewport to fetch for a Leaflet map as it is now. */
export function viewportOf(map: L.Map): MapViewport {
  const b = map.getBounds()
  return viewportFor(
    { west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth() },
    map.getZoom(),
  )
}

const sameViewport = (a: MapViewport, b: MapViewport) =>
  a.zoom === b.zoom && a.bbox.every((value, i) => value === b.bbox[i])

/**
 * The map's viewport (inside a MapContainer), updated once the map has stopped moving for
 * `debounceMs`: a drag or a run of zoom clicks makes one request, not one per frame.
 */
export function useMapViewport(debounceMs = 250): MapViewport {
  const map = useMap()
  const [viewport, setViewport] = useState(() => viewportOf(map))
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const changed = () => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        const next = viewportOf(map)
        setViewport((current) => (sameViewport(current, next) ? current : next))
      }, debounceMs)
    }
    map.on('moveend zoomend', changed)
    return () => {
      clearTimeout(timer)
      map.off('moveend zoomend', changed)
    }
  }, [map, debounceMs])
  return viewport
}

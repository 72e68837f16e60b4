import L from 'leaflet'
import { useEffect, useState } from 'react'
import { useMap } from 'react-leaflet'
import type { QueryParams } from '../../lib/api-client'
import { useLayerFeatures } from './get-layer-features'
import { type Box, labelPoint } from './label-point'
import { useMapViewport } from './map-viewport'

/** More areas in view than this and their names would cover the map: none is written until zoomed in. */
export const MAX_AREA_LABELS = 40

interface AreaLabelsProps {
  /** The map layer whose areas are named (an area type: region, county, lad, ward; or coverage). */
  layer: string
  /** The layer's filters, as its features are asked for (the coverage layer's query). */
  filters?: QueryParams
  /** The area's name in the interface language. */
  nameOf(area: { name: string; nameCy: string | null }): string
  /** An area named elsewhere on the map (a selection's own label): not written twice. */
  skipCode?: string
}

/** Writes `text` on the map at `at` (a permanent tooltip that takes no pointer); remove() takes it off. */
export function addMapLabel(
  map: L.Map,
  at: { lat: number; lng: number },
  text: string,
  className = 'area-label',
): L.Tooltip {
  // Text, not HTML: names come from data.
  const content = document.createElement('span')
  content.textContent = text
  return L.tooltip({ permanent: true, direction: 'center', interactive: false, className })
    .setLatLng([at.lat, at.lng])
    .setContent(content)
    .addTo(map)
}

const noFilters: QueryParams = {}

const visibleBox = (map: L.Map): Box => {
  const b = map.getBounds()
  return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
}

/**
 * The names of the layer's areas in view, written on the map (permanent, non-interactive Leaflet
 * tooltips), each inside the visible part of its area. The same viewport answer the boundaries are
 * drawn from (GET /api/tiles/{layer}/features), so no extra request on the embedded engine.
 */
export function AreaLabels({ layer, filters = noFilters, nameOf, skipCode }: AreaLabelsProps) {
  const map = useMap()
  const viewport = useMapViewport()
  const features = useLayerFeatures(layer, viewport, filters)
  // The exact visible box, read when the debounced viewport changes (the fetched one has a margin).
  const [view, setView] = useState<Box>(() => visibleBox(map))
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new viewport means the map has moved
  useEffect(() => setView(visibleBox(map)), [map, viewport])

  useEffect(() => {
    const list = features.data?.features ?? []
    const labels: Array<{ name: string; at: { lat: number; lng: number } }> = []
    for (const feature of list) {
      if (feature.properties.code === skipCode) continue
      const at = labelPoint(feature.geometry, view)
      if (at) labels.push({ name: nameOf(feature.properties), at })
    }
    if (labels.length > MAX_AREA_LABELS) return
    const tooltips = labels.map(({ name, at }) => addMapLabel(map, at, name))
    return () => {
      for (const tooltip of tooltips) tooltip.remove()
    }
  }, [features.data, view, nameOf, skipCode, map])

  return null
}

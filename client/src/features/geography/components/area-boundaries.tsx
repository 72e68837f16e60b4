import type { Feature, Geometry } from 'geojson'
import type L from 'leaflet'
import type { PathOptions } from 'leaflet'
import { useCallback, useEffect, useMemo, useRef } from 'react'
import { GeoJSON, useMap } from 'react-leaflet'
import type { AreaFeatureCollection, AreaSummary } from '../api/geo-types'
import { useAreaName } from '../hooks/use-area-name'

export interface AreaSelection {
  code: string
  /** Fit the map to the area as well as highlighting it. */
  zoom: boolean
}

const baseStyle: PathOptions = { color: '#1d4f91', weight: 1.5, fillColor: '#1d4f91', fillOpacity: 0.08 }
const hoverStyle: PathOptions = { weight: 3, fillOpacity: 0.18 }
const selectedStyle: PathOptions = { color: '#a4161a', weight: 4, fillColor: '#a4161a', fillOpacity: 0.2 }

interface AreaBoundariesProps {
  data: AreaFeatureCollection
  /** Changes whenever `data` does: react-leaflet's GeoJSON redraws only when its key changes. */
  dataKey: string
  selection: AreaSelection | undefined
  onSelect(code: string): void
}

/** The boundaries of one layer, with the area name as a tooltip on hover and on selection. */
export function AreaBoundaries({ data, dataKey, selection, onSelect }: AreaBoundariesProps) {
  const map = useMap()
  const groupRef = useRef<L.GeoJSON>(null)
  const areaName = useAreaName()

  // Leaflet handlers are bound once per drawing; refs let them see the current language and selection.
  const nameRef = useRef(areaName)
  const onSelectRef = useRef(onSelect)
  const selectedCodeRef = useRef(selection?.code)
  useEffect(() => {
    nameRef.current = areaName
    onSelectRef.current = onSelect
    selectedCodeRef.current = selection?.code
  })

  // One registry per drawing, filled as Leaflet creates each feature's layer.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new drawing (dataKey) needs a new registry
  const layersByCode = useMemo(() => new Map<string, L.Polygon>(), [dataKey])

  const onEachFeature = useCallback(
    (feature: Feature<Geometry, AreaSummary>, layer: L.Layer) => {
      const area = feature.properties
      const polygon = layer as L.Polygon
      layersByCode.set(area.code, polygon)
      polygon.bindTooltip(
        () => {
          // Text, not HTML: names come from data.
          const label = document.createElement('span')
          label.textContent = nameRef.current(area)
          return label
        },
        { sticky: true, direction: 'top', className: 'area-tooltip' },
      )
      polygon.on('mouseover', () => {
        if (selectedCodeRef.current !== area.code) polygon.setStyle(hoverStyle)
      })
      polygon.on('mouseout', () => {
        if (selectedCodeRef.current !== area.code) groupRef.current?.resetStyle(polygon)
      })
      polygon.on('click', () => onSelectRef.current(area.code))
      // Leaflet's tooltip focus listeners make every SVG path a tab stop in Chromium: hundreds of them
      // between the map and the rest of the page. Keyboard users reach areas through the table instead.
      polygon.on('add', () => polygon.getElement()?.setAttribute('tabindex', '-1'))
    },
    [layersByCode],
  )

  useEffect(() => {
    if (!selection) return
    const target = layersByCode.get(selection.code)
    if (!target) return
    target.setStyle(selectedStyle)
    target.bringToFront()
    if (selection.zoom) map.fitBounds(target.getBounds(), { maxZoom: 12, ...motion() })
    target.openTooltip(target.getCenter())
    return () => {
      groupRef.current?.resetStyle(target)
      target.closeTooltip()
    }
  }, [selection, layersByCode, map])

  // The tooltip of a selected area stays open: refresh its text when the language changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: areaName is read through nameRef by the tooltip
  useEffect(() => {
    if (!selection) return
    const tooltip = layersByCode.get(selection.code)?.getTooltip()
    if (tooltip?.isOpen()) tooltip.update()
  }, [areaName, selection, layersByCode])

  return <GeoJSON key={dataKey} ref={groupRef} data={data} style={baseStyle} onEachFeature={onEachFeature} />
}

/**
 * Map movement options: Leaflet's own choice (it animates short moves only), or no animation at all
 * for people who ask for reduced motion.
 */
export function motion(): { animate?: false } {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches ? { animate: false } : {}
}

import type { Feature, Geometry } from 'geojson'
import L, { type PathOptions } from 'leaflet'
import { useCallback, useEffect, useMemo, useRef } from 'react'
import { GeoJSON, useMap } from 'react-leaflet'
import { AreaLabels } from '../../../components/map/area-labels'
import {
  type LayerFeatureProperties,
  layerTileUrl,
  useLayerFeatures,
} from '../../../components/map/get-layer-features'
import { LazyVectorTileLayer } from '../../../components/map/lazy-vector-tile-layer'
import { useMapLayerMode } from '../../../components/map/map-layer-mode'
import { MapLayerFailed } from '../../../components/map/map-layer-notice'
import { useMapViewport } from '../../../components/map/map-viewport'
import type { VectorPaint } from '../../../components/map/vector-tile-layer'
import { useArea } from '../api/get-area'
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
  /** The map layer (an area type: region, county, lad, ward) whose boundaries are drawn. */
  layer: string
  selection: AreaSelection | undefined
  onSelect(code: string): void
}

/**
 * The boundaries of one layer for the visible part of the map: vector tiles on the server engine,
 * viewport GeoJSON on the embedded one (GET /api/ready says which). The area name shows as a
 * tooltip on hover and on selection; a selection to zoom to moves the map to the area's bounds.
 */
export function AreaBoundaries({ layer, selection, onSelect }: AreaBoundariesProps) {
  const mode = useMapLayerMode()
  const areaName = useAreaName()
  const map = useMap()
  const area = useArea(selection?.code)
  const bbox = selection?.zoom ? area.data?.bbox : undefined
  useEffect(() => {
    if (!bbox) return
    const [west, south, east, north] = bbox
    map.fitBounds(
      [
        [south, west],
        [north, east],
      ],
      { maxZoom: 12, ...motion() },
    )
  }, [bbox, map])
  if (mode === undefined) return null
  return (
    <>
      {mode === 'mvt' ? (
        <BoundaryTiles layer={layer} selection={selection} onSelect={onSelect} />
      ) : (
        <BoundaryFeatures layer={layer} selection={selection} onSelect={onSelect} />
      )}
      <AreaLabels layer={layer} nameOf={areaName} skipCode={selection?.code} />
    </>
  )
}

let drawings = 0

/** Embedded engine: the layer's areas in the viewport as GeoJSON, fetched again after each move. */
function BoundaryFeatures({ layer, selection, onSelect }: AreaBoundariesProps) {
  const groupRef = useRef<L.GeoJSON>(null)
  const areaName = useAreaName()
  const viewport = useMapViewport()
  const features = useLayerFeatures(layer, viewport, {})

  // Leaflet handlers are bound once per drawing; refs let them see the current language and selection.
  const nameRef = useRef(areaName)
  const onSelectRef = useRef(onSelect)
  const selectedCodeRef = useRef(selection?.code)
  useEffect(() => {
    nameRef.current = areaName
    onSelectRef.current = onSelect
    selectedCodeRef.current = selection?.code
  })

  // react-leaflet's GeoJSON draws once per key: a new answer (not the kept previous one) is a new drawing,
  // with a new registry filled as Leaflet creates each feature's layer.
  // biome-ignore lint/correctness/useExhaustiveDependencies: one drawing per answer object
  const drawing = useMemo(
    () => ({ id: ++drawings, layersByCode: new Map<string, L.Polygon>() }),
    [features.data],
  )
  const { layersByCode } = drawing

  const onEachFeature = useCallback(
    (feature: Feature<Geometry, LayerFeatureProperties>, featureLayer: L.Layer) => {
      const area = feature.properties
      const polygon = featureLayer as L.Polygon
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

  const selectedCode = selection?.code
  useEffect(() => {
    if (!selectedCode) return
    const target = layersByCode.get(selectedCode)
    if (!target) return
    target.setStyle(selectedStyle)
    target.bringToFront()
    target.openTooltip(target.getCenter())
    return () => {
      groupRef.current?.resetStyle(target)
      target.closeTooltip()
    }
  }, [selectedCode, layersByCode])

  // The tooltip of a selected area stays open: refresh its text when the language changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: areaName is read through nameRef by the tooltip
  useEffect(() => {
    if (!selectedCode) return
    const tooltip = layersByCode.get(selectedCode)?.getTooltip()
    if (tooltip?.isOpen()) tooltip.update()
  }, [areaName, selectedCode, layersByCode])

  return (
    <>
      {features.data ? (
        <GeoJSON
          key={`${layer}:${drawing.id}`}
          ref={groupRef}
          data={features.data}
          style={baseStyle}
          onEachFeature={onEachFeature}
        />
      ) : null}
      {features.isError ? <MapLayerFailed /> : null}
    </>
  )
}

/** Server engine: the layer as vector tiles; the selected area outlined and named at its label point. */
function BoundaryTiles({ layer, selection, onSelect }: AreaBoundariesProps) {
  const map = useMap()
  const areaName = useAreaName()
  const url = useMemo(() => layerTileUrl(layer), [layer])
  const selectedCode = selection?.code
  const paint = useMemo(
    (): VectorPaint[] => [
      { fill: 'rgba(29, 79, 145, 0.08)', stroke: '#1d4f91', width: 1.5 },
      ...(selectedCode
        ? [
            {
              filter: (props: LayerFeatureProperties) => props.code === selectedCode,
              fill: 'rgba(164, 22, 26, 0.2)',
              stroke: '#a4161a',
              width: 4,
            },
          ]
        : []),
    ],
    [selectedCode],
  )
  const select = useCallback((props: LayerFeatureProperties) => onSelect(props.code), [onSelect])

  const area = useArea(selectedCode).data
  useEffect(() => {
    if (!area || area.code !== selectedCode) return
    const label = document.createElement('span')
    label.textContent = areaName(area)
    const tooltip = L.tooltip({ permanent: true, direction: 'top', className: 'area-tooltip' })
      .setLatLng([area.labelPoint.lat, area.labelPoint.lng])
      .setContent(label)
      .addTo(map)
    return () => {
      tooltip.remove()
    }
  }, [area, selectedCode, areaName, map])

  return (
    <LazyVectorTileLayer url={url} layerName={layer} paint={paint} describe={areaName} onSelect={select} />
  )
}

/**
 * Map movement options: Leaflet's own choice (it animates short moves only), or no animation at all
 * for people who ask for reduced motion.
 */
export function motion(): { animate?: false } {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches ? { animate: false } : {}
}

import L from 'leaflet'
import { leafletLayer, type PaintRule, PolygonSymbolizer } from 'protomaps-leaflet'
import { useEffect, useRef } from 'react'
import { useMap } from 'react-leaflet'
import type { LayerFeatureProperties } from './get-layer-features'

/** protomaps-leaflet extends the global `L` when a layer is made; our Leaflet is an ES module. */
const globalLeaflet = globalThis as { L?: typeof L }
globalLeaflet.L ??= L

/** One fill rule: features it matches are filled with `fill` (or `pattern`) and outlined. */
export interface VectorPaint {
  /** Which features this rule draws; all of them when absent. */
  filter?(properties: LayerFeatureProperties): boolean
  fill?: string
  /** A repeating image drawn instead of `fill` (a choropleth class's colour and texture). */
  pattern?: CanvasImageSource
  opacity?: number
  stroke: string
  width: number
}

interface VectorTileLayerProps {
  /** Tile address template with {z}, {x} and {y}: a new address makes a new layer. */
  url: string
  /** The MVT layer name inside each tile (the server names it after the layer asked for). */
  layerName: string
  /** Drawn in order: later rules paint over earlier ones (a selection outline last). */
  paint: readonly VectorPaint[]
  /** The text of the hover tooltip for a feature (text, not HTML). */
  describe?(properties: LayerFeatureProperties): string
  onSelect?(properties: LayerFeatureProperties): void
}

type ProtomapsLayer = ReturnType<typeof leafletLayer>

function paintRules(layerName: string, paint: readonly VectorPaint[]): PaintRule[] {
  return paint.map((p) => ({
    dataLayer: layerName,
    symbolizer: new PolygonSymbolizer({
      fill: p.fill,
      pattern: p.pattern,
      opacity: p.opacity,
      stroke: p.stroke,
      width: p.width,
    }),
    filter: p.filter
      ? (_zoom, feature) => p.filter?.(feature.props as LayerFeatureProperties) ?? true
      : undefined,
  }))
}

/**
 * Mapbox Vector Tiles drawn on canvas by protomaps-leaflet (server engine). A click selects the area
 * under the pointer and hovering names it, both found by hit-testing the loaded tile's polygons.
 * Canvas tiles are not keyboard targets: pages keep a table of the same areas for that.
 */
export function VectorTileLayer({ url, layerName, paint, describe, onSelect }: VectorTileLayerProps) {
  const map = useMap()
  const layerRef = useRef<ProtomapsLayer | null>(null)
  const paintRef = useRef(paint)
  /** The paint the layer's tiles were last drawn with: a new layer needs no second drawing of the same. */
  const appliedPaint = useRef<readonly VectorPaint[] | null>(null)
  const describeRef = useRef(describe)
  const onSelectRef = useRef(onSelect)
  useEffect(() => {
    describeRef.current = describe
    onSelectRef.current = onSelect
  })

  useEffect(() => {
    const layer = leafletLayer({
      url,
      paintRules: paintRules(layerName, paintRef.current),
      labelRules: [],
      // Data tiles at the display zoom: the server simplifies per zoom band, so each zoom gets its own detail.
      levelDiff: 0,
      maxDataZoom: 18,
      attribution: '',
      className: 'vector-layer',
    } as Parameters<typeof leafletLayer>[0])
    layer.addTo(map)
    layerRef.current = layer
    appliedPaint.current = paintRef.current

    const featureAt = (latlng: L.LatLng): LayerFeatureProperties | undefined => {
      const picked = layer.queryTileFeaturesDebug(latlng.lng, latlng.lat, 1) as unknown as Map<
        string,
        Array<{ layerName: string; feature: { props: LayerFeatureProperties } }>
      >
      for (const features of picked.values()) {
        const hit = features.find((f) => f.layerName === layerName)
        if (hit) return hit.feature.props
      }
      return undefined
    }
    const tooltip = L.tooltip({ direction: 'top', className: 'area-tooltip', offset: [0, -6] })
    const onClick = (e: L.LeafletMouseEvent) => {
      const props = featureAt(e.latlng)
      if (props) onSelectRef.current?.(props)
    }
    const onMove = (e: L.LeafletMouseEvent) => {
      const props = featureAt(e.latlng)
      const text = props ? describeRef.current?.(props) : undefined
      if (!text) {
        tooltip.remove()
        return
      }
      // Text, not HTML: names come from data.
      const label = document.createElement('span')
      label.textContent = text
      tooltip.setLatLng(e.latlng).setContent(label)
      if (!map.hasLayer(tooltip)) tooltip.addTo(map)
    }
    const onOut = () => tooltip.remove()
    map.on('click', onClick)
    map.on('mousemove', onMove)
    map.on('mouseout', onOut)
    return () => {
      map.off('click', onClick)
      map.off('mousemove', onMove)
      map.off('mouseout', onOut)
      tooltip.remove()
      layer.remove()
      layerRef.current = null
      appliedPaint.current = null
    }
  }, [map, url, layerName])

  // New styles (measure, selection) repaint the loaded tiles; nothing is fetched again.
  useEffect(() => {
    paintRef.current = paint
    const layer = layerRef.current
    if (!layer || appliedPaint.current === paint) return
    appliedPaint.current = paint
    layer.paintRules = paintRules(layerName, paint)
    layer.rerenderTiles()
  }, [paint, layerName])

  return null
}

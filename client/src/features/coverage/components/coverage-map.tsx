import type { Feature, Geometry } from 'geojson'
import type L from 'leaflet'
import { useCallback, useEffect, useMemo, useRef } from 'react'
import { GeoJSON, useMap } from 'react-leaflet'
import { AreaLabels } from '../../../components/map/area-labels'
import { BaseMap, ukBounds } from '../../../components/map/base-map'
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
import type { QueryParams } from '../../../lib/api-client'
import { useLocalised } from '../../../lib/use-localised'
import type { CoverageCell } from '../api/coverage-types'
import { useAreaBounds } from '../api/get-area-bounds'
import {
  cellOfProperties,
  classOf,
  countClasses,
  depthClasses,
  featureClassOf,
  notInDirectoryClass,
  patternId,
} from '../lib/choropleth'
import { canvasPattern } from '../lib/choropleth-canvas'
import type { Measure } from '../lib/coverage-state'
import { imdOverlayClasses, imdOverlayClassOf, share20OfProperties } from '../lib/deprivation'

const COVERAGE_LAYER = 'coverage'

export type CoverageCellSummary = Pick<CoverageCell, 'count' | 'depth'>

interface CoverageMapProps {
  /** The coverage filters (level, within, function, topic, strand), as the coverage API takes them. */
  query: QueryParams
  /** The area of interest: the map moves to it when it changes (undefined: the whole UK). */
  within: string | undefined
  cellKey: string
  measure: Measure
  selected: string | undefined
  /** Outline areas by deprivation (IMD 2019, England): docs/decisions/0017. */
  imd: boolean
  /** The area's name and what the map shows for it, for its tooltip. */
  describe(area: LayerFeatureProperties, cell: CoverageCellSummary): string
  onSelect(code: string): void
}

/** Moves the map to the area of interest when it changes; back to the whole UK without one. */
function FitToWithin({ within }: { within: string | undefined }) {
  const map = useMap()
  const bounds = useAreaBounds(within)
  const first = useRef(true)
  useEffect(() => {
    if (within === undefined) {
      // The map opens on the UK; only a change back needs a move.
      if (!first.current) map.fitBounds(ukBounds, { animate: false })
      first.current = false
      return
    }
    const bbox = bounds.data
    if (!bbox) return
    first.current = false
    const [west, south, east, north] = bbox
    map.fitBounds(
      [
        [south, west],
        [north, east],
      ],
      { animate: false, padding: [8, 8] },
    )
  }, [within, bounds.data, map])
  return null
}

let drawings = 0

/** Embedded engine: the coverage layer's areas in the viewport as GeoJSON, fetched again after each move. */
function CoverageFeatures({
  query,
  cellKey,
  measure,
  selected,
  imd,
  describe,
  onSelect,
}: CoverageLayerProps) {
  const viewport = useMapViewport()
  const features = useLayerFeatures(COVERAGE_LAYER, viewport, query)
  const describeRef = useRef(describe)
  const onSelectRef = useRef(onSelect)
  const cellKeyRef = useRef(cellKey)
  useEffect(() => {
    describeRef.current = describe
    onSelectRef.current = onSelect
    cellKeyRef.current = cellKey
  })
  // react-leaflet's GeoJSON draws once per key: a new answer (not the kept previous one) is a new drawing.
  // biome-ignore lint/correctness/useExhaustiveDependencies: one drawing id per answer object
  const drawing = useMemo(() => ++drawings, [features.data])
  const style = useCallback(
    (feature?: Feature<Geometry, LayerFeatureProperties>) => {
      const props = feature?.properties
      const c = props ? featureClassOf(props, cellKey, measure) : classOf(undefined, measure)
      const isSelected = props !== undefined && props.code === selected
      const outline = imd && props ? imdOverlayClassOf(share20OfProperties(props)) : undefined
      return {
        color: isSelected ? '#d4351c' : (outline?.stroke ?? '#0b0c0c'),
        weight: isSelected ? 4 : (outline?.weight ?? 0.8),
        dashArray: isSelected ? undefined : outline?.dashArray,
        fillColor: `url(#${patternId(c)})`,
        fillOpacity: 0.9,
        className: `cov-area cov-class-${c.id}${outline ? ` cov-${outline.id}` : ''}`,
      }
    },
    [cellKey, measure, selected, imd],
  )
  const onEachFeature = useCallback((feature: Feature<Geometry, LayerFeatureProperties>, layer: L.Layer) => {
    const polygon = layer as L.Polygon
    const props = feature.properties
    polygon.bindTooltip(
      () => {
        const label = document.createElement('span')
        label.textContent = describeRef.current(props, cellOfProperties(props, cellKeyRef.current))
        return label
      },
      { sticky: true, direction: 'top', className: 'area-tooltip' },
    )
    polygon.on('click', () => onSelectRef.current(props.code))
    // The table is the keyboard route; hundreds of SVG tab stops would bury it.
    polygon.on('add', () => polygon.getElement()?.setAttribute('tabindex', '-1'))
  }, [])
  return (
    <>
      {features.data ? (
        <GeoJSON
          key={`${drawing}|${cellKey}|${measure}|${selected ?? ''}|${imd}`}
          data={features.data}
          style={style as L.StyleFunction}
          onEachFeature={onEachFeature}
        />
      ) : null}
      {features.isError ? <MapLayerFailed /> : null}
    </>
  )
}

/** Server engine: the coverage layer as vector tiles, painted with the same classes and textures. */
function CoverageTiles({ query, cellKey, measure, selected, imd, describe, onSelect }: CoverageLayerProps) {
  const url = useMemo(() => layerTileUrl(COVERAGE_LAYER, query), [query])
  const paint = useMemo((): VectorPaint[] => {
    const classes = [...(measure === 'depth' ? depthClasses : countClasses), notInDirectoryClass]
    return [
      ...classes.map((c) => ({
        filter: (props: LayerFeatureProperties) =>
          featureClassOf(props as unknown as Record<string, unknown>, cellKey, measure).id === c.id,
        pattern: canvasPattern(c),
        opacity: 0.9,
        stroke: '#0b0c0c',
        width: 0.8,
      })),
      ...(imd
        ? imdOverlayClasses.map((o) => ({
            filter: (props: LayerFeatureProperties) =>
              imdOverlayClassOf(share20OfProperties(props))?.id === o.id,
            fill: 'transparent',
            stroke: o.stroke,
            width: o.weight,
          }))
        : []),
      ...(selected
        ? [
            {
              filter: (props: LayerFeatureProperties) => props.code === selected,
              fill: 'transparent',
              stroke: '#d4351c',
              width: 4,
            },
          ]
        : []),
    ]
  }, [cellKey, measure, selected, imd])
  const describeFeature = useCallback(
    (props: LayerFeatureProperties) => describe(props, cellOfProperties(props, cellKey)),
    [describe, cellKey],
  )
  const select = useCallback((props: LayerFeatureProperties) => onSelect(props.code), [onSelect])
  return (
    <LazyVectorTileLayer
      url={url}
      layerName={COVERAGE_LAYER}
      paint={paint}
      describe={describeFeature}
      onSelect={select}
    />
  )
}

type CoverageLayerProps = Omit<CoverageMapProps, 'within'>

/**
 * The choropleth: each area filled with its class's pattern (colour and texture), drawn from the
 * map layers for the visible part of the map only — vector tiles on the server engine, viewport
 * GeoJSON on the embedded one (GET /api/ready says which). Clicking an area opens its profile;
 * keyboard users choose areas in the table below, which shows the same data.
 */
export function CoverageMap({ within, ...layer }: CoverageMapProps) {
  const mode = useMapLayerMode()
  const { areaName } = useLocalised()
  return (
    <BaseMap>
      <FitToWithin within={within} />
      {mode === 'mvt' ? (
        <CoverageTiles {...layer} />
      ) : mode === 'geojson' ? (
        <CoverageFeatures {...layer} />
      ) : null}
      {mode ? <AreaLabels layer={COVERAGE_LAYER} filters={layer.query} nameOf={areaName} /> : null}
    </BaseMap>
  )
}

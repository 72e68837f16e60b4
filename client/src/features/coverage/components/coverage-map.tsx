import type { Feature, Geometry } from 'geojson'
import type L from 'leaflet'
import { useCallback, useEffect, useMemo, useRef } from 'react'
import { GeoJSON, useMap } from 'react-leaflet'
import { BaseMap } from '../../../components/map/base-map'
import type { CoverageArea, CoverageFeatureCollection } from '../api/coverage-types'
import { classOf, patternId } from '../lib/choropleth'
import type { Measure } from '../lib/coverage-state'

interface CoverageMapProps {
  data: CoverageFeatureCollection
  dataKey: string
  cellKey: string
  measure: Measure
  selected: string | undefined
  /** The area's name and what the map shows for it, for its tooltip. */
  describe(area: CoverageArea): string
  onSelect(code: string): void
}

function FitToData({ data, dataKey }: { data: CoverageFeatureCollection; dataKey: string }) {
  const map = useMap()
  // biome-ignore lint/correctness/useExhaustiveDependencies: fit once per new answer (dataKey), not per render
  useEffect(() => {
    const bounds = data.features.flatMap((f) =>
      f.geometry.coordinates.flatMap(
        (polygon) => polygon[0]?.map(([lng, lat]) => [lat, lng] as [number, number]) ?? [],
      ),
    )
    if (bounds.length > 0) {
      const lats = bounds.map((b) => b[0])
      const lngs = bounds.map((b) => b[1])
      map.fitBounds(
        [
          [Math.min(...lats), Math.min(...lngs)],
          [Math.max(...lats), Math.max(...lngs)],
        ],
        { animate: false, padding: [8, 8] },
      )
    }
  }, [dataKey, map])
  return null
}

/**
 * The choropleth: each area filled with its class's pattern (colour and texture). Clicking an area
 * opens its profile; keyboard users choose areas in the table below, which shows the same data.
 */
export function CoverageMap({
  data,
  dataKey,
  cellKey,
  measure,
  selected,
  describe,
  onSelect,
}: CoverageMapProps) {
  const describeRef = useRef(describe)
  const onSelectRef = useRef(onSelect)
  useEffect(() => {
    describeRef.current = describe
    onSelectRef.current = onSelect
  })
  const style = useCallback(
    (feature?: Feature<Geometry, CoverageArea>) => {
      const area = feature?.properties
      const c = classOf(
        area?.cells.find((cell) => cell.key === cellKey),
        measure,
      )
      const isSelected = area?.code === selected
      return {
        color: isSelected ? '#d4351c' : '#0b0c0c',
        weight: isSelected ? 4 : 0.8,
        fillColor: `url(#${patternId(c)})`,
        fillOpacity: 0.9,
        className: `cov-area cov-class-${c.id}`,
      }
    },
    [cellKey, measure, selected],
  )
  const onEachFeature = useCallback((feature: Feature<Geometry, CoverageArea>, layer: L.Layer) => {
    const polygon = layer as L.Polygon
    polygon.bindTooltip(
      () => {
        const label = document.createElement('span')
        label.textContent = describeRef.current(feature.properties)
        return label
      },
      { sticky: true, direction: 'top', className: 'area-tooltip' },
    )
    polygon.on('click', () => onSelectRef.current(feature.properties.code))
    // The table is the keyboard route; hundreds of SVG tab stops would bury it.
    polygon.on('add', () => polygon.getElement()?.setAttribute('tabindex', '-1'))
  }, [])
  const geojson = useMemo(() => data as unknown as GeoJSON.FeatureCollection<Geometry, CoverageArea>, [data])
  return (
    <BaseMap>
      <FitToData data={data} dataKey={dataKey} />
      <GeoJSON
        key={`${dataKey}|${cellKey}|${measure}|${selected ?? ''}`}
        data={geojson}
        style={style as L.StyleFunction}
        onEachFeature={onEachFeature}
      />
    </BaseMap>
  )
}

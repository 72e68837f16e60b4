import L from 'leaflet'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CircleMarker, GeoJSON, Tooltip, useMap } from 'react-leaflet'
import { BaseMap } from '../../../components/map/base-map'
import { AreaSwatch, DotSwatch, LegendLines } from '../../../components/map/legend-swatch'
import { type CoverageFeature, useProviderCoverage } from '../../../lib/provider-coverage'
import type { ProviderSummary, ResolvedPlace } from '../api/directory-types'
import { reducedMotion } from '../lib/reduced-motion'
import { OfficeClusters } from './office-clusters'
import { type PlaceOutline, PlaceOutlines, usePlaceOutlines } from './place-outlines'

interface ResultsMapProps {
  items: ProviderSummary[]
  place: ResolvedPlace | undefined
  selectedId: string | undefined
  /** Pointed at or focused in the list: its service area is shaded without moving the map. */
  hoveredId: string | undefined
  onSelect(id: string | undefined): void
}

const serviceAreaStyle: L.PathOptions = {
  color: '#7a2e8c',
  weight: 2.5,
  dashArray: '6 4',
  fillColor: '#7a2e8c',
  fillOpacity: 0.15,
  interactive: false,
  className: 'service-area',
}

/**
 * The results on a map: the searched place with its district (and ward) outlined and named, offices
 * clustered where they crowd, and the service area of the organisation pointed at or chosen in the
 * list. The key lists only what is drawn. The list beside it carries the same information in text,
 * so nothing here depends on colour or a mouse.
 */
export function ResultsMap({ items, place: resolved, selectedId, hoveredId, onSelect }: ResultsMapProps) {
  // A postcode with no UK location (Channel Islands, Isle of Man, non-geographic) has no point to show.
  const place = resolved ? located(resolved) : undefined
  const { t } = useTranslation()
  const shadedId = hoveredId ?? selectedId
  const coverage = useProviderCoverage(shadedId)
  const selected = items.find((item) => item.id === selectedId)
  const shaded = items.find((item) => item.id === shadedId)
  const coverageReady = coverage.data && coverage.data.id === shadedId ? coverage.data : undefined
  const { outlines, settled } = usePlaceOutlines(place)
  const [markers, setMarkers] = useState<MarkersShown>({ offices: false, clusters: false, selected: false })
  // What the last opened cluster did, until the results or the choice change.
  const [clusterNews, setClusterNews] = useState('')
  // biome-ignore lint/correctness/useExhaustiveDependencies: new results or a new choice end the news
  useEffect(() => {
    setClusterNews('')
  }, [items, selectedId])

  return (
    <div className="results-map-inner">
      <div className="results-map-canvas">
        <BaseMap>
          <PlaceOutlines outlines={outlines} />
          {settled ? <FitToResults items={items} place={place} outlines={outlines} /> : null}
          {place ? <PlaceMarker place={place} label={place.postcode ?? t('results.yourLocation')} /> : null}
          <OfficeClusters
            items={items}
            selectedId={selectedId}
            onSelect={onSelect}
            onAnnounce={setClusterNews}
          />
          {coverageReady?.geometry ? (
            <GeoJSON key={coverageReady.id} data={coverageReady.geometry} style={serviceAreaStyle} />
          ) : null}
          <WatchMarkers onChange={setMarkers} />
          <FitToSelection
            coverage={selectedId === shadedId ? coverageReady?.geometry : undefined}
            office={selected?.office ?? undefined}
          />
        </BaseMap>
      </div>
      <p role="status" className="map-status">
        {selected ? t('results.map.showing', { name: selected.name }) : ''}
        {selected && !selected.office ? ` ${t('results.map.noOffice')}` : ''}
        {shaded && coverageReady && !coverageReady.geometry
          ? ` ${t('results.map.noArea', { name: shaded.name })}`
          : ''}
        {clusterNews ? ` ${clusterNews}` : ''}
      </p>
      <ResultsMapLegend
        shown={{
          place: place !== undefined,
          district: outlines.some((o) => o.type === 'lad'),
          ward: outlines.some((o) => o.type === 'ward'),
          ...markers,
          area: Boolean(coverageReady?.geometry),
        }}
      />
    </div>
  )
}

type LocatedPlace = ResolvedPlace & { lat: number; lng: number }

function located(
  place: ResolvedPlace & { lat: number | null; lng: number | null },
): LocatedPlace | undefined {
  const { lat, lng } = place
  return lat !== null && lng !== null ? { ...place, lat, lng } : undefined
}

interface MarkersShown {
  /** A single office marker is on the map. */
  offices: boolean
  /** A numbered cluster of offices is on the map. */
  clusters: boolean
  /** The chosen organisation's office is on the map. */
  selected: boolean
}

/** Reports which kinds of office marker the cluster layer has drawn, as it redraws them (for the key). */
function WatchMarkers({ onChange }: { onChange(shown: MarkersShown): void }) {
  const map = useMap()
  useEffect(() => {
    const pane = map.getPane('markerPane')
    if (!pane) return
    let last = ''
    const look = () => {
      const shown: MarkersShown = {
        offices: pane.querySelector('.office-marker:not(.is-selected)') !== null,
        clusters: pane.querySelector('.office-cluster') !== null,
        selected: pane.querySelector('.office-marker.is-selected') !== null,
      }
      const now = JSON.stringify(shown)
      if (now !== last) onChange(shown)
      last = now
    }
    // The cluster layer adds and removes its markers as the map zooms and the results change.
    const observer = new MutationObserver(look)
    observer.observe(pane, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] })
    look()
    return () => observer.disconnect()
  }, [map, onChange])
  return null
}

/**
 * Fits the map to a new set of results: the place, its district's outline and the offices near it
 * (far offices stay in clusters).
 */
function FitToResults({
  items,
  place,
  outlines,
}: {
  items: ProviderSummary[]
  place: LocatedPlace | undefined
  outlines: PlaceOutline[]
}) {
  const map = useMap()
  const offices = items.flatMap((item) => (item.office ? [item.office] : []))
  const district = outlines.find((o) => o.type === 'lad')?.area.bbox
  const key = `${place?.lat},${place?.lng}|${district?.join(',')}|${offices.map((o) => `${o.lat},${o.lng}`).join(';')}`
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for place, district and offices
  useEffect(() => {
    const animate = reducedMotion() ? { animate: false } : {}
    if (place) {
      const origin = L.latLng(place.lat, place.lng)
      // Offices within 40 km belong in the first view; national offices further away are a zoom out.
      const near = offices.map((o) => L.latLng(o.lat, o.lng)).filter((p) => p.distanceTo(origin) < 40_000)
      const bounds = L.latLngBounds([origin, ...near])
      if (district) {
        const [west, south, east, north] = district
        bounds.extend([
          [south, west],
          [north, east],
        ])
      }
      if (near.length === 0 && !district) map.setView(origin, 11, animate)
      else map.fitBounds(bounds.pad(0.1), { maxZoom: 13, ...animate })
    } else if (offices.length > 0) {
      map.fitBounds(L.latLngBounds(offices.map((o) => L.latLng(o.lat, o.lng))).pad(0.15), {
        maxZoom: 12,
        ...animate,
      })
    }
  }, [map, key])
  return null
}

/** Moves the map to the chosen organisation's service area, and its office, once the area has loaded. */
function FitToSelection({
  coverage,
  office,
}: {
  coverage: CoverageFeature['geometry'] | undefined
  office: { lat: number; lng: number } | undefined
}) {
  const map = useMap()
  // biome-ignore lint/correctness/useExhaustiveDependencies: the office belongs to the area's organisation
  useEffect(() => {
    if (!coverage) return
    const bounds = L.geoJSON(coverage).getBounds()
    if (office) bounds.extend(L.latLng(office.lat, office.lng))
    if (bounds.isValid())
      map.fitBounds(bounds, { maxZoom: 12, ...(reducedMotion() ? { animate: false } : {}) })
  }, [map, coverage])
  return null
}

function PlaceMarker({ place, label }: { place: LocatedPlace; label: string }) {
  return (
    <CircleMarker
      center={[place.lat, place.lng]}
      radius={9}
      interactive={false}
      pathOptions={{ color: '#0b0c0c', weight: 3, fillColor: '#ffdd00', fillOpacity: 1 }}
    >
      <Tooltip permanent direction="right" offset={[10, 0]} className="place-label">
        {label}
      </Tooltip>
    </CircleMarker>
  )
}

interface LegendShown extends MarkersShown {
  place: boolean
  district: boolean
  ward: boolean
  /** A service area is shaded. */
  area: boolean
}

/** The key to the map: one line for each kind of thing drawn on it now, and nothing else. */
function ResultsMapLegend({ shown }: { shown: LegendShown }) {
  const { t } = useTranslation()
  return (
    <section className="map-legend results-map-legend" aria-labelledby="results-map-legend-heading">
      <h3 id="results-map-legend-heading">{t('results.map.legendHeading')}</h3>
      <LegendLines
        lines={[
          {
            key: 'place',
            shown: shown.place,
            swatch: <DotSwatch r={7} fill="#ffdd00" stroke="#0b0c0c" strokeWidth={3} />,
            text: t('results.map.legendPlace'),
          },
          {
            key: 'district',
            shown: shown.district,
            swatch: <AreaSwatch stroke="#0b0c0c" strokeWidth={3} />,
            text: t('results.map.legendDistrict'),
          },
          {
            key: 'ward',
            shown: shown.ward,
            swatch: <AreaSwatch stroke="#0b0c0c" strokeWidth={2.5} dash="1 6" />,
            text: t('results.map.legendWard'),
          },
          {
            key: 'office',
            shown: shown.offices,
            swatch: <DotSwatch r={6} fill="#1d4f91" stroke="#fff" strokeWidth={2} />,
            text: t('results.map.legendOffice'),
          },
          {
            key: 'selected',
            shown: shown.selected,
            swatch: <DotSwatch r={8} fill="#a4161a" stroke="#fff" strokeWidth={2} />,
            text: t('results.map.legendSelected'),
          },
          {
            key: 'cluster',
            shown: shown.clusters,
            swatch: (
              <svg aria-hidden="true" width="28" height="24" viewBox="0 0 28 24">
                <circle cx="14" cy="12" r="11" fill="#133565" stroke="#fff" strokeWidth="2" />
                <text x="14" y="16" textAnchor="middle" fontSize="11" fill="#fff" fontWeight="700">
                  3
                </text>
              </svg>
            ),
            text: t('results.map.legendCluster'),
          },
          {
            key: 'area',
            shown: shown.area,
            swatch: (
              <AreaSwatch stroke="#7a2e8c" strokeWidth={2.5} fill="#7a2e8c" fillOpacity={0.15} dash="6 4" />
            ),
            text: t('results.map.legendArea'),
          },
        ]}
      />
      <p className="hint">{t('results.map.hint')}</p>
    </section>
  )
}

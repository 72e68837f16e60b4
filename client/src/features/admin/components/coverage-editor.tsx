import '@geoman-io/leaflet-geoman-free'
import '@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css'
import { useQueries } from '@tanstack/react-query'
import L from 'leaflet'
import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { GeoJSON as GeoJsonLayer, Tooltip, useMap } from 'react-leaflet'
import { BaseMap } from '../../../components/map/base-map'
import { ApiError, api } from '../../../lib/api-client'
import { useLocalised } from '../../../lib/use-localised'
import { type ProviderDetail, useCoverage, useSaveCoverage } from '../api/records'

type Shape = GeoJSON.Polygon | GeoJSON.MultiPolygon
interface AreaChoice {
  code: string
  name: string
  nameCy: string | null
}

const AREA_LEVELS = ['national', 'regional', 'subregional', 'local', 'neighbourhood'] as const
const SHOWN = 40

/** Every loaded area (names only), for the searchable list. */
function useAllAreas(): AreaChoice[] {
  const results = useQueries({
    queries: AREA_LEVELS.map((level) => ({
      queryKey: ['admin', 'areas', level],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<{ areas: AreaChoice[] }>('/geo/areas', { query: { level }, signal }),
      staleTime: 60 * 60_000,
    })),
  })
  const lists = results.map((r) => r.data?.areas)
  // biome-ignore lint/correctness/useExhaustiveDependencies: the lists change only when a query answers
  return useMemo(() => lists.flatMap((list) => list ?? []), lists)
}

interface AreaShape {
  code: string
  name: string
  nameCy: string | null
  feature: GeoJSON.Feature<GeoJSON.MultiPolygon> | null
}

/** The boundaries of the listed areas (display precision), one query per area, cached. */
function useAreaShapes(codes: readonly string[]): { shapes: AreaShape[]; loaded: boolean } {
  const results = useQueries({
    queries: codes.map((code) => ({
      queryKey: ['admin', 'area-shape', code],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<{
          code: string
          name: string
          nameCy: string | null
          feature?: GeoJSON.Feature<GeoJSON.MultiPolygon>
        }>(`/geo/areas/${encodeURIComponent(code)}`, { query: { geometry: 'display' }, signal }),
      staleTime: 60 * 60_000,
    })),
  })
  const shapes = results.flatMap((r) =>
    r.data
      ? [{ code: r.data.code, name: r.data.name, nameCy: r.data.nameCy, feature: r.data.feature ?? null }]
      : [],
  )
  return { shapes, loaded: results.every((r) => !r.isPending) }
}

/** The drawn shapes as one write geometry: a Polygon, a MultiPolygon, or null when nothing is drawn. */
export function combineShapes(shapes: readonly Shape[]): Shape | null {
  const polygons = shapes.flatMap((s) => (s.type === 'Polygon' ? [s.coordinates] : s.coordinates))
  if (polygons.length === 0) return null
  if (polygons.length === 1) return { type: 'Polygon', coordinates: polygons[0] as GeoJSON.Position[][] }
  return { type: 'MultiPolygon', coordinates: polygons }
}

/**
 * The service area: a searchable list of areas (the keyboard path) and a map to draw polygons on
 * with Leaflet-Geoman (the mouse and touch path); saved together with PUT /api/providers/{id}/coverage.
 */
export function CoverageEditor({ record }: { record: ProviderDetail }) {
  const { t } = useTranslation()
  const id = useId()
  const localised = useLocalised()
  const allAreas = useAllAreas()
  const coverage = useCoverage(record.id)
  const save = useSaveCoverage()
  const [chosen, setChosen] = useState<AreaChoice[]>(() => record.coverage.areas)
  const areaShapes = useAreaShapes(chosen.map((a) => a.code))
  const [search, setSearch] = useState('')
  const [shapes, setShapes] = useState<Shape[]>([])
  // "Remove the drawn area" (the keyboard path; the map's removal tool is pointer-only) starts the
  // drawing over from nothing until the next save reloads what is stored.
  const [clears, setClears] = useState(0)
  const [message, setMessage] = useState('')
  const statusRef = useRef<HTMLDivElement>(null)
  const errorRef = useRef<HTMLDivElement>(null)

  const chosenCodes = new Set(chosen.map((a) => a.code))
  const needle = search.trim().toLowerCase()
  const matches = needle
    ? allAreas.filter(
        (a) =>
          !chosenCodes.has(a.code) &&
          (a.name.toLowerCase().includes(needle) ||
            (a.nameCy ?? '').toLowerCase().includes(needle) ||
            a.code.toLowerCase() === needle),
      )
    : []

  useEffect(() => {
    if (message) statusRef.current?.focus()
  }, [message])
  useEffect(() => {
    if (save.isError) errorRef.current?.focus()
  }, [save.isError])

  const submit = () => {
    setMessage('')
    save.mutate(
      {
        id: record.id,
        body: { areas: chosen.map((a) => a.code), polygon: combineShapes(shapes), version: record.version },
      },
      {
        onSuccess: (result) => {
          setClears(0)
          setMessage(result.queued ? t('admin.coverage.queued') : t('admin.coverage.saved'))
        },
      },
    )
  }

  const error = save.error instanceof ApiError ? save.error : undefined
  const details = Array.isArray(error?.details)
    ? (error.details as Array<{ field?: string; message?: string }>)
    : []

  return (
    <section aria-labelledby={`${id}-heading`} className="admin-coverage">
      <h2 id={`${id}-heading`}>{t('admin.coverage.title')}</h2>
      <p className="hint">{t('admin.coverage.intro')}</p>
      <div className="admin-coverage-grid">
        <div>
          <div className="admin-field">
            <label htmlFor={`${id}-search`}>{t('admin.coverage.search')}</label>
            <span id={`${id}-search-hint`} className="hint">
              {t('admin.coverage.searchHint')}
            </span>
            <input
              id={`${id}-search`}
              type="search"
              value={search}
              aria-describedby={`${id}-search-hint`}
              aria-controls={`${id}-results`}
              onChange={(e) => setSearch(e.target.value)}
            />
          </div>
          <div id={`${id}-results`}>
            {needle ? (
              <>
                <h3 className="hint">{t('admin.coverage.results')}</h3>
                {matches.length === 0 ? <p>{t('admin.coverage.noMatches')}</p> : null}
                {matches.length > SHOWN ? (
                  <p className="hint">{t('admin.coverage.more', { shown: SHOWN, count: matches.length })}</p>
                ) : null}
                <ul className="admin-area-list">
                  {matches.slice(0, SHOWN).map((area) => (
                    <li key={area.code}>
                      <span>
                        {localised.areaName(area)} <span className="hint">{area.code}</span>
                      </span>
                      <button type="button" onClick={() => setChosen([...chosen, area])}>
                        {t('admin.coverage.add', { name: localised.areaName(area) })}
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
          <h3>{t('admin.coverage.selected', { count: chosen.length })}</h3>
          {chosen.length === 0 ? <p>{t('admin.coverage.noneSelected')}</p> : null}
          <ul className="admin-area-list" aria-live="polite">
            {chosen.map((area) => (
              <li key={area.code}>
                <span>
                  {localised.areaName(area)} <span className="hint">{area.code}</span>
                </span>
                <button type="button" onClick={() => setChosen(chosen.filter((a) => a.code !== area.code))}>
                  {t('admin.coverage.remove', { name: localised.areaName(area) })}
                </button>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3>{t('admin.coverage.map')}</h3>
          <p className="hint" id={`${id}-map-hint`}>
            {t('admin.coverage.mapHint')}
          </p>
          {record.coverage.hasPolygon ? <p className="notice">{t('admin.coverage.hasPolygon')}</p> : null}
          <p>{t('admin.coverage.polygonCount', { count: shapes.length })}</p>
          {shapes.length > 0 ? (
            <button type="button" onClick={() => setClears(clears + 1)}>
              {t('admin.coverage.clearPolygon')}
            </button>
          ) : null}
          <ul className="admin-coverage-legend">
            <li>{t('admin.coverageCurrent.legendAreas')}</li>
            <li>{t('admin.coverageCurrent.legendDrawn')}</li>
          </ul>
          <section
            className="admin-map"
            aria-label={t('admin.coverage.mapLabel')}
            aria-describedby={`${id}-map-hint`}
          >
            <BaseMap>
              {areaShapes.shapes.map((area) =>
                area.feature ? (
                  // The listed areas, outlined and labelled, so a polygon can be drawn against them.
                  <GeoJsonLayer
                    key={area.code}
                    data={area.feature}
                    pmIgnore
                    interactive={false}
                    style={{ color: '#1d4f91', weight: 2, fillOpacity: 0.05, dashArray: '6 4' }}
                  >
                    <Tooltip permanent direction="center" className="admin-area-label">
                      {localised.areaName(area)}
                    </Tooltip>
                  </GeoJsonLayer>
                ) : null,
              )}
              {areaShapes.loaded && coverage.isSuccess ? (
                <FitCurrent
                  key={`${chosen.map((a) => a.code).join(',')}-${coverage.dataUpdatedAt}`}
                  areas={areaShapes.shapes}
                  drawn={coverage.data.properties.drawnPolygon}
                />
              ) : null}
              {coverage.isSuccess ? (
                // Re-seeded from the server after each save (a new answer), so what is shown is what is stored.
                <DrawControls
                  key={`${coverage.dataUpdatedAt}-${clears}`}
                  initial={clears > 0 ? null : coverage.data.properties.drawnPolygon}
                  onChange={setShapes}
                />
              ) : null}
            </BaseMap>
          </section>
        </div>
      </div>
      <div ref={statusRef} tabIndex={-1} role="status" className="admin-status">
        {message}
      </div>
      <div ref={errorRef} tabIndex={-1} role="alert" className={error ? 'admin-error-summary' : undefined}>
        {error ? (
          <>
            <p>{t('admin.coverage.failed', { message: details.length ? '' : error.message })}</p>
            {details.length ? (
              <ul>
                {details.map((d) => (
                  <li key={`${d.field}-${d.message}`}>{`${d.field ?? ''}: ${d.message ?? ''}`}</li>
                ))}
              </ul>
            ) : null}
          </>
        ) : null}
      </div>
      <button type="button" onClick={submit} disabled={save.isPending}>
        {save.isPending ? t('admin.coverage.saving') : t('admin.coverage.save')}
      </button>
    </section>
  )
}

/** Fits the map to the listed areas and the drawn polygon (when there are any), once per change of either. */
function FitCurrent({ areas, drawn }: { areas: AreaShape[]; drawn: GeoJSON.MultiPolygon | null }) {
  const map = useMap()
  // Once per mount (the key changes with the areas or a save): later renders leave the view alone.
  const fitted = useRef(false)
  useEffect(() => {
    if (fitted.current) return
    fitted.current = true
    const bounds = L.latLngBounds([])
    for (const area of areas) if (area.feature) bounds.extend(L.geoJSON(area.feature).getBounds())
    if (drawn) bounds.extend(L.geoJSON(drawn).getBounds())
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16], maxZoom: 13 })
  }, [map, areas, drawn])
  return null
}

/**
 * Geoman's drawing toolbar (polygon, rectangle, edit, remove), starting from the stored drawn
 * polygon (one editable shape per part); reports the drawn shapes on every change.
 */
function DrawControls({
  initial,
  onChange,
}: {
  initial: GeoJSON.MultiPolygon | null
  onChange: (shapes: Shape[]) => void
}) {
  const map = useMap()
  useEffect(() => {
    const group = L.featureGroup().addTo(map)
    const report = () =>
      onChange(
        group
          .getLayers()
          .filter((layer): layer is L.Polygon => layer instanceof L.Polygon)
          .map((layer) => layer.toGeoJSON().geometry as Shape),
      )
    for (const part of initial?.coordinates ?? []) {
      const layer = L.polygon(L.GeoJSON.coordsToLatLngs(part, 1) as L.LatLng[][])
      layer.on('pm:edit', report)
      group.addLayer(layer)
    }
    report()
    map.pm.setGlobalOptions({ layerGroup: group, allowSelfIntersection: false })
    map.pm.addControls({
      position: 'topleft',
      drawMarker: false,
      drawCircleMarker: false,
      drawPolyline: false,
      drawCircle: false,
      drawText: false,
      drawRectangle: true,
      drawPolygon: true,
      editMode: true,
      dragMode: false,
      cutPolygon: false,
      rotateMode: false,
      removalMode: true,
    })
    // Geoman's toolbar buttons are links with only an icon: give each its tooltip as its name.
    for (const button of map
      .getContainer()
      .querySelectorAll<HTMLElement>('.leaflet-buttons-control-button')) {
      const title = button.parentElement?.getAttribute('title')
      if (title) button.setAttribute('aria-label', title)
    }
    const onCreate = (event: { layer: L.Layer }) => {
      event.layer.on('pm:edit', report)
      report()
    }
    map.on('pm:create', onCreate)
    map.on('pm:remove', report)
    return () => {
      map.off('pm:create', onCreate)
      map.off('pm:remove', report)
      map.pm.removeControls()
      group.remove()
    }
  }, [map, initial, onChange])
  return null
}

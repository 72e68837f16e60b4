import type { Feature, MultiPolygon } from 'geojson'
import L from 'leaflet'
import { useEffect, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { GeoJSON, useMap } from 'react-leaflet'
import { BaseMap } from '../../../components/map/base-map'
import { ApiError } from '../../../lib/api-client'
import { useLocalised } from '../../../lib/use-localised'
import {
  type AreaChange,
  changesExportUrl,
  type SnapshotSummary,
  useChangedAreas,
  useChanges,
  useSnapshots,
} from '../api/get-changes'
import { type CoverageState, toApiQuery } from '../lib/coverage-state'

/**
 * The coverage page's "Change" view: two dates (snapshots, or now), the areas that gained or lost
 * a level of support under the page's filters on a map (patterned, not only coloured) and in a
 * table, with the baselines that turned, the providers opened and closed, and exports.
 */

type Kind = AreaChange['change']

/** Fill, ink and texture of each kind of change: a texture each, so colour is never the only cue. */
const KINDS: Record<Kind, { colour: string; ink: string; path: string }> = {
  gained: { colour: '#cce2d8', ink: '#005a30', path: 'M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4' },
  lost: { colour: '#f6d7d2', ink: '#942514', path: 'M0,0 L8,8 M8,0 L0,8' },
  mixed: { colour: '#fff7bf', ink: '#594d00', path: 'M0,4 L8,4' },
}
const patternOf = (kind: Kind) => `cov-change-${kind}`
const kindOf = (f: GeoJSON.Feature | undefined): Kind =>
  (f?.properties as AreaChange | undefined)?.change ?? 'mixed'

function ChangePatterns() {
  return (
    <svg aria-hidden="true" focusable="false" width="0" height="0" style={{ position: 'absolute' }}>
      <defs>
        {(Object.keys(KINDS) as Kind[]).map((kind) => (
          <pattern key={kind} id={patternOf(kind)} width="8" height="8" patternUnits="userSpaceOnUse">
            <rect width="8" height="8" fill={KINDS[kind].colour} />
            <path d={KINDS[kind].path} stroke={KINDS[kind].ink} strokeWidth="1.4" />
          </pattern>
        ))}
      </defs>
    </svg>
  )
}

function ChangeSwatch({ kind }: { kind: Kind }) {
  return (
    <svg aria-hidden="true" focusable="false" width="22" height="22" className="cov-swatch">
      <rect x="1" y="1" width="20" height="20" fill={`url(#${patternOf(kind)})`} stroke="#0b0c0c" />
    </svg>
  )
}

/** Moves the map to the changed areas when they change. */
function FitTo({ features }: { features: Array<Feature<MultiPolygon, AreaChange>> }) {
  const map = useMap()
  useEffect(() => {
    if (features.length === 0) return
    const bounds = L.geoJSON({ type: 'FeatureCollection', features } as GeoJSON.FeatureCollection).getBounds()
    if (bounds.isValid()) map.fitBounds(bounds, { animate: false, padding: [8, 8] })
  }, [features, map])
  return null
}

export function CoverageChange({ state }: { state: CoverageState }) {
  const { t } = useTranslation()
  const localised = useLocalised()
  const ids = useId()
  const snapshots = useSnapshots()
  const items = snapshots.data?.items ?? []
  const [from, setFrom] = useState<string>('')
  const [to, setTo] = useState<string>('now')
  const fromId = from || items[0]?.id || ''
  const topic = state.facet.startsWith('topic:')
  const query = useMemo(() => {
    if (!fromId || topic) return null
    const { topic: _topic, ...rest } = toApiQuery(state)
    return { ...rest, from: fromId, to }
  }, [fromId, to, state, topic])
  const changes = useChanges(query)
  const shapes = useChangedAreas(query)
  const features = useMemo(() => shapes.data?.features ?? [], [shapes.data])
  const body = changes.data
  const kindWords = (kind: Kind) => t(`coverageChange.kinds.${kind}`)
  const dateOf = (s: SnapshotSummary) => `${localised.date(s.takenAt)} ${s.takenAt.slice(11, 16)}`
  const level = (l: string | null) => (l ? localised.label('levels', l) : t('coverage.depth.none'))

  return (
    <section className="cov-change" aria-labelledby={`${ids}-heading`}>
      <ChangePatterns />
      <h2 id={`${ids}-heading`}>{t('coverageChange.heading')}</h2>
      <p className="hint">{t('coverageChange.intro')}</p>
      {snapshots.isSuccess && items.length === 0 ? <p>{t('coverageChange.noSnapshots')}</p> : null}
      {items.length > 0 ? (
        <div className="cov-change-controls">
          <label htmlFor={`${ids}-from`}>{t('coverageChange.from')}</label>
          <select id={`${ids}-from`} value={fromId} onChange={(e) => setFrom(e.target.value)}>
            {items.map((s) => (
              <option key={s.id} value={s.id}>
                {dateOf(s)}
              </option>
            ))}
          </select>
          <label htmlFor={`${ids}-to`}>{t('coverageChange.to')}</label>
          <select id={`${ids}-to`} value={to} onChange={(e) => setTo(e.target.value)}>
            <option value="now">{t('coverageChange.now')}</option>
            {items.map((s) => (
              <option key={s.id} value={s.id}>
                {dateOf(s)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {topic ? <p role="status">{t('coverageChange.functionsOnly')}</p> : null}
      {changes.isError ? (
        <p role="alert" className="field-error">
          {changes.error instanceof ApiError && changes.error.isClientError
            ? changes.error.message
            : t('coverage.loadFailed')}
        </p>
      ) : null}
      {body ? (
        <>
          <p role="status">
            {t('coverageChange.summary', {
              gained: body.summary.areasGained,
              lost: body.summary.areasLost,
              mixed: body.summary.areasMixed,
              opened: body.summary.opened,
              closed: body.summary.closed,
            })}
          </p>
          <ul className="cov-legend" aria-label={t('coverageChange.key')}>
            {(Object.keys(KINDS) as Kind[]).map((kind) => (
              <li key={kind}>
                <ChangeSwatch kind={kind} /> {kindWords(kind)}
              </li>
            ))}
          </ul>
          <section className="cov-map" aria-label={t('coverageChange.mapLabel')}>
            <BaseMap>
              <FitTo features={features} />
              {features.length > 0 ? (
                <GeoJSON
                  key={JSON.stringify(query)}
                  data={{ type: 'FeatureCollection', features } as GeoJSON.FeatureCollection}
                  style={(f) => ({
                    fillColor: `url(#${patternOf(kindOf(f))})`,
                    fillOpacity: 1,
                    color: '#0b0c0c',
                    weight: 1,
                  })}
                  onEachFeature={(f, layer) =>
                    layer.bindTooltip(
                      `${localised.areaName(f.properties as AreaChange)}: ${kindWords(kindOf(f))}`,
                    )
                  }
                />
              ) : null}
            </BaseMap>
          </section>
          {body.areas.length > 0 ? (
            <table className="cov-change-table">
              <caption>{t('coverageChange.tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('coverageChange.area')}</th>
                  <th scope="col">{t('coverageChange.change')}</th>
                  <th scope="col">{t('coverageChange.forWhom')}</th>
                  <th scope="col">{t('coverageChange.before')}</th>
                  <th scope="col">{t('coverageChange.after')}</th>
                </tr>
              </thead>
              <tbody>
                {body.areas.flatMap((area) =>
                  area.cells.map((cell, i) => (
                    <tr key={`${area.code}|${cell.key}`}>
                      {i === 0 ? (
                        <th scope="row" rowSpan={area.cells.length}>
                          {localised.areaName(area)}
                        </th>
                      ) : null}
                      <td>
                        <ChangeSwatch kind={cell.change} /> {kindWords(cell.change)}
                      </td>
                      <td>
                        {cell.strand === 'generalist' || cell.strand === 'any'
                          ? t(`coverage.groups.${cell.strand}`)
                          : localised.label('strands', cell.strand.replace(/^help:/, ''))}
                      </td>
                      <td>{level(cell.before)}</td>
                      <td>{level(cell.after)}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          ) : (
            <p>{t('coverageChange.noAreas')}</p>
          )}
          {body.baselines.length > 0 ? (
            <>
              <h3>{t('coverageChange.baselines')}</h3>
              <ul>
                {body.baselines.map((b) => (
                  <li key={`${b.area.code}|${b.baseline.id}`}>
                    {t('coverageChange.baselineTurned', {
                      area: localised.areaName(b.area),
                      baseline: localised.language === 'cy' ? b.baseline.labelCy : b.baseline.label,
                      result: t(`coverageChange.results.${b.after}`),
                    })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {body.providers.opened.length + body.providers.closed.length > 0 ? (
            <>
              <h3>{t('coverageChange.providers')}</h3>
              <ul>
                {body.providers.opened.map((p) => (
                  <li key={p.id}>{t('coverageChange.opened', { name: p.name })}</li>
                ))}
                {body.providers.closed.map((p) => (
                  <li key={p.id}>{t('coverageChange.closed', { name: p.name })}</li>
                ))}
              </ul>
            </>
          ) : null}
          {query ? (
            <p className="cov-exports">
              <a href={changesExportUrl(query, 'csv')} download>
                {t('coverageChange.exportCsv')}
              </a>
              <a href={changesExportUrl(query, 'geojson')} download>
                {t('coverageChange.exportGeojson')}
              </a>
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  )
}

import type { Feature, FeatureCollection, Geometry } from 'geojson'
import L from 'leaflet'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { GeoJSON, useMap } from 'react-leaflet'
import { BaseMap } from '../../../components/map/base-map'
import { ApiError, api } from '../../../lib/api-client'
import { useLocalised } from '../../../lib/use-localised'
import { type FundingAreaMeasure, fundingUrl, useLevelFunding } from '../api/get-funding'
import { type ChoroplethClass, patternId } from '../lib/choropleth'
import { Swatch, Texture } from './choropleth-patterns'

/**
 * The coverage page's "funding per head" measure (issue 20, decision 0016): for the level and area
 * of interest, each area's grants to the bodies below the national level that cover it, per head
 * of its 2011 population — a patterned choropleth with its legend, the same figures as a sortable
 * table (the keyboard route to each area's profile) and CSV/GeoJSON downloads.
 */

type FundingClass = ChoroplethClass & { min: number; max: number | null }

/** Per-head bins in pounds (lower bound inclusive), viridis steps with a texture each. */
export const fundingClasses: readonly FundingClass[] = [
  { id: 'f100', min: 1, max: null, colour: '#440154', texture: 'none', ink: '#ffffff' },
  { id: 'f050', min: 0.5, max: 1, colour: '#3b528b', texture: 'dots', ink: '#ffffff' },
  { id: 'f025', min: 0.25, max: 0.5, colour: '#21918c', texture: 'horizontal', ink: '#ffffff' },
  { id: 'f010', min: 0.1, max: 0.25, colour: '#5ec962', texture: 'diagonal', ink: '#1a1a1a' },
  { id: 'f000', min: 0, max: 0.1, colour: '#fde725', texture: 'vertical', ink: '#1a1a1a' },
]
const noneClass: ChoroplethClass = { id: 'fnone', colour: '#ffffff', texture: 'cross', ink: '#505a5f' }
const unknownClass: ChoroplethClass = { id: 'funknown', colour: '#b1b4b6', texture: 'dots', ink: '#0b0c0c' }

export function fundingClassOf(
  a: Pick<FundingAreaMeasure, 'grants' | 'perHead'> | undefined,
): ChoroplethClass {
  if (!a || a.grants === 0) return noneClass
  if (a.perHead === null) return unknownClass
  const perHead = a.perHead
  return fundingClasses.find((c) => perHead >= c.min && (c.max === null || perHead < c.max)) ?? noneClass
}

function FundingPatterns() {
  return (
    <svg aria-hidden="true" focusable="false" width="0" height="0" style={{ position: 'absolute' }}>
      <defs>
        {[...fundingClasses, noneClass, unknownClass].map((c) => (
          <pattern key={c.id} id={patternId(c)} width="8" height="8" patternUnits="userSpaceOnUse">
            <rect width="8" height="8" fill={c.colour} />
            <Texture c={c} />
          </pattern>
        ))}
      </defs>
    </svg>
  )
}

export function FundingLegend() {
  const { t } = useTranslation()
  const items = [
    ...fundingClasses.map((c) => ({
      c,
      text:
        c.max === null
          ? t('funding.legendAtLeast', { min: c.min.toFixed(2) })
          : t('funding.legendRange', { min: c.min.toFixed(2), max: c.max.toFixed(2) }),
    })),
    { c: noneClass, text: t('funding.legendNone') },
    { c: unknownClass, text: t('funding.legendUnknown') },
  ]
  return (
    <section className="cov-legend" aria-labelledby="funding-legend-heading">
      <FundingPatterns />
      <h2 id="funding-legend-heading">{t('funding.legendHeading')}</h2>
      <ul>
        {items.map(({ c, text }) => (
          <li key={c.id}>
            <Swatch c={c} />
            {text}
          </li>
        ))}
      </ul>
      <p className="hint">{t('funding.legendHint')}</p>
    </section>
  )
}

export function FundingExports({ level, within }: { level: string; within: string | undefined }) {
  const { t } = useTranslation()
  return (
    <p className="cov-exports">
      <a href={fundingUrl(level, within, 'csv')} download>
        {t('funding.exportCsv')}
      </a>
      <a href={fundingUrl(level, within, 'geojson')} download>
        {t('funding.exportGeojson')}
      </a>
    </p>
  )
}

type Props = {
  level: string
  within: string | undefined
  selected: string | undefined
  onSelect(code: string): void
}
type FundingFeature = Feature<Geometry, FundingAreaMeasure>

function FundingLayer({ level, within, selected, onSelect }: Props) {
  const { t, i18n } = useTranslation()
  const { areaName } = useLocalised()
  const map = useMap()
  const [data, setData] = useState<FeatureCollection<Geometry, FundingAreaMeasure> | null>(null)
  const [failed, setFailed] = useState(false)
  const pence = useMemo(
    () =>
      new Intl.NumberFormat(i18n.resolvedLanguage === 'cy' ? 'cy-GB' : 'en-GB', {
        style: 'currency',
        currency: 'GBP',
        minimumFractionDigits: 2,
      }),
    [i18n.resolvedLanguage],
  )
  useEffect(() => {
    const controller = new AbortController()
    setFailed(false)
    api
      .get<FeatureCollection<Geometry, FundingAreaMeasure>>('/funding', {
        query: { level, within, format: 'geojson' },
        signal: controller.signal,
      })
      .then(setData)
      .catch((err: unknown) => {
        if (!(err instanceof ApiError) && (err as Error).name === 'AbortError') return
        setFailed(true)
      })
    return () => controller.abort()
  }, [level, within])
  useEffect(() => {
    if (!data || !within || data.features.length === 0) return
    const bounds = L.geoJSON(data).getBounds()
    if (bounds.isValid()) map.fitBounds(bounds, { animate: false, padding: [8, 8] })
  }, [data, within, map])
  const onSelectRef = useRef(onSelect)
  useEffect(() => {
    onSelectRef.current = onSelect
  })
  const describe = useCallback(
    (p: FundingAreaMeasure) =>
      t('funding.tooltip', {
        name: areaName(p),
        value:
          p.grants === 0
            ? t('funding.legendNone')
            : p.perHead === null
              ? t('funding.legendUnknown')
              : t('funding.perHeadValue', { amount: pence.format(p.perHead) }),
      }),
    [t, areaName, pence],
  )
  const style = useCallback(
    (feature?: FundingFeature) => {
      const c = fundingClassOf(feature?.properties)
      const isSelected = feature?.properties.code === selected
      return {
        color: isSelected ? '#d4351c' : '#0b0c0c',
        weight: isSelected ? 4 : 0.8,
        fillColor: `url(#${patternId(c)})`,
        fillOpacity: 0.9,
        className: `cov-area funding-area cov-class-${c.id}`,
      }
    },
    [selected],
  )
  const onEachFeature = useCallback(
    (feature: FundingFeature, layer: L.Layer) => {
      const polygon = layer as L.Polygon
      polygon.bindTooltip(describe(feature.properties), {
        sticky: true,
        direction: 'top',
        className: 'area-tooltip',
      })
      polygon.on('click', () => onSelectRef.current(feature.properties.code))
      // The table below is the keyboard route; hundreds of SVG tab stops would bury it.
      polygon.on('add', () => polygon.getElement()?.setAttribute('tabindex', '-1'))
    },
    [describe],
  )
  if (failed) return null
  return data ? (
    <GeoJSON
      key={`${level}|${within ?? ''}|${selected ?? ''}|${i18n.resolvedLanguage}`}
      data={data}
      style={style as L.StyleFunction}
      onEachFeature={onEachFeature as (f: Feature, l: L.Layer) => void}
    />
  ) : null
}

export function FundingMap(props: Props) {
  return (
    <BaseMap>
      <FundingLayer {...props} />
    </BaseMap>
  )
}

type SortKey = 'name' | 'population' | 'grants' | 'total' | 'perHead' | 'nationalTotal'

export function FundingTable({ level, within, selected, onSelect, caption }: Props & { caption: string }) {
  const { t, i18n } = useTranslation()
  const { areaName } = useLocalised()
  const funding = useLevelFunding(level, within)
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: 'perHead',
    descending: true,
  })
  const locale = i18n.resolvedLanguage === 'cy' ? 'cy-GB' : 'en-GB'
  const number = new Intl.NumberFormat(locale)
  const pounds = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'GBP',
    maximumFractionDigits: 0,
  })
  const pence = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'GBP',
    minimumFractionDigits: 2,
  })
  const rows = useMemo(() => {
    const collator = new Intl.Collator(i18n.resolvedLanguage ?? 'en')
    const value = (a: FundingAreaMeasure) => (sort.key === 'name' ? areaName(a) : (a[sort.key] ?? -1))
    return [...(funding.data?.areas ?? [])].sort((a, b) => {
      const x = value(a)
      const y = value(b)
      const order = typeof x === 'string' ? collator.compare(x, String(y)) : x - (y as number)
      return (sort.descending ? -order : order) || collator.compare(areaName(a), areaName(b))
    })
  }, [funding.data, sort, areaName, i18n.resolvedLanguage])
  const columns: Array<{ key: SortKey; label: string }> = [
    { key: 'name', label: t('funding.area') },
    { key: 'population', label: t('funding.population') },
    { key: 'grants', label: t('funding.grants') },
    { key: 'total', label: t('funding.amount') },
    { key: 'perHead', label: t('funding.perHeadColumn') },
    { key: 'nationalTotal', label: t('funding.nationalColumn') },
  ]
  if (funding.isError)
    return (
      <p role="alert" className="field-error">
        {t('coverage.loadFailed')}
      </p>
    )
  if (!funding.data) return <p role="status">{t('loading')}</p>
  return (
    <div className="cov-table-scroll">
      <table className="cov-table funding-table">
        <caption>
          {caption}
          <span className="visually-hidden">{t('coverage.table.sortHint')}</span>
        </caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                aria-sort={sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
              >
                <button
                  type="button"
                  className="cov-sort"
                  onClick={() =>
                    setSort((s) => ({
                      key: c.key,
                      descending: s.key === c.key ? !s.descending : c.key !== 'name',
                    }))
                  }
                >
                  {c.label}
                  <span aria-hidden="true">
                    {sort.key === c.key ? (sort.descending ? ' ▼' : ' ▲') : ' ↕'}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => {
            const c = fundingClassOf(a)
            return (
              <tr key={a.code} aria-current={a.code === selected ? 'true' : undefined}>
                <th scope="row">
                  <button
                    type="button"
                    className="cov-area-button"
                    aria-label={t('coverage.table.openProfile', { name: areaName(a) })}
                    onClick={() => onSelect(a.code)}
                  >
                    {areaName(a)}
                  </button>
                </th>
                <td>{a.population === null ? '–' : number.format(a.population)}</td>
                <td>{a.grants}</td>
                <td>{pounds.format(a.total)}</td>
                <td>
                  <Swatch c={c} size={16} /> {a.perHead === null ? '–' : pence.format(a.perHead)}
                </td>
                <td>{pounds.format(a.nationalTotal)}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

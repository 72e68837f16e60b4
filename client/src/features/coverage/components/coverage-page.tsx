import '../coverage.css'
import { useCallback, useEffect, useMemo, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { LeftOutNote } from '../../../components/freshness/left-out-note'
import { ApiError } from '../../../lib/api-client'
import { useLocalised } from '../../../lib/use-localised'
import { useAreaOptions } from '../api/get-area-options'
import { exportUrl, useCoverage } from '../api/get-coverage'
import {
  type CoverageState,
  cellKey,
  fromSearchParams,
  toApiQuery,
  toSearchParams,
} from '../lib/coverage-state'
import { AreaProfile } from './area-profile'
import { ChoroplethPatterns } from './choropleth-patterns'
import { useCountedWords } from './counted-words'
import { CoverageChange } from './coverage-change'
import { CoverageControls } from './coverage-controls'
import { CoverageLegend } from './coverage-legend'
import { type CoverageCellSummary, CoverageMap } from './coverage-map'
import { CoverageTable } from './coverage-table'
import { DeprivationLegend } from './deprivation-legend'
import { useDeprivationTooltip } from './deprivation-words'
import { FundingExports, FundingLegend, FundingMap, FundingTable } from './funding-measure'

/**
 * /coverage: for a level, an area of interest, a function or topic and a group — a choropleth of
 * depth or count, the same data as a sortable table, exports, and an area's printable profile.
 */
export function CoveragePage() {
  const { t } = useTranslation()
  const localised = useLocalised()
  const countedWords = useCountedWords()
  const [params, setParams] = useSearchParams()
  const state = useMemo(() => fromSearchParams(params), [params])
  // React Router's functional setParams reads the params of the last render, so two changes made
  // before the router re-renders (choose an area, then a group, quickly) would drop the first.
  // Changes build on the newest requested params until the router renders new ones (ours, or the
  // Back button's).
  const requested = useRef<URLSearchParams | null>(null)
  useEffect(() => {
    void params
    requested.current = null
  }, [params])
  const update = useCallback(
    (next: Partial<CoverageState>) => {
      const merged = toSearchParams({ ...fromSearchParams(requested.current ?? params), ...next })
      requested.current = merged
      // Rendered at once rather than as a transition: a clicked radio must not spring back unchecked
      // while a slow machine draws the new map.
      setParams(merged, {
        replace: !('area' in next) || next.area === undefined,
        preventScrollReset: true,
        flushSync: true,
      })
    },
    [params, setParams],
  )
  const coverage = useCoverage(state)
  const areaOptions = useAreaOptions()
  const key = cellKey(state)
  const areas = useMemo(() => coverage.data?.areas ?? [], [coverage.data])
  // A new object only when the filters change: the map's layer address and cache key are made from it.
  const apiQueryKey = JSON.stringify(toApiQuery(state))
  // biome-ignore lint/correctness/useExhaustiveDependencies: apiQueryKey is the query's identity
  const apiQuery = useMemo(() => toApiQuery(state), [apiQueryKey])

  const facetLabel =
    state.facet === 'any'
      ? t('coverage.controls.anySupport')
      : localised.label(
          state.facet.startsWith('function:') ? 'functions' : 'topics',
          state.facet.split(':')[1] ?? '',
        )
  const groupLabel =
    state.group === 'generalist'
      ? t('coverage.groups.generalist')
      : state.group === 'any'
        ? t('coverage.groups.any')
        : localised.label('strands', state.group)
  const withinName = areaOptions
    ? Object.values(areaOptions)
        .flat()
        .find((a) => a.code === state.within)
    : undefined
  const where = withinName ? localised.areaName(withinName) : t('coverage.controls.everywhere')
  const caption = t('coverage.table.caption', {
    level: t(`coverage.levels.${state.level}`),
    where,
    facet: facetLabel,
    group: groupLabel,
    counted: countedWords(state),
  })

  const withDeprivation = useDeprivationTooltip()
  const describe = useCallback(
    (area: { name: string; nameCy: string | null }, cell: CoverageCellSummary) => {
      // The coverage layer marks areas of nations the directory does not cover yet.
      const text =
        (area as { inDirectory?: unknown }).inDirectory === false
          ? `${localised.areaName(area)}: ${t('directoryScope.table')}`
          : t('coverage.map.tooltip', {
              name: localised.areaName(area),
              count: cell.count,
              depth: cell.depth ? localised.label('levels', cell.depth) : t('coverage.depth.none'),
            })
      return state.imd ? withDeprivation(text, area) : text
    },
    [localised, t, state.imd, withDeprivation],
  )
  const select = useCallback((code: string) => update({ area: code }), [update])

  return (
    <div className="cov-page">
      <title>{`${t('coverage.title')} – ${t('app.titleSuffix')}`}</title>
      <ChoroplethPatterns />
      <div className="cov-top">
        <div className="cov-panel">
          <h1>{t('coverage.title')}</h1>
          <p>{t('coverage.intro')}</p>
          <CoverageControls state={state} areaOptions={areaOptions} onChange={update} />
          <p role="status" className="layer-status">
            {coverage.isPending
              ? t('coverage.loading')
              : coverage.isError
                ? ''
                : t('coverage.areasShown', { count: areas.length })}
          </p>
          {coverage.isError ? (
            <p role="alert" className="field-error">
              {coverage.error instanceof ApiError && coverage.error.isClientError
                ? coverage.error.message
                : t('coverage.loadFailed')}
            </p>
          ) : null}
          {state.measure === 'funding' ? (
            <>
              <FundingLegend />
              <FundingExports level={state.level} within={state.within} />
            </>
          ) : (
            <>
              <CoverageLegend measure={state.measure} counted={countedWords(state)} />
              <LeftOutNote leftOut={coverage.data?.leftOut} />
              <DeprivationLegend on={state.imd} onChange={(imd) => update({ imd })} />
              <p className="cov-exports">
                <a href={exportUrl(state, 'csv')} download>
                  {t('coverage.export.csv')}
                </a>
                <a href={exportUrl(state, 'geojson')} download>
                  {t('coverage.export.geojson')}
                </a>
              </p>
            </>
          )}
        </div>
        <section className="cov-map" aria-label={t('coverage.map.label')}>
          {state.measure === 'funding' ? (
            <FundingMap level={state.level} within={state.within} selected={state.area} onSelect={select} />
          ) : (
            <CoverageMap
              query={apiQuery}
              within={state.within}
              cellKey={key}
              measure={state.measure}
              selected={state.area}
              imd={state.imd}
              describe={describe}
              onSelect={select}
            />
          )}
        </section>
      </div>
      {state.area ? <AreaProfile code={state.area} onClose={() => update({ area: undefined })} /> : null}
      <section className="cov-table-section" aria-labelledby="cov-table-heading">
        <h2 id="cov-table-heading">{t('coverage.table.heading')}</h2>
        <p className="hint">{t('coverage.table.hint')}</p>
        {state.measure === 'funding' ? (
          <FundingTable
            level={state.level}
            within={state.within}
            selected={state.area}
            onSelect={select}
            caption={t('funding.tableCaption', { level: t(`coverage.levels.${state.level}`), where })}
          />
        ) : areas.length > 0 ? (
          <CoverageTable
            areas={areas}
            cellKey={key}
            areaLevel={state.level}
            selected={state.area}
            caption={caption}
            onSelect={select}
          />
        ) : null}
      </section>
      <CoverageChange state={state} />
    </div>
  )
}

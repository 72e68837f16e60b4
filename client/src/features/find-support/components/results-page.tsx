import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useSearchParams } from 'react-router'
import { DirectoryCoverageNotice } from '../../../components/directory/directory-coverage-notice'
import { ApiError } from '../../../lib/api-client'
import { useLocalised } from '../../../lib/use-localised'
import { useSearchProviders } from '../api/search-providers'
import { findPath, parseSearchState, type SearchState } from '../lib/search-state'
import { DownloadResults } from './download-results'
import { EmptyResults } from './empty-results'
import { FilterChips } from './filter-chips'
import { Pagination } from './pagination'
import { ResultList } from './result-list'
import { ResultsMap } from './results-map'
import { SearchForm } from './search-form'
import '../find-support.css'

/** `/find?…`: the matches for a search held wholly in the URL, as a list by level and as a map. */
export function ResultsPage() {
  const { t } = useTranslation()
  const localised = useLocalised()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const search = useMemo(() => parseSearchState(params), [params])
  const canSearch = Boolean(search.place || search.q || search.functions.length || search.topics.length)
  const results = useSearchProviders(search, canSearch)
  const data = results.data
  const [selectedId, setSelectedId] = useState<string>()
  const [hoveredId, setHoveredId] = useState<string>()
  const countRef = useRef<HTMLHeadingElement>(null)

  const go = (next: SearchState) => navigate(findPath(next))

  // A new page of results: move focus to the count, so keyboard and screen reader users start there.
  const previousPage = useRef(search.page)
  useEffect(() => {
    if (previousPage.current !== search.page && !results.isPlaceholderData) countRef.current?.focus()
    previousPage.current = search.page
  }, [search.page, results.isPlaceholderData])

  // A selection belongs to the page it was made on.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset whenever the search changes
  useEffect(() => {
    setSelectedId(undefined)
    setHoveredId(undefined)
  }, [params])

  const place = data?.place
  const placeName =
    search.place?.kind === 'postcode'
      ? (place?.postcode ?? search.place.postcode)
      : search.place?.kind === 'point'
        ? t('results.yourLocation')
        : place?.areas[0]
          ? localised.areaName(place.areas[0])
          : undefined
  const heading = placeName ? t('results.heading', { place: placeName }) : t('results.headingNoPlace')

  const error = results.error
  const postcodeProblem =
    error instanceof ApiError &&
    search.place?.kind === 'postcode' &&
    (error.status === 404 || error.status === 400)
      ? error.status === 404
        ? t('results.errors.postcodeNotFound', { postcode: search.place.postcode })
        : t('results.errors.postcodeInvalid', { postcode: search.place.postcode })
      : undefined

  const total = data?.total ?? 0
  const from = data && total > 0 ? (data.page - 1) * data.perPage + 1 : 0
  const to = data ? Math.min(total, data.page * data.perPage) : 0
  const outside = place !== undefined && place.areas.length === 0
  const countText =
    !canSearch || error
      ? undefined
      : results.isPending
        ? t('results.loading')
        : total === 0
          ? t('results.none')
          : t('results.count', { total, from, to })

  return (
    <div className="results-page">
      <title>{`${heading} – ${t('app.titleSuffix')}`}</title>
      <div className="results-panel">
        <h1>{heading}</h1>
        {place && place.areas.length > 0 ? (
          <p className="hint">
            {t('results.placeAreas', {
              place: placeName,
              // A county and its combined authority can share a name: say it once.
              areas: localised.list([...new Set(place.areas.map((area) => localised.areaName(area)))]),
            })}
          </p>
        ) : null}
        {place?.precision && place.precision !== 'postcode' ? (
          <p className="notice">{t(`results.precision.${place.precision}`)}</p>
        ) : null}
        <FilterChips search={search} />
        <details className="change-search" open={!canSearch || Boolean(postcodeProblem)}>
          <summary>{t('results.changeSearch')}</summary>
          <SearchForm
            // A new URL is a new starting point for the form.
            key={params.toString()}
            initial={search}
            placeError={postcodeProblem}
            submitLabel={t('results.searchAgain')}
            onSearch={go}
          />
        </details>

        {!canSearch ? <p className="notice">{t('results.needPlace')}</p> : null}

        {error ? (
          <div className="error-box" role="alert">
            <h2>{postcodeProblem ? t('results.errors.placeHeading') : t('results.errors.failed')}</h2>
            <p>
              {postcodeProblem ??
                (error instanceof ApiError && error.isClientError
                  ? t('results.errors.badRequest', { message: error.message })
                  : error instanceof ApiError && error.status === 0
                    ? t('errors.network')
                    : t('errors.server'))}
            </p>
            {!(error instanceof ApiError && error.isClientError) ? (
              <button type="button" onClick={() => void results.refetch()}>
                {t('results.errors.retry')}
              </button>
            ) : null}
          </div>
        ) : null}

        <div className="results-status" aria-busy={results.isFetching || undefined}>
          {countText ? (
            <h2 ref={countRef} tabIndex={-1} className="results-count">
              {countText}
            </h2>
          ) : null}
          <p role="status" className="visually-hidden">
            {results.isFetching ? t('results.loading') : data ? countText : ''}
          </p>
        </div>

        {outside ? (
          <p className="notice">
            {place.outside && place.outside !== 'no-area'
              ? t(`results.outsideReason.${place.outside}`, { postcode: place.postcode ?? '' })
              : t('results.outside')}
          </p>
        ) : null}
        {!outside ? <DirectoryCoverageNotice coverage={data?.directoryCoverage} /> : null}
        {data && total === 0 && !outside ? <EmptyResults search={search} place={place} /> : null}
        {data && data.items.length > 0 ? (
          <>
            {!place ? <p className="notice">{t('results.noPlaceNote')}</p> : null}
            <ResultList
              items={data.items}
              place={place}
              grouped={Boolean(place)}
              search={search}
              selectedId={selectedId}
              onSelect={setSelectedId}
              onHover={setHoveredId}
            />
            <Pagination search={search} total={total} />
            <DownloadResults search={search} total={total} />
          </>
        ) : null}
      </div>
      <section className="results-map" aria-labelledby="results-map-heading">
        <h2 id="results-map-heading" className="visually-hidden">
          {t('results.map.label')}
        </h2>
        <ResultsMap
          items={data?.items ?? []}
          place={place}
          selectedId={selectedId}
          hoveredId={hoveredId}
          onSelect={setSelectedId}
        />
      </section>
    </div>
  )
}

import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { recordText } from '../../../lib/record-text'
import { type Localised, useLocalised } from '../../../lib/use-localised'
import { isStale } from '../../../lib/verification'
import type { ProviderSummary, ResolvedPlace } from '../api/directory-types'
import { findPath, type SearchState } from '../lib/search-state'

interface ResultListProps {
  items: ProviderSummary[]
  place: ResolvedPlace | undefined
  /** With a place the API orders by level, nearest first: show a heading per level. */
  grouped: boolean
  search: SearchState
  selectedId: string | undefined
  onSelect(id: string | undefined): void
  onHover(id: string | undefined): void
}

/** Consecutive items of one level, in the API's order. */
function groupByLevel(items: ProviderSummary[]): Array<{ level: string; items: ProviderSummary[] }> {
  const groups: Array<{ level: string; items: ProviderSummary[] }> = []
  for (const item of items) {
    const last = groups[groups.length - 1]
    if (last && last.level === item.level) last.items.push(item)
    else groups.push({ level: item.level, items: [item] })
  }
  return groups
}

const levelKeys = ['neighbourhood', 'local', 'subregional', 'regional', 'national'] as const
type LevelKey = (typeof levelKeys)[number]
const isLevelKey = (level: string): level is LevelKey => (levelKeys as readonly string[]).includes(level)

/** The results as a list grouped by level, each with the reasons it matched. */
export function ResultList({
  items,
  place,
  grouped,
  search,
  selectedId,
  onSelect,
  onHover,
}: ResultListProps) {
  const { t } = useTranslation()
  const localised = useLocalised()
  if (!grouped) {
    return (
      <ol className="result-list">
        {items.map((item) => (
          <ResultItem
            key={item.id}
            item={item}
            search={search}
            headingLevel={2}
            selected={item.id === selectedId}
            onSelect={onSelect}
            onHover={onHover}
            localised={localised}
          />
        ))}
      </ol>
    )
  }
  return (
    <div className="result-groups">
      {groupByLevel(items).map((group, index) => {
        // The place's own area at this level names the group: "Local support: Bradford".
        const area = place?.areas.find((a) => a.level === group.level)
        const title = isLevelKey(group.level) ? t(`results.levelHeadings.${group.level}`) : group.level
        const headingId = `level-${group.level}-${index}`
        return (
          <section
            key={headingId}
            className="result-group"
            aria-labelledby={headingId}
            data-level={group.level}
          >
            <h2 id={headingId}>
              {area
                ? t('results.levelHeadingWithArea', { heading: title, area: localised.areaName(area) })
                : title}
            </h2>
            <ol className="result-list">
              {group.items.map((item) => (
                <ResultItem
                  key={item.id}
                  item={item}
                  search={search}
                  headingLevel={3}
                  selected={item.id === selectedId}
                  onSelect={onSelect}
                  onHover={onHover}
                  localised={localised}
                />
              ))}
            </ol>
          </section>
        )
      })}
    </div>
  )
}

interface ResultItemProps {
  item: ProviderSummary
  search: SearchState
  headingLevel: 2 | 3
  selected: boolean
  onSelect(id: string | undefined): void
  onHover(id: string | undefined): void
  localised: Localised
}

function ResultItem({ item, search, headingLevel, selected, onSelect, onHover, localised }: ResultItemProps) {
  const { t, i18n } = useTranslation()
  const { label, labels, list, areaName } = localised
  const ref = useRef<HTMLLIElement>(null)
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const headingId = `result-${item.id}`

  // Chosen on the map: bring the entry into view (without taking focus from the map).
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'nearest' })
  }, [selected])

  const reasons: string[] = []
  const matched = item.matchedArea
  if (matched) {
    const type = t(`areaTypes.${matched.type}` as 'areaTypes.ward', { defaultValue: matched.type })
    reasons.push(
      matched.viaPolygon
        ? t('results.reasons.areaPolygon', { area: areaName(matched), type })
        : t('results.reasons.area', { area: areaName(matched), type }),
    )
  }
  const r = item.reasons
  if (r.functions.length)
    reasons.push(t('results.reasons.functions', { list: list(labels('functions', r.functions)) }))
  if (r.topics.length) reasons.push(t('results.reasons.topics', { list: list(labels('topics', r.topics)) }))
  if (r.strands.length)
    reasons.push(t('results.reasons.strands', { list: list(labels('strands', r.strands)) }))
  if (r.generalistFallback) reasons.push(t('results.reasons.generalist'))
  if (r.languages.length)
    reasons.push(t('results.reasons.languages', { list: list(labels('languages', r.languages)) }))
  if (r.formats.length)
    reasons.push(t('results.reasons.formats', { list: list(labels('formats', r.formats)) }))
  if (r.qualityMarks.length)
    reasons.push(t('results.reasons.qualityMarks', { list: list(labels('qualityMarks', r.qualityMarks)) }))
  if (r.text && search.q) reasons.push(t('results.reasons.text', { text: search.q }))

  const stale = isStale(item.lastVerifiedAt)
  const name = recordText(item.name, item.welshName, i18n.resolvedLanguage)
  const summary = recordText(item.summary, item.welshSummary, i18n.resolvedLanguage)
  return (
    <li
      ref={ref}
      className="result"
      data-selected={selected || undefined}
      onMouseEnter={() => onHover(item.id)}
      onMouseLeave={() => onHover(undefined)}
    >
      <Heading id={headingId} className="result-name">
        <Link to={`/providers/${item.slug}`} state={{ from: findPath(search) }}>
          <span lang={name.lang}>{name.text}</span>
        </Link>
      </Heading>
      <p className="result-meta">
        <span className="tag">{label('kinds', item.kind)}</span>
        <span className="tag">{label('levels', item.level)}</span>
        {item.distanceMetres != null ? (
          <span>{t('results.distance', { km: localised.kilometres(item.distanceMetres) })}</span>
        ) : null}
      </p>
      {/* In Welsh, the record's Welsh summary where it has one; English text is marked so for screen readers. */}
      <p className="result-summary" lang={summary.lang}>
        {summary.text}
      </p>
      {reasons.length > 0 ? (
        <div className="result-reasons">
          <p className="result-reasons-label" id={`${headingId}-why`}>
            {t('results.reasons.heading')}
          </p>
          <ul aria-labelledby={`${headingId}-why`}>
            {reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="result-footer">
        <p className="result-verified">
          {item.lastVerifiedAt
            ? t('results.verified', { date: localised.date(item.lastVerifiedAt) })
            : t('results.neverVerified')}
          {stale ? <strong className="stale-flag">{t('results.notVerifiedRecently')}</strong> : null}
        </p>
        <button
          type="button"
          className="button-secondary button-small"
          aria-pressed={selected}
          aria-label={t('results.showOnMapLabel', { name: item.name })}
          onClick={() => onSelect(selected ? undefined : item.id)}
          onFocus={() => onHover(item.id)}
          onBlur={() => onHover(undefined)}
        >
          {t('results.showOnMap')}
        </button>
      </div>
    </li>
  )
}

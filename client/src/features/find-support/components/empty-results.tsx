import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useLocalised } from '../../../lib/use-localised'
import type { ResolvedPlace } from '../api/directory-types'
import { findPath, type SearchState, withChanges } from '../lib/search-state'

/** Nothing matched: say so, and offer the broader searches most likely to find someone. */
export function EmptyResults({ search, place }: { search: SearchState; place: ResolvedPlace | undefined }) {
  const { t } = useTranslation()
  const { labels, list } = useLocalised()
  const hasNeed = search.functions.length + search.topics.length > 0 || Boolean(search.q)
  const suggestions: Array<{ key: string; text: string; to: string }> = []
  if (search.strands.length > 0) {
    suggestions.push({
      key: 'strands',
      text: t('results.empty.dropStrands', { list: list(labels('strands', search.strands)) }),
      to: findPath(withChanges(search, { strands: [] })),
    })
  }
  if (search.levels.length > 0 || search.kinds.length > 0) {
    suggestions.push({
      key: 'filters',
      text: t('results.empty.dropFilters'),
      to: findPath(withChanges(search, { levels: [], kinds: [] })),
    })
  }
  if (!(search.levels.length === 1 && search.levels[0] === 'national')) {
    // National bodies are available everywhere: the usual fallback when nothing local fits.
    suggestions.push({
      key: 'national',
      text: t('results.empty.national'),
      to: findPath(withChanges(search, { levels: ['national'], kinds: [], strands: [] })),
    })
  }
  if (hasNeed && place) {
    suggestions.push({
      key: 'need',
      text: t('results.empty.dropNeed'),
      to: findPath(withChanges(search, { functions: [], topics: [], q: undefined })),
    })
  }
  return (
    <div className="empty-results">
      <p>{t('results.empty.body')}</p>
      <ul>
        {suggestions.map((suggestion) => (
          <li key={suggestion.key}>
            <Link to={suggestion.to}>{suggestion.text}</Link>
          </li>
        ))}
      </ul>
    </div>
  )
}

import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useLocalised } from '../../../lib/use-localised'
import { findPath, type SearchState, withChanges } from '../lib/search-state'

/** What the search asks for, each part a link that removes it: the quickest way to broaden a search. */
export function FilterChips({ search }: { search: SearchState }) {
  const { t } = useTranslation()
  const { label } = useLocalised()
  const chips: Array<{ key: string; text: string; without: Partial<SearchState> }> = [
    ...search.functions.map((code) => ({
      key: `function:${code}`,
      text: t('results.chips.need', { label: label('functions', code) }),
      without: { functions: search.functions.filter((c) => c !== code) },
    })),
    ...search.topics.map((code) => ({
      key: `topic:${code}`,
      text: t('results.chips.need', { label: label('topics', code) }),
      without: { topics: search.topics.filter((c) => c !== code) },
    })),
    ...(search.q
      ? [{ key: 'q', text: t('results.chips.words', { text: search.q }), without: { q: undefined } }]
      : []),
    ...search.strands.map((code) => ({
      key: `strand:${code}`,
      text: t('results.chips.strand', { label: label('strands', code) }),
      without: { strands: search.strands.filter((c) => c !== code) },
    })),
    ...search.levels.map((code) => ({
      key: `level:${code}`,
      text: t('results.chips.level', { label: label('levels', code) }),
      without: { levels: search.levels.filter((c) => c !== code) },
    })),
    ...search.kinds.map((code) => ({
      key: `kind:${code}`,
      text: t('results.chips.kind', { label: label('kinds', code) }),
      without: { kinds: search.kinds.filter((c) => c !== code) },
    })),
  ]
  if (chips.length === 0) return null
  return (
    <div className="filter-chips">
      <p className="filter-chips-label" id="filter-chips-label">
        {t('results.chips.heading')}
      </p>
      <ul aria-labelledby="filter-chips-label">
        {chips.map((chip) => (
          <li key={chip.key}>
            <Link
              className="filter-chip"
              to={findPath(withChanges(search, chip.without))}
              aria-label={t('results.chips.remove', { label: chip.text })}
            >
              {chip.text}
              <span aria-hidden="true" className="filter-chip-x">
                ×
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  )
}

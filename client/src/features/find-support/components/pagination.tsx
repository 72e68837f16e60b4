import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { findPath, pageSizes, type SearchState, withChanges } from '../lib/search-state'

/** The pages around the current one, with the first and last always reachable. */
export function pageWindow(page: number, pages: number, spread = 2): Array<number | 'gap'> {
  const shown = new Set([1, pages])
  for (let p = page - spread; p <= page + spread; p++) if (p >= 1 && p <= pages) shown.add(p)
  const sorted = [...shown].sort((a, b) => a - b)
  const out: Array<number | 'gap'> = []
  sorted.forEach((p, i) => {
    const before = sorted[i - 1]
    if (before !== undefined && p - before > 1) out.push('gap')
    out.push(p)
  })
  return out
}

/** Page links (real links, so back and forward walk the pages) and the page size. */
export function Pagination({ search, total }: { search: SearchState; total: number }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const id = useId()
  const pages = Math.max(1, Math.ceil(total / search.perPage))
  const page = Math.min(search.page, pages)
  const to = (p: number) => findPath({ ...search, page: p })
  return (
    <div className="pagination">
      {pages > 1 ? (
        <nav aria-label={t('results.paging.label')}>
          <ul>
            {page > 1 ? (
              <li>
                <Link to={to(page - 1)} rel="prev">
                  {t('results.paging.previous')}
                </Link>
              </li>
            ) : null}
            {pageWindow(page, pages).map((p, i) =>
              p === 'gap' ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: gaps have no identity of their own
                <li key={`gap-${i}`} aria-hidden="true" className="pagination-gap">
                  …
                </li>
              ) : (
                <li key={p}>
                  <Link
                    to={to(p)}
                    aria-current={p === page ? 'page' : undefined}
                    aria-label={t('results.paging.page', { page: p })}
                  >
                    {p}
                  </Link>
                </li>
              ),
            )}
            {page < pages ? (
              <li>
                <Link to={to(page + 1)} rel="next">
                  {t('results.paging.next')}
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
      <div className="page-size">
        <label htmlFor={`${id}-per-page`}>{t('results.paging.perPage')}</label>
        <select
          id={`${id}-per-page`}
          value={search.perPage}
          onChange={(event) =>
            navigate(findPath(withChanges(search, { perPage: Number(event.target.value) })))
          }
        >
          {pageSizes.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </div>
    </div>
  )
}

import { useTranslation } from 'react-i18next'

/** Previous / page n of m / next for an admin list; nothing when everything fits on one page. */
export function Pager({
  page,
  perPage,
  total,
  onPage,
}: {
  page: number
  perPage: number
  total: number
  onPage: (page: number) => void
}) {
  const { t } = useTranslation()
  if (total <= perPage) return null
  return (
    <nav className="admin-ops-pager" aria-label={t('adminOps.pager.label')}>
      <button type="button" className="button-small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('adminOps.pager.previous')}
      </button>
      <span>{t('adminOps.pager.page', { page, pages: Math.ceil(total / perPage) })}</span>
      <button
        type="button"
        className="button-small"
        disabled={page * perPage >= total}
        onClick={() => onPage(page + 1)}
      >
        {t('adminOps.pager.next')}
      </button>
    </nav>
  )
}

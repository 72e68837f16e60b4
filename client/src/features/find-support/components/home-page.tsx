import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { emptySearch, findPath } from '../lib/search-state'
import { SearchForm } from './search-form'
import '../find-support.css'

/** `/`: "who can help us, here, with this?" — the three questions that start a search. */
export function HomePage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <div className="page find-home">
      <title>{`${t('findSupport.title')} – ${t('app.titleSuffix')}`}</title>
      <h1>{t('findSupport.title')}</h1>
      <p className="lead">{t('findSupport.intro')}</p>
      <SearchForm
        initial={emptySearch}
        submitLabel={t('findSupport.form.submit')}
        onSearch={(next) => navigate(findPath(next))}
      />
      <h2>{t('findSupport.more.heading')}</h2>
      <p>{t('findSupport.more.body')}</p>
      <p>
        <Link to="/map">{t('findSupport.more.mapLink')}</Link>
      </p>
    </div>
  )
}

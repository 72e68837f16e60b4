import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { DirectoryCoverage } from '../../../../server/directory/directory-scope'
import './directory-coverage-notice.css'

/**
 * Said wherever a place is searched (find support, the helpline) when the directory's records do
 * not cover the place's nation yet: which nation, that it is not covered, and the bodies recorded
 * as serving the whole of it (docs/decisions/0012). Nothing is shown for a covered place.
 */
export function DirectoryCoverageNotice({
  coverage,
  headingLevel = 2,
  extra,
}: {
  coverage: DirectoryCoverage | undefined
  headingLevel?: 2 | 3
  /** A line for the page's own context (the helpline's note that the call can still be logged). */
  extra?: string
}) {
  const { t, i18n } = useTranslation()
  if (!coverage || coverage.covered) return null
  const code = coverage.nation?.code
  const known = code === 'S92000003' || code === 'N92000002' ? code : undefined
  const nation = known
    ? t(`directoryScope.nations.${known}`)
    : ((i18n.language === 'cy' ? coverage.nation?.nameCy : null) ?? coverage.nation?.name ?? '')
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <section className="directory-scope-notice" aria-labelledby="directory-scope-heading">
      <Heading id="directory-scope-heading">{t('directoryScope.heading')}</Heading>
      <p>{coverage.nation ? t('directoryScope.notCovered', { nation }) : t('directoryScope.outside')}</p>
      {coverage.nation ? (
        coverage.onwardRoutes.length > 0 ? (
          <>
            <p>{t('directoryScope.routes', { nation })}</p>
            <ul>
              {coverage.onwardRoutes.map((route) => (
                <li key={route.id}>
                  <Link to={`/providers/${route.slug}`}>{route.name}</Link>: {route.summary}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t('directoryScope.noRoutes', { nation })}</p>
        )
      ) : null}
      {extra ? <p className="hint">{extra}</p> : null}
    </section>
  )
}

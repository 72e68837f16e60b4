import { useTranslation } from 'react-i18next'
import { isRouteErrorResponse, useRouteError } from 'react-router'
import { AppLayout } from '../../components/layout/app-layout'
import { navItems } from '../nav-items'
import { NotFoundRoute } from './not-found'

/** Shown when a route fails to load or render: the shell stays, with a way out. */
export function RouteError() {
  const { t } = useTranslation()
  const error = useRouteError()
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <AppLayout nav={navItems}>
        <NotFoundRoute />
      </AppLayout>
    )
  }
  return (
    <AppLayout nav={navItems}>
      <div className="page" role="alert">
        <h1>{t('errors.title')}</h1>
        <p>{error instanceof Error ? error.message : t('errors.server')}</p>
        <p>
          <button type="button" onClick={() => window.location.reload()}>
            {t('errors.reload')}
          </button>
        </p>
      </div>
    </AppLayout>
  )
}

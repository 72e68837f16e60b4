import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, NavLink, Outlet } from 'react-router'
import type { NavItem } from '../../lib/navigation'
import { DemonstrationNotice } from './demonstration-notice'
import { LanguageSwitch } from './language-switch'
import { SiteFooter } from './site-footer'

export const mainContentId = 'main-content'

interface AppLayoutProps {
  nav: readonly NavItem[]
  /** Shown instead of the matched route, e.g. by an error boundary. */
  children?: ReactNode
}

/**
 * Skip link, header with navigation and language choice, the demonstration-data notice while the
 * directory holds demo records, the page, and the footer with data attribution.
 */
export function AppLayout({ nav, children }: AppLayoutProps) {
  const { t } = useTranslation()
  return (
    <div className="app-shell">
      <a className="skip-link" href={`#${mainContentId}`}>
        {t('skipLink')}
      </a>
      <header className="site-header">
        <Link to="/" className="site-name">
          {t('app.name')}
        </Link>
        <nav aria-label={t('nav.label')} className="site-nav">
          <ul>
            {nav.map((item) => (
              <li key={item.path}>
                <NavLink to={item.path} end={item.path === '/'}>
                  {t(item.labelKey)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <LanguageSwitch />
      </header>
      <DemonstrationNotice />
      <main id={mainContentId} tabIndex={-1} className="site-main">
        {children ?? <Outlet />}
      </main>
      <SiteFooter />
    </div>
  )
}

import { useTranslation } from 'react-i18next'
import { NavLink, Outlet } from 'react-router'
import { SignInForm } from '../../../components/auth/sign-in-form'
import { hasRole, useSession, useSignOut } from '../../../lib/session'
import '../admin.css'
import { ADMIN_ROLES, navItemsFor } from '../lib/admin-nav'

/**
 * `/admin`: signed out, the sign-in form; signed in with an admin, editor or provider account,
 * the sections that role may use and the chosen section below; a helpline account is told why
 * it cannot edit.
 */
export function AdminLayout() {
  const { t } = useTranslation()
  const session = useSession()
  const signOut = useSignOut()
  const user = session.data?.user

  if (session.isPending) {
    return (
      <div className="page admin-page">
        <p role="status">{t('loading')}</p>
      </div>
    )
  }
  if (session.isError) {
    return (
      <div className="page admin-page">
        <p role="alert">{t('errors.network')}</p>
      </div>
    )
  }
  if (!user) {
    return (
      <div className="page admin-page">
        <title>{`${t('admin.title')} – ${t('app.titleSuffix')}`}</title>
        <h1>{t('admin.title')}</h1>
        <p>{t('admin.intro')}</p>
        <SignInForm heading={t('admin.signIn.heading')} intro={t('admin.signIn.intro')} />
      </div>
    )
  }

  const signOutButton = (
    <button
      type="button"
      className="admin-sign-out"
      onClick={() => signOut.mutate()}
      disabled={signOut.isPending}
    >
      {signOut.isPending ? t('auth.signingOut') : t('auth.signOut')}
    </button>
  )
  const role = t(`admin.roles.${user.role}`)

  if (!hasRole(user, ADMIN_ROLES)) {
    return (
      <div className="page admin-page">
        <title>{`${t('admin.title')} – ${t('app.titleSuffix')}`}</title>
        <h1>{t('admin.title')}</h1>
        <p className="notice" role="alert">
          {t('admin.cannotEdit', { role })}
        </p>
        {signOutButton}
      </div>
    )
  }

  return (
    <div className="admin-shell">
      <div className="admin-bar">
        <nav aria-label={t('admin.navLabel')} className="admin-nav">
          <ul>
            {navItemsFor(user.role).map((item) => (
              <li key={item.path}>
                <NavLink to={`/admin/${item.path}`}>{t(item.labelKey)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <p className="hint admin-user">{t('admin.signedInAs', { email: user.email, role })}</p>
        {signOutButton}
      </div>
      <Outlet />
    </div>
  )
}

/** `/admin` itself: what the sections are for, with links to each the role may use. */
export function AdminHome() {
  const { t } = useTranslation()
  const user = useSession().data?.user
  return (
    <div className="page admin-page">
      <title>{`${t('admin.title')} – ${t('app.titleSuffix')}`}</title>
      <h1>{t('admin.title')}</h1>
      <p>{t('admin.intro')}</p>
      {user ? (
        <ul className="admin-home-links">
          {navItemsFor(user.role).map((item) => (
            <li key={item.path}>
              <NavLink to={`/admin/${item.path}`}>{t(item.labelKey)}</NavLink>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

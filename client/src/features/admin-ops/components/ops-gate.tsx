import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { SignInForm } from '../../../components/auth/sign-in-form'
import { hasRole, type Role, type SessionUser, useSession } from '../../../lib/session'

interface OpsPageProps {
  /** Translated page title (also the document title). */
  title: string
  intro: string
  roles: readonly Role[]
  children: (user: SessionUser) => ReactNode
}

/** An admin operations page: title, then its content for the allowed roles, else sign-in or a notice. */
export function OpsPage({ title, intro, roles, children }: OpsPageProps) {
  const { t } = useTranslation()
  const session = useSession()
  const user = session.data?.user
  return (
    <div className="page admin-ops">
      <title>{`${title} – ${t('app.titleSuffix')}`}</title>
      <h1>{title}</h1>
      <p className="hint">{intro}</p>
      {session.isPending ? (
        <p role="status">{t('loading')}</p>
      ) : session.isError ? (
        <p role="alert">{t('errors.network')}</p>
      ) : user && hasRole(user, roles) ? (
        children(user)
      ) : user ? (
        <p className="notice">{t('adminOps.wrongRole', { role: user.role, roles: roles.join(', ') })}</p>
      ) : (
        <SignInForm heading={t('adminOps.signIn')} />
      )}
    </div>
  )
}

import { useTranslation } from 'react-i18next'
import { SignInForm } from '../../../components/auth/sign-in-form'
import { hasRole, useSession } from '../../../lib/session'
import { ENQUIRY_ROLES } from '../api/enquiry-roles'
import '../helpline.css'
import { HelplineDesk } from './helpline-desk'

/** `/helpline`: signposting for staff on a call. Logging enquiries needs a helpline, editor or admin account. */
export function HelplinePage() {
  const { t } = useTranslation()
  const session = useSession()

  const user = session.data?.user
  return (
    <div className="page helpline-page">
      <title>{`${t('helpline.title')} – ${t('app.titleSuffix')}`}</title>
      <h1>{t('helpline.title')}</h1>
      <p className="helpline-intro">{t('helpline.intro')}</p>
      {session.isPending ? (
        <p role="status">{t('loading')}</p>
      ) : session.isError ? (
        <p role="alert">{t('errors.network')}</p>
      ) : user && hasRole(user, ENQUIRY_ROLES) ? (
        <HelplineDesk user={user} />
      ) : (
        <SignInForm
          heading={t('helpline.signIn.heading')}
          intro={t('helpline.signIn.intro')}
          notice={user ? t('helpline.signIn.wrongRole', { role: user.role }) : undefined}
        />
      )}
    </div>
  )
}

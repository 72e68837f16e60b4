import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useAppConfig } from '../../lib/app-config'

/**
 * Says on every page, while the server reports demonstration records in the directory (GET
 * /api/config `demonstrationData`), that its bodies and gaps are examples, and how to load real
 * data (issue 16). A labelled complementary landmark between the header and the page; not a live
 * region, it never takes focus or covers anything.
 */
export function DemonstrationNotice() {
  const { t } = useTranslation()
  const config = useAppConfig()
  if (!config.data?.demonstrationData) return null
  return (
    <aside className="demo-notice" aria-labelledby="demo-notice-heading">
      <p>
        <strong id="demo-notice-heading">{t('demoNotice.heading')}</strong> {t('demoNotice.body')}{' '}
        {t('demoNotice.realData')} <Link to="/admin/imports">{t('demoNotice.imports')}</Link>.
      </p>
    </aside>
  )
}

import { useTranslation } from 'react-i18next'
import { formatValue } from '../lib/format-value'

/** One stored value in a diff table; an empty one says so in words. */
export function ValueCell({ value }: { value: unknown }) {
  const { t } = useTranslation()
  const text = formatValue(value)
  return text ? <pre className="admin-ops-value">{text}</pre> : <em>{t('adminOps.none')}</em>
}

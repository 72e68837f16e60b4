import { useTranslation } from 'react-i18next'
import { describeRecordValue } from '../../../lib/record-values'
import type { Localised } from '../../../lib/use-localised'

/** One provider-record value in words (labels, hours by day, never JSON); an empty one says so. */
export function Words({ field, value, localised }: { field: string; value: unknown; localised: Localised }) {
  const { t } = useTranslation()
  const text = describeRecordValue(field, value, localised, t)
  return text ? <span className="admin-ops-words">{text}</span> : <em>{t('adminOps.none')}</em>
}

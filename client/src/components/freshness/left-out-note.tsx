import { useTranslation } from 'react-i18next'
import type { CoverageLeftOut } from '../../../../server/coverage/coverage-schemas'

/**
 * What the freshness policy left out of the coverage counts shown (docs/decisions/0020): how many
 * records, and why. Nothing when none was left out.
 */
export function LeftOutNote({ leftOut }: { leftOut: CoverageLeftOut | undefined }) {
  const { t } = useTranslation()
  if (!leftOut || leftOut.total === 0) return null
  return (
    <p className="hint cov-left-out">
      {t('freshness.leftOut', {
        total: leftOut.total,
        expired: leftOut.expired,
        noContact: leftOut.noContact,
        months: leftOut.expiredMonths,
      })}
    </p>
  )
}

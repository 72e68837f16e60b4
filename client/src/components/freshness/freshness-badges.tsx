import { useTranslation } from 'react-i18next'
import type { Freshness, FreshnessReason } from '../../../../server/providers/freshness'
import { useLocalised } from '../../lib/use-localised'
import './freshness-badges.css'

/**
 * The freshness policy's marks on a record (docs/decisions/0020): historical, stale, expired, no
 * contact route. Words first, with a warning sign that is hidden from screen readers: never
 * colour alone. Nothing for a fresh record.
 */
export function FreshnessBadges({
  freshness,
  className,
}: {
  freshness: Freshness | null | undefined
  className?: string
}) {
  const text = useFreshnessText()
  if (!freshness || freshness.reasons.length === 0) return null
  return (
    <span className={['freshness-badges', className].filter(Boolean).join(' ')}>
      {freshness.reasons.map((reason) => (
        <span key={reason.code} className="freshness-badge" data-freshness={reason.code}>
          <span aria-hidden="true">⚠ </span>
          {text(reason)}
        </span>
      ))}
    </span>
  )
}

/** One reason in the interface's language. */
export function useFreshnessText(): (reason: FreshnessReason) => string {
  const { t } = useTranslation()
  const { date } = useLocalised()
  return (reason) => {
    switch (reason.code) {
      case 'historical':
        return t(
          reason.source === 'source:000' ? 'freshness.historicalStudy' : 'freshness.historicalStrategy',
          { year: reason.year },
        )
      case 'stale':
        return reason.lastVerifiedAt
          ? t('freshness.stale', { date: date(reason.lastVerifiedAt) })
          : t('freshness.neverVerified')
      case 'expired':
        return reason.lastVerifiedAt
          ? t('freshness.expired', { year: reason.lastVerifiedAt.slice(0, 4) })
          : t('freshness.neverVerified')
      case 'no-contact':
        return t('freshness.noContact')
    }
  }
}

import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import type { DeprivationUnavailable } from '../../../../../server/deprivation/deprivation-model'
import { percent } from '../lib/deprivation'

const reasons: readonly DeprivationUnavailable[] = ['outside-england', 'below-districts', 'not-loaded']

/**
 * A map tooltip with the area's deprivation added (the overlay is on): its share in England's most
 * deprived 20 %, or why the English index says nothing there.
 */
export function useDeprivationTooltip() {
  const { t } = useTranslation()
  return useCallback(
    (text: string, props: Record<string, unknown>) => {
      if (typeof props.imdShare20 === 'number')
        return t('deprivation.tooltip', { text, share: percent(props.imdShare20) })
      const reason = reasons.find((r) => r === props.imdUnavailable) ?? 'not-loaded'
      return `${text}; ${t(`deprivation.unavailable.${reason}`)}`
    },
    [t],
  )
}

import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocalised } from '../../../lib/use-localised'
import type { SignpostReason } from '../api/signpost-types'

/** "Training" -> "training" inside a sentence; "ICT ..." and other capitals-led words stay. */
function lowerFirst(text: string): string {
  return /^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLocaleLowerCase() + text.slice(1) : text
}

/**
 * Reason codes from the API as sentences in the interface language: the server's English
 * `reasons` are not used on screen, so Welsh works throughout.
 */
export function useReasonText() {
  const { t } = useTranslation()
  const localised = useLocalised()
  return useMemo(() => {
    const { labels, label, areaName, date, kilometres, list } = localised
    const level = (code: string) => lowerFirst(label('levels', code))
    const need = (vocabulary: 'functions' | 'topics', codes: readonly string[]) =>
      list(labels(vocabulary, codes).map(lowerFirst))
    return (reason: SignpostReason): string => {
      switch (reason.code) {
        case 'covers':
          return t(reason.viaPolygon ? 'helpline.reasons.coversPolygon' : 'helpline.reasons.covers', {
            area: areaName(reason.area),
            level: level(reason.area.level),
          })
        case 'strands':
          return t('helpline.reasons.strands', { list: list(labels('strands', reason.strands)) })
        case 'serves-all-groups':
          return t('helpline.reasons.servesAll')
        case 'acts-as-generalist':
          return t('helpline.reasons.actsAsGeneralist')
        case 'activity-specialist':
          return t('helpline.reasons.activitySpecialist')
        case 'community-context':
          return t('helpline.reasons.communityContext', {
            strands: list(labels('strands', reason.strands)),
            list: list(
              [...labels('functions', reason.functions), ...labels('topics', reason.topics)].map(lowerFirst),
            ),
          })
        case 'offers-access':
          return t('helpline.reasons.offersAccess', {
            list: list([...labels('languages', reason.languages), ...labels('formats', reason.formats)]),
          })
        case 'does-not-offer':
          return t('helpline.reasons.doesNotOffer', {
            list: list([...labels('languages', reason.languages), ...labels('formats', reason.formats)]),
          })
        case 'pair':
          return t(
            reason.role === 'generalist'
              ? 'helpline.reasons.pairGeneralist'
              : 'helpline.reasons.pairSpecialist',
          )
        case 'offers':
          if (reason.functions.length > 0 && reason.topics.length > 0) {
            return t('helpline.reasons.offersOn', {
              functions: need('functions', reason.functions),
              topics: need('topics', reason.topics),
            })
          }
          return reason.functions.length > 0
            ? t('helpline.reasons.offers', { list: need('functions', reason.functions) })
            : t('helpline.reasons.helpsWith', { list: need('topics', reason.topics) })
        case 'need-not-listed':
          return t('helpline.reasons.needNotListed', {
            list: list(
              [...labels('functions', reason.functions), ...labels('topics', reason.topics)].map(lowerFirst),
            ),
          })
        case 'verified':
          return t('helpline.reasons.verified', { date: date(reason.date) })
        case 'distance':
          return t('helpline.reasons.distance', { km: kilometres(reason.metres) })
        case 'fallback':
          if (reason.fallback === 'national') return t('helpline.reasons.fallbackNational')
          return reason.area
            ? t('helpline.reasons.fallbackLocal', { area: areaName(reason.area) })
            : t('helpline.reasons.fallbackLocalAnywhere')
        case 'refers':
          return t('helpline.reasons.refers', {
            name: reason.to.name,
            list: list([...labels('strands', reason.strands), ...labels('topics', reason.topics)]),
          })
      }
    }
  }, [t, localised])
}

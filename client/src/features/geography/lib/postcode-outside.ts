import type { TFunction } from 'i18next'
import type { PostcodeOutsideReason } from '../api/geo-types'

/**
 * Why a postcode has no areas, in the reader's language: a Channel Islands/Isle of Man,
 * non-geographic or unknown-area postcode has no UK location; any other is in no loaded area.
 */
export function postcodeOutsideText(
  t: TFunction,
  place: { postcode: string | null; reason?: PostcodeOutsideReason | 'no-area' },
): string {
  const postcode = place.postcode ?? ''
  switch (place.reason) {
    case 'crown-dependency':
    case 'non-geographic':
    case 'unknown-area':
      return t(`postcode.outsideReason.${place.reason}`, { postcode })
    default:
      return t('postcode.outside', { postcode })
  }
}

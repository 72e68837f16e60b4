import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import type { AreaSummary } from '../api/geo-types'

/** An area's name in the interface language: the Welsh name where the data has one. */
export function useAreaName(): (area: Pick<AreaSummary, 'name' | 'nameCy'>) => string {
  const { i18n } = useTranslation()
  const welsh = (i18n.resolvedLanguage ?? i18n.language) === 'cy'
  return useCallback((area) => (welsh && area.nameCy ? area.nameCy : area.name), [welsh])
}

import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { findTerm, termLabel, useTaxonomy, type Vocabulary } from './taxonomy'

/** Anything named in both languages, such as an area (`nameCy` only where the data has one). */
export interface BilingualName {
  name: string
  nameCy?: string | null
}

/**
 * Formatting in the interface language: vocabulary labels, area names (Welsh where known),
 * dates and distances. Re-renders when the language changes.
 */
export function useLocalised() {
  const { i18n } = useTranslation()
  const language = i18n.resolvedLanguage ?? i18n.language
  const taxonomy = useTaxonomy()
  const data = taxonomy.data
  return useMemo(() => {
    const locale = language === 'cy' ? 'cy-GB' : 'en-GB'
    const dateFormat = new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    })
    const kmFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 })
    const listFormat = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' })
    /** A code's label; the code itself while the vocabulary loads or for an unknown code. */
    const label = (vocabulary: Vocabulary, code: string): string => {
      const term = findTerm(data, vocabulary, code)
      return term ? termLabel(term, language) : code
    }
    return {
      language,
      taxonomy: data,
      label,
      labels: (vocabulary: Vocabulary, codes: readonly string[]) =>
        codes.map((code) => label(vocabulary, code)),
      areaName: (area: BilingualName): string => (language === 'cy' && area.nameCy ? area.nameCy : area.name),
      /** An ISO date (YYYY-MM-DD or a timestamp) as "1 July 2008" / "1 Gorffennaf 2008". */
      date: (iso: string): string => {
        const parsed = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso)
        return Number.isNaN(parsed.getTime()) ? iso : dateFormat.format(parsed)
      },
      kilometres: (metres: number): string => kmFormat.format(metres / 1000),
      list: (items: readonly string[]): string => listFormat.format(items),
    }
  }, [language, data])
}

export type Localised = ReturnType<typeof useLocalised>

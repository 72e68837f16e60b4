import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { findTerm, termLabel, useTaxonomy, type Vocabulary } from './taxonomy'

const monthKeys = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
] as const

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
  const { t, i18n } = useTranslation()
  const language = i18n.resolvedLanguage ?? i18n.language
  const taxonomy = useTaxonomy()
  const data = taxonomy.data
  return useMemo(() => {
    // Dates and lists are built from our own strings: browsers ship Welsh locale data unevenly
    // (Debian's Chromium prints English month names in a Welsh page).
    const kmFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 })
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
      /**
       * An area's name with its type, so that areas sharing a name are told apart:
       * "West Yorkshire (county)", "West Yorkshire (combined authority)".
       */
      areaWithType: (area: BilingualName & { type: string }): string =>
        t('areaWithType', {
          name: language === 'cy' && area.nameCy ? area.nameCy : area.name,
          type: t(`areaTypes.${area.type}` as 'areaTypes.ward', {
            defaultValue: area.type,
          }).toLocaleLowerCase(language === 'cy' ? 'cy' : 'en-GB'),
        }),
      /** An ISO date (YYYY-MM-DD or a timestamp) as "1 July 2008" / "1 Gorffennaf 2008". */
      date: (iso: string): string => {
        const parsed = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso)
        if (Number.isNaN(parsed.getTime())) return iso
        return t('dates.long', {
          day: parsed.getUTCDate(),
          month: t(`dates.months.${monthKeys[parsed.getUTCMonth()] ?? 'jan'}`),
          year: parsed.getUTCFullYear(),
        })
      },
      kilometres: (metres: number): string => kmFormat.format(metres / 1000),
      /** Labels run together with commas: the same in both languages, with no conjunction to mutate. */
      list: (items: readonly string[]): string => items.join(', '),
    }
  }, [language, data, t])
}

export type Localised = ReturnType<typeof useLocalised>

import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocalised } from '../../../lib/use-localised'
import { type CoverageState, isStrandGroup } from '../lib/coverage-state'

/**
 * One sentence saying which providers the coverage shown counts: beside the "For whom" control, in
 * the legend and under the table, so a reader never takes "specialists only" for "nobody".
 */
export function useCountedWords(): (state: Pick<CoverageState, 'group' | 'counting'>) => string {
  const { t } = useTranslation()
  const { label } = useLocalised()
  return useCallback(
    (state) => {
      if (!isStrandGroup(state.group)) return t(`coverage.counted.${state.group as 'any' | 'generalist'}`)
      const group = label('strands', state.group).split(' (')[0]
      return state.counting === 'help'
        ? t('coverage.counted.help', { group })
        : t('coverage.counted.strand', { group })
    },
    [t, label],
  )
}

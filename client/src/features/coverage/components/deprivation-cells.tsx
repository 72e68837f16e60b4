import { useTranslation } from 'react-i18next'
import type { CoverageArea } from '../api/coverage-types'
import { percent } from '../lib/deprivation'

/**
 * The coverage table's deprivation cells for one area: population-weighted rank, shares in the
 * most deprived 10 % / 20 %, and whether its support is thin. Without figures the cell says why
 * (the English index does not apply; not given for wards), never a zero.
 */
export function DeprivationCells({ area, thin }: { area: CoverageArea; thin: boolean }) {
  const { t, i18n } = useTranslation()
  const { figures, unavailable } = area.deprivation
  if (!figures) {
    return (
      <>
        <td colSpan={2} className="cov-imd-none">
          {t(`deprivation.unavailable.${unavailable ?? 'not-loaded'}`)}
        </td>
        <td>–</td>
      </>
    )
  }
  const number = new Intl.NumberFormat(i18n.resolvedLanguage === 'cy' ? 'cy-GB' : 'en-GB')
  return (
    <>
      <td>{number.format(figures.weightedRank)}</td>
      <td>
        {percent(figures.shareMostDeprived10)} / {percent(figures.shareMostDeprived20)}
      </td>
      <td>{thin ? t('deprivation.table.thinYes') : t('deprivation.table.thinNo')}</td>
    </>
  )
}

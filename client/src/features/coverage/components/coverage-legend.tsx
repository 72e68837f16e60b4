import { useTranslation } from 'react-i18next'
import { countClasses, depthClasses, notInDirectoryClass } from '../lib/choropleth'
import type { Measure } from '../lib/coverage-state'
import { Swatch } from './choropleth-patterns'

/** What each fill means: a patterned swatch and its words, for the measure shown, and who is counted. */
export function CoverageLegend({ measure, counted }: { measure: Measure; counted: string }) {
  const { t } = useTranslation()
  const items =
    measure === 'depth'
      ? depthClasses.map((c) => ({ c, text: t(`coverage.depth.${c.id as 'none'}`) }))
      : countClasses.map((c) => ({
          c,
          text:
            c.max === null
              ? t('coverage.legend.countAtLeast', { min: c.min })
              : c.min === c.max
                ? t('coverage.legend.countExactly', { count: c.min })
                : t('coverage.legend.countRange', { min: c.min, max: c.max }),
        }))
  items.push({ c: notInDirectoryClass, text: t('directoryScope.legend') })
  return (
    <section className="cov-legend" aria-labelledby="cov-legend-heading">
      <h2 id="cov-legend-heading">
        {measure === 'depth' ? t('coverage.legend.depthHeading') : t('coverage.legend.countHeading')}
      </h2>
      <p className="cov-legend-counted">{counted}</p>
      <ul>
        {items.map(({ c, text }) => (
          <li key={c.id}>
            <Swatch c={c} />
            {text}
          </li>
        ))}
      </ul>
      <p className="hint">{t('coverage.legend.hint')}</p>
    </section>
  )
}

import { useTranslation } from 'react-i18next'
import { useLocalised } from '../../../lib/use-localised'
import type { AreaProfile } from '../api/coverage-types'
import { classOf } from '../lib/choropleth'
import { Swatch } from './choropleth-patterns'

/** Functions × groups for one area: each cell shows how close the nearest provider is, and how many. */
export function CoverageMatrix({ matrix, areaName }: { matrix: AreaProfile['matrix']; areaName: string }) {
  const { t } = useTranslation()
  const { label } = useLocalised()
  const groupLabel = (group: string) =>
    group === 'generalist'
      ? t('coverage.groups.generalist')
      : (label('strands', group).split(' (')[0] ?? group)
  return (
    // A scrolling region must be reachable by keyboard (WCAG 2.1.1): focusable, and named by its caption.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region is scrolled with the keyboard once focused
    <section className="cov-matrix-scroll" tabIndex={0} aria-labelledby="cov-matrix-caption">
      <table className="cov-matrix">
        <caption id="cov-matrix-caption">{t('coverage.matrix.caption', { name: areaName })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('coverage.matrix.function')}</th>
            {matrix.groups.map((group) => (
              <th scope="col" key={group}>
                {groupLabel(group)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.functions.map((fn, row) => (
            <tr key={fn}>
              <th scope="row">{label('functions', fn)}</th>
              {matrix.groups.map((group, col) => {
                const cell = matrix.cells[row]?.[col] ?? { count: 0, depth: null }
                const c = classOf(cell, 'depth')
                return (
                  <td key={group} className={`cov-matrix-cell cov-class-${c.id}`}>
                    <Swatch c={c} size={14} />
                    <span>{cell.depth ? label('levels', cell.depth) : t('coverage.depth.none')}</span>
                    {cell.count > 0 ? <span className="cov-matrix-count"> ({cell.count})</span> : null}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

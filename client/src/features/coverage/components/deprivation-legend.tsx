import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { imdOverlayClasses } from '../lib/deprivation'

/** An outline swatch: the overlay's stroke, weight and dashes, drawn as the map draws them. */
function OutlineSwatch({
  stroke,
  weight,
  dashArray,
}: {
  stroke: string
  weight: number
  dashArray?: string
}) {
  return (
    <svg width="28" height="18" aria-hidden="true" focusable="false" className="cov-swatch">
      <rect
        x="2"
        y="2"
        width="24"
        height="14"
        fill="#ffffff"
        stroke={weight > 0 ? stroke : '#0b0c0c'}
        strokeWidth={weight > 0 ? weight : 0.8}
        strokeDasharray={dashArray}
      />
    </svg>
  )
}

/**
 * The deprivation overlay's switch and key: a checkbox (keyboard: Tab, Space) and, while it is on,
 * what each outline means, beside the fill's key, so the map reads "local depth vs deprivation".
 */
export function DeprivationLegend({ on, onChange }: { on: boolean; onChange(on: boolean): void }) {
  const { t } = useTranslation()
  const id = useId()
  const [high, mid] = imdOverlayClasses
  return (
    <section className="cov-legend cov-imd-legend" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="visually-hidden">
        {t('deprivation.overlay.heading')}
      </h2>
      <p>
        <input
          id={`${id}-toggle`}
          type="checkbox"
          checked={on}
          onChange={(e) => onChange(e.target.checked)}
        />{' '}
        <label htmlFor={`${id}-toggle`}>{t('deprivation.overlay.toggle')}</label>
      </p>
      {on ? (
        <>
          <ul>
            <li>
              <OutlineSwatch stroke={high.stroke} weight={high.weight} />
              {t('deprivation.overlay.high')}
            </li>
            <li>
              <OutlineSwatch stroke={mid.stroke} weight={mid.weight} dashArray={mid.dashArray} />
              {t('deprivation.overlay.mid')}
            </li>
            <li>
              <OutlineSwatch stroke="#0b0c0c" weight={0} />
              {t('deprivation.overlay.low')}
            </li>
            <li>
              <OutlineSwatch stroke="#0b0c0c" weight={0} />
              {t('deprivation.overlay.notApplicable')}
            </li>
          </ul>
          <p className="hint">{t('deprivation.overlay.hint')}</p>
        </>
      ) : null}
    </section>
  )
}

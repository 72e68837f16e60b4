import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { type MapLayer, mapLayerNames } from '../api/get-layer-areas'

interface LayerSwitcherProps {
  value: MapLayer
  onChange(layer: MapLayer): void
}

/** Radio group choosing which boundaries the map shows (arrow keys move between options). */
export function LayerSwitcher({ value, onChange }: LayerSwitcherProps) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <fieldset className="layer-switcher" aria-describedby={`${id}-note`}>
      <legend>{t('map.levels.legend')}</legend>
      <div className="layer-options">
        {mapLayerNames.map((layer) => (
          <label key={layer} className="layer-option">
            <input
              type="radio"
              name={`${id}-layer`}
              value={layer}
              checked={value === layer}
              onChange={() => onChange(layer)}
            />
            {t(`map.levels.${layer}`)}
          </label>
        ))}
      </div>
      <p id={`${id}-note`} className="hint">
        {t(`map.levelNotes.${value}`)}
      </p>
    </fieldset>
  )
}

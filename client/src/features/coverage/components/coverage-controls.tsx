import { useTranslation } from 'react-i18next'
import { useLocalised } from '../../../lib/use-localised'
import type { AreaOption } from '../api/coverage-types'
import { type AreaOptionGroup, areaOptionGroups } from '../api/get-area-options'
import {
  type CoverageState,
  countings,
  isStrandGroup,
  type MapLevel,
  mapLevels,
  measures,
} from '../lib/coverage-state'
import { useCountedWords } from './counted-words'

const levelRank = ['neighbourhood', 'local', 'subregional', 'regional', 'national']

interface CoverageControlsProps {
  state: CoverageState
  areaOptions: Record<AreaOptionGroup, AreaOption[]>
  onChange(next: Partial<CoverageState>): void
}

/** Level, area of interest, what support, for whom, and the measure the map shows. */
export function CoverageControls({ state, areaOptions, onChange }: CoverageControlsProps) {
  const { t } = useTranslation()
  const { taxonomy, areaName, label } = useLocalised()
  const counted = useCountedWords()
  const allOptions = areaOptionGroups.flatMap((g) => areaOptions[g])
  const withinLevel = allOptions.find((a) => a.code === state.within)?.level
  // An area of interest holds only areas at its own level or below.
  const levelAllowed = (level: MapLevel) =>
    withinLevel === undefined || levelRank.indexOf(level) <= levelRank.indexOf(withinLevel)

  const chooseWithin = (code: string) => {
    const area = allOptions.find((a) => a.code === code)
    const next: Partial<CoverageState> = { within: code || undefined, area: undefined }
    if (area && levelRank.indexOf(state.level) > levelRank.indexOf(area.level)) {
      next.level = area.level as MapLevel
    }
    onChange(next)
  }

  return (
    <form className="cov-controls" onSubmit={(e) => e.preventDefault()}>
      <div className="cov-field">
        <label htmlFor="cov-level">{t('coverage.controls.level')}</label>
        <select
          id="cov-level"
          value={state.level}
          onChange={(e) => onChange({ level: e.target.value as MapLevel, area: undefined })}
        >
          {mapLevels.map((level) => (
            <option key={level} value={level} disabled={!levelAllowed(level)}>
              {t(`coverage.levels.${level}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="cov-field">
        <label htmlFor="cov-within">{t('coverage.controls.within')}</label>
        <select id="cov-within" value={state.within ?? ''} onChange={(e) => chooseWithin(e.target.value)}>
          <option value="">{t('coverage.controls.everywhere')}</option>
          {areaOptionGroups.map((group) => (
            <optgroup key={group} label={t(`coverage.controls.areaGroups.${group}`)}>
              {[...areaOptions[group]]
                .sort((a, b) => areaName(a).localeCompare(areaName(b)))
                .map((area) => (
                  <option key={area.code} value={area.code}>
                    {areaName(area)}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="cov-field">
        <label htmlFor="cov-facet">{t('coverage.controls.facet')}</label>
        <select id="cov-facet" value={state.facet} onChange={(e) => onChange({ facet: e.target.value })}>
          <option value="any">{t('coverage.controls.anySupport')}</option>
          <optgroup label={t('coverage.controls.functions')}>
            {taxonomy?.functions.map((f) => (
              <option key={f.code} value={`function:${f.code}`}>
                {label('functions', f.code)}
              </option>
            ))}
          </optgroup>
          <optgroup label={t('coverage.controls.topics')}>
            {taxonomy?.topics.map((topic) => (
              <option key={topic.code} value={`topic:${topic.code}`}>
                {label('topics', topic.code)}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
      <div className="cov-field">
        <label htmlFor="cov-group">{t('coverage.controls.group')}</label>
        <select
          id="cov-group"
          value={state.group}
          aria-describedby="cov-group-counted"
          onChange={(e) => onChange({ group: e.target.value })}
        >
          <option value="generalist">{t('coverage.groups.generalist')}</option>
          <option value="any">{t('coverage.groups.any')}</option>
          <optgroup label={t('coverage.controls.strands')}>
            {taxonomy?.strands.map((s) => (
              <option key={s.code} value={s.code}>
                {label('strands', s.code)}
              </option>
            ))}
          </optgroup>
        </select>
        <p id="cov-group-counted" className="hint">
          {counted(state)}
        </p>
      </div>
      {isStrandGroup(state.group) ? (
        <fieldset className="cov-field cov-counting">
          <legend>{t('coverage.controls.counting')}</legend>
          {countings.map((c) => (
            <label key={c} className="layer-option">
              <input
                type="radio"
                name="cov-counting"
                value={c}
                checked={state.counting === c}
                onChange={() => onChange({ counting: c })}
              />
              {t(`coverage.countings.${c}`)}
            </label>
          ))}
        </fieldset>
      ) : null}
      <fieldset className="cov-field cov-measure">
        <legend>{t('coverage.controls.measure')}</legend>
        {measures.map((m) => (
          <label key={m} className="layer-option">
            <input
              type="radio"
              name="cov-measure"
              value={m}
              checked={state.measure === m}
              onChange={() => onChange({ measure: m })}
            />
            {t(`coverage.controls.measures.${m}`)}
          </label>
        ))}
      </fieldset>
    </form>
  )
}

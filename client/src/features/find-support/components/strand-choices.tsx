import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { type StrandTerm, type Taxonomy, termLabel } from '../../../lib/taxonomy'

interface StrandChoicesProps {
  taxonomy: Taxonomy | undefined
  selected: string[]
  onChange(next: string[]): void
  language: string
}

/**
 * "Who does your group work with?": any number of strands, as checkboxes styled as chips
 * (a native control keeps the keyboard and screen reader behaviour people already know).
 */
export function StrandChoices({ taxonomy, selected, onChange, language }: StrandChoicesProps) {
  const { t } = useTranslation()
  const id = useId()
  const strands = taxonomy?.strands ?? []
  const groups: Array<{ key: 'protected' | 'other'; terms: StrandTerm[] }> = [
    { key: 'protected', terms: strands.filter((s) => s.protectedCharacteristic) },
    { key: 'other', terms: strands.filter((s) => !s.protectedCharacteristic) },
  ]
  const toggle = (code: string, on: boolean) =>
    onChange(on ? [...selected.filter((c) => c !== code), code] : selected.filter((c) => c !== code))

  return (
    <fieldset className="question strand-choices" aria-describedby={`${id}-hint`}>
      <legend className="question-label">
        {t('findSupport.strands.legend')} <span className="optional">{t('findSupport.need.optional')}</span>
      </legend>
      <p className="hint" id={`${id}-hint`}>
        {t('findSupport.strands.hint')}
      </p>
      {groups.map((group) =>
        group.terms.length > 0 ? (
          <div key={group.key} className="chip-group">
            <p className="chip-group-label" id={`${id}-${group.key}`}>
              {t(`findSupport.strands.${group.key}`)}
            </p>
            <ul className="chips" aria-labelledby={`${id}-${group.key}`}>
              {group.terms.map((strand) => {
                const checked = selected.includes(strand.code)
                return (
                  <li key={strand.code}>
                    <label className="chip" data-checked={checked || undefined}>
                      <input
                        type="checkbox"
                        name="strand"
                        value={strand.code}
                        checked={checked}
                        onChange={(event) => toggle(strand.code, event.target.checked)}
                      />
                      <span>{termLabel(strand, language)}</span>
                    </label>
                  </li>
                )
              })}
            </ul>
          </div>
        ) : null,
      )}
    </fieldset>
  )
}

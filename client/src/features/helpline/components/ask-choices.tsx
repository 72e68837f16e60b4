import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type Taxonomy, termLabel } from '../../../lib/taxonomy'
import { ChipGroup } from './chip-group'

/** Languages offered as chips before any is chosen: Welsh and British Sign Language. */
const FIRST_LANGUAGES = ['cy', 'bfi']
/** Assumed when nothing is asked for, so never offered as a choice. */
const DEFAULT_LANGUAGE = 'en'

type Field = 'strands' | 'languages' | 'formats'

interface AskChoicesProps {
  taxonomy: Taxonomy
  selected: Record<Field, readonly string[]>
  onToggle(field: Field, code: string): void
  onSubmit(): void
}

/**
 * For whom, in which language and in which format: three chip groups, each one tab stop and
 * keyboard-operated alike. Languages beyond Welsh and BSL are added from a list, then shown as chips.
 */
export function AskChoices({ taxonomy, selected, onToggle, onSubmit }: AskChoicesProps) {
  const { t, i18n } = useTranslation()
  const language = i18n.resolvedLanguage ?? i18n.language
  const id = useId()
  const [another, setAnother] = useState('')
  const shownLanguages = taxonomy.languages.filter(
    (term) => FIRST_LANGUAGES.includes(term.code) || selected.languages.includes(term.code),
  )
  const otherLanguages = taxonomy.languages
    .filter((term) => term.code !== DEFAULT_LANGUAGE && !shownLanguages.includes(term))
    .sort((a, b) => termLabel(a, language).localeCompare(termLabel(b, language), language))

  return (
    <>
      <ChipGroup
        terms={taxonomy.strands}
        selected={selected.strands}
        onToggle={(code) => onToggle('strands', code)}
        onSubmit={onSubmit}
        legend={t('helpline.form.strands')}
        hint={t('helpline.form.strandsHint')}
      />
      <div className="helpline-access">
        <ChipGroup
          terms={shownLanguages}
          selected={selected.languages}
          onToggle={(code) => onToggle('languages', code)}
          onSubmit={onSubmit}
          legend={t('helpline.form.languages')}
          hint={t('helpline.form.languagesHint')}
          className="helpline-strands helpline-languages"
        >
          <div className="helpline-another-language">
            <label htmlFor={`${id}-another`}>{t('helpline.form.anotherLanguage')}</label>
            <select
              id={`${id}-another`}
              value={another}
              onChange={(event) => setAnother(event.target.value)}
              onKeyDown={(event) => {
                // Enter adds the language shown; it does not submit the form.
                if (event.key === 'Enter' && another) {
                  event.preventDefault()
                  onToggle('languages', another)
                  setAnother('')
                }
              }}
            >
              <option value="">{t('helpline.form.anotherLanguageNone')}</option>
              {otherLanguages.map((term) => (
                <option key={term.code} value={term.code}>
                  {termLabel(term, language)}
                </option>
              ))}
            </select>
            <button
              type="button"
              disabled={!another}
              onClick={() => {
                onToggle('languages', another)
                setAnother('')
              }}
            >
              {t('helpline.form.addLanguage')}
            </button>
          </div>
        </ChipGroup>
        <ChipGroup
          terms={taxonomy.formats}
          selected={selected.formats}
          onToggle={(code) => onToggle('formats', code)}
          onSubmit={onSubmit}
          legend={t('helpline.form.formats')}
          hint={t('helpline.form.formatsHint')}
          className="helpline-strands helpline-formats"
        />
      </div>
    </>
  )
}
